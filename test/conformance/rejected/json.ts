// expect-error: 5:9 the global 'JSON' is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print(JSON.stringify(args));
  return 0;
}
