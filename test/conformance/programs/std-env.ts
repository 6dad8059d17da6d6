// env and hasEnv: values with spaces, quotes, $, backticks, newlines, UTF-8,
// set-but-empty, unset, and names that are not shell names (bytes-env.ts
// has UTF-8 values).
// env: {"PLAIN":"value","SPACED":"  a  b  ","QUOTES":"it's \"q\"","DOLLAR":"$HOME ${x} $(id) `id`","NEWLINES":"one\ntwo\n","EMPTY":"","DASH_N":"-n","STAR":"*","BACKSLASH":"a\\b\\"}
import { env, hasEnv, print } from "@solstice/std";

function show(name: string): void {
  const value = env(name);
  print(`${name}: ${hasEnv(name) ? "set" : "unset"} [${value}] ${value.length}`);
}

export async function main(args: string[]): Promise<number> {
  const names = ["PLAIN", "SPACED", "QUOTES", "DOLLAR", "NEWLINES", "EMPTY", "DASH_N", "STAR", "BACKSLASH", "SOLSTICE_SURELY_UNSET"];
  for (const name of names) show(name);
  const invalid = ["", "1X", "A-B", "A B", "$PLAIN", "PLAIN}"];
  for (const name of invalid) print(`[${name}]: ${hasEnv(name)} [${env(name)}]`);
  const lines = env("NEWLINES").split("\n");
  print(`${lines.length} pieces, first [${lines[0]}]`);
  return 0;
}
