// expect-error: 2:1 a default import is not supported in portable code
import std from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  return 0;
}
