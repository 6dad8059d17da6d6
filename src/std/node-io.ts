// Node side of the std's output and exit primitives (templates/prelude/io.sh).
import { writeSync } from "node:fs";
import { portableToBytes } from "./bytes";
import { runnerLine } from "./node-stream";

/** Why writing to stdout (1) or stderr (2) failed, by fd; what failed once is not tried again. */
const writeFailures = new Map<number, string>();

/** "" or why output to `fd` was lost (EPIPE: the reader went; ENOSPC: a full disk). */
export function writeFailure(fd: number): string {
  return writeFailures.get(fd) ?? "";
}

/**
 * Write all of `text`, or lose it: a closed or full output never throws,
 * so the runner goes on to stop the job and exit with its status (the
 * caller of a command whose output is the point asks writeFailure).
 */
export function writeAll(fd: number, text: string): void {
  if (writeFailures.has(fd)) return;
  const bytes = portableToBytes(text);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      // A non-blocking pipe (inherited from a parent that set O_NONBLOCK)
      // reports EAGAIN when full; wait for the reader instead of losing output.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EAGAIN") {
        writeFailures.set(fd, `${code ?? "error"}: ${(error as Error).message}`);
        return;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    }
  }
}

/** print, and whether all of it was written (a full disk or a closed pipe fails). */
export function printChecked(text: string): boolean {
  writeAll(1, text + "\n");
  return !writeFailures.has(1);
}

export function print(text: string): void {
  writeAll(1, text + "\n");
}

export function printErr(text: string): void {
  runnerLine(text);
}

export function write(text: string): void {
  writeAll(1, text);
}

export function writeErr(text: string): void {
  writeAll(2, text);
}

export function exit(code: number): never {
  process.exit(code);
}
