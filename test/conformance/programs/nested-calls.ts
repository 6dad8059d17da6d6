// Calls as arguments of calls: arguments run left to right, each result is
// kept apart from the others, and the same function called twice in one
// expression gives two results.
import { print } from "@solstice/std";

function tag(log: string[], name: string, value: number): number {
  log.push(name);
  return value;
}

function add(a: number, b: number): number {
  return a + b;
}

function wrap(left: string, inner: string, right: string): string {
  return left + inner + right;
}

function upper(s: string): string {
  return s === "a" ? "A" : s === "b" ? "B" : s;
}

export async function main(args: string[]): Promise<number> {
  const log: string[] = [];
  const total = add(tag(log, "x", 1), add(tag(log, "y", 2), tag(log, "z", 3)));
  print(`${total} ${log.join("")}`);
  print(wrap(upper("a"), wrap("(", upper("b"), ")"), upper("c")));
  print(String(add(add(1, 2), add(3, add(4, 5)))));
  print(`${upper("a")}${upper("b")}${upper("a")}`);
  print(String(add(tag(log, "p", 10), tag(log, "q", 20)) * add(1, 1)));
  print(log.join(""));
  return 0;
}
