// expect-error: 5:16 the '/' operator is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const half = args.length / 2;
  print(String(half));
  return 0;
}
