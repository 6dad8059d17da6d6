// expect-error: 5:16 null is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print(String(null));
  return 0;
}
