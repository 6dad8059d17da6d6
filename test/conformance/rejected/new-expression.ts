// expect-error: 5:16 new is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const seen = new Set<string>();
  print(String(seen.size));
  return 0;
}
