// expect-error: 5:18 string[] in a template literal is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print(`args: ${args}`);
  return 0;
}
