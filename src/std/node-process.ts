// Node side of the std's process primitives: run a command and capture its
// output, or run the job with its output streamed line by line through the
// masker. The sh side is templates/prelude/process.sh.
import { spawn } from "node:child_process";
import { mkdtempSync, rmdirSync } from "node:fs";
import { constants as osConstants } from "node:os";
import { join } from "node:path";
import { bytesToPortable, toNodeString } from "./bytes";
import { isDirectory } from "./node-fs";
import { passRawBytes } from "./node-raw-env";
import { ADD_MASK_LINE_LIMIT, JobOutput, MaskSet } from "./node-masker";
import { secretMasks, MIN_MASK_LENGTH } from "../runner/mask-forms";
import { writeAll } from "./node-io";
import { jobLines } from "./node-stream";
import { graceSeconds, onStop, processesAlive, startTime, stopper, type Processes } from "./node-stop";
import { setScratchBase } from "./scratch-base";

/**
 * Keep the runner's own temporary files under `dir` from now on, if a
 * directory can be made there (tried, not guessed from permissions: root
 * passes every permission check but a read-only file system's). The sh
 * build makes its scratch directory there at once; Node makes its spool
 * there when streaming, and needs nothing else.
 */
export function useScratchBase(dir: string): boolean {
  try {
    rmdirSync(mkdtempSync(join(dir, "solstice-runner.")));
  } catch {
    return false;
  }
  setScratchBase(dir);
  return true;
}

/** What to run: argv[0] is looked up on PATH; cwd "" is the current directory. */
export interface CommandSpec {
  argv: string[];
  cwd: string;
  /** NAME=value entries added to (or replacing in) the runner's environment; a bare NAME removes it. */
  env: string[];
}

export interface CommandResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Exit status as sh reports it: the code, or 128+N for a death by signal N. */
function statusOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const number = signal ? osConstants.signals[signal] : undefined;
  return 128 + (number ?? 0);
}

/**
 * The runner's environment with the spec's entries applied. No prototype:
 * every name the contract allows (`__proto__`, `constructor` too) is a plain
 * entry, and the pairs apply in order, so a later one wins.
 */
function childEnv(spec: CommandSpec): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = Object.assign(Object.create(null) as NodeJS.ProcessEnv, process.env);
  for (const entry of spec.env) {
    const eq = entry.indexOf("=");
    if (eq > 0) env[toNodeString(entry.slice(0, eq))] = toNodeString(entry.slice(eq + 1));
    else if (eq < 0) delete env[toNodeString(entry)];
  }
  return env;
}

/** Start the command; "not found" and "cannot enter cwd" come back as sh's 127 and 126. */
function start(asked: CommandSpec, onSpawnError: (status: number, message: string) => void, options: { detached: boolean }) {
  const spec = passRawBytes(asked);
  // A failure found here is reported once start has returned: the callers'
  // callbacks look at the child start returns.
  const failSoon = (status: number, message: string) => queueMicrotask(() => onSpawnError(status, message));
  if (spec.cwd !== "" && !isDirectory(spec.cwd)) {
    failSoon(126, `cannot enter directory ${spec.cwd}\n`);
    return undefined;
  }
  const [command, ...args] = spec.argv.map(toNodeString);
  let child;
  try {
    child = spawn(command!, args, {
      cwd: spec.cwd === "" ? undefined : toNodeString(spec.cwd),
      env: childEnv(spec),
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group (setsid), so stopping it reaches everything it started.
      detached: options.detached,
    });
  } catch (error) {
    // Node throws, rather than emits, the errors it does not expect of a
    // spawn: E2BIG (an argument list or environment too long) among them.
    // As sh's exec failing: 126.
    const code = (error as NodeJS.ErrnoException).code ?? "an error";
    failSoon(126, `${spec.argv[0]}: cannot be started (${code}${code === "E2BIG" ? ": its arguments and environment are too long" : ""})\n`);
    return undefined;
  }
  child.on("error", (error: NodeJS.ErrnoException) => {
    onSpawnError(error.code === "ENOENT" ? 127 : 126, `${spec.argv[0]}: ${error.code === "ENOENT" ? "not found" : error.message}\n`);
  });
  return child;
}

/** Stop the group of `leader` when a stop signal arrives; returns the way to stop listening. */
function stopOnSignal(leader: number): () => void {
  const group = stopper({ leader: leader, tracking: "", started: 0 });
  const forget = onStop(() => group.stop());
  return () => {
    forget();
    group.cancel();
  };
}

export async function runCapture(spec: CommandSpec): Promise<CommandResult> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let spawnFailure: CommandResult | undefined;
    const child = start(
      spec,
      (status, message) => {
        spawnFailure = { status, stdout: "", stderr: message };
        if (!child) resolve(spawnFailure);
      },
      { detached: true },
    );
    if (!child) return;
    // A stop signal stops the command (git, mostly) and everything it started.
    const forgetStop = child.pid === undefined ? () => {} : stopOnSignal(child.pid);
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("close", (code, signal) => {
      forgetStop();
      resolve(spawnFailure ?? { status: statusOf(code, signal), stdout: bytesToPortable(Buffer.concat(out)), stderr: bytesToPortable(Buffer.concat(err)) });
    });
  });
}

