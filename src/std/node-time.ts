// Node side of the std's clock primitives.
import { isatty } from "node:tty";
import { onStop, stopSignal } from "./node-stop";

const started = process.hrtime.bigint();
// The wall clock at start, advanced by the monotonic clock: microseconds that
// never run backwards between two events.
const startedMicros = BigInt(Date.now()) * 1000n;

/** One reading of the clock: milliseconds since the program started, and the time of day. */
export interface Clock {
  millis: number;
  /** RFC 3339 UTC with microseconds, e.g. 2026-11-27T14:08:00.123456Z. */
  timestamp: string;
}

export function readClock(): Clock {
  const elapsed = process.hrtime.bigint() - started;
  const nowMicros = startedMicros + elapsed / 1000n;
  const seconds = Number(nowMicros / 1_000_000n);
  const micros = String(nowMicros % 1_000_000n).padStart(6, "0");
  return { millis: Number(elapsed / 1_000_000n), timestamp: `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${micros}Z` };
}

/** Wait `seconds` whole seconds, or less: a stop signal ends the wait. */
export async function sleepSeconds(seconds: number): Promise<void> {
  if (stopSignal() !== 0) return;
  await new Promise<void>((resolve) => {
    const forget = onStop(() => {
      clearTimeout(timer);
      resolve();
    });
    const timer = setTimeout(() => {
      forget();
      resolve();
    }, seconds * 1000);
  });
}

export function stderrIsTerminal(): boolean {
  return isatty(2);
}
