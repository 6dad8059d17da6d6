// The log stream's spool (contract section 9): every LogEvent, encoded once
// as protobuf, is appended to a file in the runner's scratch space before
// anything tries to send it, so a slow or absent server costs disk, never
// memory, and a broken connection resends from the file. Records are
// [0][u32 big-endian length][LogEvent bytes] (gRPC's framing), seq = record number + 1; a sparse index
// (one offset per INDEX_EVERY records) finds where any seq starts.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const STREAM_STDOUT = 1;
export const STREAM_STDERR = 2;
export const STREAM_RUNNER = 3;

const INDEX_EVERY = 256;
/** A record's header is gRPC's message prefix (a 0 byte, the length as a big-endian u32): runs of records go out as they are. */
const HEADER = 5;

function writeHeader(out: Buffer, at: number, size: number): void {
  out[at] = 0;
  out.writeUInt32BE(size, at + 1);
}
const BUFFER_BYTES = 64 * 1024;

import { encodeLogEvent, logEventSize, logLineSize, writeLogEvent, writeLogLine, type SpoolEvent } from "./stream-codec";

export { encodeLogEvent, type SpoolEvent } from "./stream-codec";

/** What the sender reads: the events spooled so far, from any seq. */
export interface SpoolSource {
  /** The seq of the last event spooled. */
  count: number;
  reader(seq: number): SpoolReader;
  /** Bytes of the file from `offset`, at most `length`. */
  read(offset: number, length: number): Buffer;
}

/** How far the spool's file is written: what a reader in another thread may read. */
export interface SpoolState {
  file: string;
  count: number;
  written: number;
  /** Offsets of records INDEX_EVERY apart, from entry `indexFrom` on. */
  index: number[];
  indexFrom: number;
}

function readerAt(source: SpoolSource, index: number[], end: number, seq: number): SpoolReader {
  const slot = Math.floor((seq - 1) / INDEX_EVERY);
  const offset = slot < index.length ? index[slot]! : end;
  const reader = new SpoolReader(source, offset, slot < index.length ? slot * INDEX_EVERY + 1 : source.count + 1);
  reader.skipTo(seq);
  return reader;
}

function readAt(fd: number, offset: number, size: number): Buffer {
  const out = Buffer.allocUnsafe(Math.max(0, size));
  let got = 0;
  while (got < size) {
    const n = readSync(fd, out, got, size - got, offset + got);
    if (n === 0) break;
    got += n;
  }
  return out.subarray(0, got);
}

/** An append-only file of encoded events, read back from any seq. */
export class Spool implements SpoolSource {
  readonly dir: string;
  private fd: number;
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private buffered = 0;
  private written = 0;
  private index: number[] = [];
  /** The seq of the last event appended. */
  count = 0;

  /** `base`: the directory to keep the spool in (the system's temporary directory unless said). */
  constructor(base: string = tmpdir()) {
    this.dir = mkdtempSync(join(base, "solstice-runner-spool."));
    this.fd = openSync(join(this.dir, "events"), "w+", 0o600);
  }

  /** Counts a record of `size` bytes and makes room for it in the buffer; false: it is too big for the buffer. */
  private reserve(size: number): boolean {
    if (this.count % INDEX_EVERY === 0) this.index.push(this.written + this.buffered);
    this.count++;
    const need = HEADER + size;
    if (this.buffered + need > BUFFER_BYTES) this.flush();
    return need <= BUFFER_BYTES;
  }

  append(record: Buffer): void {
    if (!this.reserve(record.length)) {
      const header = Buffer.allocUnsafe(HEADER);
      writeHeader(header, 0, record.length);
      this.writeOut(header);
      this.writeOut(record);
      return;
    }
    writeHeader(this.buffer, this.buffered, record.length);
    record.copy(this.buffer, this.buffered + HEADER);
    this.buffered += HEADER + record.length;
  }

  /** One LogEvent, encoded straight into the buffer (no Buffer of its own on the hot path). */
  appendEvent(runId: Buffer, event: SpoolEvent): void {
    const size = logEventSize(runId, event);
    if (HEADER + size > BUFFER_BYTES) return this.append(encodeLogEvent(runId, event));
    this.reserve(size);
    writeHeader(this.buffer, this.buffered, size);
    writeLogEvent(this.buffer, this.buffered + HEADER, runId, event);
    this.buffered += HEADER + size;
  }

