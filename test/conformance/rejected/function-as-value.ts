// expect-error: 9:13 a function used as a value is not supported in portable code
import { print } from "@solstice/std";

function greet(): string {
  return "hi";
}

export async function main(args: string[]): Promise<number> {
  const g = greet;
  print(g());
  return 0;
}
