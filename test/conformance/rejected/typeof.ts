// expect-error: 5:9 typeof is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print(typeof args);
  return 0;
}
