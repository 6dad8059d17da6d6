// Node side of the std's output and exit primitives (templates/prelude/io.sh).
import { writeSync } from "node:fs";
import { portableToBytes } from "./bytes";

export function writeAll(fd: number, text: string): void {
  const bytes = portableToBytes(text);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      // A non-blocking pipe (inherited from a parent that set O_NONBLOCK)
      // reports EAGAIN when full; wait for the reader instead of losing output.
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    }
  }
}

export function print(text: string): void {
  writeAll(1, text + "\n");
}

export function printErr(text: string): void {
  writeAll(2, text + "\n");
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
