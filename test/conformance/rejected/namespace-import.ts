// expect-error: 2:1 a namespace import is not supported in portable code
import * as std from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  std.print("x");
  return 0;
}
