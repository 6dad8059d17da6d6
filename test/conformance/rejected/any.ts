// expect-error: 4:15 the type 'any' is not supported in portable code
import { print } from "@solstice/std";

function show(value: any): string {
  return String(value);
}

export async function main(args: string[]): Promise<number> {
  print(show(1));
  return 0;
}
