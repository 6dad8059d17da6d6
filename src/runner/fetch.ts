// Fetch exactly one commit into the workspace with the system's git
// (contract section 3, steps 2 and 3). The URL, with any credentials, is
// given to git on the command line only: it is never written into the
// checkout's config, which keeps the URL without them.
import { isDirectory, isReadable, isWritable, pathExists, readFile, runCapture, sleepSeconds, stopSignal, type CommandResult } from "@solstice/std";
import { logDebug, logInfo, logWarn, num, since, str, type Logger } from "./log";
import { EXIT_CANTCREAT, EXIT_UNAVAILABLE } from "./exit-codes";
import { workspaceUnderFile } from "./workspace-path";

/** git's environment: never prompt, and only these transports (no ext::, no fd::). */
const GIT_ENV = ["GIT_TERMINAL_PROMPT=0", "GIT_ALLOW_PROTOCOL=file:git:http:https:ssh", "GIT_ASKPASS=true", "SSH_ASKPASS=true"];
/**
 * For submodules of a repository fetched over the network, file:// is off: a
 * submodule URL naming a path on this machine is the attack git's own
 * protocol.file.allow=user default guards against (CVE-2022-39253).
 */
const SUBMODULE_GIT_ENV = ["GIT_TERMINAL_PROMPT=0", "GIT_ALLOW_PROTOCOL=git:http:https:ssh", "GIT_ASKPASS=true", "SSH_ASKPASS=true"];

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
  for (const arg of args) argv.push(arg);
  return await runCapture({ argv: argv, cwd: cwd, env: env });
}

async function git(args: string[], cwd: string): Promise<CommandResult> {
  return await gitWith(GIT_ENV, args, cwd);
}

/** git's last words on stderr, for an error message. */
function lastLine(result: CommandResult): string {
  const lines = result.stderr.trim().split("\n");
  const last = lines[lines.length - 1].trim();
  return last === "" ? `git exited with status ${result.status}` : last;
}

/** The workspace, ready for the fetch; `fresh` when git init just made it (nothing to clean). */
interface Workspace {
  ok: boolean;
  exitCode: number;
  error: string;
  fresh: boolean;
}

function workspaceFailed(error: string): Workspace {
  return { ok: false, exitCode: EXIT_CANTCREAT, error: `${error}; set SOLSTICE_WORKDIR to a writable directory`, fresh: false };
}

/** Make the workspace a git repository we may write to. */
async function prepareWorkspace(request: FetchRequest, log: Logger): Promise<Workspace> {
  const dir = request.workdir;
  if (isDirectory(`${dir}/.git`)) {
    if (!isWritable(dir)) return workspaceFailed(`cannot write the workspace ${dir}`);
    // A 64-hex commit names a SHA-256 object: git fetches only between
    // repositories of the same object format (git 2.29 or later).
    const wanted = request.sha.length === 64 ? "sha256" : "sha1";
    // --git-dir: a broken .git must not send git looking in the parent directories.
    const format = await git([`--git-dir=${dir}/.git`, "rev-parse", "--show-object-format"], dir);
    const found = format.stdout.trim();
    // Older git echoes the unknown option back: then reuse as before.
    if (format.status === 0 && (found === wanted || (found !== "sha1" && found !== "sha256"))) {
      logInfo(log, "reusing the existing checkout", [str("workdir", dir)]);
      return { ok: true, exitCode: 0, error: "", fresh: false };
    }
    const reason = format.status === 0 ? `its objects are ${found}, the commit is ${wanted}` : "git cannot read it";
    logInfo(log, "replacing the existing checkout", [str("workdir", dir), str("reason", reason)]);
    const removed = await runCapture({ argv: ["rm", "-rf", "--", `${dir}/.git`], cwd: "", env: [] });
    if (removed.status !== 0) return workspaceFailed(`cannot remove the old checkout's ${dir}/.git: ${lastLine(removed)}`);
  }
  // git init makes the directory and its parents; where it cannot, the workspace is not writable.
  // A directory that was already there may hold stray files: clean it after the checkout.
  const existed = pathExists(dir);
  const init = await git(request.sha.length === 64 ? ["init", "-q", "--object-format=sha256", dir] : ["init", "-q", dir], "");
  if (init.status !== 0) {
    const underFile = workspaceUnderFile(dir);
    if (underFile !== "") return { ok: false, exitCode: EXIT_CANTCREAT, error: underFile, fresh: false };
    return workspaceFailed(`cannot create a git repository in ${dir}: ${lastLine(init)}`);
  }
  return { ok: true, exitCode: 0, error: "", fresh: !existed };
}

