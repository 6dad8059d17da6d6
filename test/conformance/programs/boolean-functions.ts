// Functions returning boolean (an exit status in sh): used as conditions,
// stored, negated, combined, returned from other boolean functions.
import { print } from "@solstice/std";

function isEven(n: number): boolean {
  return n % 2 === 0;
}

function isSmallEven(n: number): boolean {
  return isEven(n) && n < 10;
}

function neither(a: boolean, b: boolean): boolean {
  return !a && !b;
}

function always(): boolean {
  return true;
}

function check(n: number): boolean {
  if (n < 0) return false;
  for (let i = 0; i < n; i++) {
    if (i === 5) return true;
  }
  return isEven(n);
}

export async function main(args: string[]): Promise<number> {
  let line = "";
  for (let i = -2; i < 13; i++) line += `${i}:${isSmallEven(i) ? "y" : "n"}${check(i) ? "c" : "-"} `;
  print(line);
  const stored = isEven(4);
  const negated = !isEven(4);
  print(`${stored} ${negated} ${neither(stored, negated)} ${neither(false, false)}`);
  if (always()) print("always");
  if (!always()) print("never");
  const flags = [isEven(1), isEven(2), always()];
  print(flags.join(","));
  print(String(isEven(3) === isEven(5)));
  return 0;
}
