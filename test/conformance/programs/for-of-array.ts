// for-of over arrays: elements pushed during the loop are visited, break
// and continue, nested loops, empty arrays, and arrays from calls.
import { print } from "@solstice/std";

function letters(): string[] {
  return ["p", "q"];
}

export async function main(args: string[]): Promise<number> {
  const queue = ["a", "b"];
  let seen = "";
  for (const item of queue) {
    seen += item;
    if (item === "a") queue.push("c");
    if (item === "c") queue.push("d");
  }
  print(`${seen} ${queue.length}`);
  const numbers = [1, 2, 3, 4, 5, 6];
  let sum = 0;
  for (const n of numbers) {
    if (n === 2) continue;
    if (n === 5) break;
    sum += n;
  }
  print(String(sum));
  const empty: string[] = [];
  for (const e of empty) print(`never ${e}`);
  let grid = "";
  for (const row of ["1", "2"]) {
    for (const col of letters()) grid += row + col + " ";
  }
  print(grid);
  const odd = [" a ", "", "*", "-n", "x\ny"];
  let shown = "";
  for (const o of odd) shown += `<${o}>`;
  print(shown);
  return 0;
}
