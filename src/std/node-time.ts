// Node side of the std's clock primitives.
import { isatty } from "node:tty";

const started = process.hrtime.bigint();
// The wall clock at start, advanced by the monotonic clock: microseconds that
// never run backwards between two events.
const startedMicros = BigInt(Date.now()) * 1000n;

/** RFC 3339 UTC with microseconds, e.g. 2026-11-27T14:08:00.123456Z. */
export function timestamp(): string {
  const nowMicros = startedMicros + (process.hrtime.bigint() - started) / 1000n;
  const seconds = Number(nowMicros / 1_000_000n);
  const micros = String(nowMicros % 1_000_000n).padStart(6, "0");
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${micros}Z`;
}

/** Milliseconds since the program started. */
export function uptimeMillis(): number {
  return Number((process.hrtime.bigint() - started) / 1_000_000n);
}

/** Wait `seconds` whole seconds. */
export async function sleepSeconds(seconds: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}

export function stderrIsTerminal(): boolean {
  return isatty(2);
}
