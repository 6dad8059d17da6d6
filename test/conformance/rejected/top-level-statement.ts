// expect-error: 4:1 a top-level statement is not supported in portable code
import { print } from "@solstice/std";

print("loading");

export async function main(args: string[]): Promise<number> {
  return 0;
}
