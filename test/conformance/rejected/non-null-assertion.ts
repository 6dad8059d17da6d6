// expect-error: 5:10 the non-null assertion '!' is not supported in portable code
import { print } from "@solstice/std";

function first(items: string[]): string {
  return items[0]!;
}

export async function main(args: string[]): Promise<number> {
  print(first(args));
  return 0;
}
