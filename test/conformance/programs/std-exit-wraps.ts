// exit(code) with a code above 255 exits with code modulo 256, as under Node.
// exit: 44
import { exit, print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print("before");
  exit(300);
  print("never");
  return 0;
}
