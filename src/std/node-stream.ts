// The Node side of log streaming and console framing (contract section 9).
// Portable code prints as it always has; every line it prints (printErr:
// the runner's own events) and every line of the job's output
// (runStreaming) passes through here, is printed — framed when
// SOLSTICE_CONSOLE_FRAMING=1 — and, when SOLSTICE_ORCHESTRATOR_ADDR and a
// run id are set, is spooled as a LogEvent and sent by the sender, in a
// thread of its own (./stream-worker, started only then, from its code
// built into the runner). The sh side prints only
// (templates/prelude/stream.sh), with the same framing.
import { constants as osConstants } from "node:os";
import { Worker } from "node:worker_threads";
import { portableToBytes, toNodeString } from "./bytes";
import { writeAll } from "./node-io";
import { maskLine } from "./node-mask";
import { stopSignal } from "./node-stop";
import { logEventHead } from "./stream-codec";
import { Spool, STREAM_RUNNER, STREAM_STDERR, STREAM_STDOUT } from "./stream-spool";
import { scratchBase } from "./scratch-base";
import { RunSummary } from "./stream-summary";

const framing = process.env.SOLSTICE_CONSOLE_FRAMING === "1";
let runId = process.env.SOLSTICE_RUN_ID ?? "";
let step: Buffer = Buffer.alloc(0);
let runnerFrames = 0;
let jobRuns = 0;

interface Streaming {
  runId: Buffer;
  spool: Spool;
  summary: RunSummary;
  sender: Worker;
  /** Index entries of the spool the sender has been told about. */
  indexSent: number;
  updateQueued: boolean;
  address: string;
}

let streaming: Streaming | undefined;
/** Warnings of the streaming itself, masked with this (the token). */
const secrets: string[] = [];

/** The console frame: run id, the seq space (r, oN, eN for the N-th job's stdout and stderr) and the seq in it. */
function frame(space: string, seq: number, line: string): string {
  return `[sr:${runId}:${space}:${seq}] ${line}`;
}

/** Microseconds since the Unix epoch. */
function nowUs(): number {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}

function spool(stream: number, line: string, time = nowUs()): void {
  if (!streaming) return;
  // The runner's events also say which step they belong to, for code that never named one.
  const named = stream === STREAM_RUNNER ? streaming.summary.observe(line, time) : "";
  const eventStep = step.length > 0 || named === "" ? step : portableToBytes(named);
  streaming.spool.appendEvent(streaming.runId, { seq: streaming.spool.count + 1, timestampUs: time, stream, step: eventStep, data: line });
  queueUpdate(streaming);
}

function queueUpdate(state: Streaming): void {
  if (state.updateQueued) return;
  state.updateQueued = true;
  setImmediate(tellSender, state);
}

/** Once per turn of the event loop: flush the spool and tell the sender's thread how far it goes. */
function tellSender(state: Streaming): void {
  state.updateQueued = false;
  const update = state.spool.state(state.indexSent);
  state.indexSent += update.index.length;
  state.sender.postMessage({ update });
}

/** The sender's thread's code (stream-worker.ts), put in by the build (scripts/stream-worker-code.mjs). */
declare const SOLSTICE_STREAM_WORKER: string | undefined;

function startSender(workerData: unknown): Worker {
  if (typeof SOLSTICE_STREAM_WORKER !== "string") throw new Error("this build of the runner has no log stream sender (build it with make build or make bundle)");
  return new Worker(SOLSTICE_STREAM_WORKER, { eval: true, workerData, resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 24 } });
}

/** printErr: one of the runner's own lines. */
export function runnerLine(text: string): void {
  writeAll(2, (framing ? frame("r", ++runnerFrames, text) : text) + "\n");
  if (streaming) for (const line of text.split("\n")) spool(STREAM_RUNNER, line);
}

/**
 * The output of one job run (runStreaming), already masked, as it comes:
 * chunks that may end mid-line (an unfinished line is shown at once).
 * Printed, each line framed in a seq space of its own when framing is on
 * (the frame goes out with a line's first byte), and spooled a whole line
 * at a time.
 */
export function jobLines(): { out: (text: string) => void; err: (text: string) => void } {
  const run = ++jobRuns;
  const stream = (fd: number, space: string, kind: number) => {
    let frames = 0;
    let atLineStart = true;
    let partial = "";
    return (text: string) => {
      let console = text;
      if (framing) {
        console = "";
        let from = 0;
        while (from < text.length) {
          if (atLineStart) console += frame(space, ++frames, "");
          const nl = text.indexOf("\n", from);
          const end = nl < 0 ? text.length : nl + 1;
          console += text.slice(from, end);
          atLineStart = nl >= 0;
          from = end;
        }
      }
      writeAll(fd, console);
      if (!streaming) return;
      // The lines of one chunk arrived together: one clock reading, and
      // the fields they share encoded once.
      if (!text.includes("\n")) {
        partial += text;
        return;
      }
      partial = streaming.spool.appendLines(logEventHead(streaming.runId, nowUs(), kind, step), partial + text);
      queueUpdate(streaming);
    };
  };
  return { out: stream(1, `o${run}`, STREAM_STDOUT), err: stream(2, `e${run}`, STREAM_STDERR) };
}

