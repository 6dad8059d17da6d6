// The shells the generated scripts are run with. Each is found on PATH; a
// missing one is skipped with a loud notice, except under CI=true, where the
// matrix must be complete and a missing shell fails the run.
import { execFileSync } from "node:child_process";

export interface Shell {
  name: string; // as the compatibility table names it
  argv: string[]; // the command that runs a script file given after it
  /**
   * Whether a variable holds any bytes. yash keeps strings as characters of
   * its locale: bytes above 0x7F count per character in a UTF-8 locale and
   * are dropped when they do not decode (in the C locale, always), so only
   * ASCII data is portable there (docs/subset.md, "yash").
   */
  byteStrings: boolean;
  /** Runs the compact build of a program (compile --compact) rather than the readable one. */
  compact?: boolean;
}

/** The shells, then each again running the compact build, named NAME+compact. */
export function withCompact(shells: Shell[]): Shell[] {
  return [...shells, ...shells.map((s) => ({ ...s, name: `${s.name}+compact`, compact: true }))];
}

const ALL: Shell[] = [
  { name: "dash", argv: ["dash"], byteStrings: true },
  { name: "bash", argv: ["bash", "--posix"], byteStrings: true },
  { name: "busybox", argv: ["busybox", "sh"], byteStrings: true },
  { name: "mksh", argv: ["mksh"], byteStrings: true },
  { name: "ksh93", argv: ["ksh93"], byteStrings: true },
  { name: "yash", argv: ["yash"], byteStrings: false },
  { name: "posh", argv: ["posh"], byteStrings: true },
  { name: "zsh", argv: ["zsh", "--emulate", "sh"], byteStrings: true },
];

/** Every shell the tests know, installed or not. */
export const KNOWN_SHELLS = ALL.map((s) => s.name);

function installed(command: string): boolean {
  try {
    execFileSync("sh", ["-c", 'command -v "$1"', "sh", command], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

let cached: Shell[] | undefined;

/** The shells to test with; throws under CI when one is missing. */
export function availableShells(): Shell[] {
  if (cached) return cached;
  const missing = ALL.filter((s) => !installed(s.argv[0]!));
  if (missing.length > 0) {
    const names = missing.map((s) => s.name).join(", ");
    if (process.env.CI === "true") throw new Error(`shells missing under CI: ${names} (.ci/run installs them from Debian)`);
    process.stderr.write(
      `\n*** NOTICE: shells not installed, their tests are SKIPPED: ${names}\n*** (run as root: make deps, or apt-get install dash bash busybox mksh ksh yash posh zsh)\n\n`,
    );
  }
  cached = ALL.filter((s) => !missing.includes(s));
  return cached;
}