/** The longest ::add-mask:: value taken (the masker's line limit less the marker). */
const ADD_MASK_VALUE_LIMIT = ADD_MASK_LINE_LIMIT - 12;

/** Jobs run so far: part of each one's tracking entry. */
let runs = 0;

export interface StreamLimits {
  /** Stop the job after this many seconds; 0: no limit. */
  timeoutSeconds: number;
  /** After the job's main process ends, how long to wait for what still holds its output open. */
  drainSeconds: number;
}

export interface JobEnding {
  /** The main process's exit status (128+N for a death by signal N). */
  status: number;
  timedOut: boolean;
  /** Values the job added with ::add-mask:: lines, in order (their encoded forms are not listed). */
  addedMasks: string[];
  /** How many ::add-mask:: values were refused (shorter than 4 bytes, or longer than a line may be). */
  refusedMasks: number;
}

/**
 * Run the job in a process group of its own: stdin from /dev/null, its
 * stdout to ours and its stderr to ours, a line at a time as it writes
 * them, with every value of `masks` replaced by *** (in the order given:
 * longest first). The group is stopped (TERM, KILL after the grace period
 * of watchStopSignals) when the timeout expires, when the runner gets a
 * stop signal, and when, after the main process has ended, its output is
 * still held open `drainSeconds` later; whatever of the group is left when
 * the output closes is stopped the same way. Resolves when nothing of the
 * group is left, or when the grace period after KILL is over.
 */
export async function runStreaming(spec: CommandSpec, masks: string[], limits: StreamLimits): Promise<JobEnding> {
  return new Promise((resolve) => {
    let spawnStatus = -1;
    const tracking = `SOLSTICE_TRACKING_ID=node-${process.pid}-${++runs}-${Date.now()}`;
    const child = start(
      { argv: spec.argv, cwd: spec.cwd, env: [...spec.env, tracking] },
      (status, message) => {
        spawnStatus = status;
        writeAll(2, message);
        if (!child) resolve({ status: status, timedOut: false, addedMasks: [], refusedMasks: 0 });
      },
      { detached: true },
    );
    if (!child) return;
    if (child.pid === undefined) {
      child.on("close", () => resolve({ status: spawnStatus, timedOut: false, addedMasks: [], refusedMasks: 0 }));
      return;
    }
    const processes: Processes = { leader: child.pid, tracking: tracking, started: startTime(child.pid) };
    const group = stopper(processes);
    const timers: NodeJS.Timeout[] = [];
    const later = (seconds: number, action: () => void) => timers.push(setTimeout(action, seconds * 1000));
    let timedOut = false;
    let status = -1;
    let openStreams = 2;
    let finished = false;

    // One set for both streams: a value added on one is masked on both from then on.
    const maskSet = new MaskSet(masks);
    const addedMasks: string[] = [];
    let refusedMasks = 0;
    const addMask = (value: string) => {
      if (value.length < MIN_MASK_LENGTH || value.length > ADD_MASK_VALUE_LIMIT) {
        refusedMasks++;
        return;
      }
      if (!addedMasks.includes(value)) addedMasks.push(value);
      for (const form of secretMasks(value)) maskSet.add(form);
    };
    const lines = jobLines();
    const out = new JobOutput(maskSet, lines.out, addMask);
    const err = new JobOutput(maskSet, lines.err, addMask);
    child.stdout.on("data", (chunk: Buffer) => out.push(bytesToPortable(chunk)));
    child.stderr.on("data", (chunk: Buffer) => err.push(bytesToPortable(chunk)));
    const ending = (): JobEnding => ({ status: status, timedOut: timedOut, addedMasks: addedMasks, refusedMasks: refusedMasks });

    const forgetStop = onStop(() => group.stop());
    if (limits.timeoutSeconds > 0) {
      later(limits.timeoutSeconds, () => {
        timedOut = true;
        group.stop();
      });
    }

    // The end: the output is closed (or given up on) and the main process
    // has ended; stop what is left of the group and wait for it to go.
    const finish = () => {
      if (finished || status < 0 || openStreams > 0) return;
      finished = true;
      out.end();
      err.end();
      forgetStop();
      for (const timer of timers) clearTimeout(timer);
      if (!processesAlive(processes)) {
        group.cancel();
        resolve(ending());
        return;
      }
      group.stop();
      const deadline = Date.now() + graceSeconds() * 1000 + 1000;
      const poll = setInterval(() => {
        if (processesAlive(processes) && Date.now() < deadline) return;
        clearInterval(poll);
        group.cancel();
        resolve(ending());
      }, 50);
    };
    const streamClosed = () => {
      openStreams--;
      finish();
    };
    child.stdout.on("close", streamClosed);
    child.stderr.on("close", streamClosed);
    child.on("exit", (code, signal) => {
      status = statusOf(code, signal);
      // Background processes may still hold the output: a short drain,
      // then the group is stopped; past its grace period the pipes are
      // given up on (a process that left the group may hold them forever).
      const giveUp = () => {
        child.stdout.destroy();
        child.stderr.destroy();
      };
      if (group.stopping()) later(graceSeconds() + 1, giveUp);
      else {
        later(limits.drainSeconds, () => group.stop());
        later(limits.drainSeconds + graceSeconds() + 1, giveUp);
      }
      finish();
    });
  });
}
