// Functions of each result kind (void, string, number, boolean, array,
// record), early returns, parameters of every type and more than nine of
// them ($10 is not the tenth in sh), and the same local names in different
// functions.
import { print } from "@solstice/std";

interface Pair {
  left: string;
  right: number;
}

function greet(name: string): void {
  if (name === "") {
    print("nobody to greet");
    return;
  }
  print(`hello ${name}`);
}

function firstWord(text: string): string {
  const space = text.indexOf(" ");
  if (space < 0) return text;
  return text.slice(0, space);
}

function square(n: number): number {
  return n * n;
}

function isShort(text: string): boolean {
  return text.length < 4;
}

function range(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(i);
  return out;
}

function pair(left: string, right: number): Pair {
  return { left, right };
}

function describe(p: Pair, flags: boolean[], words: string[]): string {
  const text = `${p.left}=${p.right}`;
  return `${text} ${flags.length} ${words.join("/")}`;
}

function noResult(): void {}

function many(a: string, b: string, c: string, d: string, e: string, f: string, g: string, h: string, i: string, j: string, k: number, l: boolean): string {
  return `${a}${b}${c}${d}${e}${f}${g}${h}${i}|${j}|${k}|${l}`;
}

export async function main(args: string[]): Promise<number> {
  greet("world");
  greet("");
  print(firstWord("one two three") + "|" + firstWord("single") + "|" + firstWord(" lead"));
  print(String(square(-7)));
  print(`${isShort("abc")} ${isShort("abcd")}`);
  print(range(5).join(","));
  print(String(range(0).length));
  const p = pair("k", 9);
  print(describe(p, [true, false], ["a", "b"]));
  print(describe(pair("", -1), [], []));
  noResult();
  print(many("1", "2", "3", "4", "5", "6", "7", "8", "9", "ten", 11, true));
  const text = "local names do not clash";
  print(firstWord(text));
  return 0;
}
