// expect-error: 5:9 a non-ASCII character in a string literal is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print("café");
  return 0;
}
