// Fetch exactly one commit into the workspace with the system's git
// (contract section 3, steps 2 and 3). The URL, with any credentials, is
// given to git on the command line only: it is never written into the
// checkout's config, which keeps the URL without them.
import { isReadable, isWritable, readFile, runCapture, sleepSeconds, stopSignal, type CommandResult } from "@solstice/std";
import { RUNNER_CREDENTIALS } from "./environment";
import { MARKER, markCheckout, probeWorkspace, recordOrigin, scrubGitDir } from "./workspace";
import { logDebug, logInfo, logWarn, num, since, str, type Logger } from "./log";
import { EXIT_CANTCREAT, EXIT_UNAVAILABLE } from "./exit-codes";
import { workspaceUnderFile } from "./workspace-path";

/**
 * git's environment: never prompt, and only these transports (no ext::, no
 * fd::). No configuration but the repository's own, which the runner writes
 * (no system or global file: a previous job may have written ~/.gitconfig on
 * a reused machine), and nothing of the runner's environment that could
 * steer git elsewhere or that a process git starts could take: the
 * orchestrator's credentials are removed.
 */
const GIT_ISOLATION = [
  "GIT_CONFIG_NOSYSTEM=1",
  "GIT_CONFIG_GLOBAL=/dev/null",
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_CONFIG",
  "GIT_CONFIG_PARAMETERS",
  "GIT_CONFIG_COUNT",
  "GIT_NAMESPACE",
  "GIT_EXTERNAL_DIFF",
];

function gitEnvironment(protocols: string): string[] {
  const env = ["GIT_TERMINAL_PROMPT=0", `GIT_ALLOW_PROTOCOL=${protocols}`, "GIT_ASKPASS=true", "SSH_ASKPASS=true"];
  for (const entry of GIT_ISOLATION) env.push(entry);
  for (const name of RUNNER_CREDENTIALS) env.push(name);
  return env;
}

const GIT_ENV = gitEnvironment("file:git:http:https:ssh");
/**
 * For submodules of a repository fetched over the network, file:// is off: a
 * submodule URL naming a path on this machine is the attack git's own
 * protocol.file.allow=user default guards against (CVE-2022-39253).
 */
const SUBMODULE_GIT_ENV = gitEnvironment("git:http:https:ssh");

/**
 * Settings no file can change, given on every git command line (and so to
 * the gits it starts, submodules' included): no hook, no file-system
 * monitor, no ext:: transport. (Filters, diff and merge drivers, includes,
 * URL rewrites and credential helpers need configuration, and the only
 * configuration git reads is the one the runner wrote.)
 */