/** Whether the commit is in the repository now. */
async function hasCommit(request: FetchRequest): Promise<boolean> {
  const probe = await git(["cat-file", "-e", `${request.sha}^{commit}`], request.workdir);
  return probe.status === 0;
}

/**
 * One attempt: the commit alone, shallow; when the server will not serve an
 * unadvertised commit or a shallow fetch (protocol v0, dumb HTTP), every
 * branch, then look for the commit among them. Returns "" or the error.
 */
async function fetchOnce(request: FetchRequest, log: Logger): Promise<string> {
  const direct = await git(["-c", "protocol.version=2", "fetch", "--no-tags", "--no-recurse-submodules", "--depth=1", request.url, request.sha], request.workdir);
  if (direct.status === 0) return "";
  if (stopSignal() !== 0) return lastLine(direct);
  logDebug(log, "fetching the commit alone failed; trying the branches", [str("error", lastLine(direct))]);
  const branches = await git(["fetch", "--no-tags", "--no-recurse-submodules", request.url, "+refs/heads/*:refs/remotes/origin/*"], request.workdir);
  if (branches.status !== 0) return lastLine(branches);
  if (await hasCommit(request)) return "";
  return "NOT-FOUND";
}

async function fetchWithRetries(request: FetchRequest, log: Logger): Promise<FetchOutcome> {
  let delay = 1;
  for (let attempt = 1; attempt <= request.attempts; attempt++) {
    const error = await fetchOnce(request, log);
    if (error === "") return { ok: true, exitCode: 0, error: "" };
    // Stopped by a signal: the caller reports it; no retry.
    if (stopSignal() !== 0) return failed(EXIT_UNAVAILABLE, `the fetch was stopped: ${error}`);
    if (error === "NOT-FOUND") {
      return failed(EXIT_UNAVAILABLE, `commit ${request.sha} is not on any branch of ${request.safeUrl}; check commit_sha, or push the commit`);
    }
    if (attempt === request.attempts) {
      return failed(EXIT_UNAVAILABLE, `cannot fetch ${request.safeUrl} after ${request.attempts} attempt(s): ${error}`);
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
  steps.push(["config", "remote.origin.url", request.safeUrl]);
  for (const args of steps) {
    const result = await git(args, dir);
    if (result.status !== 0) return failed(EXIT_CANTCREAT, `git ${args[0]} failed in ${dir}: ${lastLine(result)}`);
  }
  // A detached HEAD holds the commit's SHA itself: read it rather than start git once more.
  const head = isReadable(`${dir}/.git/HEAD`) ? readFile(`${dir}/.git/HEAD`).trim() : "";
  if (head !== request.sha) {
    return failed(EXIT_UNAVAILABLE, `HEAD is ${head === "" ? "unknown" : head} after the checkout, not ${request.sha}`);
  }
  if (request.submodules !== "false") {
    const args = ["submodule", "update", "--init", "--checkout", "--force"];
    if (request.submodules === "recursive") args.push("--recursive");
    const sub = await gitWith(request.url.startsWith("file://") ? GIT_ENV : SUBMODULE_GIT_ENV, args, dir);
    if (sub.status !== 0) return failed(EXIT_UNAVAILABLE, `cannot fetch the submodules: ${lastLine(sub)}`);
  }
  return { ok: true, exitCode: 0, error: "" };
}

export async function fetchRepository(request: FetchRequest, log: Logger): Promise<FetchOutcome> {
  const started = logInfo(log, "fetching repository", [str("repo_url", request.safeUrl), str("commit", request.sha), str("workdir", request.workdir)]);
  const workspace = await prepareWorkspace(request, log);
  if (!workspace.ok) return failed(workspace.exitCode, workspace.error);
  const fetched = await fetchWithRetries(request, log);
  if (!fetched.ok) return fetched;
  const checkedOut = await checkOut(request, workspace.fresh);
  if (!checkedOut.ok) return checkedOut;
  logInfo(log, "repository fetched", [str("commit", request.sha), since("duration_ms", started)]);
  return checkedOut;
}
