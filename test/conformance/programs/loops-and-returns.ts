// return from inside nested loops and switches, and loop conditions that
// need work before the test (calls, string indexing) on each pass.
import { print } from "@solstice/std";

function findPair(items: number[], sum: number): string {
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (items[i] + items[j] === sum) return `${i}+${j}`;
    }
  }
  return "none";
}

function firstCommand(lines: string[]): string {
  for (const line of lines) {
    switch (line.trim()) {
      case "":
        continue;
      case "#":
        break;
      default:
        return line.trim();
    }
  }
  return "";
}

function skipSpaces(text: string): number {
  let i = 0;
  while (i < text.length && text[i] === " ") i++;
  return i;
}

function lengthOfRun(text: string): number {
  let n = 0;
  do {
    n++;
  } while (n < text.length && text[n] === text[0]);
  return n;
}

export async function main(args: string[]): Promise<number> {
  const items = [3, 9, 4, 7, 1];
  print(`${findPair(items, 11)} ${findPair(items, 8)} ${findPair(items, 100)}`);
  print(`[${firstCommand(["", "  ", "#", " run it ", "later"])}] [${firstCommand(["#", ""])}]`);
  print(`${skipSpaces("   x")} ${skipSpaces("")} ${skipSpaces("   ")}`);
  print(`${lengthOfRun("aaab")} ${lengthOfRun("x")} ${lengthOfRun("zz")}`);
  return 0;
}
