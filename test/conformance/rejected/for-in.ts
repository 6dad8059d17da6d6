// expect-error: 10:3 for-in is not supported in portable code
import { print } from "@solstice/std";

interface Point {
  x: number;
}

export async function main(args: string[]): Promise<number> {
  const p: Point = { x: 1 };
  for (const key in p) print(key);
  return 0;
}
