// expect-error: 10:5 spread, methods or accessors in an object literal is not supported in portable code
import { print } from "@solstice/std";

interface Box {
  size: number;
}

export async function main(args: string[]): Promise<number> {
  const b: Box = {
    get size(): number {
      return 1;
    },
  };
  print(String(b.size));
  return 0;
}
