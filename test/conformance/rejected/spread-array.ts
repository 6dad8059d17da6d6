// expect-error: 5:25 spread is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const all = ["first", ...args];
  print(all.join(","));
  return 0;
}
