// Real servers and real runners for the log-streaming tests (contract
// section 9): the sink as its own process (solstice-runner sink), a runner
// (Node, or the generated script under a shell) whose console — stdout and
// stderr on one file, as a serial console has them — is kept, and the relay.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type MadeRepo, makeRepo, pickFreePort } from "../support/git-fixtures";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CLI = join(ROOT, "bin/solstice-runner.mjs");
export const SCRIPT = join(ROOT, "generated/solstice-runner.sh");

const cleanups: (() => void)[] = [];
export function cleanupAll(): void {
  for (const c of cleanups.splice(0).reverse()) {
    try {
      c();
    } catch {
      // best effort
    }
  }
}

export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `solstice-stream-${label}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function jobRepo(script: string): MadeRepo {
  const repo = makeRepo({ files: { ".solstice/job.sh": { content: script, executable: true } } });
  cleanups.push(() => repo.cleanup());
  return repo;
}

export interface SinkProcess {
  port: number;
  dir: string;
  output: () => string;
  child: ChildProcess;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** `solstice-runner sink` on loopback; `port` 0 for any. */
export async function startSink(dir: string, port = 0, extra: string[] = []): Promise<SinkProcess> {
  const child = spawn(process.execPath, [CLI, "sink", "--listen", `127.0.0.1:${port}`, "--dir", dir, ...extra], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  cleanups.push(() => child.kill("SIGKILL"));
  const bound = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /sink listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(Number(m[1]));
      }
      if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`the sink did not start: ${out}`));
      }
    }, 20);
  });
  return {
    port: bound,
    dir,
    child,
    output: () => out,
    stop: async (signal: NodeJS.Signals = "SIGTERM") => {
      child.kill(signal);
      await exited;
    },
  };
}

export interface RunResult {
  status: number;
  /** stdout and stderr as one console. */
  console: string;
  ms: number;
  /** Peak RSS of the runner process in kB (from /usr/bin/time), when asked. */
  peakKb: number;
}

export interface RunOptions {
  repo: MadeRepo;
  runId: string;
  env?: Record<string, string>;
  /** Default: Node. */
  argv?: string[];
  job?: string;
  measureMemory?: boolean;
}

export interface StartedRunner {
  child: ChildProcess;
  /** The console so far. */
  console: () => string;
  done: Promise<RunResult>;
}

/** A runner started with its console going to a file; `done` when it exits. */
export function startRunner(options: RunOptions): StartedRunner {
  const dir = tempDir("run");
  const consolePath = join(dir, "console");
  const jobFile = join(dir, "job.yaml");
  writeFileSync(jobFile, options.job ?? "");
  writeFileSync(join(dir, "secrets.yaml"), "");
  const fd = openSync(consolePath, "w");
  const runner = options.argv ?? [process.execPath, CLI];
  const argv = options.measureMemory ? ["/usr/bin/time", "-f", "PEAK_KB=%M", "-o", join(dir, "time"), ...runner] : runner;
  const started = Date.now();
  const child = spawn(argv[0]!, argv.slice(1), {
    stdio: ["ignore", fd, fd],
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      TMPDIR: dir,
      SOLSTICE_JOB_FILE: jobFile,
      SOLSTICE_SECRETS_FILE: join(dir, "secrets.yaml"),
      SOLSTICE_REPO_URL: options.repo.fileUrl,
      SOLSTICE_COMMIT_SHA: options.repo.head,
      SOLSTICE_WORKDIR: join(dir, "work"),
      SOLSTICE_RUN_ID: options.runId,
      ...options.env,
    },
  });
  closeSync(fd);
  cleanups.push(() => child.kill("SIGKILL"));
  const done = new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? 128 + (signal ? 9 : 0)))).then((status) => {
    const ms = Date.now() - started;
    const timeFile = join(dir, "time");
    const peakKb = existsSync(timeFile) ? Number(/PEAK_KB=(\d+)/.exec(readFileSync(timeFile, "utf8"))?.[1] ?? "0") : 0;
    return { status, console: readFileSync(consolePath, "latin1"), ms, peakKb };
  });
  return { child, console: () => readFileSync(consolePath, "latin1"), done };
}

export async function runRunner(options: RunOptions): Promise<RunResult> {
  return await startRunner(options).done;
}

export function storedLog(sinkDir: string, runId: string): string {
  const file = join(sinkDir, runId, "log");
  return existsSync(file) ? readFileSync(file, "latin1") : "";
}

export interface StoredEvent {
  seq: number;
  stream: string;
  step: string;
}

export function storedEvents(sinkDir: string, runId: string): StoredEvent[] {
  const file = join(sinkDir, runId, "events.jsonl");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as StoredEvent);
}

export function storedStatus(sinkDir: string, runId: string): Record<string, unknown> | undefined {
  const file = join(sinkDir, runId, "status.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : undefined;
}

/** The console without its frames ([sr:RUN:SPACE:SEQ] ). */
export function unframed(consoleText: string): string {
  return consoleText.replace(/^\[sr:[^\]]*\] /gm, "");
}

/** `solstice-runner relay` over a console capture; its exit status and what it said. */
export async function runRelay(port: number, from: string, extra: string[] = []): Promise<{ status: number; said: string }> {
  const child = spawn(process.execPath, [CLI, "relay", "--orchestrator", `127.0.0.1:${port}`, "--from", from, ...extra], { stdio: ["ignore", "pipe", "pipe"] });
  let said = "";
  child.stdout!.on("data", (c: Buffer) => (said += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (said += c.toString()));
  cleanups.push(() => child.kill("SIGKILL"));
  const status = await new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
  return { status, said };
}

export async function closedPort(): Promise<number> {
  return await pickFreePort();
}

/** The runner's warnings about streaming. */
export function streamingWarnings(consoleText: string): string[] {
  return consoleText.split("\n").filter((l) => / WARN solstice_runner: log streaming/.test(l));
}
