// Running the chosen job of .solstice/workflow.kdl (contract section 4):
// the setup script, then each step, in order, each in a process group of
// its own with stdin from /dev/null and its output through the masker. A
// failing step stops the rest but for always=#true ones; the runner's
// status is the first failure not continued past.
import { isExecutable, isDirectory, isFile, isReadable, readClock, readLines, realPath, stopSignal } from "@solstice/std";
import { parseKdlLines } from "./kdl/parse";
import { runStepTimed } from "./job";
import { logError, logInfo, logWarn, num, str, type Logger } from "./log";
import { chooseJob, emptyWorkflow, placed, readWorkflow, type Workflow, type WorkflowJob, type WorkflowStep } from "./workflow";
import { EXIT_DATAERR, EXIT_NOINPUT, EXIT_TIMEOUT } from "./exit-codes";

export const WORKFLOW_PATH = ".solstice/workflow.kdl";

export interface LoadedWorkflow {
  ok: boolean;
  exitCode: number;
  error: string;
  workflow: Workflow;
  job: WorkflowJob;
  /** The workspace with every symlink resolved (steps' workdirs must stay under it). */
  physicalWorkspace: string;
}

/** How one step went, for the summary. */
export interface StepRecord {
  index: number;
  name: string;
  /** success, failure, continued, timed_out or skipped. */
  outcome: string;
  durationMs: number;
}

export interface WorkflowResult {
  /** For `job finished`: success, failure or timed_out. */
  status: string;
  exitCode: number;
  steps: StepRecord[];
}

/** The environment layers of contract section 4, lowest first, around the workflow's own. */
export interface StepEnvironment {
  /** The job file's env. */
  fileEnv: string[];
  /** Secrets, then the SOLSTICE_* variables. */
  runnerEnv: string[];
}

function emptyJob(): WorkflowJob {
  return { id: "", runsOn: "", timeout: 0, env: [], steps: [], line: 0, col: 0 };
}

function loadFailure(workflow: Workflow, exitCode: number, error: string): LoadedWorkflow {
  return { ok: false, exitCode: exitCode, error: error, workflow: workflow, job: emptyJob(), physicalWorkspace: "" };
}

/** "" when `dir` (which exists) is the workspace or under it once symlinks are resolved, else where it leads. */
function escapeOf(dir: string, physicalWorkspace: string): string {
  const physical = realPath(dir);
  if (physical === "" || physical === physicalWorkspace || physical.startsWith(`${physicalWorkspace}/`)) return "";
  return physical;
}

function stepDirectory(workspace: string, step: WorkflowStep): string {
  return step.workdir === "" || step.workdir === "." ? workspace : `${workspace}/${step.workdir}`;
}

/**
 * Read, check and choose: every error in the file, and a job id the file
 * does not have, is reported here, before any step runs.
 */
export async function loadWorkflow(workspace: string, jobId: string, log: Logger): Promise<LoadedWorkflow> {
  const path = `${workspace}/${WORKFLOW_PATH}`;
  if (!isFile(path) || !isReadable(path)) {
    return loadFailure(emptyWorkflow(), EXIT_NOINPUT, `${WORKFLOW_PATH} is not a readable file; commit the workflow as a file (or remove it to run .solstice/job.sh)`);
  }
  // A line at a time: readFile's cost in sh grows with the square of the size.
  const workflow = readWorkflow(parseKdlLines(readLines(path)));
  for (const warning of workflow.warnings) logWarn(log, warning, []);
  if (!workflow.ok) return loadFailure(workflow, EXIT_DATAERR, workflow.error);
  const choice = chooseJob(workflow, jobId);
  if (!choice.ok) return loadFailure(workflow, EXIT_DATAERR, choice.error);
  const job = workflow.jobs[choice.index];
  const physicalWorkspace = realPath(workspace);
  for (const step of job.steps) {
    if (step.shell === "setup" && !isFile(`${workspace}/${step.run}`)) {
      return loadFailure(workflow, EXIT_DATAERR, placed(step.line, step.col, `the setup script ${step.run} is not a file in the checkout`));
    }
    const dir = stepDirectory(workspace, step);
    if (step.workdir !== "" && isDirectory(dir)) {
      const outside = escapeOf(dir, physicalWorkspace);
      if (outside !== "") {
        return loadFailure(
          workflow,
          EXIT_DATAERR,
          placed(step.line, step.col, `step '${step.name}': workdir ${step.workdir} leads out of the workspace (to ${outside}) through a symlink; give a directory inside it`),
        );
      }
    }
  }
  if (isFile(`${workspace}/.solstice/job.sh`)) {
    logInfo(log, "the repository has both .solstice/workflow.kdl and .solstice/job.sh; the workflow runs (job.sh runs only if a step calls it)", []);
  }
  return { ok: true, exitCode: 0, error: "", workflow: workflow, job: job, physicalWorkspace: physicalWorkspace };
}

function addAll(into: string[], from: string[]): void {
  for (const entry of from) into.push(entry);
}

/** A step's environment: job file < workflow < job < step < secrets < SOLSTICE_*. */
function stepEnvironment(layers: StepEnvironment, workflow: Workflow, job: WorkflowJob, step: WorkflowStep): string[] {
  const env: string[] = [];
  addAll(env, layers.fileEnv);
  addAll(env, workflow.env);
  addAll(env, job.env);
  addAll(env, step.env);
  addAll(env, layers.runnerEnv);
  return env;
}

