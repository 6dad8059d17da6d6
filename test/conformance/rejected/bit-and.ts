// expect-error: 5:15 the '&' operator is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const low = args.length & 1;
  print(String(low));
  return 0;
}
