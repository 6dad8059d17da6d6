// expect-error: 8:27 break before the end of a switch case is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  for (const a of args) {
    switch (a) {
      case "x":
        if (a.length > 0) break;
        print(a);
        break;
    }
  }
  return 0;
}