function stepArgv(workspace: string, step: WorkflowStep): string[] {
  if (step.shell === "setup") {
    const script = `${workspace}/${step.run}`;
    return isExecutable(script) ? [script] : ["/bin/sh", script];
  }
  return [step.shell === "bash" ? "bash" : "/bin/sh", "-e", "-c", step.run];
}

interface WorkdirProblem {
  /** "" when the step may run there. */
  message: string;
  status: number;
}

/**
 * Checked again as each step starts: an earlier step may have removed the
 * directory or put a symlink out of the workspace in its place.
 */
async function workdirProblem(workspace: string, step: WorkflowStep, physicalWorkspace: string): Promise<WorkdirProblem> {
  if (step.workdir === "") return { message: "", status: 0 };
  const dir = stepDirectory(workspace, step);
  // 126, as sh reports a command it cannot run.
  if (!isDirectory(dir)) return { message: `its workdir ${step.workdir} is not a directory in the workspace`, status: 126 };
  const outside = await escapeOf(dir, physicalWorkspace);
  if (outside !== "") return { message: `its workdir ${step.workdir} leads out of the workspace (to ${outside})`, status: EXIT_DATAERR };
  return { message: "", status: 0 };
}

/** The smaller of two limits in seconds, 0 meaning none. */
function tighter(a: number, b: number): number {
  if (a === 0) return b;
  if (b === 0) return a;
  return a < b ? a : b;
}

function record(steps: StepRecord[], index: number, name: string, outcome: string, durationMs: number): void {
  steps.push({ index: index, name: name, outcome: outcome, durationMs: durationMs });
}

/**
 * Run the chosen job's steps. `jobLimit` is the job file's timeout (0: none);
 * the workflow job's own `timeout` tightens it. When the job's time runs
 * out, the running step is stopped (status 124) and no further step runs;
 * when the runner gets a stop signal, likewise.
 */
export async function runWorkflow(loaded: LoadedWorkflow, workspace: string, layers: StepEnvironment, jobLimit: number, masks: string[], log: Logger): Promise<WorkflowResult> {
  const workflow = loaded.workflow;
  const job = loaded.job;
  const limit = tighter(jobLimit, job.timeout);
  const started = logInfo(log, "running workflow job", [
    str("workflow", workflow.name),
    str("job_id", job.id),
    str("runs_on", job.runsOn),
    num("steps", job.steps.length),
    num("timeout_s", limit),
  ]);
  const steps: StepRecord[] = [];
  let failed = false;
  let exitCode = 0;
  let status = "success";
  let halted = false;
  for (let i = 0; i < job.steps.length; i++) {
    const step = job.steps[i];
    const index = i + 1;
    if (halted || stopSignal() !== 0 || (failed && !step.always)) {
      record(steps, index, step.name, "skipped", 0);
      continue;
    }
    let stepLimit = step.timeout;
    let jobLimitRules = false;
    if (limit > 0) {
      const leftMs = limit * 1000 - (readClock().millis - started);
      const left = leftMs <= 0 ? 0 : Math.trunc((leftMs + 999) / 1000);
      if (left === 0) {
        halted = true;
        logError(log, "the job ran past its timeout; the steps left are skipped", [num("timeout_s", limit)]);
        if (!failed) {
          failed = true;
          exitCode = EXIT_TIMEOUT;
          status = "timed_out";
        }
        record(steps, index, step.name, "skipped", 0);
        continue;
      }
      jobLimitRules = stepLimit === 0 || left < stepLimit;
      stepLimit = tighter(stepLimit, left);
    }
    const problem = await workdirProblem(workspace, step, loaded.physicalWorkspace);
    if (problem.message !== "") {
      logError(log, `step '${step.name}': ${problem.message}; the step does not run`, [num("index", index)]);
      if (!failed && !step.continueOnError) {
        failed = true;
        exitCode = problem.status;
        status = "failure";
      }
      record(steps, index, step.name, step.continueOnError ? "continued" : "failure", 0);
      continue;
    }
    const dir = stepDirectory(workspace, step);
    const timed = await runStepTimed(step.name, index, stepArgv(workspace, step), dir, stepEnvironment(layers, workflow, job, step), masks, stepLimit, log);
    const ending = timed.ending;
    let stepStatus = ending.status;
    let outcome = "success";
    if (ending.timedOut) {
      stepStatus = EXIT_TIMEOUT;
      outcome = "timed_out";
      if (jobLimitRules) {
        halted = true;
        logError(log, "the job ran past its timeout and its step was stopped; the steps left are skipped; raise timeout if it needs longer", [
          str("step", step.name),
          num("index", index),
          num("timeout_s", limit),
        ]);
      } else {
        logError(log, "the step ran past its timeout and was stopped; raise its timeout if it needs longer", [
          str("step", step.name),
          num("index", index),
          num("timeout_s", stepLimit),
        ]);
      }
    } else if (stepStatus !== 0) {
      outcome = step.continueOnError ? "continued" : "failure";
    }
    const decisive = stepStatus !== 0 && (!step.continueOnError || (halted && ending.timedOut));
    if (decisive && !failed) {
      failed = true;
      exitCode = stepStatus;
      status = ending.timedOut ? "timed_out" : "failure";
    }
    record(steps, index, step.name, outcome, timed.durationMs);
  }
  return { status: status, exitCode: exitCode, steps: steps };
}

/** One event a step, just before `job finished`: what ran, how it ended, how long it took. */
export function logStepSummary(log: Logger, steps: StepRecord[]): void {
  for (const step of steps) {
    logInfo(log, "step summary", [num("index", step.index), str("step", step.name), str("outcome", step.outcome), num("duration_ms", step.durationMs)]);
  }
}
