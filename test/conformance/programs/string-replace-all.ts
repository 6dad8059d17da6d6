// replaceAll with a literal search: overlapping candidates, matches at the
// ends, glob characters, and the replacement patterns JavaScript expands
// ($$, $&, $` and $').
import { print } from "@solstice/std";

function show(text: string, search: string, replacement: string): void {
  print(`[${text}] [${search}]->[${replacement}]: [${text.replaceAll(search, replacement)}]`);
}

function emptyText(): string {
  return "";
}

export async function main(args: string[]): Promise<number> {
  show("a-b-c", "-", "+");
  show("aaa", "aa", "b");
  show("aaaa", "aa", "b");
  show("abab", "aba", "X");
  show("xax", "x", "");
  show("", "x", "y");
  show("abc", "abc", "");
  show("abc", "d", "e");
  show("a*b*", "*", "?");
  show("a?b", "?", "*");
  show("[a]a", "[a]", "a");
  show("a\\b", "\\", "\\\\");
  show("one\ntwo", "\n", " / ");
  show("x", "x", "xx");
  show("cost", "cost", "$5");
  show("abc", "b", "$$");
  show("abc", "b", "[$&]");
  show("abc", "b", "[$`]");
  show("abc", "b", "[$']");
  show("abcb", "b", "<$`|$&|$'>");
  show("abc", "b", "$1$0$<x>$");
  show("ab", "b", "$");
  show("ab", "b", "$$$");
  const nothing = emptyText();
  show("ab", nothing, "-");
  show("ab", nothing, "[$`|$&|$']");
  show("", nothing, "<$'>");
  return 0;
}
