// The sh side of the std: templates/prelude/*.sh, one file per feature. A
// file holds shell functions (each with its comment) and, outside them, the
// global assignments those functions need. Only the functions a program
// uses, and the ones they call, are copied into its script. header.sh is
// the exception: every script starts with it (shell options, locale, the
// result variable), after the shebang.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { codeWords } from "./shell-text";

export interface PreludeFunction {
  name: string;
  file: string;
  text: string; // comment and definition
  calls: string[]; // other prelude functions it uses
}

export interface Prelude {
  functions: Map<string, PreludeFunction>;
  /** Per file, the global assignments to run before any of its functions. */
  globals: Map<string, string[]>;
  files: string[];
  /** header.sh: the script's first code. */
  header: string;
  /**
   * Every word in the prelude's code (comments aside): the utilities it runs
   * and the variables it sets. Portable code's names keep clear of them, so
   * a function called `od` never shadows the utility a prelude function runs.
   */
  words: Set<string>;
}

const HEADER_FILE = "header.sh";
const FUNCTION_START = /^([A-Za-z_][A-Za-z0-9_]*)\(\) \{$/;

export function loadPrelude(dir: string): Prelude {
  const functions = new Map<string, PreludeFunction>();
  const globals = new Map<string, string[]>();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".sh") && f !== HEADER_FILE)
    .sort();
  const header = readFileSync(path.join(dir, HEADER_FILE), "utf8").trimEnd();
  for (const file of files) {
    const lines = readFileSync(path.join(dir, file), "utf8").split("\n");
    const fileGlobals: string[] = [];
    let comment: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const start = FUNCTION_START.exec(line);
      if (start) {
        const body: string[] = [line];
        while (i + 1 < lines.length && lines[i] !== "}") body.push(lines[++i]!);
        functions.set(start[1]!, { name: start[1]!, file, text: [...comment, ...body].join("\n"), calls: [] });
        comment = [];
      } else if (line.startsWith("#")) {
        comment.push(line);
      } else {
        if (line.trim() !== "") fileGlobals.push(...comment.filter((c) => !c.startsWith("#!")), line);
        comment = [];
      }
    }
    globals.set(file, fileGlobals);
  }
  const allWords = new Set<string>();
  for (const fn of functions.values()) {
    const words = new Set(codeWords(fn.text));
    fn.calls = [...functions.keys()].filter((other) => other !== fn.name && words.has(other));
    words.forEach((w) => allWords.add(w));
  }
  for (const lines of [...globals.values(), [header]]) codeWords(lines.join("\n")).forEach((w) => allWords.add(w));
  return { functions, globals, files, header, words: allWords };
}

/** The used functions and everything they call, in a stable order, with their files' globals. */
export function selectPrelude(prelude: Prelude, used: Iterable<string>): { globals: string[]; functions: string[] } {
  const wanted = new Set<string>();
  const add = (name: string) => {
    const fn = prelude.functions.get(name);
    if (!fn) throw new Error(`internal: prelude function ${name} is not in templates/prelude`);
    if (wanted.has(name)) return;
    wanted.add(name);
    fn.calls.forEach(add);
  };
  for (const name of used) add(name);
  const chosen = [...prelude.functions.values()].filter((fn) => wanted.has(fn.name));
  const files = prelude.files.filter((f) => chosen.some((fn) => fn.file === f));
  return {
    globals: files.flatMap((f) => prelude.globals.get(f) ?? []),
    functions: chosen.map((fn) => fn.text),
  };
}
