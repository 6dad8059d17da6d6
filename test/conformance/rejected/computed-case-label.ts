// expect-error: 10:10 a case label that needs computing is not supported in portable code
import { print } from "@solstice/std";

function zero(): number {
  return 0;
}

export async function main(args: string[]): Promise<number> {
  switch (args.length) {
    case zero():
      print("none");
      break;
  }
  return 0;
}
