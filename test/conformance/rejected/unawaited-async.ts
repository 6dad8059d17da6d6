// expect-error: 9:19 calling an async function without await is not supported in portable code
import { print } from "@solstice/std";

async function load(name: string): Promise<string> {
  return name;
}

export async function main(args: string[]): Promise<number> {
  const pending = load("x");
  print(String(pending));
  return 0;
}
