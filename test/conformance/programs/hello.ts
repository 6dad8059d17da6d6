// The smallest program: print and return a status.
// exit: 3
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print("hello, world");
  print(`${args.length} arguments`);
  return 3;
}
