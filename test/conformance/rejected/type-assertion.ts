// expect-error: 5:10 a type assertion is not supported in portable code
import { print } from "@solstice/std";

function same(value: string): string {
  return value as string;
}

export async function main(args: string[]): Promise<number> {
  print(same("x"));
  return 0;
}
