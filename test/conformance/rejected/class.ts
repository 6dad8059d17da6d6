// expect-error: 4:1 a class is not supported in portable code
import { print } from "@solstice/std";

class Counter {
  count = 0;
}

export async function main(args: string[]): Promise<number> {
  print(String(args.length));
  return 0;
}
