// expect-error: 4:33 'null' is not supported in portable code
import { print } from "@solstice/std";

function find(items: string[]): string | null {
  return items.length > 0 ? items[0] : null;
}

export async function main(args: string[]): Promise<number> {
  print(find(args) === null ? "none" : "some");
  return 0;
}
