// expect-error: 5:3 a nested function is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  function inner(): string {
    return "closure over args" + args.length;
  }
  print(inner());
  return 0;
}
