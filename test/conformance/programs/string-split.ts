// split with a string separator: at the ends, adjacent, absent, longer than
// one byte, made of glob characters, on the empty string, and an empty
// separator that only shows up at run time (the literal "" is refused).
import { print } from "@solstice/std";

function show(text: string, sep: string): void {
  const parts = text.split(sep);
  print(`[${text}] by [${sep}]: ${parts.length} <${parts.join("|")}>`);
}

function nothing(): string {
  return "";
}

export async function main(args: string[]): Promise<number> {
  show("a,b,c", ",");
  show(",a,b,", ",");
  show("a,,b", ",");
  show(",,", ",");
  show(",", ",");
  show("", ",");
  show("abc", ",");
  show("a::b:::c", "::");
  show("::", "::");
  show(":::", "::");
  show("a*b*c", "*");
  show("a?b", "?");
  show("x[a]y[a]", "[a]");
  show("xay", "[a]");
  show("a\\b\\c", "\\");
  show("one\ntwo\n", "\n");
  show("a b  c", " ");
  show("a-n-b", "-n");
  show("$a$b", "$");
  show("aaaa", "aa");
  show("aaa", "aa");
  show("abcabc", "abcabc");
  const none = nothing();
  show("abc", none);
  show("", none);
  const fields = "k=v=w".split("=");
  print(`${fields[0]} then ${fields[1]} then ${fields[2]}`);
  return 0;
}
