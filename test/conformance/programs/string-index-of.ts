// indexOf with and without a start position, includes, and their edge
// cases: empty search, negative and out-of-range starts, glob characters.
import { print } from "@solstice/std";

function find(text: string, search: string): void {
  print(`[${text}].indexOf([${search}]) = ${text.indexOf(search)}`);
}

function findFrom(text: string, search: string, from: number): void {
  print(`[${text}].indexOf([${search}], ${from}) = ${text.indexOf(search, from)}`);
}

export async function main(args: string[]): Promise<number> {
  const text = "abcabc";
  find(text, "a");
  find(text, "c");
  find(text, "bc");
  find(text, "abcabc");
  find(text, "abcabcd");
  find(text, "x");
  find(text, "");
  find("", "");
  find("", "a");
  const froms = [-5, -1, 0, 1, 2, 3, 4, 5, 6, 7, 100];
  for (const f of froms) {
    findFrom(text, "a", f);
    findFrom(text, "bc", f);
    findFrom(text, "", f);
  }
  find("a*b*c", "*");
  find("abc*", "*");
  find("a?c", "?");
  find("abc", "?");
  find("x[a]y", "[a]");
  find("xay", "[a]");
  find("one\ntwo", "\n");
  find("a\\b", "\\");
  find("price $5", "$5");
  find("aaa", "aa");
  findFrom("aaa", "aa", 1);
  findFrom("aaa", "aa", 2);
  return 0;
}
