// Run the repository's job (contract section 3, step 4): .solstice/job.sh,
// executed directly when executable (its shebang decides), else with
// /bin/sh; in the workspace, stdin from /dev/null, its output streamed
// through the masker.
import { isDirectory, isExecutable, isFile, isSymlink, pathExists, readFirstLine, realPath, runStreaming, streamContext, type JobEnding } from "@solstice/std";
import { logInfo, num, since, str, type Logger } from "./log";
import { EXIT_NOINPUT, EXIT_NOT_FOUND } from "./exit-codes";
import { takeAddedMasks } from "./job-masks";

export interface JobEntry {
  ok: boolean;
  exitCode: number;
  error: string;
  /** "workflow.kdl" or "job.sh". */
  kind: string;
  /** The command for job.sh; the workflow's steps are src/runner/workflow-run.ts's. */
  argv: string[];
}

/** Which entry the checkout offers. */
export function chooseEntry(workdir: string): JobEntry {
  const workflow = `${workdir}/.solstice/workflow.kdl`;
  const script = `${workdir}/.solstice/job.sh`;
  // Repositories keep both and call job.sh from a workflow step: the workflow wins.
  if (pathExists(workflow)) return { ok: true, exitCode: 0, error: "", kind: "workflow.kdl", argv: [] };
  const problem = jobScriptProblem(workdir, script);
  if (problem !== "") return { ok: false, exitCode: EXIT_NOINPUT, error: problem, kind: "", argv: [] };
  const first = readFirstLine(script);
  // Without #! the system would pick the shell (env's, Node's, the runner's own): /bin/sh it is.
  if (!isExecutable(script) || !first.startsWith("#!")) return { ok: true, exitCode: 0, error: "", kind: "job.sh", argv: ["/bin/sh", script] };
  const interpreter = shebangInterpreter(first);
  if (first.endsWith("\r")) {
    const error =
      "cannot run .solstice/job.sh: its #! line ends in a carriage return (the file has CRLF line ends), so the system looks for an interpreter whose name ends in one; save the file with LF line ends";
    return { ok: false, exitCode: EXIT_NOT_FOUND, error: error, kind: "", argv: [] };
  }
  if (interpreter.startsWith("/") && !isExecutable(interpreter)) {
    const error = `cannot run .solstice/job.sh: its #! line names the interpreter ${interpreter}, which is not an executable file on this machine; install it, or change the #! line (a job.sh without one runs under /bin/sh)`;
    return { ok: false, exitCode: EXIT_NOT_FOUND, error: error, kind: "", argv: [] };
  }
  return { ok: true, exitCode: 0, error: "", kind: "job.sh", argv: [script] };
}

/** The interpreter a #! line names: its first word (the kernel reads at most 255 bytes of it). */
function shebangInterpreter(line: string): string {
  let rest = line.slice(2, 256);
  while (rest.startsWith(" ") || rest.startsWith("\t")) rest = rest.slice(1);
  let end = 0;
  while (end < rest.length && rest[end] !== " " && rest[end] !== "\t") end++;
  return rest.slice(0, end);
}

/**
 * Why .solstice/job.sh cannot be run ("" when it can): missing, a
 * directory, a link to nothing, or a link that leads out of the checkout
 * (a repository must not make the runner run a file of the machine's).
 */
function jobScriptProblem(workdir: string, script: string): string {
  const resolved = realPath(script);
  if (resolved === "") {
    if (isSymlink(script)) {
      return "nothing to run: .solstice/job.sh is a symbolic link to a file that does not exist in the checkout; point it at a script in the repository, or commit the script itself as .solstice/job.sh";
    }
    return "nothing to run: the commit has neither .solstice/workflow.kdl nor .solstice/job.sh";
  }
  const root = realPath(workdir);
  if (!resolved.startsWith(`${root}/`) || resolved.startsWith(`${root}/.git/`)) {
    return `refusing to run .solstice/job.sh: it leads to ${resolved}, outside the repository's checkout ${root}; commit the script itself, or link to a file in the repository`;
  }
  if (isDirectory(resolved)) {
    return "nothing to run: .solstice/job.sh is a directory, not a script; commit the job as the file .solstice/job.sh";
  }
  if (!isFile(resolved)) return `nothing to run: .solstice/job.sh is not a regular file; commit the job as the file .solstice/job.sh`;
  return "";
}

/**
 * After a step's main process ends, how long background processes that
 * still hold its output open may go on writing before the step's process
 * group is stopped (docs/contract.md, "Stopping").
 */
export const DRAIN_SECONDS = 2;

/** Run one step in its own process group; how it ended (status 128+N when killed by signal N). */
export async function runStep(
  name: string,
  index: number,
  argv: string[],
  workdir: string,
  env: string[],
  masks: string[],
  timeoutSeconds: number,
  log: Logger,
): Promise<JobEnding> {
  const timed = await runStepTimed(name, index, argv, workdir, env, masks, timeoutSeconds, log);
  return timed.ending;
}

export interface TimedEnding {
  ending: JobEnding;
  /** From `step started` to `step finished`, as the latter's duration_ms says. */
  durationMs: number;
}

/** runStep, and how long the step took (for the workflow's step summary). */
export async function runStepTimed(
  name: string,
  index: number,
  argv: string[],
  workdir: string,
  env: string[],
  masks: string[],
  timeoutSeconds: number,
  log: Logger,
): Promise<TimedEnding> {
  // The orchestrator's log carries each line's step (contract section 9); "" keeps the run id.
  streamContext("", name);
  const started = logInfo(log, "step started", [str("step", name), num("index", index)]);
  const ending = await runStreaming({ argv: argv, cwd: workdir, env: env }, masks, { timeoutSeconds: timeoutSeconds, drainSeconds: DRAIN_SECONDS });
  takeAddedMasks(log, ending);
  const finished = logInfo(log, "step finished", [str("step", name), num("index", index), num("exit_code", ending.status), since("duration_ms", started)]);
  streamContext("", "");
  return { ending: ending, durationMs: finished - started };
}
