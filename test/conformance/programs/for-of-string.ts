// for-of over a string visits each byte, including glob characters,
// newlines and backslashes (bytes-literals.ts walks UTF-8 text).
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  let out = "";
  for (const c of "a*?[]\\ \n$'\"") out += c === "\n" ? "<NL>" : `<${c}>`;
  print(out);
  let count = 0;
  for (const c of "") count += c.length;
  print(`empty: ${count}`);
  let vowels = 0;
  for (const c of "continue and break") {
    if (c === " ") continue;
    if (c === "b") break;
    if ("aeiou".includes(c)) vowels++;
  }
  print(`vowels ${vowels}`);
  let reversed = "";
  for (const c of "stressed") reversed = c + reversed;
  print(reversed);
  const text = "ab";
  for (const c of text) {
    for (const d of text) out = c + d;
  }
  print(out);
  return 0;
}
