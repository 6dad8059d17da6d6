// The awks the sh build's masker is tested with — what guests have as awk:
// mawk (Debian), gawk, busybox awk (Alpine-like guests) and original-awk
// (BWK awk, what illumos' nawk descends from). A test makes one the `awk`
// of a directory of its own (put first on PATH, or bound over a target's
// absolute awk path). Each is found on PATH; a missing one is skipped with a
// loud notice, except under CI=true, where the matrix must be complete and a
// missing awk fails the run.
import { execFileSync } from "node:child_process";
import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Awk {
  /** As the compatibility table and Cross.toml's stand-in-awks name it. */
  name: string;
  /** The program found on PATH. */
  command: string;
  /** Makes `dir/awk` this awk: a link to it, or for busybox a script running its applet. */
  install(dir: string): void;
}

function commandPath(command: string): string | undefined {
  try {
    return execFileSync("sh", ["-c", 'command -v "$1"', "sh", command], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const linkTo = (command: string) => (dir: string) => symlinkSync(commandPath(command)!, join(dir, "awk"));

const ALL: Awk[] = [
  { name: "mawk", command: "mawk", install: linkTo("mawk") },
  { name: "gawk", command: "gawk", install: linkTo("gawk") },
  { name: "original-awk", command: "original-awk", install: linkTo("original-awk") },
  {
    name: "busybox",
    command: "busybox",
    // busybox picks its applet by the name it is run as; `awk` would do, but a script says so plainly.
    install: (dir) => writeFileSync(join(dir, "awk"), '#!/bin/sh\nexec busybox awk "$@"\n', { mode: 0o755 }),
  },
];

/** Every awk the tests know, installed or not. */
export const KNOWN_AWKS = ALL.map((a) => a.name);

let cached: Awk[] | undefined;

/** The awks to test with; throws under CI when one is missing. */
export function availableAwks(): Awk[] {
  if (cached) return cached;
  const missing = ALL.filter((a) => !commandPath(a.command));
  if (missing.length > 0) {
    const names = missing.map((a) => a.name).join(", ");
    if (process.env.CI === "true") throw new Error(`awks missing under CI: ${names} (.ci/run installs them from Debian)`);
    process.stderr.write(
      `\n*** NOTICE: awks not installed, their tests are SKIPPED: ${names}\n*** (run as root: make deps, or apt-get install mawk gawk original-awk busybox)\n\n`,
    );
  }
  cached = ALL.filter((a) => !missing.includes(a));
  return cached;
}
