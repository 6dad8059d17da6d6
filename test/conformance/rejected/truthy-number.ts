// expect-error: 6:10 a condition must be a boolean, not number
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  let n = args.length;
  while (n) n--;
  print(String(n));
  return 0;
}