const GIT_SAFE_CONFIG = ["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "protocol.ext.allow=never"];

export interface FetchRequest {
  /** The URL git fetches from, credentials included. */
  url: string;
  /** The URL without credentials, kept as the checkout's origin. */
  safeUrl: string;
  sha: string;
  workdir: string;
  /** "false", "true" or "recursive". */
  submodules: string;
  attempts: number;
}

export interface FetchOutcome {
  ok: boolean;
  exitCode: number;
  error: string;
}

function failed(exitCode: number, error: string): FetchOutcome {
  return { ok: false, exitCode: exitCode, error: error };
}

async function gitWith(env: string[], args: string[], cwd: string): Promise<CommandResult> {
  const argv = ["git"];
  for (const arg of GIT_SAFE_CONFIG) argv.push(arg);
  for (const arg of args) argv.push(arg);
  return await runCapture({ argv: argv, cwd: cwd, env: env });
}

async function git(args: string[], cwd: string): Promise<CommandResult> {
  return await gitWith(GIT_ENV, args, cwd);
}

/** At most this many of git's lines go into a message, each cut to MAX_GIT_LINE bytes. */
const MAX_GIT_LINES = 6;
const MAX_GIT_LINE = 300;

/**
 * What git said, for an error message: its `fatal:`, `error:` and `remote:`
 * lines (the reason, and the server's words), not only the last line, which
 * is often the tail of an advice paragraph ("and the repository exists.").
 * Bounded; a git that said none of these gives its last line.
 */
export function gitSays(result: CommandResult): string {
  const picked: string[] = [];
  let more = 0;
  let last = "";
  for (const raw of result.stderr.split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    last = line;
    if (!(line.startsWith("fatal:") || line.startsWith("error:") || line.startsWith("remote:"))) continue;
    // A clause of the runner's sentence: no full stop before the "; ".
    const clause = line.endsWith(".") ? line.slice(0, line.length - 1) : line;
    const said = clause.length > MAX_GIT_LINE ? `${clause.slice(0, MAX_GIT_LINE)}...` : clause;
    if (picked.includes(said)) continue;
    if (picked.length === MAX_GIT_LINES) {
      more++;
      continue;
    }
    picked.push(said);
  }
  if (picked.length === 0) {
    if (last === "") return `git exited with status ${result.status}`;
    return last.length > MAX_GIT_LINE ? `${last.slice(0, MAX_GIT_LINE)}...` : last;
  }
  const said = picked.join("; ");
  return more === 0 ? said : `${said}; (${more} more line(s))`;
}

/**
 * git refuses a repository another user owns ("dubious ownership"). The
 * runner reads no global git configuration, so git's advice (safe.directory)
 * does not apply: the workspace must be the runner's own. "" when git said
 * nothing of it.
 */
function unsafeWorkspace(result: CommandResult, dir: string): string {
  for (const raw of result.stderr.split("\n")) {
    const line = raw.trim();
    if (!line.includes("detected dubious ownership")) continue;
    return `git refuses the workspace ${dir} as unsafe: ${line} (it is owned by another user than the one the runner runs as); make the directory the runner user's own (chown), or set SOLSTICE_WORKDIR to a new directory (git's safe.directory does not apply: the runner reads no global git configuration)`;
  }
  return "";
}

/** The workspace, ready for the fetch. */
interface Workspace {
  ok: boolean;
  exitCode: number;
  error: string;
  /** The directory was new or empty: nothing to clean after the checkout. */
  fresh: boolean;
  /** The previous checkout's object store was kept: it must pass git fsck. */
  reused: boolean;
}

function workspaceFailed(error: string): Workspace {
  return { ok: false, exitCode: EXIT_CANTCREAT, error: `${error}; set SOLSTICE_WORKDIR to a writable directory`, fresh: false, reused: false };
}

/** A directory the runner may not use as its workspace: exit 73, what is there and what to do. */
function refused(dir: string, what: string): Workspace {
  return {
    ok: false,
    exitCode: EXIT_CANTCREAT,
    error: `the workspace ${dir} ${what}; the runner empties its workspace, so it uses only a new or empty directory or a checkout it made itself: empty or remove ${dir}, or set SOLSTICE_WORKDIR to a new directory`,
    fresh: false,
    reused: false,
  };
}

/** `a, b, c, …` of a directory's first entries. */
function listed(entries: string[]): string {
  const shown = entries.slice(0, 3).join(", ");
  return entries.length > 3 ? `${shown}, ...` : shown;
}

/**
 * Make the workspace a git repository the runner may write to: a new or
 * empty directory, or a checkout the runner made (its marker in .git), whose
 * .git is scrubbed down to the object store (contract §3, "Workspace").
 * Anything else is refused, never emptied; symbolic links are resolved first.
 */
async function prepareWorkspace(request: FetchRequest, log: Logger): Promise<Workspace> {
  const dir = request.workdir;
  const wanted = request.sha.length === 64 ? "sha256" : "sha1";
  const state = await probeWorkspace(dir);
  if (!state.ok) return workspaceFailed(state.error);
  if (state.kind === "dangling") return refused(dir, "is a symbolic link to nothing");
  if (state.kind === "not-a-directory") return refused(dir, "is not a directory");
  const fresh = state.kind === "missing" || (state.entries.length === 0 && state.git === "none");
  let reused = false;
  if (state.kind === "directory") {
    if (state.resolved === "/" || state.resolved === "") return refused(dir, "is the root directory");
    if (!isWritable(dir)) return workspaceFailed(`cannot write the workspace ${dir}`);
    if (!fresh && state.git !== "runner") {
      if (state.git === "none") return refused(dir, `is not empty and is not a checkout (it holds ${listed(state.entries)})`);
      if (state.git === "foreign") return refused(dir, "holds a git repository the runner did not make (.git has no solstice-runner marker)");
      return refused(dir, `has a .git that is ${state.git === "link" ? "a symbolic link" : "a file"}, not a checkout the runner made`);
    }
    if (state.git === "runner") {
      const keep = state.format === wanted;
      const scrubbed = await scrubGitDir(dir, keep);
      if (scrubbed.error !== "") return workspaceFailed(`cannot clean the old checkout's ${dir}/.git: ${scrubbed.error}`);
      reused = keep && !scrubbed.dropped;
      if (reused) {
        logInfo(log, "reusing the existing checkout", [str("workdir", dir)]);
      } else {
        const reason = keep
          ? "its object store held links or special files"
          : `its objects are ${state.format === "" ? "of an unknown format" : state.format}, the commit is ${wanted}`;
        logInfo(log, "replacing the existing checkout", [str("workdir", dir), str("reason", reason)]);
      }
    }
  }
  const made = await initCheckout(request);
  if (!made.ok) return made;
  return { ok: true, exitCode: 0, error: "", fresh: fresh, reused: reused };
}

/** git init (making the directory and its parents) and the runner's marker; where that fails, the workspace is not writable. */
async function initCheckout(request: FetchRequest): Promise<Workspace> {
  const dir = request.workdir;
  const init = await git(request.sha.length === 64 ? ["init", "-q", "--template=", "--object-format=sha256", dir] : ["init", "-q", "--template=", dir], "");
  if (init.status !== 0) {
    const underFile = workspaceUnderFile(dir);
    if (underFile !== "") return { ok: false, exitCode: EXIT_CANTCREAT, error: underFile, fresh: false, reused: false };
    const unsafe = unsafeWorkspace(init, dir);
    if (unsafe !== "") return { ok: false, exitCode: EXIT_CANTCREAT, error: unsafe, fresh: false, reused: false };
    return workspaceFailed(`cannot create a git repository in ${dir}: ${gitSays(init)}`);
  }
  if (!markCheckout(dir, request.sha.length === 64 ? "sha256" : "sha1")) return workspaceFailed(`cannot write ${dir}/.git/${MARKER}`);
  return { ok: true, exitCode: 0, error: "", fresh: false, reused: false };
}

/** Whether the commit is in the repository now. */
async function hasCommit(request: FetchRequest): Promise<boolean> {
  const probe = await git(["cat-file", "-e", `${request.sha}^{commit}`], request.workdir);
  return probe.status === 0;
}

/** What a fetch attempt came to: `error` "" when the commit is here. */
interface Attempt {
  error: string;
  /** The commit is on no branch: no retry. */
  notFound: boolean;
  /** git refused the workspace itself: exit 73, no retry. */
  unsafe: boolean;
}

function attemptFailed(result: CommandResult, request: FetchRequest): Attempt {
  const unsafe = unsafeWorkspace(result, request.workdir);
  return { error: unsafe !== "" ? unsafe : gitSays(result), notFound: false, unsafe: unsafe !== "" };
}

/**
 * One attempt: the commit alone, shallow; when the server will not serve an
 * unadvertised commit or a shallow fetch (protocol v0, dumb HTTP), every
 * branch, then look for the commit among them.
 */
async function fetchOnce(request: FetchRequest, log: Logger): Promise<Attempt> {
  const direct = await git(["-c", "protocol.version=2", "fetch", "--no-tags", "--no-recurse-submodules", "--depth=1", request.url, request.sha], request.workdir);
  if (direct.status === 0) return { error: "", notFound: false, unsafe: false };
  const first = attemptFailed(direct, request);
  if (stopSignal() !== 0 || first.unsafe) return first;
  logDebug(log, "fetching the commit alone failed; trying the branches", [str("error", first.error)]);
  const branches = await git(["fetch", "--no-tags", "--no-recurse-submodules", request.url, "+refs/heads/*:refs/remotes/origin/*"], request.workdir);
  if (branches.status !== 0) return attemptFailed(branches, request);
  if (await hasCommit(request)) return { error: "", notFound: false, unsafe: false };
  return { error: "", notFound: true, unsafe: false };
}

/**
 * The object commit_sha names when it is not a commit ("tree", "blob",
 * "tag"); "" when it is a commit or is not in the repository.
 */
async function objectTypeIfNotCommit(request: FetchRequest): Promise<string> {
  const probe = await git(["cat-file", "-t", request.sha], request.workdir);
  const type = probe.stdout.trim();
  return probe.status !== 0 || type === "commit" ? "" : type;
}

function notACommit(request: FetchRequest, type: string): FetchOutcome {
  return failed(
    EXIT_UNAVAILABLE,
    `commit_sha ${request.sha} names a ${type} in ${request.safeUrl}, not a commit; set commit_sha to the SHA of a commit (git rev-parse HEAD gives the one checked out)`,
  );
}

async function fetchWithRetries(request: FetchRequest, log: Logger): Promise<FetchOutcome> {
  let delay = 1;
  for (let attempt = 1; attempt <= request.attempts; attempt++) {
    const outcome = await fetchOnce(request, log);
    const error = outcome.error;
    if (error === "" && !outcome.notFound) return { ok: true, exitCode: 0, error: "" };
    // Stopped by a signal: the caller reports it; no retry.
    if (stopSignal() !== 0) return failed(EXIT_UNAVAILABLE, error === "" ? "the fetch was stopped" : `the fetch was stopped: ${error}`);
    if (outcome.unsafe) return failed(EXIT_CANTCREAT, error);
    if (outcome.notFound) {
      const type = await objectTypeIfNotCommit(request);
      if (type !== "") return notACommit(request, type);
      return failed(EXIT_UNAVAILABLE, `commit ${request.sha} is not on any branch of ${request.safeUrl}; check commit_sha, or push the commit`);
    }
    if (attempt === request.attempts) {
      return failed(
        EXIT_UNAVAILABLE,
        `cannot fetch ${request.safeUrl} after ${request.attempts} attempt(s): ${error}; check repo_url, and that this machine can reach the server with the URL's credentials`,
      );
    }
    logWarn(log, "fetch failed, retrying", [num("attempt", attempt), num("retry_in_s", delay), str("error", error)]);
    await sleepSeconds(delay);
    delay = delay * 2;
  }
  return failed(EXIT_UNAVAILABLE, "no fetch attempt was made (SOLSTICE_FETCH_RETRIES must be at least 1)");
}

/** Detached at the commit, clean, and HEAD verified; origin is the URL without credentials. */
async function checkOut(request: FetchRequest, fresh: boolean): Promise<FetchOutcome> {
  const dir = request.workdir;
  const steps: string[][] = [["checkout", "-q", "-f", "--detach", request.sha]];
  // A repository git init just made has nothing untracked to clean.
  if (!fresh) steps.push(["clean", "-ffdxq"]);
  for (const args of steps) {
    const result = await git(args, dir);
    if (result.status === 0) continue;
    // The fetch got the object, but it is not a commit to check out.
    const type = args[0] === "checkout" ? await objectTypeIfNotCommit(request) : "";
    if (type !== "") return notACommit(request, type);
    const unsafe = unsafeWorkspace(result, dir);
    if (unsafe !== "") return failed(EXIT_CANTCREAT, unsafe);
    return failed(EXIT_CANTCREAT, `git ${args[0]} failed in ${dir}: ${gitSays(result)}`);
  }
  // Before the submodules: a relative submodule URL is resolved against origin's.
  if (!recordOrigin(dir, request.safeUrl)) return failed(EXIT_CANTCREAT, `cannot write the checkout's origin into ${dir}/.git/config`);
  // A detached HEAD holds the commit's SHA itself: read it rather than start git once more.
  const head = isReadable(`${dir}/.git/HEAD`) ? readFile(`${dir}/.git/HEAD`).trim() : "";
  if (head !== request.sha) {
    // An annotated tag's SHA checks out as the commit it tags.
    const type = await objectTypeIfNotCommit(request);
    if (type !== "") return notACommit(request, type);
    return failed(EXIT_UNAVAILABLE, `HEAD is ${head === "" ? "unknown" : head} after the checkout, not ${request.sha}`);
  }
  if (request.submodules !== "false") {
    const args = ["submodule", "update", "--init", "--checkout", "--force"];
    if (request.submodules === "recursive") args.push("--recursive");
    const sub = await gitWith(request.url.startsWith("file://") ? GIT_ENV : SUBMODULE_GIT_ENV, args, dir);
    if (sub.status !== 0) return failed(EXIT_UNAVAILABLE, `cannot fetch the submodules: ${gitSays(sub)}`);
  }
  return { ok: true, exitCode: 0, error: "" };
}

/**
 * A reused object store is the previous job's to tamper with: an object
 * stored under the commit's name with other content would be checked out
 * as the commit. git fsck rehashes every object the store holds.
 */
async function storeIsSound(request: FetchRequest): Promise<boolean> {
  const fsck = await git(["fsck", "--no-dangling", "--no-progress", request.sha], request.workdir);
  return fsck.status === 0;
}

export async function fetchRepository(request: FetchRequest, log: Logger): Promise<FetchOutcome> {
  const started = logInfo(log, "fetching repository", [str("repo_url", request.safeUrl), str("commit", request.sha), str("workdir", request.workdir)]);
  const workspace = await prepareWorkspace(request, log);
  if (!workspace.ok) return failed(workspace.exitCode, workspace.error);
  let fetched = await fetchWithRetries(request, log);
  if (!fetched.ok) return fetched;
  if (workspace.reused && !(await storeIsSound(request))) {
    if (stopSignal() !== 0) return failed(EXIT_UNAVAILABLE, "the fetch was stopped");
    logWarn(log, "replacing the existing checkout", [str("workdir", request.workdir), str("reason", "its objects fail git fsck")]);
    const scrubbed = await scrubGitDir(request.workdir, false);
    if (scrubbed.error !== "") return failed(EXIT_CANTCREAT, `cannot clean the old checkout's ${request.workdir}/.git: ${scrubbed.error}`);
    const made = await initCheckout(request);
    if (!made.ok) return failed(made.exitCode, made.error);
    fetched = await fetchWithRetries(request, log);
    if (!fetched.ok) return fetched;
  }
  const checkedOut = await checkOut(request, workspace.fresh);
  if (!checkedOut.ok) return checkedOut;
  logInfo(log, "repository fetched", [str("commit", request.sha), since("duration_ms", started)]);
  return checkedOut;
}
