// trim also removes NBSP (0xA0, white space in a Latin-1 string) but not
// 0x85 (NEL, which JavaScript does not call white space) or the bytes of a
// UTF-8 NBSP (C2 A0) that do not stand at an end.
// bytes: non-ascii
import { print } from "@solstice/std";

function show(label: string, text: string): void {
  const t = text.trim();
  print(`${label}: [${t}] ${text.length} -> ${t.length}`);
}

export async function main(args: string[]): Promise<number> {
  show("nbsp", "\xA0a\xA0");
  show("mixed", " \t\xA0\n mid\xA0dle \xA0\r\xA0");
  show("only nbsp", "\xA0\xA0");
  show("nel kept", "\x85a\x85");
  show("utf8 nbsp", "\xC2\xA0a\xC2\xA0");
  show("other high bytes kept", "\xA1a\x9F");
  return 0;
}
