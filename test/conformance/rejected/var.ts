// expect-error: 5:3 var is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  var count = args.length;
  print(String(count));
  return 0;
}
