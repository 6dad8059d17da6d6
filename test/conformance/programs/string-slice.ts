// String.prototype.slice with JavaScript's rules for negative and
// out-of-range bounds, and length in bytes.
import { print } from "@solstice/std";

function show(text: string, start: number, end: number): void {
  print(`[${text}].slice(${start}, ${end}) = [${text.slice(start, end)}]`);
}

function showFrom(text: string, start: number): void {
  print(`[${text}].slice(${start}) = [${text.slice(start)}]`);
}

export async function main(args: string[]): Promise<number> {
  const text = "hello world";
  print(`length ${text.length} ${"".length} ${"\n".length}`);
  const starts = [-20, -11, -5, -1, 0, 1, 5, 10, 11, 12, 100];
  const ends = [-20, -1, 0, 3, 11, 50];
  for (const s of starts) {
    showFrom(text, s);
    for (const e of ends) show(text, s, e);
  }
  showFrom("", 0);
  showFrom("", -1);
  show("", 0, 5);
  show("a*b?c", 1, 4);
  show("[x]", 0, 1);
  show("a\nb\nc", 1, -1);
  show("  spaced  ", 1, -1);
  show("-n", 0, 2);
  show("back\\slash", 4, 6);
  return 0;
}
