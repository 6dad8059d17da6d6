// allBytesIn: every byte of a string in a class of bytes and ranges, as
// the runner checks names, hex digits and keys; the empty string is in
// every class; bytes that are pattern syntax elsewhere (* ? . $) are plain.
// bytes: non-ascii
import { allBytesIn, charFromByte, print } from "@solstice/std";

function show(text: string, byteClass: string): void {
  print(`<${text}> in [${byteClass}]: ${allBytesIn(text, byteClass)}`);
}

export async function main(args: string[]): Promise<number> {
  const name = "A-Za-z0-9_";
  show("PATH", name);
  show("_x1", name);
  show("a-b", name);
  show("", name);
  show("a b", name);
  show("caf\xE9", name);
  const hex = "0-9a-f";
  show("deadbeef", hex);
  show("DEADBEEF", hex);
  show("0x1f", hex);
  show("a-b.c", "a-z.-");
  show("a*?", "a*?");
  show("ab", "a*?");
  show("$x", "$x");
  show("x\ty", "xy\t");
  show("\xE9\xFF", "\x80-\xFF");
  show("\xE9~", "\x80-\xFF");
  show("a\nb", "ab");
  let count = 0;
  for (let code = 32; code < 127; code++) {
    if (allBytesIn(charFromByte(code), " -/:-@")) count++;
  }
  print(`${count} of the printable bytes are punctuation below 'A'`);
  return 0;
}
