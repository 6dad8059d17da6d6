// Text with glob characters is never a pattern: in switch labels,
// startsWith/endsWith/includes/indexOf, split, replaceAll and trim; and a
// file name pattern is never expanded.
import { print } from "@solstice/std";

function label(s: string): string {
  switch (s) {
    case "*":
      return "star";
    case "?":
      return "question";
    case "[a]":
      return "bracket";
    case "[!a]":
      return "negated";
    case "\\*":
      return "escaped star";
    default:
      return "none";
  }
}

export async function main(args: string[]): Promise<number> {
  const inputs = ["*", "?", "[a]", "a", "[!a]", "b", "\\*", "x", "**", ""];
  for (const s of inputs) print(`[${s}] ${label(s)}`);
  const text = "a*b?c[d]e\\f";
  const searches = ["*", "?", "[d]", "d", "\\", "*b", "[a-z]", "?c"];
  for (const q of searches) {
    print(`[${q}] ${text.indexOf(q)} ${text.includes(q)} ${text.split(q).length} ${text.replaceAll(q, "_")}`);
  }
  print(`${"*x".startsWith("*")} ${"ax".startsWith("*")} ${"x?".endsWith("?")} ${"xy".endsWith("?")}`);
  print("*.ts /* /tmp/* ~/*");
  const pattern = "test/*";
  print(pattern);
  print(`${" * ".trim()}|${"[ ]".trim()}`);
  return 0;
}
