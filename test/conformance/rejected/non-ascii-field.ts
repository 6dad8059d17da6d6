// expect-error: 5:3 the field name 'café' is not supported in portable code
import { print } from "@solstice/std";

interface Price {
  café: number;
}

export async function main(args: string[]): Promise<number> {
  const p: Price = { café: 1 };
  print(String(p.café));
  return 0;
}
