// expect-error: 4:1 re-exporting is not supported in portable code
import { print } from "@solstice/std";

export { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print("x");
  return 0;
}
