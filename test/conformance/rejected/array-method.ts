// expect-error: 5:16 the method 'pop' on string[] is not supported in portable code
import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const last = args.pop();
  print(String(last));
  return 0;
}
