// One run of one backend: its own directories, its inputs written, the
// runner started, stop signals sent when asked, a hang caught; what came
// out, normalised.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { splitLines } from "../support/text";
import type { Backend } from "./backends";
import { type LogEvent, parseJsonEvent, parseTextEvent } from "./log-events";

export interface RunDirs {
  /** RUN itself. */
  dir: string;
  work: string;
  home: string;
  out: string;
  tmp: string;
  jobFile: string;
  secretsFile: string;
}

/** Inputs are text, written and passed as UTF-8; outputs are bytes, as latin1 chars. */
export interface RunSpec {
  /** The job file's text; omitted: no job file, and SOLSTICE_JOB_FILE is not set. */
  job?: string | undefined;
  /** The secrets file's text; omitted: none, and SOLSTICE_SECRETS_FILE is not set. */
  secrets?: string | undefined;
  /** Added to the runner's environment; `undefined` removes a variable the harness sets. */
  env?: Record<string, string | undefined> | undefined;
  args?: string[];
  /** Offered on the runner's stdin (the job must never see it). */
  stdin?: string;
  /** Before the run: e.g. put an old checkout into the workspace. */
  prepare?: (dirs: RunDirs) => void;
  /** Put in front of the backend's command (e.g. to run it in a namespace). */
  wrap?: (dirs: RunDirs) => string[];
  /** Each chunk of the runner's stdout as it arrives (latin1, not normalised). */
  onStdout?: (chunk: string, dirs: RunDirs) => void;
  /** The same for stderr. */
  onStderr?: (chunk: string, dirs: RunDirs) => void;
  /** After the run, before RUN is removed: look at what it left. */
  inspect?: (dirs: RunDirs) => unknown;
  /** Signal the runner once the job is under way (see StopSpec). */
  stop?: StopSpec;
  /**
   * How long one run may take before the harness calls it hung (default
   * HANG_MS): it then records the runner's process tree and stderr, stops
   * it (TERM, KILL 5 s later) and fails the test with both.
   */
  hangMs?: number;
}

/**
 * A run longer than this is a hang, not slowness: a scenario's runs take
 * about a second each here, and none took more than a minute in a loaded CI
 * run (the old per-test limit). vitest's testTimeout (vitest.config.ts)
 * leaves room for this to fire first (a scenario's runs side by side, then
 * the compact build's), so the failure says which backend hung, in what
 * state, and the run's files go.
 */
export const HANG_MS = 60_000;

/**
 * Signals for the runner: once RUN/out/ready exists (the job makes it) or
 * the runner's stderr holds `afterStderr`, `signals[0]` is sent; the others
 * follow `gapMs` apart, starting when RUN/out/`othersAfter` exists, if
 * given. (Signals sent together arrive lowest number first, whatever the
 * order they were sent in: a job can say when the first has done its work.)
 */
export interface StopSpec {
  afterStderr?: string;
  signals: NodeJS.Signals[];
  gapMs?: number;
  othersAfter?: string;
}

export interface Outcome {
  backend: string;
  format: "text" | "json";
  status: number | null;
  signal: string | null;
  /** Normalised ({{RUN}} for the run's directory), bytes as latin1 chars. */
  stdout: string;
  /** The runner's stderr without its log events: the job's stderr and usage messages. */
  stderr: string;
  events: LogEvent[];
  /** Every stderr line, normalised, events included. */
  stderrLines: string[];
  /** What spec.inspect returned. */
  inspected: unknown;
  /** Milliseconds from the first byte of stdout to the runner's exit (-1 with no stdout). */
  firstStdoutBeforeExitMs: number;
  /** Milliseconds from the runner's start to its exit. */
  elapsedMs: number;
  /** Milliseconds from the runner's first "step started" line on stderr to its exit; -1 if none. */
  jobMs: number;
  /** Milliseconds from the first stop signal (spec.stop) to the runner's exit; -1 if none was sent. */
  stopMs: number;
}
function substitute(text: string, dirs: RunDirs): string {
  return text.replaceAll("{{RUN}}", dirs.dir);
}

