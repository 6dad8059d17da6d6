// expect-error: 5:14 a number above 2147483647 is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const ms = 4102444800000;
  print(String(ms + args.length));
  return 0;
}
