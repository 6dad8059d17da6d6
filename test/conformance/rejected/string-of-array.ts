// expect-error: 5:9 String() of string[] is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print(String(args));
  return 0;
}
