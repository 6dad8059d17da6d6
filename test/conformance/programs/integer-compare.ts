// Ordering and equality of integers, including negatives and zero.
import { print } from "@solstice/std";

function compare(a: number, b: number): void {
  const marks = [a < b, a <= b, a > b, a >= b, a === b, a !== b];
  let line = `${a} ? ${b}:`;
  for (const m of marks) line += m ? " T" : " F";
  print(line);
}

export async function main(args: string[]): Promise<number> {
  const values = [-10, -1, 0, 1, 9, 10];
  for (const a of values) {
    for (const b of values) compare(a, b);
  }
  const n = 3 * 3;
  if (n === 9 && n - 9 === 0 && !(n < 0)) print("nine");
  return 0;
}
