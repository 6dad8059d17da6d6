// expect-error: 4:16 an optional parameter is not supported in portable code
import { print } from "@solstice/std";

function greet(name = "you"): string {
  return `hi ${name}`;
}

export async function main(args: string[]): Promise<number> {
  print(greet());
  return 0;
}