  /**
   * The whole lines of `text` (a byte per character), each one LogEvent
   * after `head` (logEventHead: the fields they share); returns what
   * follows the last newline.
   */
  appendLines(head: Buffer, text: string): string {
    let from = 0;
    for (;;) {
      const newline = text.indexOf("\n", from);
      if (newline < 0) return text.slice(from);
      const seq = this.count + 1;
      const size = logLineSize(head, seq, newline - from);
      if (HEADER + size > BUFFER_BYTES) {
        const record = Buffer.allocUnsafe(size);
        writeLogLine(record, 0, head, seq, text, from, newline);
        this.append(record);
      } else {
        this.reserve(size);
        writeHeader(this.buffer, this.buffered, size);
        writeLogLine(this.buffer, this.buffered + HEADER, head, seq, text, from, newline);
        this.buffered += HEADER + size;
      }
      from = newline + 1;
    }
  }

  flush(): void {
    if (this.buffered === 0) return;
    this.writeOut(this.buffer.subarray(0, this.buffered));
    this.buffered = 0;
  }

  private writeOut(bytes: Buffer): void {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset, bytes.length - offset, this.written + offset);
    this.written += bytes.length;
  }

  /** A reader of the events from `seq` on. */
  reader(seq: number): SpoolReader {
    this.flush();
    return readerAt(this, this.index, this.written, seq);
  }

  /** Flush, and say how far the file is written (index entries from `indexFrom` on). */
  state(indexFrom: number): SpoolState {
    this.flush();
    return { file: join(this.dir, "events"), count: this.count, written: this.written, index: this.index.slice(indexFrom), indexFrom };
  }

  /** Bytes of the file from `offset`, at most `length`, flushing what is buffered first. */
  read(offset: number, length: number): Buffer {
    if (offset + length > this.written) this.flush();
    return readAt(this.fd, offset, Math.min(length, this.written - offset));
  }

  remove(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const READ_BYTES = 64 * 1024;

/** Reads records in order, a block at a time. */
export class SpoolReader {
  private block: Buffer = Buffer.alloc(0);
  private at = 0;

  constructor(
    private spool: SpoolSource,
    private offset: number,
    /** The seq of the next record. */
    public next: number,
  ) {}

  skipTo(seq: number): void {
    while (this.next < seq && this.take() !== undefined) {
      // skipped
    }
  }

  /** Makes the next record whole in the block; false when none is spooled yet. */
  private load(): boolean {
    if (this.next > this.spool.count) return false;
    const left = this.block.length - this.at;
    if (left < HEADER || left < HEADER + this.block.readUInt32BE(this.at + 1)) {
      const length = left >= HEADER ? Math.max(READ_BYTES, HEADER + this.block.readUInt32BE(this.at + 1)) : READ_BYTES;
      this.offset += this.at;
      this.block = this.spool.read(this.offset, length);
      this.at = 0;
      if (this.block.length < HEADER) return false;
    }
    return this.block.length - this.at >= HEADER + this.block.readUInt32BE(this.at + 1);
  }

  /** The next record, or undefined when none is spooled yet. */
  take(): Buffer | undefined {
    if (!this.load()) return undefined;
    const size = this.block.readUInt32BE(this.at + 1);
    const record = this.block.subarray(this.at + HEADER, this.at + HEADER + size);
    this.at += HEADER + size;
    this.next++;
    return record;
  }

  /**
   * The next records, at most `count` of them and about `bytes` long, as
   * gRPC messages (prefix and bytes) in one piece; undefined when none is
   * spooled yet.
   */
  takeFramed(count: number, bytes: number): { framed: Buffer; count: number } | undefined {
    if (count < 1 || !this.load()) return undefined;
    const start = this.at;
    let taken = 0;
    while (taken < count && this.next <= this.spool.count && this.at - start < bytes) {
      const left = this.block.length - this.at;
      if (left < HEADER || left < HEADER + this.block.readUInt32BE(this.at + 1)) break;
      this.at += HEADER + this.block.readUInt32BE(this.at + 1);
      this.next++;
      taken++;
    }
    return { framed: this.block.subarray(start, this.at), count: taken };
  }
}

/** The spool as another thread sees it: the file, as far as the writer has said it is written. */
export class SpoolMirror implements SpoolSource {
  count = 0;
  private written = 0;
  private index: number[] = [];
  private fd: number;

  constructor(file: string) {
    this.fd = openSync(file, "r");
  }

  update(state: SpoolState): void {
    this.index.length = state.indexFrom;
    this.index.push(...state.index);
    this.written = state.written;
    this.count = state.count;
  }

  reader(seq: number): SpoolReader {
    return readerAt(this, this.index, this.written, seq);
  }

  read(offset: number, length: number): Buffer {
    return readAt(this.fd, offset, Math.min(length, this.written - offset));
  }

  close(): void {
    closeSync(this.fd);
  }
}
