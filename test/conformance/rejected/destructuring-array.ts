// expect-error: 5:9 destructuring is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const [first, second] = args;
  print(first + second);
  return 0;
}
