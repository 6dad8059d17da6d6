// expect-error: 10:9 optional chaining '?.' is not supported in portable code
import { print } from "@solstice/std";

interface Box {
  label: string;
}

export async function main(args: string[]): Promise<number> {
  const b: Box = { label: "x" };
  print(b?.label);
  return 0;
}
