// String() and templates turn numbers and booleans into the text JavaScript
// gives them (no "-0", no leading zeros, true/false).
import { print } from "@solstice/std";

function isEven(n: number): boolean {
  return n % 2 === 0;
}

export async function main(args: string[]): Promise<number> {
  print(String(0) + String(-0) + String(0 * -5) + String(Math.trunc(-1 / 2)) + String(-4 % 2));
  print(String(-12) + "|" + String(7) + "|" + String(2147483647));
  print(String(true) + " " + String(false) + " " + String(isEven(4)) + " " + String(isEven(3)));
  const flag = isEven(10);
  print(`${flag}:${!flag}:${flag && isEven(1)}:${flag || isEven(1)}`);
  print(String("text"));
  const n = 5;
  print(`${n}${n}` + String(n) + n);
  return 0;
}
