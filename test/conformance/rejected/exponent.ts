// expect-error: 5:18 the '**' operator is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const square = args.length ** 2;
  print(String(square));
  return 0;
}
