// Building strings with + and +=, including empty pieces and numbers.
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  let s = "";
  for (let i = 0; i < 5; i++) s += String(i);
  print(s);
  let t = "start";
  t += "";
  t += " $x";
  t = t + "-" + t;
  print(t);
  const n = 3;
  print("n is " + n + ", next " + (n + 1) + ", sum " + n + 1);
  print("" + "" + "");
  let lines = "";
  lines += "one\n";
  lines += "two\n";
  print(lines + "end");
  const star = "*";
  print(star + star + "?" + star);
  return 0;
}
