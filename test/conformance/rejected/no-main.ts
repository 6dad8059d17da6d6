// expect-error: 2:1 no-main.ts has no exported main
import { print } from "@solstice/std";

export async function run(args: string[]): Promise<number> {
  print("x");
  return 0;
}
