// expect-error: 5:16 Math.floor is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print(String(Math.floor(args.length)));
  return 0;
}
