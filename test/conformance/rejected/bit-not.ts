// expect-error: 5:20 the unary '~' operator is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const inverted = ~args.length;
  print(String(inverted));
  return 0;
}
