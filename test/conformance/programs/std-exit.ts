// exit from inside nested calls ends the program with that status, after
// what was already printed; nothing after it runs.
// exit: 7
import { exit, print } from "@solstice/std";

function inner(n: number): number {
  if (n > 2) {
    print(`exiting at ${n}`);
    exit(7);
  }
  return n;
}

function outer(): void {
  for (let i = 0; i < 10; i++) print(`got ${inner(i)}`);
  print("never");
}

export async function main(args: string[]): Promise<number> {
  print("start");
  outer();
  print("never either");
  return 0;
}
