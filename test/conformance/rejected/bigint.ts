// expect-error: 5:15 a bigint is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const big = 10n;
  print(String(big));
  return 0;
}
