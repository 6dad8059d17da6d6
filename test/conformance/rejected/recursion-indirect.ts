// expect-error: 9:28 recursion (isEven → isOdd → isEven) is not supported in portable code
import { print } from "@solstice/std";

function isEven(n: number): boolean {
  return n === 0 ? true : isOdd(n - 1);
}

function isOdd(n: number): boolean {
  return n === 0 ? false : isEven(n - 1);
}

export async function main(args: string[]): Promise<number> {
  print(String(isEven(4)));
  return 0;
}