function makeDirs(): RunDirs {
  const dir = mkdtempSync(join(tmpdir(), "solstice-run-"));
  const dirs: RunDirs = {
    dir,
    work: join(dir, "work"),
    home: join(dir, "home"),
    out: join(dir, "out"),
    tmp: join(dir, "tmp"),
    jobFile: join(dir, "job.yaml"),
    secretsFile: join(dir, "secrets.yaml"),
  };
  for (const d of [dirs.home, dirs.out, dirs.tmp]) mkdirSync(d);
  return dirs;
}
/** One run of one backend. */
export async function runOnce(backend: Backend, format: "text" | "json", spec: RunSpec): Promise<Outcome> {
  const dirs = makeDirs();
  let hang: string | undefined;
  try {
    if (spec.job !== undefined) writeFileSync(dirs.jobFile, substitute(spec.job, dirs));
    if (spec.secrets !== undefined) writeFileSync(dirs.secretsFile, substitute(spec.secrets, dirs));
    spec.prepare?.(dirs);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
      HOME: dirs.home,
      TMPDIR: dirs.tmp,
      SCENARIO_OUT: dirs.out,
      GIT_CONFIG_NOSYSTEM: "1",
      SOLSTICE_WORKDIR: dirs.work,
      SOLSTICE_FETCH_RETRIES: "1",
      SOLSTICE_LOG_FORMAT: format,
    };
    if (spec.job !== undefined) env.SOLSTICE_JOB_FILE = dirs.jobFile;
    if (spec.secrets !== undefined) env.SOLSTICE_SECRETS_FILE = dirs.secretsFile;
    for (const [k, v] of Object.entries(spec.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = substitute(v, dirs);
    }
    const args = (spec.args ?? []).map((a) => substitute(a, dirs));
    const result = await new Promise<{
      status: number | null;
      signal: string | null;
      out: Buffer;
      err: Buffer;
      firstOut: number;
      exitAt: number;
      startAt: number;
      stopAt: number;
      stepAt: number;
    }>((resolve, reject) => {
      const argv = [...(spec.wrap?.(dirs) ?? []), ...backend.argv, ...args];
      const startAt = performance.now();
      const child = spawn(argv[0]!, argv.slice(1), { env, cwd: dirs.dir, stdio: ["pipe", "pipe", "pipe"] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let firstOut = -1;
      let exitAt = -1;
      let stopAt = -1;
      let stepAt = -1;
      // The end of the previous chunk, so a line split between chunks is still seen.
      let errTail = "";
      const timer = setTimeout(() => {
        const tree = processTree(child.pid!);
        hang = `${backend.name} (${format} log) still ran after ${(spec.hangMs ?? HANG_MS) / 1000} s; its processes then:\n${tree.map((p) => p.line).join("\n")}\nits stderr so far:\n${Buffer.concat(err).toString("latin1").slice(-4000)}`;
        child.kill("SIGTERM");
        // Then everything it started, which may hold its stdout and stderr open.
        setTimeout(() => {
          for (const p of tree) killQuietly(p.pid);
          child.stdout.destroy();
          child.stderr.destroy();
        }, 5_000).unref();
      }, spec.hangMs ?? HANG_MS);
      const stopper = spec.stop
        ? sendStopSignals(
            spec.stop,
            child,
            dirs,
            () => Buffer.concat(err).toString("latin1"),
            (at) => (stopAt = at),
          )
        : undefined;
      child.stdout.on("data", (b: Buffer) => {
        if (firstOut < 0) firstOut = performance.now();
        out.push(b);
        spec.onStdout?.(b.toString("latin1"), dirs);
      });
      child.stderr.on("data", (b: Buffer) => {
        err.push(b);
        if (stepAt < 0) {
          const text = errTail + b.toString("latin1");
          if (text.includes("step started")) stepAt = performance.now();
          errTail = text.slice(-16);
        }
        spec.onStderr?.(b.toString("latin1"), dirs);
      });
      child.stdin.on("error", () => {});
      child.stdin.end(spec.stdin ?? "");
      child.on("error", reject);
      child.on("exit", () => {
        exitAt = performance.now();
      });
      child.on("close", (status, signal) => {
        clearTimeout(timer);
        stopper?.cancel();
        resolve({ status, signal, out: Buffer.concat(out), err: Buffer.concat(err), firstOut, exitAt, startAt, stopAt, stepAt });
      });
    });
    if (hang !== undefined) throw new Error(hang);
    const inspected = spec.inspect?.(dirs);
    const leftovers = readdirSync(dirs.tmp);
    expect(leftovers, `${backend.name} left files in TMPDIR`).toEqual([]);
    const norm = (b: Buffer) => b.toString("latin1").replaceAll(dirs.dir, "{{RUN}}");
    const stderrLines = splitLines(norm(result.err));
    const events: LogEvent[] = [];
    const jobLines: string[] = [];
    for (const line of stderrLines) {
      const event = format === "json" ? parseJsonEvent(line) : parseTextEvent(line);
      if (event) events.push(event);
      else jobLines.push(line);
    }
    const rawErr = norm(result.err);
    return {
      backend: backend.name,
      format,
      status: result.status,
      signal: result.signal,
      stdout: norm(result.out),
      stderr: jobLines.map((l) => `${l}\n`).join("") + (rawErr.endsWith("\n") || rawErr === "" ? "" : "<no newline at end>"),
      events,
      stderrLines,
      inspected,
      firstStdoutBeforeExitMs: result.firstOut < 0 ? -1 : result.exitAt - result.firstOut,
      elapsedMs: result.exitAt - result.startAt,
      jobMs: result.stepAt < 0 ? -1 : result.exitAt - result.stepAt,
      stopMs: result.stopAt < 0 ? -1 : result.exitAt - result.stopAt,
    };
  } finally {
    rmSync(dirs.dir, { recursive: true, force: true });
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // gone already
  }
}

/** `ps` of a process and all its descendants (pid, parent, group, state, age, command). */
function processTree(root: number): { pid: number; line: string }[] {
  const ps = spawnSync("ps", ["-e", "-o", "pid=,ppid=,pgid=,stat=,etime=,args="], { encoding: "latin1" });
  const rows = (ps.stdout ?? "")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((line) => ({ line, fields: line.trim().split(/\s+/) }));
  const tree = new Set([String(root)]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) {
      if (!tree.has(r.fields[0]!) && tree.has(r.fields[1]!)) {
        tree.add(r.fields[0]!);
        grew = true;
      }
    }
  }
  // The job's processes are in groups of their own, which may have left the tree.
  const groups = new Set(rows.filter((r) => tree.has(r.fields[0]!) && tree.has(r.fields[2]!)).map((r) => r.fields[2]!));
  return rows.filter((r) => tree.has(r.fields[0]!) || groups.has(r.fields[2]!)).map((r) => ({ pid: Number(r.fields[0]), line: r.line.slice(0, 160) }));
}

/** Watch for spec.stop's trigger and send its signals; `cancel` when the runner has exited. */
function sendStopSignals(stop: StopSpec, child: ChildProcess, dirs: RunDirs, stderrSoFar: () => string, sentAt: (ms: number) => void) {
  const timers: NodeJS.Timeout[] = [];
  const [first, ...others] = stop.signals;
  let sent = 0;
  const poll = setInterval(() => {
    if (sent === 0) {
      const ready = stop.afterStderr === undefined ? existsSync(join(dirs.out, "ready")) : stderrSoFar().includes(stop.afterStderr);
      if (!ready) return;
      sentAt(performance.now());
      child.kill(first!);
      sent = 1;
    }
    if (stop.othersAfter !== undefined && !existsSync(join(dirs.out, stop.othersAfter))) return;
    clearInterval(poll);
    others.forEach((signal, i) => timers.push(setTimeout(() => child.kill(signal), (i + 1) * (stop.gapMs ?? 300))));
  }, 20);
  return {
    cancel() {
      clearInterval(poll);
      for (const t of timers) clearTimeout(t);
    },
  };
}
