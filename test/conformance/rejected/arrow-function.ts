// expect-error: 5:17 a function expression is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const twice = (s: string): string => s + s;
  print(twice("a"));
  return 0;
}
