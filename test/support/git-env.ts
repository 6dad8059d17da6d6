// Running the system git from tests, hermetically.
//
// Every git the fixtures start (and every git a test starts through these
// helpers) sees the same environment: no user or system config (a developer's
// url.insteadOf or credential helper must not change what a test sees), no
// inherited GIT_* variables (vitest run from a git hook inherits GIT_DIR),
// English messages (tests match on them), no prompts, and a fixed identity and
// clock, so commits made here have the same SHA on every machine.
import { spawn, spawnSync } from "node:child_process";

export const FIXTURE_AUTHOR = { name: "Solstice Fixture", email: "fixture@solstice.invalid" } as const;
/** 2023-11-14T22:13:20Z; commit N of a made repository is dated N minutes later. */
export const FIXTURE_EPOCH = 1_700_000_000;

export interface GitEnvOptions {
  /** Extra config, passed as GIT_CONFIG_COUNT/KEY/VALUE (like `git -c`, but inherited by sub-gits). */
  config?: Record<string, string>;
  /**
   * `protocol.file.allow=always`. Off by default on purpose: git >= 2.38.1
   * refuses file:// and local-path transports inside submodule operations, and
   * the runner must cope with that itself; tests opt in where they mean to.
   */
  allowFileProtocol?: boolean;
}

export function gitEnv(extra: Record<string, string | undefined> = {}, opts: GitEnvOptions = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith("GIT_") && k !== "SSH_ASKPASS" && k !== "LANGUAGE") env[k] = v;
  }
  const date = `@${FIXTURE_EPOCH} +0000`;
  Object.assign(env, {
    LC_ALL: "C",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    GIT_AUTHOR_NAME: FIXTURE_AUTHOR.name,
    GIT_AUTHOR_EMAIL: FIXTURE_AUTHOR.email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: FIXTURE_AUTHOR.name,
    GIT_COMMITTER_EMAIL: FIXTURE_AUTHOR.email,
    GIT_COMMITTER_DATE: date,
  });
  const config: Record<string, string> = { "init.defaultBranch": "main", ...opts.config };
  if (opts.allowFileProtocol) config["protocol.file.allow"] = "always";
  const entries = Object.entries(config);
  entries.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  env.GIT_CONFIG_COUNT = String(entries.length);
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export interface GitRunOptions {
  cwd?: string;
  /** Full environment; default `gitEnv()`. */
  env?: NodeJS.ProcessEnv;
  input?: string | Uint8Array;
  /** Kill git (SIGKILL) after this long; default 60 s, so a hung fetch fails the test instead of the suite. */
  timeoutMs?: number;
}

export interface GitResult {
  args: readonly string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export class GitError extends Error {
  constructor(readonly result: GitResult) {
    super(`git ${result.args.join(" ")} failed (${result.signal ?? `exit ${result.code}`}):\n${result.stderr.trim()}`);
    this.name = "GitError";
  }
}

/**
 * Runs git without blocking the event loop, never throws on a git failure.
 * Use this (not execFileSync) for anything that talks to a fixture server.
 */
export function runGit(args: readonly string[], opts: GitRunOptions = {}): Promise<GitResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, {
      cwd: opts.cwd,
      env: opts.env ?? gitEnv(),
      stdio: [opts.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on("data", (b: Buffer) => out.push(b));
    child.stderr!.on("data", (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 60_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        args,
        code,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        ms: performance.now() - started,
      });
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** `runGit`, but a failure throws GitError; resolves to stdout without the final newline. */
export async function git(args: readonly string[], opts: GitRunOptions = {}): Promise<string> {
  const r = await runGit(args, opts);
  if (r.code !== 0) throw new GitError(r);
  return r.stdout.replace(/\n$/, "");
}

/**
 * Synchronous git for local work only (making repositories). It blocks this
 * process's event loop, which is harmless for git talking to a git daemon or
 * HTTP fixture (those run in their own processes), but never use it with a
 * server living in the test's own process.
 */
export function gitSync(args: readonly string[], opts: GitRunOptions = {}): string {
  const started = performance.now();
  const r = spawnSync("git", args, {
    cwd: opts.cwd,
    env: opts.env ?? gitEnv(),
    input: opts.input,
    timeout: opts.timeoutMs ?? 60_000,
    killSignal: "SIGKILL",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  const result: GitResult = {
    args,
    code: r.status,
    signal: r.signal,
    stdout: r.stdout.toString("utf8"),
    stderr: r.stderr.toString("utf8"),
    ms: performance.now() - started,
  };
  if (result.code !== 0) throw new GitError(result);
  return result.stdout.replace(/\n$/, "");
}
