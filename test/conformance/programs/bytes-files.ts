// readFile and readLines hand over a file's bytes as they are, UTF-8 or not.
// bytes: non-ascii
import { byteAt0, print, readFile, readLines } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const path = "test/conformance/data/bytes.txt";
  const text = readFile(path);
  print(`${text.length} bytes`);
  let codes = "";
  for (const c of text) codes += `${byteAt0(c)} `;
  print(codes);
  const lines = readLines(path);
  for (const line of lines) print(`[${line}] ${line.length}`);
  print(text);
  return 0;
}
