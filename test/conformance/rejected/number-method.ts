// expect-error: 5:9 the method 'toString' on number is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print(args.length.toString());
  return 0;
}
