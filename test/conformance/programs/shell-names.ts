// Portable names that mean something to a shell: variables and functions
// called like shell keywords, builtins, special variables and prelude
// helpers must not disturb the program or the shell.
import { print } from "@solstice/std";

function test(IFS: string, PATH: string): string {
  return IFS + PATH;
}

function echo(status: string): string {
  return `echo ${status}`;
}

function read(RANDOM: number, LINENO: number): number {
  return RANDOM + LINENO;
}

function __r(__hp: string): string {
  return __hp + __hp;
}

function exit(n: number): number {
  return n + 1;
}

function printf(fi: string, done: string, esac: string): string {
  return fi + done + esac;
}

export async function main(args: string[]): Promise<number> {
  const IFS = "x y";
  const PATH = "not a path";
  const HOME = "";
  const status = "ok";
  const argv = ["a"];
  const then = 1;
  const LC_ALL = "en_US.UTF-8";
  const __alloc = "heap";
  const _h1_n = "handle lookalike";
  print(test(IFS, PATH));
  print(echo(status));
  print(String(read(then, 41)));
  print(__r(__alloc));
  print(String(exit(2)));
  print(printf("if", "for", "case"));
  print(`[${HOME}] ${argv.length} ${LC_ALL} ${_h1_n}`);
  const words = "a b c".split(" ");
  print(`${words.length} words, length ${"caf".length}`);
  return 0;
}
