// A NUL byte in the job or secrets file (issue 9): the sh build cannot hold
// one in a string (the shell drops it) and Node would carry it into argv and
// the environment, where it cannot go. Both builds look before the files
// are parsed, so both refuse the file the same way (65). The std's
// hasNulByte reads the file in Node; in sh, tr and cmp tell (no shell
// variable can hold a NUL).
import { env, hasNulByte, isFile } from "@solstice/std";
import { DEFAULT_JOB_FILE, DEFAULT_SECRETS_FILE } from "./context";

interface ContextFile {
  path: string;
  what: string;
}

function contextFile(variable: string, fallback: string, what: string): ContextFile {
  const named = env(variable);
  return { path: named === "" ? fallback : named, what };
}

/** "" or the error for a job or secrets file holding a NUL byte (the job file's first). */
export function nulByteProblem(): string {
  for (const file of [contextFile("SOLSTICE_JOB_FILE", DEFAULT_JOB_FILE, "the job file"), contextFile("SOLSTICE_SECRETS_FILE", DEFAULT_SECRETS_FILE, "the secrets file")]) {
    if (isFile(file.path) && hasNulByte(file.path)) {
      return `${file.what} ${file.path} contains a NUL byte, which no job context may hold; save it as plain text (YAML) without NUL bytes`;
    }
  }
  return "";
}
