// trim removes exactly what JavaScript calls white space at both ends: tab,
// LF, VT, FF, CR and space, not other control bytes (bytes-trim.ts has the
// one byte above 0x7F that is white space, NBSP).
import { print } from "@solstice/std";

function show(label: string, text: string): void {
  const t = text.trim();
  print(`${label}: [${t}] ${text.length} -> ${t.length}`);
}

export async function main(args: string[]): Promise<number> {
  show("plain", "abc");
  show("empty", "");
  show("spaces", "   ");
  show("both", "  a b  ");
  show("tab", "\ta\t");
  show("newline", "\na\n");
  show("vtab", "\va\v");
  show("formfeed", "\fa\f");
  show("cr", "\ra\r");
  show("all kinds", " \t\n\v\f\r mid dle\r\f\v\n\t ");
  show("only whitespace", " \t\n\v\f\r");
  show("control kept", "\x01a\x1f");
  show("inner kept", "a \t\n b");
  show("star", " * ");
  show("brackets", " [!x] ");
  show("backslash", " \\ ");
  return 0;
}
