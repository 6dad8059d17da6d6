// expect-error: 9:20 an index signature is not supported in portable code
import { print } from "@solstice/std";

interface Table {
  [key: string]: string;
}

export async function main(args: string[]): Promise<number> {
  const t: Table = {};
  print(String(args.length));
  return 0;
}
