// for loops: continue must still run the update, nested loops, break, and
// loops without an initialiser, a condition or an update.
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  let out = "";
  for (let i = 0; i < 10; i++) {
    if (i % 2 === 0) continue;
    out += String(i);
  }
  print(out);
  out = "";
  for (let i = 10; i > 0; i -= 3) out += `${i} `;
  print(out);
  out = "";
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      if (j > i) break;
      if (j === 1) continue;
      out += `${i}${j} `;
    }
  }
  print(out);
  let k = 0;
  for (; k < 5;) k += 2;
  print(String(k));
  let steps = 0;
  for (;;) {
    steps++;
    if (steps >= 4) break;
  }
  print(String(steps));
  let m = 0;
  for (m = 3; m < 6; m++) {
    if (m === 4) continue;
  }
  print(String(m));
  for (let i = 0; i < 0; i++) print("never");
  let total = 0;
  for (let i = 0, j = 10; i < j; i++, j--) total += j - i;
  print(String(total));
  return 0;
}
