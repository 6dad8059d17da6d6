// expect-error: 5:3 for await is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  for await (const a of args) print(a);
  return 0;
}
