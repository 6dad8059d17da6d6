// Arrays of records and records holding arrays, built up in loops.
import { print } from "@solstice/std";

interface Entry {
  name: string;
  tags: string[];
  size: number;
}

function entry(name: string, size: number): Entry {
  return { name, tags: [], size };
}

function total(entries: Entry[]): number {
  let sum = 0;
  for (const e of entries) sum += e.size;
  return sum;
}

export async function main(args: string[]): Promise<number> {
  const entries: Entry[] = [];
  const names = ["a b", "", "c*"];
  for (let i = 0; i < names.length; i++) {
    const e = entry(names[i], i * 10);
    e.tags.push(`t${i}`);
    if (i > 0) e.tags.push("extra");
    entries.push(e);
  }
  for (const e of entries) print(`[${e.name}] ${e.size} ${e.tags.length}:${e.tags.join(",")}`);
  print(String(total(entries)));
  entries[1].name = "renamed";
  entries[2].tags[0] = "first";
  print(`${entries[1].name} ${entries[2].tags.join(",")}`);
  const grid: Entry[][] = [[entry("x", 1)], [entry("y", 2), entry("z", 3)]];
  let names2 = "";
  for (const row of grid) {
    for (const cell of row) names2 += cell.name;
  }
  print(`${names2} ${grid[1][1].size}`);
  return 0;
}
