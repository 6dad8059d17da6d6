// expect-error: 4:10 function 'greet' needs an explicit return type
import { print } from "@solstice/std";

function greet(name: string) {
  return `hi ${name}`;
}

export async function main(args: string[]): Promise<number> {
  print(greet("x"));
  return 0;
}
