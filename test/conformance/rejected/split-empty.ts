// expect-error: 5:31 'split' with an empty string is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const letters = "abc".split("");
  print(letters.join(","));
  return 0;
}
