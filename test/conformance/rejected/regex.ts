// expect-error: 5:14 a regular expression is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const ok = /^[0-9]+$/.test(args[0]);
  print(String(ok));
  return 0;
}
