// while loops with break and continue, conditions that call functions, and
// a loop that never runs.
import { print } from "@solstice/std";

function below(n: number, limit: number): boolean {
  return n < limit;
}

export async function main(args: string[]): Promise<number> {
  let i = 0;
  let out = "";
  while (i < 10) {
    i++;
    if (i % 3 === 0) continue;
    if (i === 8) break;
    out += String(i);
  }
  print(out);
  let n = 0;
  while (below(n, 4)) n += 1;
  print(String(n));
  while (false) print("never");
  let k = 100;
  while (k > 0 && k % 7 !== 0) k--;
  print(String(k));
  let outer = 0;
  let pairs = "";
  while (outer < 3) {
    let inner = 0;
    while (true) {
      if (inner > outer) break;
      pairs += `${outer}${inner} `;
      inner++;
    }
    outer++;
  }
  print(pairs);
  return 0;
}
