// startsWith, endsWith and includes, with searches that would be patterns
// if sh took them as such.
import { print } from "@solstice/std";

function check(text: string, part: string): void {
  const s = text.startsWith(part) ? "starts" : "-";
  const e = text.endsWith(part) ? "ends" : "-";
  const i = text.includes(part) ? "includes" : "-";
  print(`[${text}] [${part}]: ${s} ${e} ${i}`);
}

export async function main(args: string[]): Promise<number> {
  const texts = ["hello", "", "*", "a*", "?x", "[ab]", "a", "b", "\\", "x\\", "-n", "$x", "a\nb", " "];
  const parts = ["", "h", "o", "hello", "hello!", "*", "?", "[ab]", "a", "[", "\\", "-", "$x", "\n", " "];
  for (const t of texts) {
    for (const p of parts) check(t, p);
  }
  if ("anything".includes("*")) print("wrong: * matched");
  if (!"abc".startsWith("?")) print("right: ? is literal");
  if ("abc".endsWith("[a-c]")) print("wrong: brackets matched");
  return 0;
}
