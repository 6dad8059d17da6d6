// expect-error: 6:9 join() on string[][] is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const rows: string[][] = [["a", "b"], ["c"]];
  print(rows.join(";"));
  return 0;
}
