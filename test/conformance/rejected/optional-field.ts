// expect-error: 6:3 the optional field 'verbose' is not supported in portable code
import { print } from "@solstice/std";

interface Options {
  name: string;
  verbose?: boolean;
}

export async function main(args: string[]): Promise<number> {
  const o: Options = { name: "x" };
  print(o.name);
  return 0;
}
