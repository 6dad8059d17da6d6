// expect-error: 5:16 a condition must be a boolean, not string
import { env, print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const home = env("HOME") || "/";
  print(home);
  return 0;
}
