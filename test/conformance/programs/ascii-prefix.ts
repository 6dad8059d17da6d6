// asciiPrefix: the longest prefix of each byte class, at every kind's edges
// (delimiters, controls, bytes above 0x7F, the ends of the printable range).
// bytes: non-ascii
import { asciiPrefix, print } from "@solstice/std";

const KINDS = ["space", "text", "quoted", "comment", "kdl-word", "kdl1-word"];

export async function main(args: string[]): Promise<number> {
  const samples = [
    "",
    " \t x",
    "abc def",
    'say "hi"',
    "back\\slash",
    "a*b/c",
    "name=value;",
    "key(x)",
    "[list]",
    "{block}",
    "tag#1",
    "a<b>c,d",
    "~!$%&'*+-.:?@^_`|",
    "caf\xC3\xA9",
    "tab\there",
    "del\x7Fx",
    "bell\x07x",
    "line\nnext",
    "cr\rx",
  ];
  for (const text of samples) {
    const parts: string[] = [];
    for (const kind of KINDS) parts.push(String(asciiPrefix(text, kind).length));
    print(parts.join(" "));
  }
  print(asciiPrefix("plain words here\xC2\xA0more", "text"));
  print(asciiPrefix('ident="q"', "kdl-word"));
  return 0;
}
