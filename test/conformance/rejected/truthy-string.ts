// expect-error: 6:7 a condition must be a boolean, not string
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const first = args.length > 0 ? args[0] : "";
  if (first) print(first);
  return 0;
}
