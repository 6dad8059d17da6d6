// expect-error: 5:17 the '??' operator is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const first = args[0] ?? "none";
  print(first);
  return 0;
}
