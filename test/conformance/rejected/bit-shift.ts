// expect-error: 5:18 the '<<' operator is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const double = args.length << 1;
  print(String(double));
  return 0;
}
