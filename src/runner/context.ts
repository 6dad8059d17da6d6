// The job context (contract section 1): the SOLSTICE_* environment, the job
// file and the secrets file, merged and checked. Nothing here logs or exits:
// the result carries the exit code (65 bad input, 66 missing input) and a
// message naming the field, where it came from and the fix; the caller
// reports it.
//
// Layers, so tests can use each: buildContext takes plain values;
// readContextFrom reads the files a list of variables points at;
// readContext reads the real environment. The runner's own settings
// (workdir, logging, ...) are read by context-settings.ts and kept as ctx.settings.
import { firstOccurrences, isDirectory, isFile, isReadable, pathExists } from "@solstice/std";
import { COUNT_INVALID, COUNT_TOO_LARGE, commitShaProblem, controlByteIn, isName, lowerAscii, parseCount, repoUrlProblem, shown } from "./context-check";
import { defaultSettings, EnvVar, environmentVars, readSettings, RunnerSettings, varValue } from "./context-settings";
import { emptyYamlDoc, findPair, mapOf, parseYaml, parseYamlFile, YamlDoc, YamlPair } from "./yaml";
import { EXIT_DATAERR, EXIT_NOINPUT } from "./exit-codes";

export const DEFAULT_JOB_FILE = "/etc/solstice/job.yaml";
export const DEFAULT_SECRETS_FILE = "/etc/solstice/secrets.yaml";

/** A job or secrets file as read (or found missing). */
export interface ContextFile {
  /** The path read, or the default path that does not exist. */
  path: string;
  found: boolean;
  doc: YamlDoc;
}

/** When ok is false, only exitCode and error are meaningful. */
export interface JobContext {
  ok: boolean;
  /** 0 when ok; else EXIT_DATAERR (65) or EXIT_NOINPUT (66). */
  exitCode: number;
  error: string;
  /** Worth logging, not worth stopping for (unknown keys, overridden secrets). */
  warnings: string[];
  repoUrl: string;
  /** Lower-case hex. */
  commitSha: string;
  /** "" when not given. */
  jobId: string;
  /** "" when not given. */
  runId: string;
  /** Seconds; 0 means no limit. */
  timeout: number;
  /** "false", "true" or "recursive". */
  submodules: string;
  /** The job file's env, in file order. */
  env: YamlPair[];
  /** The job file's secrets, then the secrets file's (which win on a name clash). */
  secrets: YamlPair[];
  /** The files read; "" for one that was absent. */
  jobFile: string;
  secretsFile: string;
  /** The runner's own settings: workspace, logging, fetch retries, orchestrator. */
  settings: RunnerSettings;
}

/** Where a value came from, for messages: "job file F: line N: key" or "environment variable V". */
interface Setting {
  value: string;
  found: boolean;
  label: string;
}

interface LoadResult {
  ok: boolean;
  error: string;
  file: ContextFile;
}

const JOB_MAP_KEYS_TEXT = "env secrets";
const KNOWN_KEYS = "repo_url, commit_sha, job_id, run_id, timeout, submodules, env and secrets";

/** The job file's keys that hold nested mappings. */
export function jobMapKeys(): string[] {
  return JOB_MAP_KEYS_TEXT.split(" ");
}

export function missingFile(path: string): ContextFile {
  return { path: path, found: false, doc: emptyYamlDoc() };
}

/** A file's lines parsed as the job file (`mapKeys` jobMapKeys()) or the secrets file ([]). */
export function fileFromLines(path: string, lines: string[], mapKeys: string[]): ContextFile {
  return { path: path, found: true, doc: parseYaml(lines, mapKeys) };
}

function emptyContext(): JobContext {
  return {
    ok: true,
    exitCode: 0,
    error: "",
    warnings: [],
    repoUrl: "",
    commitSha: "",
    jobId: "",
    runId: "",
    timeout: 0,
    submodules: "false",
    env: [],
    secrets: [],
    jobFile: "",
    secretsFile: "",
    settings: defaultSettings(),
  };
}

function isKnownKey(key: string): boolean {
  switch (key) {
    case "repo_url":
    case "commit_sha":
    case "job_id":
    case "run_id":
    case "timeout":
    case "submodules":
    case "env":
    case "secrets":
      return true;
    default:
      return false;
  }
}

