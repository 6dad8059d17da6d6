// The runner's inputs from the environment (contract section 1), in one
// list: --help prints it, and a test holds README.md and docs/contract.md
// to it. A new variable is one line here and a row in each of those tables.

export interface RunnerVariable {
  name: string;
  meaning: string;
  /** The default, as the docs' tables write it; "" when there is none. */
  fallback: string;
}

export const RUNNER_VARIABLES: RunnerVariable[] = [
  { name: "SOLSTICE_REPO_URL", meaning: "repository to fetch; overrides repo_url from the job file", fallback: "" },
  { name: "SOLSTICE_COMMIT_SHA", meaning: "exact commit, 40 or 64 hex digits; overrides commit_sha", fallback: "" },
  { name: "SOLSTICE_JOB_FILE", meaning: "job file", fallback: "/etc/solstice/job.yaml" },
  { name: "SOLSTICE_SECRETS_FILE", meaning: "secrets file, top-level NAME: value pairs", fallback: "/etc/solstice/secrets.yaml" },
  { name: "SOLSTICE_WORKDIR", meaning: "workspace, the checkout root", fallback: "/root/work" },
  { name: "SOLSTICE_JOB_ID", meaning: "which workflow job to run; overrides job_id", fallback: "" },
  { name: "SOLSTICE_LOG_FORMAT", meaning: "text or json", fallback: "text" },
  { name: "SOLSTICE_LOG_LEVEL", meaning: "error, warn, info, debug or trace", fallback: "info" },
  { name: "SOLSTICE_KILL_GRACE", meaning: "seconds between TERM and KILL when stopping a job", fallback: "10" },
  { name: "SOLSTICE_FETCH_RETRIES", meaning: "fetch attempts before giving up", fallback: "3" },
  { name: "SOLSTICE_RUN_ID", meaning: "the orchestrator's id for this run; overrides run_id", fallback: "" },
  { name: "SOLSTICE_ORCHESTRATOR_ADDR", meaning: "host:port of the orchestrator's gRPC endpoint (none: no streaming)", fallback: "" },
  { name: "SOLSTICE_RUNNER_TOKEN", meaning: "bearer token for that endpoint; masked like a secret", fallback: "" },
  { name: "SOLSTICE_ORCHESTRATOR_CA", meaning: "PEM file: use TLS and trust this CA (none: plaintext to loopback, else the system's roots)", fallback: "" },
  { name: "SOLSTICE_ORCHESTRATOR_INSECURE", meaning: "1: plaintext to a non-loopback address", fallback: "" },
  { name: "SOLSTICE_REPORT_DEADLINE", meaning: "seconds after the job to deliver the log and the status", fallback: "120" },
  { name: "SOLSTICE_CONSOLE_FRAMING", meaning: "1: prefix each console line with [sr:RUN_ID:SPACE:SEQ]", fallback: "" },
];
