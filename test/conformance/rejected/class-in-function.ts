// expect-error: 5:3 a class is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  class Local {}
  print(String(args.length));
  return 0;
}
