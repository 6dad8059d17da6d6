// expect-error: 6:11 switch on boolean is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const many = args.length > 1;
  switch (many) {
    case true:
      print("many");
      break;
  }
  return 0;
}
