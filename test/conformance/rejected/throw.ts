// expect-error: 5:14 throw is not supported in portable code
import { print } from "@solstice/std";

function check(n: number): number {
  if (n < 0) throw new Error("negative");
  return n;
}

export async function main(args: string[]): Promise<number> {
  print(String(check(args.length)));
  return 0;
}
