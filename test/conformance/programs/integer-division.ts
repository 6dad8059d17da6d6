// Math.trunc(a / b) truncates toward zero, and % keeps the dividend's sign,
// for every mix of signs.
import { print } from "@solstice/std";

function divide(a: number, b: number): void {
  print(`${a} / ${b} = ${Math.trunc(a / b)} rem ${a % b}`);
}

export async function main(args: string[]): Promise<number> {
  const values = [7, -7, 6, -6, 1, -1, 0];
  const divisors = [2, -2, 3, -3, 7, 1, -1, 8];
  for (const a of values) {
    for (const d of divisors) divide(a, d);
  }
  const total = 100;
  const parts = 7;
  print(`${Math.trunc(total / parts) * parts + (total % parts)}`);
  print(`${Math.trunc((total + parts - 1) / parts)}`);
  print(`${Math.trunc(-total / (parts - 10))}`);
  return 0;
}
