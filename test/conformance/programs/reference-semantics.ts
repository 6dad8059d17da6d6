// Arrays and records are references, as in JavaScript: a function that
// pushes or assigns through a parameter changes what the caller sees, and
// two variables can hold the same array; === compares references.
import { print } from "@solstice/std";

interface Counter {
  count: number;
  history: string[];
}

function bump(c: Counter, note: string): void {
  c.count++;
  c.history.push(note);
}

function fill(items: string[], n: number): void {
  for (let i = 0; i < n; i++) items.push(String(i));
}

function replaceFirst(items: string[], value: string): void {
  items[0] = value;
}

function fresh(items: string[]): string[] {
  items = ["new"];
  return items;
}

export async function main(args: string[]): Promise<number> {
  const c: Counter = { count: 0, history: [] };
  bump(c, "a");
  bump(c, "b");
  print(`${c.count} ${c.history.join("")}`);
  const items: string[] = [];
  fill(items, 3);
  const alias = items;
  alias.push("x");
  replaceFirst(items, "first");
  print(`${items.join(",")} ${alias.length}`);
  const other = fresh(items);
  print(`${items.join(",")} ${other.join(",")}`);
  const copy = items.slice();
  copy.push("only in copy");
  print(`${items.length} ${copy.length}`);
  const shared: Counter[] = [c, c];
  shared[0].count = 100;
  print(String(shared[1].count + c.count));
  const same = items;
  const equal = ["first", "1", "2", "x"];
  print(`${same === items} ${equal === items} ${equal !== items} ${shared[0] === c}`);
  return 0;
}
