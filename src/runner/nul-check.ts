// A NUL byte in the job or secrets file (issue 9): the sh build cannot hold
// one in a string (the shell drops it) and Node would carry it into argv and
// the environment, where it cannot go. Both builds ask the same program
// before the files are parsed, so both refuse the file the same way (65).
import { env, isFile, runCapture } from "@solstice/std";
import { DEFAULT_JOB_FILE, DEFAULT_SECRETS_FILE } from "./context";
import { RUNNER_CREDENTIALS } from "./environment";

/** A dollar sign: the programs below are written as data, so their `$` is spelled out (no shell expands it here). */
const D = "$";

/**
 * Prints the position (1, 2…) of the first file argument that has a NUL
 * byte: tr deletes NULs, cmp compares (1: they differ; 2, trouble reading,
 * is not a NUL; `--`: a path may start with "-"). One shell for both files:
 * a process less to start per job.
 */
const FIRST_FILE_WITH_NUL = `i=1; for f do tr -d '\\000' <"${D}f" | cmp -s -- - "${D}f"; [ ${D}? -ne 1 ] || { echo "${D}i"; exit 0; }; i=${D}((i + 1)); done`;

interface ContextFile {
  path: string;
  what: string;
}

function contextFile(variable: string, fallback: string, what: string): ContextFile {
  const named = env(variable);
  return { path: named === "" ? fallback : named, what };
}

/** "" or the error for a job or secrets file holding a NUL byte (the job file's first). */
export async function nulByteProblem(): Promise<string> {
  const files: ContextFile[] = [];
  for (const file of [contextFile("SOLSTICE_JOB_FILE", DEFAULT_JOB_FILE, "the job file"), contextFile("SOLSTICE_SECRETS_FILE", DEFAULT_SECRETS_FILE, "the secrets file")]) {
    if (isFile(file.path)) files.push(file);
  }
  if (files.length === 0) return "";
  const argv = ["/bin/sh", "-c", FIRST_FILE_WITH_NUL, "solstice-runner"];
  for (const file of files) argv.push(file.path);
  const check = await runCapture({ argv, cwd: "", env: RUNNER_CREDENTIALS.slice(0) });
  let position = 0;
  for (const file of files) {
    position++;
    if (check.stdout === `${position}\n`) {
      return `${file.what} ${file.path} contains a NUL byte, which no job context may hold; save it as plain text (YAML) without NUL bytes`;
    }
  }
  return "";
}