/** A warning of the streaming itself, in the runner's log format; spooled too while the stream is open. */
function warn(message: string, spooled: boolean): void {
  const now = new Date();
  const stamp = `${now.toISOString().slice(0, 19)}.${String(now.getMilliseconds() * 1000).padStart(6, "0")}Z`;
  const text = maskLine(
    process.env.SOLSTICE_LOG_FORMAT === "json"
      ? JSON.stringify({ timestamp: stamp, level: "WARN", fields: { message }, target: "solstice_runner" })
      : `${stamp}  WARN solstice_runner: ${message}`,
    secrets,
  );
  if (spooled) runnerLine(text);
  else writeAll(2, text + "\n");
}

/**
 * The run's id and the step the runner is in ("" outside steps); the first
 * call with a run id, when SOLSTICE_ORCHESTRATOR_ADDR is set, starts the
 * stream.
 */
export function streamContext(newRunId: string, newStep: string): void {
  if (newRunId !== "") runId = newRunId;
  step = portableToBytes(newStep);
  const address = process.env.SOLSTICE_ORCHESTRATOR_ADDR ?? "";
  if (streaming || runId === "" || address === "") return;
  const token = process.env.SOLSTICE_RUNNER_TOKEN ?? "";
  if (token !== "") secrets.push(token);
  const deadline = Number(process.env.SOLSTICE_REPORT_DEADLINE || "120");
  const spool = new Spool(scratchBase());
  let sender: Worker;
  try {
    const initial = spool.state(0);
    sender = startSender({
      state: initial,
      options: {
        address,
        runId: toNodeString(runId),
        token,
        caFile: process.env.SOLSTICE_ORCHESTRATOR_CA ?? "",
        insecure: process.env.SOLSTICE_ORCHESTRATOR_INSECURE === "1",
        deadlineSeconds: Number.isFinite(deadline) ? deadline : 120,
      },
    });
  } catch (error) {
    spool.remove();
    warn(`log streaming to ${address} cannot start: ${error instanceof Error ? error.message : String(error)}; the job goes on`, false);
    return;
  }
  const state: Streaming = { runId: portableToBytes(runId), spool, summary: new RunSummary(), sender, indexSent: 0, updateQueued: false, address };
  sender.on("message", (message: { warn?: string }) => {
    if (message.warn !== undefined) warn(message.warn, streaming !== undefined);
  });
  sender.on("error", (error) => warn(`log streaming to ${address} failed: ${error.message}; the job goes on`, streaming !== undefined));
  // Node's deprecation notes would land in the job's console log.
  process.noDeprecation = true;
  streaming = state;
}

const STOP_SIGNALS: NodeJS.Signals[] = ["SIGTERM", "SIGINT", "SIGHUP"];

/** Resolves with the first stop signal from now on; `stop` removes the listeners. */
function nextStopSignal(): { signal: Promise<NodeJS.Signals>; stop: () => void } {
  const listeners: [NodeJS.Signals, () => void][] = [];
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    for (const name of STOP_SIGNALS) {
      const listener = () => resolve(name);
      listeners.push([name, listener]);
      process.on(name, listener);
    }
  });
  return { signal, stop: () => listeners.forEach(([name, listener]) => process.off(name, listener)) };
}

/** Asks the sender's thread how many events the server holds; undefined when it does not say at once. */
function askDelivered(sender: Worker): Promise<number | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 200);
    sender.on("message", (message: { delivered?: number }) => {
      if (message.delivered === undefined) return;
      clearTimeout(timer);
      resolve(message.delivered);
    });
    sender.postMessage({ ask: true });
  });
}

/**
 * The runner is about to exit with `exitCode`: wait (bounded by
 * SOLSTICE_REPORT_DEADLINE) until the server holds every event, report the
 * status, remove the spool. A stop signal (TERM, INT, HUP) during the wait
 * ends it at once, with a warning saying what was not delivered; the
 * runner then exits with 128+N. Returns the exit status to use. Never
 * throws.
 */
export async function finishStreaming(exitCode: number): Promise<number> {
  const state = streaming;
  if (!state) return exitCode;
  // From here on the stream is closed: what is printed now is not part of it.
  streaming = undefined;
  const stop = nextStopSignal();
  let code = exitCode;
  // A stop signal that came after the job's result was settled (a cancelled
  // run ends with 128+N of its own signal) is acted on at once.
  const early = stopSignal();
  const pending = early !== 0 && exitCode !== 128 + early ? (Object.keys(osConstants.signals) as NodeJS.Signals[]).find((name) => osConstants.signals[name] === early) : undefined;
  try {
    const update = state.spool.state(state.indexSent);
    const finish = state.summary.message(toNodeString(runId), state.spool.count, exitCode);
    const delivered = new Promise<void>((resolve) => {
      state.sender.on("message", (message: { done?: boolean }) => {
        if (message.done !== undefined) resolve();
      });
      state.sender.on("error", () => resolve());
      state.sender.on("exit", () => resolve());
      state.sender.postMessage({ update, finish });
    });
    const signal = pending ?? (await Promise.race([delivered.then(() => undefined), stop.signal]));
    if (signal !== undefined) {
      code = 128 + osConstants.signals[signal];
      const held = await askDelivered(state.sender);
      const what = held === undefined ? "" : `the server holds ${held} of ${state.spool.count} log events, `;
      warn(`log streaming to ${state.address} cut short by ${signal}: ${what}the job's status may not have been reported; exiting with ${code}`, false);
    }
  } catch (error) {
    warn(`log streaming to ${state.address} failed: ${error instanceof Error ? error.message : String(error)}`, false);
  } finally {
    stop.stop();
    await state.sender.terminate();
    state.spool.remove();
  }
  return code;
}
