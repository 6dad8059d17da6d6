// main's result is the exit status modulo 256, as under Node: a negative
// one wraps around instead of being refused by the shell.
// exit: 254
import { print } from "@solstice/std";

function status(base: number): number {
  return base - 2;
}

export async function main(args: string[]): Promise<number> {
  print(`returning ${status(0)}`);
  return status(0);
}
