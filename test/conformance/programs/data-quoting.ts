// Awkward data flowing through every kind of storage: variables, array
// elements, record fields, join/split, case subjects, function arguments
// and results. None of it may be split, globbed or interpreted.
// args: ["*", "-n", "a  b", "", "$(echo no)", "x\ny", "\\", "'", "\""]
import { print } from "@solstice/std";

interface Box {
  value: string;
}

function echo(s: string): string {
  return s;
}

function classify(s: string): string {
  switch (s) {
    case "*":
      return "star";
    case "":
      return "empty";
    case "-n":
      return "dash-n";
    default:
      return "other";
  }
}

export async function main(args: string[]): Promise<number> {
  const values = [
    "*",
    "?",
    "[",
    "]",
    "[ab]",
    "$x",
    "${x}",
    "`x`",
    "\\",
    "\\\\",
    "'",
    '"',
    "",
    " ",
    "  ",
    "\n",
    "\t",
    "-n",
    "-e",
    "--",
    "!",
    "=",
    "a=b",
    "~",
    "#",
    "%s",
    "&&",
    ";",
    "|",
  ];
  for (const a of args) values.push(a);
  for (const v of values) {
    const box: Box = { value: v };
    const copy = echo(box.value);
    const arr = [copy, copy];
    const joined = arr.join(v);
    const split = joined.split(v);
    const same = copy === v && arr[1] === v && joined.length === 3 * v.length;
    print(`[${copy}] ${copy.length} ${classify(copy)} ${same ? "same" : "differs"} ${split.length} [${joined}]`);
  }
  return 0;
}
