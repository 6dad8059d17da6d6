// The SOLSTICE_* variables (contract section 1): which exist, reading them
// from the environment, and the runner's own settings among them (workspace,
// logging, stopping, fetching, streaming), each checked. The job's fields
// (repo, commit, job id, run id) are merged with the job file in context.ts.
import { env, hasEnv } from "@solstice/std";
import { COUNT_INVALID, COUNT_TOO_LARGE, controlByteIn, hostPortProblem, lowerAscii, normalizeWorkdir, parseCount, shown, workdirProblem } from "./context-check";

export const DEFAULT_WORKDIR = "/root/work";

export interface EnvVar {
  name: string;
  value: string;
}

export interface RunnerSettings {
  ok: boolean;
  /** What is wrong (always an exit 65 matter); "" when ok. */
  error: string;
  /** Absolute, normalized, never "/". */
  workdir: string;
  /** "text" or "json". */
  logFormat: string;
  /** "error", "warn", "info", "debug" or "trace". */
  logLevel: string;
  killGrace: number;
  /** Fetch attempts, at least 1. */
  fetchRetries: number;
  reportDeadline: number;
  /** host:port, or "" for no streaming. */
  orchestratorAddr: string;
  /** A credential: mask it, and keep it out of the job's environment. */
  runnerToken: string;
  /** PEM file path, or "" for plaintext. */
  orchestratorCa: string;
}

/** Every variable of contract section 1, and SOLSTICE_REPORT_DEADLINE of section 9. */
export function solsticeVarNames(): string[] {
  return [
    "SOLSTICE_REPO_URL",
    "SOLSTICE_COMMIT_SHA",
    "SOLSTICE_JOB_FILE",
    "SOLSTICE_SECRETS_FILE",
    "SOLSTICE_WORKDIR",
    "SOLSTICE_JOB_ID",
    "SOLSTICE_LOG_FORMAT",
    "SOLSTICE_LOG_LEVEL",
    "SOLSTICE_KILL_GRACE",
    "SOLSTICE_FETCH_RETRIES",
    "SOLSTICE_RUN_ID",
    "SOLSTICE_ORCHESTRATOR_ADDR",
    "SOLSTICE_RUNNER_TOKEN",
    "SOLSTICE_ORCHESTRATOR_CA",
    "SOLSTICE_REPORT_DEADLINE",
  ];
}

/**
 * The SOLSTICE_* variables that are set to something. An empty variable
 * counts as unset, as `${VAR:-default}` has it: templating that leaves a
 * variable empty should not override the job file with nothing.
 */
export function environmentVars(): EnvVar[] {
  const vars: EnvVar[] = [];
  for (const name of solsticeVarNames()) {
    if (hasEnv(name) && env(name) !== "") {
      vars.push({ name: name, value: env(name) });
    }
  }
  return vars;
}

/** The value of `name` in `vars`; "" when absent. */
export function varValue(vars: EnvVar[], name: string): string {
  for (const v of vars) {
    if (v.name === name) {
      return v.value;
    }
  }
  return "";
}

function settingsFail(settings: RunnerSettings, varName: string, problem: string): RunnerSettings {
  settings.ok = false;
  settings.error = `environment variable ${varName} ${problem}`;
  return settings;
}

/** `varName` as a count of at least `least`, or `fallback` when unset or bad (then settings.ok is false). */
function countSetting(settings: RunnerSettings, vars: EnvVar[], varName: string, fallback: number, least: number): number {
  const text = varValue(vars, varName);
  if (text === "" || !settings.ok) {
    return fallback;
  }
  const count = parseCount(text);
  const fix = `fix it, or unset it for the default ${String(fallback)}`;
  if (count === COUNT_TOO_LARGE) {
    settingsFail(settings, varName, `is too large (at most 2147483647); ${fix}`);
    return fallback;
  }
  if (count === COUNT_INVALID || count < least) {
    const whole = least > 0 ? `a whole number of at least ${String(least)}` : "a whole number (0 or more)";
    settingsFail(settings, varName, `must be ${whole}, not ${shown(text)}; ${fix}`);
    return fallback;
  }
  return count;
}

/** Every setting at its default. */
export function defaultSettings(): RunnerSettings {
  return {
    ok: true,
    error: "",
    workdir: DEFAULT_WORKDIR,
    logFormat: "text",
    logLevel: "info",
    killGrace: 10,
    fetchRetries: 3,
    reportDeadline: 120,
    orchestratorAddr: "",
    runnerToken: "",
    orchestratorCa: "",
  };
}

/** The runner's settings from `vars`, defaults for those unset. */
export function readSettings(vars: EnvVar[]): RunnerSettings {
  const settings = defaultSettings();
  const workdir = varValue(vars, "SOLSTICE_WORKDIR");
  if (workdir !== "") {
    const problem = workdirProblem(workdir);
    if (problem !== "") {
      return settingsFail(settings, "SOLSTICE_WORKDIR", problem);
    }
    settings.workdir = normalizeWorkdir(workdir);
  }
  const format = varValue(vars, "SOLSTICE_LOG_FORMAT");
  if (format !== "") {
    settings.logFormat = format.length <= 8 ? lowerAscii(format) : format;
    if (settings.logFormat !== "text" && settings.logFormat !== "json") {
      return settingsFail(settings, "SOLSTICE_LOG_FORMAT", `must be text or json, not ${shown(format)}`);
    }
  }
  const level = varValue(vars, "SOLSTICE_LOG_LEVEL");
  if (level !== "") {
    settings.logLevel = level.length <= 8 ? lowerAscii(level) : level;
    if (!"error warn info debug trace".split(" ").includes(settings.logLevel)) {
      return settingsFail(settings, "SOLSTICE_LOG_LEVEL", `must be error, warn, info, debug or trace, not ${shown(level)}`);
    }
  }
  settings.killGrace = countSetting(settings, vars, "SOLSTICE_KILL_GRACE", 10, 0);
  settings.fetchRetries = countSetting(settings, vars, "SOLSTICE_FETCH_RETRIES", 3, 1);
  settings.reportDeadline = countSetting(settings, vars, "SOLSTICE_REPORT_DEADLINE", 120, 0);
  if (!settings.ok) {
    return settings;
  }
  const addr = varValue(vars, "SOLSTICE_ORCHESTRATOR_ADDR");
  if (addr !== "") {
    const problem = hostPortProblem(addr);
    if (problem !== "") {
      return settingsFail(settings, "SOLSTICE_ORCHESTRATOR_ADDR", problem);
    }
    settings.orchestratorAddr = addr;
  }
  const token = varValue(vars, "SOLSTICE_RUNNER_TOKEN");
  if (controlByteIn(token) >= 0) {
    // Not shown: it is a credential.
    return settingsFail(settings, "SOLSTICE_RUNNER_TOKEN", "contains a control character or newline; set it to the bare token");
  }
  settings.runnerToken = token;
  settings.orchestratorCa = varValue(vars, "SOLSTICE_ORCHESTRATOR_CA");
  return settings;
}
