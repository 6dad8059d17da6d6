// expect-error: 4:1 a module-level let or var is not supported in portable code
import { print } from "@solstice/std";

let calls = 0;

export async function main(args: string[]): Promise<number> {
  calls++;
  print(String(calls));
  return 0;
}
