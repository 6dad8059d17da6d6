// Benchmark program: read a text file line by line and look at every byte,
// counting double quotes — once with for-of over each line, once with
// indexing (line[i]), the two ways portable code scans text.
import { print, readLines } from "@solstice/std";

function countByIteration(lines: string[]): number {
  let quotes = 0;
  for (const line of lines) {
    for (const c of line) {
      if (c === '"') quotes++;
    }
  }
  return quotes;
}

function countByIndex(lines: string[]): number {
  let quotes = 0;
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) {
      if (line[i] === '"') quotes++;
    }
  }
  return quotes;
}

export async function main(args: string[]): Promise<number> {
  const lines = readLines(args[1]);
  const count = args[0] === "index" ? countByIndex(lines) : countByIteration(lines);
  print(`${count} quotes`);
  return 0;
}
