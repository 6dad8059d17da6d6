// expect-error: 10:10 type error: The operand of a 'delete' operator must be optional.
import { print } from "@solstice/std";

interface Box {
  size: number;
}

export async function main(args: string[]): Promise<number> {
  const b: Box = { size: 1 };
  delete b.size;
  print(String(b.size));
  return 0;
}
