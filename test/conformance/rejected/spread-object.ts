// expect-error: 11:22 spread, methods or accessors in an object literal is not supported in portable code
import { print } from "@solstice/std";

interface Point {
  x: number;
  y: number;
}

export async function main(args: string[]): Promise<number> {
  const a: Point = { x: 1, y: 2 };
  const b: Point = { ...a };
  print(String(b.x));
  return 0;
}
