// Where the runner keeps its own temporary files (captured output, fifos,
// masks, the stream spool): TMPDIR when a directory can be made there, else
// the first of FALLBACKS that takes one, with a warning naming both; none
// at all is exit 73 (contract section 10, "Temporary files"). The job's own
// environment keeps the TMPDIR it was given.
import { env, isDirectory, pathExists, useScratchBase } from "@solstice/std";
import { EXIT_CANTCREAT } from "./exit-codes";
import { logWarn, str, type Logger } from "./log";

const FALLBACKS = ["/tmp", "/var/tmp"];

export interface ScratchChoice {
  ok: boolean;
  exitCode: number;
  error: string;
}

/** Why `dir` cannot hold the runner's files, once making a directory there failed. */
function whyNot(dir: string): string {
  if (!dir.startsWith("/")) return "is not an absolute path";
  if (!pathExists(dir)) return "does not exist";
  if (!isDirectory(dir)) return "is not a directory";
  return "is not writable";
}

function usable(dir: string): boolean {
  return dir.startsWith("/") && useScratchBase(dir);
}

export function chooseScratch(log: Logger): ScratchChoice {
  const tmpdir = env("TMPDIR");
  if (tmpdir !== "" && usable(tmpdir)) return { ok: true, exitCode: 0, error: "" };
  const tried: string[] = [];
  if (tmpdir !== "") tried.push(`TMPDIR (${tmpdir}) ${whyNot(tmpdir)}`);
  for (const dir of FALLBACKS) {
    if (!usable(dir)) {
      tried.push(`${dir} ${whyNot(dir)}`);
      continue;
    }
    if (tried.length > 0) {
      logWarn(log, `${tried.join(", ")}; the runner keeps its temporary files in ${dir} instead; set TMPDIR to a writable directory`, [
        str("tmpdir", tmpdir),
        str("fallback", dir),
      ]);
    }
    return { ok: true, exitCode: 0, error: "" };
  }
  return {
    ok: false,
    exitCode: EXIT_CANTCREAT,
    error: `no directory for the runner's temporary files: ${tried.join(", ")}; set TMPDIR to a writable directory`,
  };
}
