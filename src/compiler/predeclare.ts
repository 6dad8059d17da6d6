// The script's own variables, set to "" before anything else runs.
//
// Why: dash and busybox ash keep variables in 39 hash chains, add a new one
// at the end of its chain and find one by walking the chain. sh has no
// local variables, so a function's variables are created on its first
// call. Once a large job file's records are in the heap (tens of thousands
// of _hN_… variables) every variable created after that sits behind them,
// and each use costs ten to twenty times more: a 1 MB job file took dash
// 11.5 s to parse, 1.7 s with its variables declared first (docs/performance.md).
import { codeWords } from "./shell-text";

/** The widest line of the declaration in the readable build. */
const LINE_WIDTH = 100;

/**
 * Names the code reads as ${NAME-…}, ${NAME+…}, ${NAME=…} or ${NAME?…}
 * (with or without the colon): for them "" and unset differ (`${__awk-awk}`),
 * so they are left unset.
 */
function unsetMatters(text: string): Set<string> {
  return new Set([...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?[-+=?]/g)].map((m) => m[1]!));
}

/**
 * Assignments of "" to every variable in `code` that `isVariable` accepts,
 * sorted; "" when there is none. `code` is the shell text of the script's
 * functions (prelude and program): what runs at the top level sets its
 * variables before any heap variable exists.
 */
export function predeclaration(code: string, isVariable: (name: string) => boolean, compact: boolean): string {
  const keepUnset = unsetMatters(code);
  const names = [...new Set(codeWords(code))].filter((w) => isVariable(w) && !keepUnset.has(w)).sort();
  if (names.length === 0) return "";
  // A loop over the names, not NAME='' assignments: shellcheck follows each
  // assignment into every function (3,600 of them took it 99 s and 9.7 GB
  // on the script's first piece). eval sees the script's own names only.
  if (compact) return `for __declare_name in ${names.join(" ")};do eval "$__declare_name=''";done`;
  const lines: string[] = [];
  let line = "";
  for (const name of names) {
    if (line !== "" && line.length + 1 + name.length > LINE_WIDTH) {
      lines.push(`${line} \\`);
      line = "";
    }
    line = line === "" ? `  ${name}` : `${line} ${name}`;
  }
  lines.push(`${line}; do`);
  return [
    "# The script's variables, before the heap's: dash and busybox ash find a",
    "# variable by walking one of 39 chains, where later variables come last",
    "# (src/compiler/predeclare.ts).",
    "for __declare_name in \\",
    ...lines,
    `  eval "$__declare_name=''"`,
    "done",
  ].join("\n");
}
