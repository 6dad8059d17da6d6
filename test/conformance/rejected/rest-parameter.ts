// expect-error: 4:16 a rest parameter is not supported in portable code
import { print } from "@solstice/std";

function count(...items: string[]): number {
  return items.length;
}

export async function main(args: string[]): Promise<number> {
  print(String(count("a", "b")));
  return 0;
}
