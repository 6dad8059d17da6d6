// The script's own variables, set to "" before a large document fills the heap.
//
// Why: dash and busybox ash keep variables in 39 hash chains, add a new one
// at the end of its chain and find one by walking the chain. sh has no
// local variables, so a function's variables are created on its first
// call. Once a large job file's records are in the heap (tens of thousands
// of _hN_… variables) every variable created after that sits behind them,
// and each use costs ten to twenty times more: a 1 MB job file took dash
// 11.5 s to parse, 1.7 s with its variables declared first (docs/performance.md).
// The declaration waits for such a document: see predeclaration.
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

/** The function that declares them; std_yaml_fields (templates/prelude/yaml.sh) calls it. */
export const DECLARE_FUNCTION = "__declare_variables";

/**
 * The function DECLARE_FUNCTION: it sets every variable in `code` that
 * `isVariable` accepts to "" unless it is set already. `code` is the shell
 * text of the script's functions (prelude and program). The YAML reader
 * calls it before a large document fills the heap, not the script at its
 * start: mksh and posh pay for every variable at each $(...) and exec, and
 * 3,600 more made a small job 5 times slower there (mksh: 7.8 s, not 1.6 s).
 * With a large document the heap outnumbers them anyway.
 */
export function predeclaration(code: string, isVariable: (name: string) => boolean, compact: boolean): string {
  const keepUnset = unsetMatters(code);
  const names = [...new Set(codeWords(code))].filter((w) => isVariable(w) && !keepUnset.has(w)).sort();
  // "${NAME-}": a variable set before the call keeps its value.
  const body = `eval "$__declare_name=\\\${$__declare_name-}"`;
  // A loop over the names, not NAME='' assignments: shellcheck follows each
  // assignment into every function (3,600 of them took it 99 s and 9.7 GB
  // on the script's first piece). eval sees the script's own names only.
  if (compact) return compactDeclaration(names, body);
  if (names.length === 0) return `${DECLARE_FUNCTION}() {\n  :\n}`;
  const lines: string[] = [];
  let line = "";
  for (const name of names) {
    if (line !== "" && line.length + 1 + name.length > LINE_WIDTH) {
      lines.push(`${line} \\`);
      line = "";
    }
    line = line === "" ? `    ${name}` : `${line} ${name}`;
  }
  lines.push(`${line}; do`);
  return [
    "# The script's variables, before the heap's: dash and busybox ash find a",
    "# variable by walking one of 39 chains, where later variables come last",
    "# (src/compiler/predeclare.ts).",
    `${DECLARE_FUNCTION}() {`,
    "  for __declare_name in \\",
    ...lines,
    `    ${body}`,
    "  done",
    "}",
  ].join("\n");
}

/** A compact build's short variable name (names.ts: a lower-case letter, then up to two name characters). */
const SHORT_NAME = /^[a-z][A-Za-z0-9_]{0,2}$/;

/**
 * The compact build's declaration. Its thousands of short names are most of
 * it, listed one by one (15 KB, 6 KB gzipped): they go in groups that share
 * all but the first letter, `ya:abcu` for aya bya cya uya, and the shell
 * takes the letters off one at a time.
 */
function compactDeclaration(names: string[], body: string): string {
  if (names.length === 0) return `${DECLARE_FUNCTION}(){ :;}`;
  const firstLetters = new Map<string, string>();
  const others: string[] = [];
  for (const name of names) {
    if (!SHORT_NAME.test(name)) {
      others.push(name);
      continue;
    }
    const rest = name.slice(1);
    firstLetters.set(rest, (firstLetters.get(rest) ?? "") + name[0]);
  }
  const groups = [...firstLetters].map(([rest, letters]) => `${rest}:${[...letters].sort().join("")}`).sort();
  const listed = others.length === 0 ? "" : `for __declare_name in ${others.join(" ")};do ${body};done;`;
  const grouped =
    groups.length === 0
      ? ""
      : `for __declare_group in ${groups.join(" ")};do __declare_letters=\${__declare_group#*:};` +
        `while [ -n "$__declare_letters" ];do __declare_rest=\${__declare_letters#?};` +
        `__declare_name=\${__declare_letters%"$__declare_rest"}\${__declare_group%%:*};__declare_letters=$__declare_rest;${body};done;done;`;
  return `${DECLARE_FUNCTION}(){ ${listed}${grouped}}`;
}
