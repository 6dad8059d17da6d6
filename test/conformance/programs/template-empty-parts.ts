// A variable spliced in just before text still gets its braces when empty
// parts stand between them: an empty literal, an empty template span, a
// boolean or number literal spliced in (found by the fuzzer: `"${count}${false}`
// printed "$countfalse", an unset variable).
import { print } from "@solstice/std";

function check(count: string, n: number): string {
  return `"${count}${false}|${count}${""}x|${n}${""}${1}|${count}${``}_${count}${"" + ""}a`;
}

export async function main(args: string[]): Promise<number> {
  const count = "c";
  const countfalse = "wrong";
  print(`${count}${false}`);
  print(`${count}${""}${true}:${count}${""}${""}name`);
  print(check(count, 7));
  print(check(countfalse, -1));
  const ok = count !== `"${count}${false}`;
  print(`${ok}`);
  return 0;
}
