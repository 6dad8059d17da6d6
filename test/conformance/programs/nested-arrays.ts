// Arrays of arrays, and arrays of numbers and booleans built in loops.
import { print } from "@solstice/std";

function table(rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: number[] = [];
    for (let c = 0; c < cols; c++) row.push(r * cols + c);
    out.push(row);
  }
  return out;
}

export async function main(args: string[]): Promise<number> {
  const t = table(3, 4);
  for (const row of t) print(row.join(" "));
  t[1][2] = -1;
  print(`${t[1].join(",")} ${t.length} ${t[2].length}`);
  const words: string[][] = [["a", "b"], [], ["c"]];
  words[1].push("late");
  let all = "";
  for (const w of words) all += `(${w.join("")})`;
  print(all);
  const lines = "k1=v1;k2=v2;k3".split(";");
  const pairs: string[][] = [];
  for (const line of lines) pairs.push(line.split("="));
  for (const p of pairs) print(`${p.length}: ${p.join(" -> ")}`);
  return 0;
}
