// expect-error: 2:1 importing 'node:fs' is not supported in portable code
import { readFileSync } from "node:fs";
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print(readFileSync("x", "utf8"));
  return 0;
}