/** "true", "false" or "recursive" for a submodules value; "" for anything else. */
function submodulesWord(value: string): string {
  // YAML 1.2 also spells its booleans True/TRUE and False/FALSE.
  switch (value) {
    case "true":
    case "True":
    case "TRUE":
      return "true";
    case "false":
    case "False":
    case "FALSE":
      return "false";
    case "recursive":
      return "recursive";
    default:
      return "";
  }
}

function fail(ctx: JobContext, exitCode: number, error: string): JobContext {
  ctx.ok = false;
  ctx.exitCode = exitCode;
  ctx.error = error;
  return ctx;
}

function fileLabel(file: ContextFile, what: string, line: number, key: string): string {
  return `${what} ${file.path}: line ${String(line)}: ${key}`;
}

/**
 * The environment variable `varName` if set, else `key` of the job file.
 * An empty value in the file (`job_id:`) counts as absent.
 */
function setting(vars: EnvVar[], varName: string, job: ContextFile, key: string): Setting {
  const fromEnv = varName === "" ? "" : varValue(vars, varName);
  if (fromEnv !== "") {
    return { value: fromEnv, found: true, label: `environment variable ${varName}` };
  }
  const at = findPair(job.doc.entries, key);
  if (at < 0) {
    return { value: "", found: false, label: key };
  }
  const pair = job.doc.entries[at];
  return {
    value: pair.value,
    found: pair.value !== "" || key === "repo_url" || key === "commit_sha",
    label: fileLabel(job, "job file", pair.line, key),
  };
}

function missingRequired(ctx: JobContext, job: ContextFile, key: string, varName: string): JobContext {
  if (!job.found) {
    return fail(ctx, EXIT_NOINPUT, `no job file at ${job.path} and ${varName} is not set; provide the job file ` + `(or point SOLSTICE_JOB_FILE at it), or set ${varName}`);
  }
  return fail(ctx, EXIT_DATAERR, `job file ${job.path}: ${key} is missing; add '${key}: ...' to the file, or set ${varName}`);
}

/**
 * The longest NAME=value Linux passes to a program (MAX_ARG_STRLEN, 32
 * pages, less the terminating NUL): a longer env entry or secret would make
 * every start of the job fail with E2BIG, so it is refused before the fetch.
 */
const ENV_ENTRY_MAX = 131071;

/** The index of the first pair whose key is not a variable name; -1 when every key is one. */
function firstNonName(pairs: YamlPair[]): number {
  for (let k = 0; k < pairs.length; k++) {
    if (!isName(pairs[k].key)) {
      return k;
    }
  }
  return -1;
}

/** "" when `at` (firstNonName of `pairs`) is -1, else what is wrong with that name. */
function nameProblem(pairs: YamlPair[], at: number, file: ContextFile, what: string, mapKey: string): string {
  if (at < 0) {
    return "";
  }
  const pair = pairs[at];
  const label = fileLabel(file, what, pair.line, mapKey === "" ? "secret name" : `${mapKey} name`);
  return `${label} '${pair.key}' is not a valid variable name; use letters, digits and '_', not starting with a digit`;
}

/**
 * The context from plain values: the SOLSTICE_* variables (`vars`, as
 * environmentVars gives them) and the two files (missingFile when absent).
 * Variables override the job file's keys.
 */
export function buildContext(vars: EnvVar[], job: ContextFile, secrets: ContextFile): JobContext {
  const ctx = emptyContext();
  ctx.jobFile = job.found ? job.path : "";
  ctx.secretsFile = secrets.found ? secrets.path : "";
  if (!job.doc.ok) {
    return fail(ctx, EXIT_DATAERR, `job file ${job.path}: ${job.doc.error}`);
  }
  if (!secrets.doc.ok) {
    return fail(ctx, EXIT_DATAERR, `secrets file ${secrets.path}: ${secrets.doc.error}`);
  }
  if (!jobFields(ctx, vars, job).ok || !envAndSecrets(ctx, job, secrets).ok) {
    return ctx;
  }
  const settings = readSettings(vars);
  if (!settings.ok) {
    return fail(ctx, EXIT_DATAERR, settings.error);
  }
  ctx.settings = settings;
  if (ctx.settings.orchestratorAddr !== "" && ctx.runId === "") {
    ctx.warnings.push("SOLSTICE_ORCHESTRATOR_ADDR is set but no run id is given (SOLSTICE_RUN_ID or run_id); " + "logs will not be streamed");
  }
  return ctx;
}

