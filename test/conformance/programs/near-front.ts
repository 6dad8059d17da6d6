// The short forms a scanner uses at the front of a string: slice from a
// small start (0 to 5, on strings shorter and longer than it), the byte at
// a literal index (charAt and [] near the front, and past the end), and
// dropPrefix with prefixes holding pattern characters, which must match
// literally.
// bytes: non-ascii
import { dropPrefix, print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const samples = ["", "a", "ab", "abc", "abcd", "abcde", "abcdef", "\n\nx", "*?[", "caf\xC3\xA9"];
  for (const text of samples) {
    const sliced: string[] = [];
    for (let k = 0; k <= 5; k++) sliced.push("<" + text.slice(k) + ">");
    print(sliced.join(" "));
    print("<" + text.charAt(0) + "><" + text.charAt(1) + "><" + text.charAt(2) + "><" + text.charAt(3) + "><" + text.charAt(4) + ">");
    // Past the end, [] is undefined in JavaScript and not portable (docs/subset.md).
    if (text.length >= 4) print("<" + text[0] + "><" + text[1] + "><" + text[2] + "><" + text[3] + "> " + String(text.slice(1).length));
  }
  const prefixes = ["", "a", "ab", "*", "?", "[a]", "\\", "x", "abc*"];
  const texts = ["abc", "*abc", "?x", "[a]b", "ab\\c", "\\n", "abc*d", ""];
  for (const text of texts) {
    const out: string[] = [];
    for (const prefix of prefixes) out.push("<" + dropPrefix(text, prefix) + ">");
    print(out.join(" "));
  }
  return 0;
}
