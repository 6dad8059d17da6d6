// A switch inside a switch case and inside loops: a case's closing break
// leaves only its own switch, continue reaches the loop, and labels may be
// templates of constants or arithmetic.
import { print } from "@solstice/std";

const A = "a";

function grade(s: string, n: number): string {
  let out = "";
  switch (s) {
    case `${A}-x`:
      switch (n) {
        case 1 + 1:
          out = "two";
          break;
        default:
          out = "not two";
      }
      break;
    case `b`:
      for (let i = 0; i < 3; i++) {
        switch (i) {
          case 1:
            continue;
          default:
            out += String(i);
        }
      }
      break;
    default:
      out = "?";
  }
  return out;
}

export async function main(args: string[]): Promise<number> {
  print(`${grade("a-x", 2)} ${grade("a-x", 3)} ${grade("b", 0)} ${grade("c", 0)} ${grade("a", 2)}`);
  let n = 0;
  while (n < 3) {
    n++;
    switch (n) {
      case 2:
        continue;
    }
    print(`n=${n}`);
  }
  return 0;
}
