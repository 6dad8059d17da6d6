// Cross.toml: the guest targets the runner is built for. Each names what the
// guest has (its /bin/sh, its awk, directories to put first on PATH) and
// which local shells and awks stand in for it in the tests. `make cross`
// (scripts/cross.ts) compiles one runner per target from it; the tests
// (test/cross.test.ts) run each on its stand-ins. Read strictly: a missing,
// unknown or ill-typed key is an error naming the file, the target and the
// key, never a default that hides a typo.
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import type { TargetSettings } from "./compile";

export interface CrossTarget extends TargetSettings {
  description: string;
  /** Names from test/support/shells.ts. */
  standInShells: string[];
  /** Names from test/support/awks.ts. */
  standInAwks: string[];
}

/** A Cross.toml that cannot be used: the message names the file, the target and the key. */
export class CrossTomlError extends Error {}

// A target names a directory under generated/: a target triple, nothing a shell or a path could misread.
const TRIPLE = /^[a-z0-9_]+(-[a-z0-9_]+){2,3}$/;
// PATH entries and the awk's path go into the script and into PATH: absolute, no ':' (PATH's separator), no blanks.
const ABSOLUTE_PATH = /^\/[A-Za-z0-9._+\/-]*$/;
const COMMAND_NAME = /^[A-Za-z0-9._+-]+$/;

type Check = (value: unknown) => string | undefined; // undefined: fine; else what is wrong

const isString: Check = (v) => (typeof v === "string" && v !== "" ? undefined : "must be a non-empty string");
const isAbsolutePath: Check = (v) => (typeof v === "string" && ABSOLUTE_PATH.test(v) ? undefined : "must be an absolute path (letters, digits, . _ + - and /)");
const isAwk: Check = (v) =>
  typeof v === "string" && (ABSOLUTE_PATH.test(v) || COMMAND_NAME.test(v)) ? undefined : "must be a command name looked up on PATH (awk) or an absolute path (/usr/bin/awk)";
const arrayOf =
  (each: Check, nonEmpty: boolean): Check =>
  (v) => {
    if (!Array.isArray(v)) return "must be an array";
    if (nonEmpty && v.length === 0) return "must name at least one";
    for (const item of v) {
      const wrong = each(item);
      if (wrong) return `has ${JSON.stringify(item)}: each ${wrong}`;
    }
    return undefined;
  };

const KEYS: Record<string, { check: Check; what: string }> = {
  description: { check: isString, what: '"what guests this is"' },
  shell: { check: isAbsolutePath, what: "\"/bin/sh\" (the guest's shell: the script's shebang)" },
  awk: { check: isAwk, what: '"awk" (the awk the masker runs)' },
  path: { check: arrayOf(isAbsolutePath, false), what: "[] (directories put first on PATH)" },
  "stand-in-shells": { check: arrayOf(isString, true), what: '["dash"] (shells of test/support/shells.ts)' },
  "stand-in-awks": { check: arrayOf(isString, true), what: '["mawk"] (awks of test/support/awks.ts)' },
};

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The targets of a Cross.toml text, in file order; `file` names it in errors. */
export function parseTargets(text: string, file: string): CrossTarget[] {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text);
  } catch (error) {
    const { line, column, message } = error as { line?: number; column?: number; message: string };
    const at = line === undefined ? file : `${file}:${line}:${column ?? 1}`;
    throw new CrossTomlError(`${at}: not valid TOML: ${message.split("\n")[0]}`);
  }
  for (const key of Object.keys(doc)) {
    if (key !== "target") throw new CrossTomlError(`${file}: unknown top-level key '${key}': only [target.NAME] tables belong here`);
  }
  const targets = doc.target;
  if (!isTable(targets) || Object.keys(targets).length === 0) throw new CrossTomlError(`${file}: no targets: add a [target.NAME] table, e.g. [target.x86_64-unknown-linux-gnu]`);
  return Object.entries(targets).map(([name, table]) => {
    const where = `${file}: [target.${name}]`;
    if (!TRIPLE.test(name)) throw new CrossTomlError(`${where}: the name must be a target triple such as x86_64-unknown-linux-gnu (it names a directory under generated/)`);
    if (!isTable(table)) throw new CrossTomlError(`${where} must be a table of keys (shell = …, awk = …)`);
    for (const key of Object.keys(table)) {
      if (!(key in KEYS)) throw new CrossTomlError(`${where}: unknown key '${key}': the keys are ${Object.keys(KEYS).join(", ")}`);
    }
    for (const [key, { check, what }] of Object.entries(KEYS)) {
      if (!(key in table)) throw new CrossTomlError(`${where}: the key '${key}' is missing: add ${key} = ${what}`);
      const wrong = check(table[key]);
      if (wrong) throw new CrossTomlError(`${where}: '${key}' ${wrong}`);
    }
    return {
      name,
      description: table.description as string,
      shell: table.shell as string,
      awk: table.awk as string,
      path: table.path as string[],
      standInShells: table["stand-in-shells"] as string[],
      standInAwks: table["stand-in-awks"] as string[],
    };
  });
}

/** The targets of the Cross.toml at `file`. */
export function readTargets(file: string): CrossTarget[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CrossTomlError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): run from the project's root, where Cross.toml is`);
  }
  return parseTargets(text, file);
}
