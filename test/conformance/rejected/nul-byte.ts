// expect-error: 5:9 a NUL byte in a string is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print("a\x00b");
  return 0;
}
