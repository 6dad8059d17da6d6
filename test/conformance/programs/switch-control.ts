// switch on numbers, and the ways a case can end: break, return, continue
// of the enclosing loop; a break in a case leaves only the switch.
import { print } from "@solstice/std";

function describe(n: number): string {
  switch (n) {
    case -1:
      return "minus one";
    case 0:
      return "zero";
    case 1:
    case 2:
      return "small";
  }
  return "other";
}

export async function main(args: string[]): Promise<number> {
  let out = "";
  for (let i = -2; i < 5; i++) {
    switch (i) {
      case 0:
        continue;
      case 3: {
        out += "three ";
        break;
      }
      case 4:
        out += "four ";
        break;
      default:
        out += `${i} `;
    }
    out += "| ";
  }
  print(out);
  for (let i = -2; i < 4; i++) print(`${i}: ${describe(i)}`);
  let total = 0;
  const codes = ["add", "skip", "add", "stop", "add"];
  for (const c of codes) {
    switch (c) {
      case "add":
        total++;
        break;
      case "skip":
        continue;
      default:
        total += 100;
    }
    total += 10;
  }
  print(String(total));
  return 0;
}
