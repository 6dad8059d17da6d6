// expect-error: 6:14 recursion (factorial → factorial) is not supported in portable code
import { print } from "@solstice/std";

function factorial(n: number): number {
  if (n <= 1) return 1;
  return n * factorial(n - 1);
}

export async function main(args: string[]): Promise<number> {
  print(String(factorial(5)));
  return 0;
}
