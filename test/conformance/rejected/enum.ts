// expect-error: 4:1 an enum is not supported in portable code
import { print } from "@solstice/std";

enum Color {
  Red,
  Green,
}

export async function main(args: string[]): Promise<number> {
  print(String(Color.Red));
  return 0;
}
