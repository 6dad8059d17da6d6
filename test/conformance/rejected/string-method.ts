// expect-error: 5:9 the method 'toUpperCase' on string is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print("shout".toUpperCase());
  return 0;
}
