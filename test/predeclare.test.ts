// The declaration of the script's variables (src/compiler/predeclare.ts),
// run on every shell in both layouts: it sets exactly the names it is given
// to "" and keeps the value of one already set. The compact layout groups
// short names by all but their first letter, so a mistake there would
// declare too few or too many.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { DECLARE_FUNCTION, predeclaration } from "../src/compiler/predeclare";
import { availableShells } from "./support/shells";

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
/** Short names as the compact build makes them (a gap now and then, as folded temporaries leave), and some long ones. */
const SHORT = [...LETTERS].flatMap((first, i) => ["", "a", "Z", "_", "9", "ya", "yb", "_b"].filter((_, k) => (i + k) % 3 !== 0).map((rest) => first + rest));
const LONG = ["__pd_value", "__ml_list", "someName", "a1234"];
const NAMES = [...SHORT, ...LONG];

/** A script that runs the declaration and prints, for each name asked about, "name=value" or "name unset". */
function script(compact: boolean, asked: string[]): string {
  const declaration = predeclaration(NAMES.map((n) => `${n}=1`).join("\n"), () => true, compact);
  const report = asked.map((n) => `if [ -n "\${${n}+x}" ]; then printf '%s=%s\\n' ${n} "$${n}"; else echo "${n} unset"; fi`).join("\n");
  return `set -u\n${declaration}\naya=kept\n${DECLARE_FUNCTION}\n${report}\n`;
}

describe("the declaration of the script's variables", () => {
  const outside = ["b9", "zb", "aZa", "yya", "__other"].filter((n) => !NAMES.includes(n));
  for (const compact of [false, true]) {
    for (const shell of availableShells()) {
      it(`${compact ? "compact" : "readable"} on ${shell.name}: every name set to "", one already set kept, no other name set`, () => {
        const out = execFileSync(shell.argv[0]!, [...shell.argv.slice(1), "-c", script(compact, [...NAMES, ...outside])], { encoding: "utf8" });
        const expected = [...NAMES.map((n) => (n === "aya" ? "aya=kept" : `${n}=`)), ...outside.map((n) => `${n} unset`)];
        expect(out.trimEnd().split("\n")).toEqual(expected);
      });
    }
  }
});