/** The job's scalar fields, variables first, then the job file; unknown keys become warnings. */
function jobFields(ctx: JobContext, vars: EnvVar[], job: ContextFile): JobContext {
  const repo = setting(vars, "SOLSTICE_REPO_URL", job, "repo_url");
  if (!repo.found) {
    return missingRequired(ctx, job, "repo_url", "SOLSTICE_REPO_URL");
  }
  const repoProblem = repoUrlProblem(repo.value);
  if (repoProblem !== "") {
    return fail(ctx, EXIT_DATAERR, `${repo.label} ${repoProblem}`);
  }
  ctx.repoUrl = repo.value;

  const sha = setting(vars, "SOLSTICE_COMMIT_SHA", job, "commit_sha");
  if (!sha.found) {
    return missingRequired(ctx, job, "commit_sha", "SOLSTICE_COMMIT_SHA");
  }
  const shaProblem = commitShaProblem(sha.value);
  if (shaProblem !== "") {
    return fail(ctx, EXIT_DATAERR, `${sha.label} ${shaProblem}`);
  }
  ctx.commitSha = lowerAscii(sha.value);

  const jobId = setting(vars, "SOLSTICE_JOB_ID", job, "job_id");
  const runId = setting(vars, "SOLSTICE_RUN_ID", job, "run_id");
  if (controlByteIn(jobId.value) >= 0) {
    return fail(ctx, EXIT_DATAERR, `${jobId.label} contains a control character; write the job's id`);
  }
  if (controlByteIn(runId.value) >= 0) {
    return fail(ctx, EXIT_DATAERR, `${runId.label} contains a control character; write the run's id`);
  }
  ctx.jobId = jobId.value;
  ctx.runId = runId.value;

  const timeout = setting(vars, "", job, "timeout");
  if (timeout.found) {
    const seconds = parseCount(timeout.value);
    if (seconds === COUNT_INVALID) {
      return fail(ctx, EXIT_DATAERR, `${timeout.label} must be a whole number of seconds (0 for no limit), not ${shown(timeout.value)}`);
    }
    if (seconds === COUNT_TOO_LARGE) {
      return fail(ctx, EXIT_DATAERR, `${timeout.label} is too large; at most 2147483647 seconds (0 for no limit)`);
    }
    ctx.timeout = seconds;
  }

  const submodules = setting(vars, "", job, "submodules");
  if (submodules.found) {
    const word = submodulesWord(submodules.value);
    if (word === "") {
      return fail(ctx, EXIT_DATAERR, `${submodules.label} must be true, false or recursive, not ${shown(submodules.value)}`);
    }
    ctx.submodules = word;
  }

  for (const pair of job.doc.entries) {
    if (!isKnownKey(pair.key)) {
      ctx.warnings.push(fileLabel(job, "job file", pair.line, "unknown key '" + pair.key + "'") + " ignored; " + `this runner knows ${KNOWN_KEYS}`);
    }
  }
  return ctx;
}

/** env from the job file; secrets from the job file, then the secrets file (which wins a clash). */
function envAndSecrets(ctx: JobContext, job: ContextFile, secrets: ContextFile): JobContext {
  // The parser found each mapping's first key that is not a name.
  const envMap = mapOf(job.doc, "env");
  const secretsMap = mapOf(job.doc, "secrets");
  const envPairs = envMap.pairs;
  const jobSecrets = secretsMap.pairs;
  let problem = nameProblem(envPairs, envMap.firstNonName, job, "job file", "env");
  if (problem === "") {
    problem = nameProblem(jobSecrets, secretsMap.firstNonName, job, "job file", "secrets");
  }
  if (problem === "") {
    const entries = secrets.doc.entries;
    problem = nameProblem(entries, firstNonName(entries), secrets, "secrets file", "");
  }
  if (problem !== "") {
    return fail(ctx, EXIT_DATAERR, problem);
  }
  // Not copied: nothing changes the list (a copy of 11,000 entries cost dash 0.4 s).
  ctx.env = envPairs;
  ctx.secrets = jobSecrets.slice(0);
  // Each file's names are unique (the parser refuses a repeat), so a
  // secrets-file name found first among the job file's is a clash. One
  // firstOccurrences keeps this linear for files of many secrets.
  const names: string[] = [];
  for (const pair of jobSecrets) {
    names.push(pair.key);
  }
  for (const pair of secrets.doc.entries) {
    names.push(pair.key);
  }
  const first = firstOccurrences(names);
  for (let k = 0; k < secrets.doc.entries.length; k++) {
    const pair = secrets.doc.entries[k];
    const at = first[jobSecrets.length + k];
    if (at < jobSecrets.length) {
      ctx.warnings.push(
        `secret ${pair.key} is set in the job file ${job.path} (line ${String(ctx.secrets[at].line)}) ` +
          `and in the secrets file ${secrets.path} (line ${String(pair.line)}); the secrets file's value is used`,
      );
      ctx.secrets[at] = pair;
    } else {
      ctx.secrets.push(pair);
    }
  }
  let tooLong = sizeProblem(envPairs, envMap.longestPair, "env");
  if (tooLong === "") {
    tooLong = sizeProblem(ctx.secrets, -1, "secret");
  }
  return tooLong === "" ? ctx : fail(ctx, EXIT_DATAERR, tooLong);
}

