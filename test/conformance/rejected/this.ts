// expect-error: 5:10 type error: 'this' implicitly has type 'any' because it does not have a type annotation.
import { print } from "@solstice/std";

function name(): string {
  return this.name;
}

export async function main(args: string[]): Promise<number> {
  print(name());
  return 0;
}
