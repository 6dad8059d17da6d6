// === and !== on strings that test(1) could read as operators or options.
import { print } from "@solstice/std";

function same(a: string, b: string): boolean {
  return a === b;
}

export async function main(args: string[]): Promise<number> {
  const values = ["", "-n", "-z", "=", "!", "!=", "(", ")", "-a", "-o", "-eq", "x", " ", "0", "00", "*", "\\"];
  for (const a of values) {
    let line = `[${a}]:`;
    for (const b of values) line += a === b ? " =" : a !== b ? " ." : " ?";
    print(line);
  }
  print(same("10", "010") ? "10 is 010" : "10 is not 010");
  print("abc" === "ab" + "c" ? "concat equal" : "concat differ");
  return 0;
}
