// Imports between portable modules: functions, constants, interfaces and
// async functions from two helper modules (test/conformance/programs/lib/),
// including two functions that share a name, one imported under an alias,
// and a module whose file name is no shell name (lib/2nd-module.ts).
import { print } from "@solstice/std";
import { SEPARATOR, WORDS, describe, label, slowUpper } from "./lib/text";
import { describe as describeTally, tally, type Tally } from "./lib/counting";
import { ORDINAL, ordinal } from "./lib/2nd-module";

function bracket(s: string): string {
  return `{${s}}`;
}

export async function main(args: string[]): Promise<number> {
  print(describe(WORDS));
  print(label("x") + SEPARATOR + bracket("y"));
  const t: Tally = tally("t");
  t.count += 2;
  print(describeTally(t));
  print(await slowUpper("a"));
  print(`${ORDINAL} ${ordinal(2)} ${ordinal(3)}`);
  return 0;
}
