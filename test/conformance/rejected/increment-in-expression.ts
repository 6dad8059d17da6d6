// expect-error: 6:22 ++/-- inside an expression is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  let i = 0;
  const first = args[i++];
  print(first + i);
  return 0;
}
