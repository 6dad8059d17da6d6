// expect-error: 7:5 type error: Fallthrough case in switch.
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  let n = 0;
  switch (args.length) {
    case 0:
      n++;
    case 1:
      n++;
      break;
  }
  print(String(n));
  return 0;
}
