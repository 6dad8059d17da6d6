// join with every kind of separator, and Array.prototype.slice with
// negative and out-of-range bounds (it copies: the original is untouched).
import { print } from "@solstice/std";

function show(items: string[], start: number, end: number): void {
  print(`slice(${start}, ${end}) = [${items.slice(start, end).join(",")}]`);
}

export async function main(args: string[]): Promise<number> {
  const items = ["a", "b", "c", "d"];
  print(items.join(""));
  print(items.join(", "));
  print(items.join("\n"));
  print(items.join("$IFS"));
  print(items.join("*"));
  print(["", ""].join("-"));
  print([""].join("-"));
  const bounds = [-10, -4, -1, 0, 2, 4, 9];
  for (const s of bounds) {
    print(`slice(${s}) = [${items.slice(s).join(",")}]`);
    for (const e of bounds) show(items, s, e);
  }
  print(`[${items.slice().join(",")}]`);
  const part = items.slice(1, 3);
  part[0] = "changed";
  print(`${items.join("")} ${part.join("")}`);
  return 0;
}
