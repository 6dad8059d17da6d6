// expect-error: 5:7 the union type 'string | number' is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  let value: string | number = 1;
  value = "one";
  print(String(value));
  return 0;
}
