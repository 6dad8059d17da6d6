// expect-error: 5:9 type error: Type 'string' is not assignable to type 'number'.
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const count: number = "three";
  print(String(count));
  return 0;
}
