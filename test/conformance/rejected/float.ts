// expect-error: 5:17 a number that is not an integer is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const ratio = 1.5;
  print(String(ratio));
  return 0;
}
