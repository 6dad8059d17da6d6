// expect-error: 11:9 destructuring is not supported in portable code
import { print } from "@solstice/std";

interface Point {
  x: number;
  y: number;
}

export async function main(args: string[]): Promise<number> {
  const p: Point = { x: 1, y: 2 };
  const { x } = p;
  print(String(x));
  return 0;
}
