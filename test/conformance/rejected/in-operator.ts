// expect-error: 10:16 the 'in' operator is not supported in portable code
import { print } from "@solstice/std";

interface Point {
  x: number;
}

export async function main(args: string[]): Promise<number> {
  const p: Point = { x: 1 };
  print(String("x" in p));
  return 0;
}
