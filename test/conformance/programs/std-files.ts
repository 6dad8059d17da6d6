// readFile and readLines on the files in test/conformance/data (the tests
// run from the project's root): final newline or not, empty files, empty
// lines, CR LF, tabs, backslashes (bytes-files.ts reads UTF-8 and other
// high bytes).
import { print, readFile, readLines } from "@solstice/std";

const DATA = "test/conformance/data/";

function visible(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll("\r", "\\r").replaceAll("\t", "\\t").replaceAll("\n", "\\n");
}

function showFile(name: string): void {
  const text = readFile(DATA + name);
  print(`${name}: ${text.length} bytes [${visible(text)}]`);
  const lines = readLines(DATA + name);
  print(`  ${lines.length} lines`);
  for (const line of lines) print(`  <${visible(line)}> ${line.length}`);
}

export async function main(args: string[]): Promise<number> {
  const names = ["mixed.txt", "empty.txt", "one-newline.txt", "trailing-newlines.txt", "no-newline.txt", "with space.txt"];
  for (const name of names) showFile(name);
  const mixed = readLines(DATA + "mixed.txt");
  print(mixed[3].trim());
  print(`${mixed[6].indexOf(" ")} ${mixed[6].slice(0, 5)} ${mixed[6].endsWith("\r")}`);
  return 0;
}
