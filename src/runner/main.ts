// solstice-runner: runs one CI job in this machine (contract: docs/contract.md).
// Read the context, fetch the commit, run the job, exit with its status; the
// last log event always says how it ended.
import { printChecked, printErr, processGroupProblem, secretMasksOf, shellProblem, stopSignal, streamContext, watchStopSignals } from "@solstice/std";
import { readContext, type JobContext } from "./context";
import { fetchRepository } from "./fetch";
import { chooseEntry, runStep } from "./job";
import { parseCommandLine, usageLine, usageText } from "./cli-args";
import { addMasks, earlyLogger, logError, logFinal, logInfo, logWarn, makeLogger, num, since, str, word, type Logger } from "./log";
import { MIN_MASK_LENGTH } from "./mask-forms";
import { splitCredentials } from "./url";
import { loadWorkflow, logStepSummary, runWorkflow, type StepRecord } from "./workflow-run";
import { isRunnerVariable, RUNNER_CREDENTIALS } from "./environment";
import { nulByteProblem } from "./nul-check";
import { chooseScratch } from "./scratch";
import { VERSION } from "./version";
import { EXIT_DATAERR, EXIT_IOERR, EXIT_SIGNAL_BASE, EXIT_SOFTWARE, EXIT_TIMEOUT, EXIT_USAGE } from "./exit-codes";

/** The last event: how the job ended, and the runner's whole time (its clock starts with the runner). */
function finish(log: Logger, status: string, exitCode: number): number {
  logFinal(log, "job finished", [word("status", status), num("exit_code", exitCode), since("duration_ms", 0)]);
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
  return cancelledAfter(log, []);
}

/** cancelled, after a workflow's steps: their summary comes just before the last event. */
function cancelledAfter(log: Logger, steps: StepRecord[]): number {
  const signal = stopSignal();
  logWarn(log, "the runner got a stop signal; the job was stopped", [word("signal", signalName(signal))]);
  logStepSummary(log, steps);
  return finish(log, "cancelled", EXIT_SIGNAL_BASE + signal);
}

/** Every secret value to mask: whole, line by line for multi-line ones, and their encoded forms. */
function maskSecrets(log: Logger, ctx: JobContext): void {
  const values: string[] = [];
  for (const secret of ctx.secrets) {
    // An empty value masks nothing; leaving it out spares the sh build an awk when there is nothing to mask.
    if (secret.value !== "") values.push(secret.value);
    // secretMasks gives nothing for a value this short (its lines are shorter still).
    if (secret.value !== "" && secret.value.length < MIN_MASK_LENGTH) {
      logWarn(log, `secret is shorter than ${MIN_MASK_LENGTH} characters and is not masked`, [str("secret", secret.key)]);
    }
  }
  if (ctx.settings.runnerToken !== "") values.push(ctx.settings.runnerToken);
  addMasks(log, secretMasksOf(values));
}

/**
 * The job's environment on top of the runner's (contract section 3, step 4).
 * Names the runner sets itself are not taken from the job file (a warning
 * says so); the runner's credentials are removed.
 */
function jobEnvironment(log: Logger, ctx: JobContext, safeUrl: string): string[] {
  const env = fileEnvironment(log, ctx);
  for (const entry of runnerEnvironment(log, ctx, safeUrl)) env.push(entry);
  return env;
}

/** A job file's NAME=value, unless the runner sets NAME itself. */
function pushJobPair(log: Logger, env: string[], key: string, value: string): void {
  if (isRunnerVariable(key)) {
    logWarn(log, `${key} is set by the runner; the job file's value is not used`, [str("name", key)]);
    return;
  }
  env.push(`${key}=${value}`);
}

/** The runner's credentials removed, then the job file's env: the lowest layer over the runner's own environment. */
function fileEnvironment(log: Logger, ctx: JobContext): string[] {
  const env: string[] = [];
  for (const name of RUNNER_CREDENTIALS) env.push(name);
  for (const pair of ctx.env) pushJobPair(log, env, pair.key, pair.value);
  return env;
}

