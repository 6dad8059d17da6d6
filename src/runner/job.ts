// Run the repository's job (contract section 3, step 4): .solstice/job.sh,
// executed directly when executable (its shebang decides), else with
// /bin/sh; in the workspace, stdin from /dev/null, its output streamed
// through the masker.
import { isExecutable, isFile, pathExists, runStreaming, type JobEnding } from "@solstice/std";
import { logInfo, num, since, str, type Logger } from "./log";
import { takeAddedMasks } from "./job-masks";
import { EXIT_NOINPUT, EXIT_SOFTWARE } from "./exit-codes";

export interface JobEntry {
  ok: boolean;
  exitCode: number;
  error: string;
  /** "job.sh" (the workflow entry arrives with workflow support). */
  kind: string;
  argv: string[];
}

/** Which entry the checkout offers. */
export function chooseEntry(workdir: string): JobEntry {
  const workflow = `${workdir}/.solstice/workflow.kdl`;
  const script = `${workdir}/.solstice/job.sh`;
  if (pathExists(workflow)) {
    return {
      ok: false,
      exitCode: EXIT_SOFTWARE,
      error: "the repository has .solstice/workflow.kdl, and this runner version cannot run workflows yet; it runs .solstice/job.sh only",
      kind: "workflow.kdl",
      argv: [],
    };
  }
  if (!isFile(script)) {
    return { ok: false, exitCode: EXIT_NOINPUT, error: "nothing to run: the commit has neither .solstice/workflow.kdl nor .solstice/job.sh", kind: "", argv: [] };
  }
  const argv = isExecutable(script) ? [script] : ["/bin/sh", script];
  return { ok: true, exitCode: 0, error: "", kind: "job.sh", argv: argv };
}

/**
 * After a step's main process ends, how long background processes that
 * still hold its output open may go on writing before the step's process
 * group is stopped (docs/contract.md, "Stopping").
 */
export const DRAIN_SECONDS = 2;

/** Run one step in its own process group; how it ended (status 128+N when killed by signal N). */
export async function runStep(name: string, index: number, argv: string[], workdir: string, env: string[], masks: string[], timeoutSeconds: number, log: Logger): Promise<JobEnding> {
  const started = logInfo(log, "step started", [str("step", name), num("index", index)]);
  const ending = await runStreaming({ argv: argv, cwd: workdir, env: env }, masks, { timeoutSeconds: timeoutSeconds, drainSeconds: DRAIN_SECONDS });
  takeAddedMasks(log, ending);
  logInfo(log, "step finished", [str("step", name), num("index", index), num("exit_code", ending.status), since("duration_ms", started)]);
  return ending;
}
