// expect-error: 5:9 a \u escape above \xFF is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print("price: \u20ac");
  return 0;
}
