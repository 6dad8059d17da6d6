// expect-error: 6:7 the '==' operator is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const n = args.length;
  if (n == 0) print("none");
  return 0;
}
