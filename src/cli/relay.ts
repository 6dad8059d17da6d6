// `solstice-runner relay`: turns a console capture (a serial console's log,
// as it grows, or stdin) into the runner's log stream (contract section 9).
// It picks the framed lines ([sr:RUN_ID:SPACE:SEQ] line, printed by either
// build with SOLSTICE_CONSOLE_FRAMING=1) out of whatever else the console
// shows, forwards them as LogEvents with seqs of its own (through the same
// spool and sender the Node build uses), reports each run's status when its
// "job finished" event arrives, and names every framed seq that never did.
import { closeSync, openSync, readSync } from "node:fs";
import { Spool, STREAM_RUNNER, STREAM_STDERR, STREAM_STDOUT, encodeLogEvent } from "../std/stream-spool";
import { Sender } from "../std/stream-sender";
import { RunSummary } from "../std/stream-summary";
import { toNodeString } from "../std/bytes";

export interface RelayOptions {
  orchestrator: string;
  /** A file to follow, or "-" for stdin. */
  from: string;
  token: string;
  caFile: string;
  insecure: boolean;
  deadlineSeconds: number;
  say: (line: string) => void;
}

// The frame may follow other text on the same console line (a kernel
// message without its newline): it is looked for anywhere.
const FRAME = /\[sr:(.*?):(r|[oe]\d+):(\d+)\] /;

interface RelayedRun {
  runId: string;
  spool: Spool;
  sender: Sender;
  summary: RunSummary;
  /** Per seq space, the last seq seen. */
  seen: Map<string, number>;
  missing: string[];
}

/** "o1:17-20"-style ranges of the seqs that never arrived. */
function range(space: string, from: number, to: number): string {
  return from === to ? `${space}:${from}` : `${space}:${from}-${to}`;
}

export async function relay(options: RelayOptions): Promise<number> {
  const runs = new Map<string, RelayedRun>();
  const finishing: Promise<boolean>[] = [];
  let failed = false;

  const runFor = (runId: string): RelayedRun => {
    let run = runs.get(runId);
    if (!run) {
      const spool = new Spool();
      run = {
        runId,
        spool,
        summary: new RunSummary(),
        seen: new Map(),
        missing: [],
        sender: new Sender(spool, {
          address: options.orchestrator,
          runId: toNodeString(runId),
          token: options.token,
          caFile: options.caFile,
          insecure: options.insecure,
          deadlineSeconds: options.deadlineSeconds,
          warn: (message) => options.say(`relay: run ${runId}: ${message}`),
        }),
      };
      runs.set(runId, run);
    }
    return run;
  };

  const finishRun = async (run: RelayedRun): Promise<boolean> => {
    const delivered = await run.sender.finish(run.summary.message(toNodeString(run.runId), run.spool.count, -1));
    run.spool.remove();
    const lost = run.missing.length === 0 ? "no framed line missing" : `never arrived: ${run.missing.join(" ")}`;
    options.say(`relay: run ${run.runId}: ${run.spool.count} lines forwarded${delivered ? "" : " (not all delivered)"}; ${lost}`);
    return delivered && run.missing.length === 0;
  };

  const line = (text: string) => {
    const match = FRAME.exec(text);
    if (!match) return;
    const [, runId, space, seqText] = match as unknown as [string, string, string, string];
    const run = runFor(runId);
    if (run.summary.finished()) return;
    const seq = Number(seqText);
    const last = run.seen.get(space) ?? 0;
    if (seq <= last) return;
    if (seq > last + 1) run.missing.push(range(space, last + 1, seq - 1));
    run.seen.set(space, seq);
    const data = text.slice(match.index + match[0].length);
    const now = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    const stream = space === "r" ? STREAM_RUNNER : space.startsWith("o") ? STREAM_STDOUT : STREAM_STDERR;
    const step = stream === STREAM_RUNNER ? run.summary.observe(data, now) : run.summary.currentStep();
    run.spool.append(
      encodeLogEvent(Buffer.from(runId, "latin1"), { seq: run.spool.count + 1, timestampUs: now, stream, step: Buffer.from(step, "latin1"), data: Buffer.from(data, "latin1") }),
    );
    run.sender.notify();
    if (run.summary.finished()) finishing.push(finishRun(run));
  };

  await follow(options.from, line, () => runs.size > 0 && [...runs.values()].every((r) => r.summary.finished()));
  for (const run of runs.values()) {
    if (!run.summary.finished()) {
      options.say(`relay: run ${run.runId}: the console ended before its "job finished" event; forwarding what arrived`);
      finishing.push(finishRun(run));
    }
  }
  for (const ok of await Promise.all(finishing)) if (!ok) failed = true;
  if (runs.size === 0) options.say("relay: no framed line in the console (is SOLSTICE_CONSOLE_FRAMING=1 set for the runner?)");
  return failed || runs.size === 0 ? 1 : 0;
}

/**
 * Every line of `from` (bytes as latin1 chars) to `line`, following a file
 * as it grows until `done()`; stdin until it ends.
 */
async function follow(from: string, line: (text: string) => void, done: () => boolean): Promise<void> {
  let partial = "";
  const push = (chunk: Buffer) => {
    const lines = (partial + chunk.toString("latin1")).split("\n");
    partial = lines.pop()!;
    for (const l of lines) line(l.endsWith("\r") ? l.slice(0, -1) : l);
  };
  if (from === "-") {
    for await (const chunk of process.stdin) {
      push(chunk as Buffer);
      if (done()) return;
    }
  } else {
    const fd = openSync(from, "r");
    const buffer = Buffer.allocUnsafe(256 * 1024);
    let offset = 0;
    try {
      while (!done()) {
        const n = readSync(fd, buffer, 0, buffer.length, offset);
        if (n > 0) {
          offset += n;
          push(buffer.subarray(0, n));
          continue;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      closeSync(fd);
    }
  }
  if (partial !== "") line(partial);
}