/** Secrets and the variables the runner sets: above everything a workflow sets. */
function runnerEnvironment(log: Logger, ctx: JobContext, safeUrl: string): string[] {
  const env: string[] = [];
  for (const pair of ctx.secrets) pushJobPair(log, env, pair.key, pair.value);
  // A workflow's env cannot bring the orchestrator's credential back.
  env.push("SOLSTICE_RUNNER_TOKEN");
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
  const scratch = chooseScratch(early);
  if (!scratch.ok) {
    logError(early, scratch.error, []);
    return finish(early, "error", scratch.exitCode);
  }
  const nul = nulByteProblem();
  if (nul !== "") {
    logError(early, nul, []);
    return finish(early, "error", EXIT_DATAERR);
  }
  const ctx = readContext();
  if (!ctx.ok) {
    logError(early, ctx.error, []);
    return finish(early, "error", ctx.exitCode);
  }
  // The lines printed from here are the run's log stream (contract section 9).
  streamContext(ctx.runId, "");
  const log = makeLogger(ctx.settings.logFormat, ctx.settings.logLevel, []);
  const credentials = splitCredentials(ctx.repoUrl);
  // The credentials themselves whatever their length, then their forms.
  addMasks(log, credentials.masks);
  addMasks(log, secretMasksOf(credentials.masks));
  maskSecrets(log, ctx);
  // Until here the runner has only computed (the parse and the masking
  // set-up, long in sh for large files): a stop signal's default action
  // ends it at once, where a trap would be looked at only once they are
  // done. From here on a stop signal ends the run through the last event.
  watchStopSignals(ctx.settings.killGrace);
  for (const warning of ctx.warnings) logWarn(log, warning, []);
  logInfo(log, "job context read", [str("repo_url", credentials.url), str("commit", ctx.commitSha), str("job_id", ctx.jobId), word("runner_version", VERSION)]);

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
  logInfo(log, "running the job", [word("entry", `.solstice/${entry.kind}`)]);
  const groupProblem = processGroupProblem();
  if (groupProblem !== "") logWarn(log, `the job runs without a process group of its own: ${groupProblem}`, []);
  if (stopSignal() !== 0) return cancelled(log);
  if (entry.kind === "workflow.kdl") return await workflowJob(ctx, credentials.url, log);
  const ending = await runStep(entry.kind, 1, entry.argv, ctx.settings.workdir, jobEnvironment(log, ctx, credentials.url), log.masks, ctx.timeout, log);
  if (stopSignal() !== 0) return cancelled(log);
  if (ending.timedOut) {
    logError(log, `the job ran past its timeout and was stopped; raise timeout in the job file if it needs longer`, [num("timeout_s", ctx.timeout)]);
    return finish(log, "timed_out", EXIT_TIMEOUT);
  }
  return finish(log, ending.status === 0 ? "success" : "failure", ending.status);
}

/** The chosen job of .solstice/workflow.kdl: checked whole before its first step runs. */
async function workflowJob(ctx: JobContext, safeUrl: string, log: Logger): Promise<number> {
  const loaded = await loadWorkflow(ctx.settings.workdir, ctx.jobId, log);
  if (!loaded.ok) {
    logError(log, loaded.error, []);
    return finish(log, "error", loaded.exitCode);
  }
  const layers = { fileEnv: fileEnvironment(log, ctx), runnerEnv: runnerEnvironment(log, ctx, safeUrl) };
  const result = await runWorkflow(loaded, ctx.settings.workdir, layers, ctx.timeout, log.masks, log);
  if (stopSignal() !== 0) return cancelledAfter(log, result.steps);
  logStepSummary(log, result.steps);
  return finish(log, result.status, result.exitCode);
}

/** 0, or 74 with a line saying so when the output that was the point (--version, --help) was lost. */
function outputStatus(written: boolean): number {
  if (written) return 0;
  printErr("solstice-runner: cannot write to standard output; free space, or fix the redirection");
  return EXIT_IOERR;
}

export async function main(args: string[]): Promise<number> {
  const commandLine = parseCommandLine(args);
  if (commandLine.action === "version") {
    return outputStatus(printChecked(`solstice-runner ${VERSION}`));
  }
  if (commandLine.action === "help") {
    return outputStatus(printChecked(usageText()));
  }
  if (commandLine.action === "error") {
    printErr(usageLine(commandLine.error));
    return EXIT_USAGE;
  }
  return await runJob();
}
