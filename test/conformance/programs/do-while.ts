// do-while runs its body once before testing, and continue goes to the test.
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  let i = 0;
  let out = "";
  do {
    i++;
    if (i === 2) continue;
    out += String(i);
  } while (i < 5);
  print(out);
  let ran = 0;
  do {
    ran++;
  } while (false);
  print(`ran ${ran}`);
  let n = 10;
  do {
    n -= 4;
    if (n < 0) break;
  } while (n !== 0);
  print(String(n));
  let skips = 0;
  do {
    skips++;
    continue;
  } while (skips < 3);
  print(`skips ${skips}`);
  return 0;
}
