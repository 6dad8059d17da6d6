// expect-error: 4:1 a generator is not supported in portable code
import { print } from "@solstice/std";

function* numbers(): Generator<number> {
  yield 1;
}

export async function main(args: string[]): Promise<number> {
  print("x");
  return 0;
}
