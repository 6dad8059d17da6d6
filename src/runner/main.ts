// solstice-runner: runs one CI job in this machine (contract: docs/contract.md).
// Read the context, fetch the commit, run the job, exit with its status; the
// last log event always says how it ended.
import { print, printErr, processGroupProblem, shellProblem, stopSignal, watchStopSignals } from "@solstice/std";
import { readContext, type JobContext } from "./context";
import { fetchRepository } from "./fetch";
import { chooseEntry, runStep } from "./job";
import { addMask, earlyLogger, logError, logFinal, logInfo, logWarn, makeLogger, num, since, str, type Logger } from "./log";
import { splitCredentials } from "./url";
import { isRunnerVariable, RUNNER_CREDENTIALS } from "./environment";
import { nulByteProblem } from "./nul-check";
import { VERSION } from "./version";
import { EXIT_DATAERR, EXIT_SIGNAL_BASE, EXIT_SOFTWARE, EXIT_TIMEOUT, EXIT_USAGE } from "./exit-codes";

/** Secrets shorter than this are not masked: they would shred the log. */
const MIN_MASK_LENGTH = 4;

const USAGE = `usage: solstice-runner [--help | --version]

Runs one Solstice CI job: reads the job context, fetches the repository at
one exact commit with git, runs .solstice/job.sh in the checkout, streams
its output, and exits with the job's status.

Inputs (environment variables, over the job file's keys):
  SOLSTICE_JOB_FILE       job file (default /etc/solstice/job.yaml) with keys
                          repo_url, commit_sha, job_id, run_id, timeout,
                          submodules, env (map), secrets (map)
  SOLSTICE_SECRETS_FILE   secrets file, NAME: value (default /etc/solstice/secrets.yaml)
  SOLSTICE_REPO_URL       repository to fetch (overrides repo_url)
  SOLSTICE_COMMIT_SHA     exact commit, 40 or 64 hex digits (overrides commit_sha)
  SOLSTICE_JOB_ID         workflow job to run (overrides job_id)
  SOLSTICE_RUN_ID         the orchestrator's id for this run (overrides run_id)
  SOLSTICE_WORKDIR        workspace, the checkout root (default /root/work)
  SOLSTICE_LOG_FORMAT     text or json (default text)
  SOLSTICE_LOG_LEVEL      error, warn, info, debug or trace (default info)
  SOLSTICE_KILL_GRACE     seconds between TERM and KILL (default 10)
  SOLSTICE_FETCH_RETRIES  fetch attempts (default 3)

Exit status: the job's own (128+N if killed by signal N); 64 usage;
65 invalid job context; 66 missing input or nothing to run; 69 fetch
failed; 70 internal error or a shell that cannot run the runner (yash);
73 workspace not writable; 124 the job's timeout expired; 128+N the
runner got signal N (TERM, INT, HUP) and stopped the job.`;

/** The last event: how the job ended, and the runner's whole time (its clock starts with the runner). */
function finish(log: Logger, status: string, exitCode: number): number {
  logFinal(log, "job finished", [str("status", status), num("exit_code", exitCode), since("duration_ms", 0)]);
  return exitCode;
}

/** The signals the runner stops for, by number (the same on every system it runs on). */
function signalName(signal: number): string {
  if (signal === 1) return "HUP";
  if (signal === 2) return "INT";
  if (signal === 15) return "TERM";
  return `${signal}`;
}

/** The runner got a stop signal: the job (if any) is stopped; say so and end with 128+N. */
function cancelled(log: Logger): number {
  const signal = stopSignal();
  logWarn(log, "the runner got a stop signal; the job was stopped", [str("signal", signalName(signal))]);
  return finish(log, "cancelled", EXIT_SIGNAL_BASE + signal);
}

/** Every secret value to mask: whole, and line by line for multi-line ones. */
function maskSecrets(log: Logger, ctx: JobContext): void {
  for (const secret of ctx.secrets) {
    const parts = secret.value.includes("\n") ? secret.value.split("\n") : [secret.value];
    let masked = false;
    for (const part of parts) {
      if (part.length >= MIN_MASK_LENGTH) {
        addMask(log, part);
        masked = true;
      }
    }
    if (!masked && secret.value !== "") {
      logWarn(log, "secret is shorter than 4 characters and is not masked", [str("secret", secret.key)]);
    }
  }
  if (ctx.settings.runnerToken.length >= MIN_MASK_LENGTH) addMask(log, ctx.settings.runnerToken);
}

