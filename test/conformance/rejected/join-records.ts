// expect-error: 9:9 join() on Item[] is not supported in portable code
import { print } from "@solstice/std";

interface Item {
  name: string;
}

export async function main(args: string[]): Promise<number> {
  print(items().join(","));
  return 0;
}

function items(): Item[] {
  return [{ name: "a" }];
}
