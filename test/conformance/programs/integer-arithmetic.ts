// Integer arithmetic: + - * %, unary minus, precedence and parentheses,
// negative operands, and values near the 32-bit limit mksh and posh keep.
import { print } from "@solstice/std";

function neg(n: number): number {
  return -n;
}

export async function main(args: string[]): Promise<number> {
  const a = 17;
  const b = -5;
  print(`${a + b} ${a - b} ${a * b} ${b * b} ${-a} ${-b} ${neg(b)} ${-(-a)}`);
  print(`${2 + 3 * 4} ${(2 + 3) * 4} ${2 - 3 - 4} ${2 - (3 - 4)} ${10 - 2 * 3 + 1}`);
  print(`${a % 5} ${-a % 5} ${a % -5} ${-a % -5} ${b % 3} ${0 % 7} ${-10 % 5}`);
  print(`${1 - -1} ${3 * -2} ${-(3 - 10)} ${a - -b}`);
  const big = 2147483647;
  const small = -2147483647;
  print(`${big} ${small} ${big - 1} ${small + 1} ${big + small}`);
  print(`${46340 * 46340} ${0 * -1} ${-0}`);
  const x = 0x1f;
  const y = 1_000;
  print(`${x} ${y} ${1e3}`);
  let n = 5;
  n = n * n - n;
  print(String(n));
  return 0;
}