/**
 * The job's environment on top of the runner's (contract section 3, step 4).
 * Names the runner sets itself are not taken from the job file (a warning
 * says so); the runner's credentials are removed.
 */
function jobEnvironment(log: Logger, ctx: JobContext, safeUrl: string): string[] {
  const env: string[] = [];
  for (const name of RUNNER_CREDENTIALS) env.push(name);
  const pairs = ctx.env.slice(0);
  for (const pair of ctx.secrets) pairs.push(pair);
  for (const pair of pairs) {
    if (isRunnerVariable(pair.key)) {
      logWarn(log, `${pair.key} is set by the runner; the job file's value is not used`, [str("name", pair.key)]);
    } else {
      env.push(`${pair.key}=${pair.value}`);
    }
  }
  env.push("CI=true");
  env.push("SOLSTICE=true");
  env.push(`SOLSTICE_WORKSPACE=${ctx.settings.workdir}`);
  env.push(`SOLSTICE_COMMIT_SHA=${ctx.commitSha}`);
  env.push(`SOLSTICE_REPO_URL=${safeUrl}`);
  if (ctx.jobId !== "") env.push(`SOLSTICE_JOB_ID=${ctx.jobId}`);
  // The job starts in the workspace, and says so (not the runner's own directory).
  env.push(`PWD=${ctx.settings.workdir}`);
  return env;
}

async function runJob(): Promise<number> {
  const early = earlyLogger();
  const shell = shellProblem();
  if (shell !== "") {
    logError(early, `this shell cannot run solstice-runner: ${shell}`, []);
    return finish(early, "error", EXIT_SOFTWARE);
  }
  const nul = await nulByteProblem();
  if (nul !== "") {
    logError(early, nul, []);
    return finish(early, "error", EXIT_DATAERR);
  }
  const ctx = readContext();
  if (!ctx.ok) {
    logError(early, ctx.error, []);
    return finish(early, "error", ctx.exitCode);
  }
  // From here on a stop signal ends the run through the log's last event.
  watchStopSignals(ctx.settings.killGrace);
  const log = makeLogger(ctx.settings.logFormat, ctx.settings.logLevel, []);
  const credentials = splitCredentials(ctx.repoUrl);
  for (const value of credentials.masks) addMask(log, value);
  maskSecrets(log, ctx);
  for (const warning of ctx.warnings) logWarn(log, warning, []);
  logInfo(log, "job context read", [str("repo_url", credentials.url), str("commit", ctx.commitSha), str("job_id", ctx.jobId), str("runner_version", VERSION)]);

  const fetched = await fetchRepository(
    { url: ctx.repoUrl, safeUrl: credentials.url, sha: ctx.commitSha, workdir: ctx.settings.workdir, submodules: ctx.submodules, attempts: ctx.settings.fetchRetries },
    log,
  );
  if (stopSignal() !== 0) return cancelled(log);
  if (!fetched.ok) {
    logError(log, fetched.error, []);
    return finish(log, "error", fetched.exitCode);
  }

  const entry = chooseEntry(ctx.settings.workdir);
  if (!entry.ok) {
    logError(log, entry.error, []);
    return finish(log, "error", entry.exitCode);
  }
  logInfo(log, "running the job", [str("entry", `.solstice/${entry.kind}`)]);
  const groupProblem = processGroupProblem();
  if (groupProblem !== "") logWarn(log, `the job runs without a process group of its own: ${groupProblem}`, []);
  if (stopSignal() !== 0) return cancelled(log);
  const ending = await runStep(entry.kind, 1, entry.argv, ctx.settings.workdir, jobEnvironment(log, ctx, credentials.url), log.masks, ctx.timeout, log);
  if (stopSignal() !== 0) return cancelled(log);
  if (ending.timedOut) {
    logError(log, `the job ran past its timeout and was stopped; raise timeout in the job file if it needs longer`, [num("timeout_s", ctx.timeout)]);
    return finish(log, "timed_out", EXIT_TIMEOUT);
  }
  return finish(log, ending.status === 0 ? "success" : "failure", ending.status);
}

export async function main(args: string[]): Promise<number> {
  if (args.length === 1 && args[0] === "--version") {
    print(`solstice-runner ${VERSION}`);
    return 0;
  }
  if (args.length === 1 && (args[0] === "--help" || args[0] === "-h")) {
    print(USAGE);
    return 0;
  }
  if (args.length > 0) {
    printErr(`solstice-runner: unknown argument '${args[0]}'; run solstice-runner --help for usage`);
    return EXIT_USAGE;
  }
  return await runJob();
}
