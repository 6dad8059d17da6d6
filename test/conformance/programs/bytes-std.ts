// charFromByte and byteAt0 for every byte 1..255, and strings built from
// them: lengths, round trips, and printing them back out.
// bytes: non-ascii
import { byteAt0, charFromByte, print, write } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  let all = "";
  let bad = 0;
  for (let code = 1; code < 256; code++) {
    const c = charFromByte(code);
    if (c.length !== 1 || byteAt0(c) !== code) {
      bad++;
      print(`byte ${code}: length ${c.length} back ${byteAt0(c)}`);
    }
    all += c;
  }
  print(`${all.length} bytes, ${bad} bad`);
  print(`${byteAt0("")} ${byteAt0("A")} ${byteAt0("\n")} ${byteAt0("\xff\x01")} ${byteAt0(all.slice(199))}`);
  print(`${all.indexOf("A")} ${all.indexOf("\xC3")} ${all.slice(64, 70)}`);
  write(all);
  print("");
  return 0;
}
