// expect-error: 5:3 try/catch is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  try {
    print("x");
  } catch (e) {
    return 1;
  }
  return 0;
}