/**
 * "" or what is wrong with the first of `pairs` over ENV_ENTRY_MAX bytes as
 * NAME=value. `longest` is the mapping's longestPair, which spares the loop
 * over thousands of env entries; -1 when not known.
 */
function sizeProblem(pairs: YamlPair[], longest: number, what: string): string {
  if (longest >= 0 && longest <= ENV_ENTRY_MAX) {
    return "";
  }
  for (const pair of pairs) {
    const size = pair.key.length + 1 + pair.value.length;
    if (size > ENV_ENTRY_MAX) {
      const fix =
        what === "env"
          ? "shorten it, or keep the value in a file in the repository"
          : "split it into several secrets, or keep the file in the repository encrypted and the key as the secret";
      return (
        `${what} ${pair.key} is ${String(size)} bytes as NAME=value, and Linux starts no program with an ` +
        `environment variable over ${String(ENV_ENTRY_MAX)} bytes (MAX_ARG_STRLEN); ${fix}`
      );
    }
  }
  return "";
}

/**
 * Reads `path` if it exists. A path named in the environment (`named`) must
 * exist; a default path may be absent. An existing file must be readable.
 */
function loadFile(path: string, named: boolean, varName: string, what: string, mapKeys: string[]): LoadResult {
  if (!pathExists(path)) {
    if (named) {
      return {
        ok: false,
        error: `${varName} names ${what} ${path}, which does not exist; fix the path, or unset ${varName}`,
        file: missingFile(path),
      };
    }
    return { ok: true, error: "", file: missingFile(path) };
  }
  if (isDirectory(path) || !isFile(path)) {
    return {
      ok: false,
      error: `${what} ${path} is not a regular file; point ${varName} at the file itself`,
      file: missingFile(path),
    };
  }
  if (!isReadable(path)) {
    return {
      ok: false,
      error: `${what} ${path} cannot be read; make it readable by the runner's user`,
      file: missingFile(path),
    };
  }
  return { ok: true, error: "", file: { path: path, found: true, doc: parseYamlFile(path, mapKeys) } };
}

/** The context from `vars` (the SOLSTICE_* variables) and the files they name. */
export function readContextFrom(vars: EnvVar[]): JobContext {
  const jobPath = varValue(vars, "SOLSTICE_JOB_FILE");
  const job = loadFile(jobPath === "" ? DEFAULT_JOB_FILE : jobPath, jobPath !== "", "SOLSTICE_JOB_FILE", "job file", jobMapKeys());
  if (!job.ok) {
    return fail(emptyContext(), EXIT_NOINPUT, job.error);
  }
  const secretsPath = varValue(vars, "SOLSTICE_SECRETS_FILE");
  const secrets = loadFile(secretsPath === "" ? DEFAULT_SECRETS_FILE : secretsPath, secretsPath !== "", "SOLSTICE_SECRETS_FILE", "secrets file", []);
  if (!secrets.ok) {
    return fail(emptyContext(), EXIT_NOINPUT, secrets.error);
  }
  const ca = varValue(vars, "SOLSTICE_ORCHESTRATOR_CA");
  if (ca !== "" && !(isFile(ca) && isReadable(ca))) {
    return fail(
      emptyContext(),
      EXIT_NOINPUT,
      `SOLSTICE_ORCHESTRATOR_CA names ${ca}, which is not a readable file; fix the path, ` + "or unset SOLSTICE_ORCHESTRATOR_CA for a plaintext connection",
    );
  }
  return buildContext(vars, job.file, secrets.file);
}

/** The context from the process environment and the files it names. */
export function readContext(): JobContext {
  return readContextFrom(environmentVars());
}
