// The Node side of log streaming and console framing (contract section 9).
// Portable code prints as it always has; every line it prints (printErr:
// the runner's own events) and every line of the job's output
// (runStreaming) passes through here, is printed — framed when
// SOLSTICE_CONSOLE_FRAMING=1 — and, when SOLSTICE_ORCHESTRATOR_ADDR and a
// run id are set, is spooled as a LogEvent and sent by the sender
// (./stream-sender, loaded only then). The sh side prints only
// (templates/prelude/stream.sh), with the same framing.
import { portableToBytes, toNodeString } from "./bytes";
import { writeAll } from "./node-io";
import { maskLine } from "./node-mask";
import { Spool, STREAM_RUNNER, STREAM_STDERR, STREAM_STDOUT, encodeLogEvent } from "./stream-spool";
import { type Sender } from "./stream-sender";
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
  sender: Sender | undefined;
  senderLoading: Promise<void>;
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

function spool(stream: number, line: string): void {
  if (!streaming) return;
  const time = nowUs();
  const data = portableToBytes(line);
  // The runner's events also say which step they belong to, for code that never named one.
  const named = stream === STREAM_RUNNER ? streaming.summary.observe(line, time) : "";
  const eventStep = step.length > 0 || named === "" ? step : portableToBytes(named);
  streaming.spool.append(encodeLogEvent(streaming.runId, { seq: streaming.spool.count + 1, timestampUs: time, stream, step: eventStep, data }));
  streaming.sender?.notify();
}

/** printErr: one of the runner's own lines. */
export function runnerLine(text: string): void {
  writeAll(2, (framing ? frame("r", ++runnerFrames, text) : text) + "\n");
  if (streaming) for (const line of text.split("\n")) spool(STREAM_RUNNER, line);
}

/** The lines of one job run (runStreaming), already masked: printed, framed in seq spaces of their own, spooled. */
export function jobLines(): { out: (line: string) => void; err: (line: string) => void } {
  const run = ++jobRuns;
  let outFrames = 0;
  let errFrames = 0;
  return {
    out(line: string) {
      writeAll(1, (framing ? frame(`o${run}`, ++outFrames, line) : line) + "\n");
      spool(STREAM_STDOUT, line);
    },
    err(line: string) {
      writeAll(2, (framing ? frame(`e${run}`, ++errFrames, line) : line) + "\n");
      spool(STREAM_STDERR, line);
    },
  };
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
  const state: Streaming = {
    runId: portableToBytes(runId),
    spool: new Spool(),
    summary: new RunSummary(),
    sender: undefined,
    senderLoading: Promise.resolve(),
    address,
  };
  const deadline = Number(process.env.SOLSTICE_REPORT_DEADLINE || "120");
  state.senderLoading = import("./stream-sender")
    .then(({ Sender }) => {
      state.sender = new Sender(state.spool, {
        address,
        runId: toNodeString(runId),
        token,
        caFile: process.env.SOLSTICE_ORCHESTRATOR_CA ?? "",
        insecure: process.env.SOLSTICE_ORCHESTRATOR_INSECURE === "1",
        deadlineSeconds: Number.isFinite(deadline) ? deadline : 120,
        warn: (message) => warn(message, streaming !== undefined),
      });
    })
    .catch((error: unknown) => warn(`log streaming to ${address} cannot start: ${error instanceof Error ? error.message : String(error)}; the job goes on`, true));
  streaming = state;
}

/**
 * The runner is about to exit with `exitCode`: wait (bounded by
 * SOLSTICE_REPORT_DEADLINE) until the server holds every event, report the
 * status, remove the spool. Never throws.
 */
export async function finishStreaming(exitCode: number): Promise<void> {
  const state = streaming;
  if (!state) return;
  try {
    await state.senderLoading;
    // From here on the stream is closed: what is printed now is not part of it.
    streaming = undefined;
    if (state.sender) await state.sender.finish(state.summary.message(toNodeString(runId), state.spool.count, exitCode));
  } catch (error) {
    warn(`log streaming to ${state.address} failed: ${error instanceof Error ? error.message : String(error)}`, false);
  } finally {
    state.spool.remove();
  }
}
