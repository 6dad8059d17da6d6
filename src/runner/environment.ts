// Which variables belong to the runner, not to the job or to git (contract
// §3 step 4, "Job environment"): the job file cannot set the ones the
// runner sets, and the orchestrator's credentials reach no process but the
// runner's own.

/** What the runner sets in the job's environment itself; the job file's `env` and `secrets` cannot. */
export const RUNNER_SET_VARIABLES = [
  "CI",
  "SOLSTICE",
  "SOLSTICE_WORKSPACE",
  "SOLSTICE_COMMIT_SHA",
  "SOLSTICE_REPO_URL",
  "SOLSTICE_JOB_ID",
  "SOLSTICE_TRACKING_ID",
  "SOLSTICE_RUNNER_TOKEN",
  "PWD",
];

/**
 * The orchestrator's credential and the URL that may carry the repository's:
 * removed (a bare NAME in a command's env) from every command the runner
 * starts, git included. The job gets the URL back without credentials.
 */
export const RUNNER_CREDENTIALS = ["SOLSTICE_RUNNER_TOKEN", "SOLSTICE_REPO_URL"];

/** The names between spaces: one substring search per name (one pattern in sh), for a job file of thousands. */
const RUNNER_SET_WORDS = ` ${RUNNER_SET_VARIABLES.join(" ")} `;

/** Whether the runner sets `name` itself; `name` is a variable name (no space). */
export function isRunnerVariable(name: string): boolean {
  return RUNNER_SET_WORDS.includes(` ${name} `);
}
