// expect-error: 5:26 'replaceAll' with an empty string is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print("abc".replaceAll("", "-"));
  return 0;
}
