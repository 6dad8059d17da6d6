// Fetch exactly one commit into the workspace with the system's git
// (contract section 3, steps 2 and 3). The URL, with any credentials, is
// given to git on the command line only: it is never written into the
// checkout's config, which keeps the URL without them.
import { isDirectory, isWritable, makeDirectory, runCapture, sleepSeconds, uptimeMillis, type CommandResult } from "@solstice/std";
import { logDebug, logInfo, logWarn, num, str, type Logger } from "./log";

export const EXIT_UNAVAILABLE = 69;
export const EXIT_CANTCREAT = 73;

/** git's environment: never prompt, and only these transports (no ext::, no fd::). */
const GIT_ENV = ["GIT_TERMINAL_PROMPT=0", "GIT_ALLOW_PROTOCOL=file:git:http:https:ssh", "GIT_ASKPASS=true", "SSH_ASKPASS=true"];

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

async function git(args: string[], cwd: string): Promise<CommandResult> {
  const argv = ["git"];
  for (const arg of args) argv.push(arg);
  return await runCapture({ argv: argv, cwd: cwd, env: GIT_ENV });
}

/** git's last words on stderr, for an error message. */
function lastLine(result: CommandResult): string {
  const lines = result.stderr.trim().split("\n");
  const last = lines[lines.length - 1].trim();
  return last === "" ? `git exited with status ${result.status}` : last;
}

/** Make the workspace a git repository we may write to. */
async function prepareWorkspace(request: FetchRequest, log: Logger): Promise<FetchOutcome> {
  const dir = request.workdir;
  if (!makeDirectory(dir) || !isWritable(dir)) {
    return failed(EXIT_CANTCREAT, `cannot create or write the workspace ${dir}; set SOLSTICE_WORKDIR to a writable directory`);
  }
  if (isDirectory(`${dir}/.git`)) {
    // A 64-hex commit names a SHA-256 object: git fetches only between
    // repositories of the same object format (git 2.29 or later).
    const wanted = request.sha.length === 64 ? "sha256" : "sha1";
    // --git-dir: a broken .git must not send git looking in the parent directories.
    const format = await git([`--git-dir=${dir}/.git`, "rev-parse", "--show-object-format"], dir);
    const found = format.stdout.trim();
    // Older git echoes the unknown option back: then reuse as before.
    if (format.status === 0 && (found === wanted || (found !== "sha1" && found !== "sha256"))) {
      logInfo(log, "reusing the existing checkout", [str("workdir", dir)]);
      return { ok: true, exitCode: 0, error: "" };
    }
    const reason = format.status === 0 ? `its objects are ${found}, the commit is ${wanted}` : "git cannot read it";
    logInfo(log, "replacing the existing checkout", [str("workdir", dir), str("reason", reason)]);
    const removed = await runCapture({ argv: ["rm", "-rf", "--", `${dir}/.git`], cwd: "", env: [] });
    if (removed.status !== 0) return failed(EXIT_CANTCREAT, `cannot remove the old checkout's ${dir}/.git: ${lastLine(removed)}`);
  }
  const init = await git(request.sha.length === 64 ? ["init", "-q", "--object-format=sha256", dir] : ["init", "-q", dir], "");
  if (init.status !== 0) return failed(EXIT_CANTCREAT, `cannot create a git repository in ${dir}: ${lastLine(init)}`);
  return { ok: true, exitCode: 0, error: "" };
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
async function checkOut(request: FetchRequest): Promise<FetchOutcome> {
  const dir = request.workdir;
  const steps: string[][] = [
    ["checkout", "-q", "-f", "--detach", request.sha],
    ["clean", "-ffdxq"],
    ["config", "remote.origin.url", request.safeUrl],
  ];
  for (const args of steps) {
    const result = await git(args, dir);
    if (result.status !== 0) return failed(EXIT_CANTCREAT, `git ${args[0]} failed in ${dir}: ${lastLine(result)}`);
  }
  const head = await git(["rev-parse", "HEAD"], dir);
  const actual = head.stdout.trim();
  if (head.status !== 0 || actual !== request.sha) {
    return failed(EXIT_UNAVAILABLE, `HEAD is ${actual === "" ? "unknown" : actual} after the checkout, not ${request.sha}`);
  }
  if (request.submodules !== "false") {
    const args = ["submodule", "update", "--init", "--checkout", "--force"];
    if (request.submodules === "recursive") args.push("--recursive");
    const sub = await git(args, dir);
    if (sub.status !== 0) return failed(EXIT_UNAVAILABLE, `cannot fetch the submodules: ${lastLine(sub)}`);
  }
  return { ok: true, exitCode: 0, error: "" };
}

export async function fetchRepository(request: FetchRequest, log: Logger): Promise<FetchOutcome> {
  const started = uptimeMillis();
  logInfo(log, "fetching repository", [str("repo_url", request.safeUrl), str("commit", request.sha), str("workdir", request.workdir)]);
  const workspace = await prepareWorkspace(request, log);
  if (!workspace.ok) return workspace;
  const fetched = await fetchWithRetries(request, log);
  if (!fetched.ok) return fetched;
  const checkedOut = await checkOut(request);
  if (!checkedOut.ok) return checkedOut;
  logInfo(log, "repository fetched", [str("commit", request.sha), num("duration_ms", uptimeMillis() - started)]);
  return checkedOut;
}
