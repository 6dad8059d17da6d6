// expect-error: 5:16 undefined is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print(String(undefined));
  return 0;
}
