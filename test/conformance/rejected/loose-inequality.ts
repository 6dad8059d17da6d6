// expect-error: 6:7 the '!=' operator is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const first = args.length > 0 ? args[0] : "";
  if (first != "x") print("not x");
  return 0;
}
