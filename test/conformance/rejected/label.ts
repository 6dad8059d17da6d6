// expect-error: 5:3 a label is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  outer: for (const a of args) {
    for (const b of args) {
      if (a === b) continue outer;
    }
  }
  print("done");
  return 0;
}
