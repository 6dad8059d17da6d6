// A NUL byte in the job or secrets file (issue 9): the sh build cannot hold
// one in a string (the shell drops it) and Node would carry it into argv and
// the environment, where it cannot go. Both builds ask the same program
// before the files are parsed, so both refuse the file the same way (65).
import { env, isFile, runCapture } from "@solstice/std";
import { DEFAULT_JOB_FILE, DEFAULT_SECRETS_FILE } from "./context";
import { RUNNER_CREDENTIALS } from "./environment";

/** A dollar sign: the programs below are written as data, so their `$` is spelled out (no shell expands it here). */
const D = "$";

/** Exit 0 when $1 has no NUL byte; 1 when it has; tr deletes NULs, cmp compares. */
const HAS_NO_NUL = `tr -d '\\000' <"${D}1" | cmp -s - "${D}1"`;

async function nulProblem(variable: string, fallback: string, what: string): Promise<string> {
  const named = env(variable);
  const path = named === "" ? fallback : named;
  if (!isFile(path)) return "";
  const check = await runCapture({ argv: ["/bin/sh", "-c", HAS_NO_NUL, "solstice-runner", path], cwd: "", env: RUNNER_CREDENTIALS.slice(0) });
  if (check.status !== 1) return "";
  return `${what} ${path} contains a NUL byte, which no job context may hold; save it as plain text (YAML) without NUL bytes`;
}

/** "" or the error for a job or secrets file holding a NUL byte. */
export async function nulByteProblem(): Promise<string> {
  const job = await nulProblem("SOLSTICE_JOB_FILE", DEFAULT_JOB_FILE, "the job file");
  if (job !== "") return job;
  return await nulProblem("SOLSTICE_SECRETS_FILE", DEFAULT_SECRETS_FILE, "the secrets file");
}
