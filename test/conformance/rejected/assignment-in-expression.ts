// expect-error: 6:8 an assignment inside an expression is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  let n = 0;
  if ((n = args.length) > 0) print(String(n));
  return 0;
}
