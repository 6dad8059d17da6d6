// The log stream's spool (contract section 9): every LogEvent, encoded once
// as protobuf, is appended to a file in the runner's scratch space before
// anything tries to send it, so a slow or absent server costs disk, never
// memory, and a broken connection resends from the file. Records are
// [u32 length][LogEvent bytes], seq = record number + 1; a sparse index
// (one offset per INDEX_EVERY records) finds where any seq starts.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const STREAM_STDOUT = 1;
export const STREAM_STDERR = 2;
export const STREAM_RUNNER = 3;

const INDEX_EVERY = 256;
const BUFFER_BYTES = 64 * 1024;

// The LogEvent of docs/runner.proto, written field by field: the hot path
// of streaming, so it is encoded here once, by hand, and the spooled bytes
// are sent as they are (the sink decodes them with proto-loader, so the
// tests check this encoder against the .proto).
function varintLength(value: number): number {
  let n = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    n++;
  }
  return n;
}

function putVarint(out: Buffer, at: number, value: number): number {
  while (value >= 128) {
    out[at++] = (value % 128) | 128;
    value = Math.floor(value / 128);
  }
  out[at++] = value;
  return at;
}

export interface SpoolEvent {
  seq: number;
  timestampUs: number;
  stream: number;
  step: Buffer;
  data: Buffer;
}

export function encodeLogEvent(runId: Buffer, event: SpoolEvent): Buffer {
  const size =
    (runId.length > 0 ? 1 + varintLength(runId.length) + runId.length : 0) +
    1 + varintLength(event.seq) +
    1 + varintLength(event.timestampUs) +
    1 + varintLength(event.stream) +
    (event.step.length > 0 ? 1 + varintLength(event.step.length) + event.step.length : 0) +
    (event.data.length > 0 ? 1 + varintLength(event.data.length) + event.data.length : 0);
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  if (runId.length > 0) {
    out[at++] = 0x0a;
    at = putVarint(out, at, runId.length);
    at += runId.copy(out, at);
  }
  out[at++] = 0x10;
  at = putVarint(out, at, event.seq);
  out[at++] = 0x18;
  at = putVarint(out, at, event.timestampUs);
  out[at++] = 0x20;
  at = putVarint(out, at, event.stream);
  if (event.step.length > 0) {
    out[at++] = 0x2a;
    at = putVarint(out, at, event.step.length);
    at += event.step.copy(out, at);
  }
  if (event.data.length > 0) {
    out[at++] = 0x32;
    at = putVarint(out, at, event.data.length);
    at += event.data.copy(out, at);
  }
  return out;
}

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

  append(record: Buffer): void {
    if (this.count % INDEX_EVERY === 0) this.index.push(this.written + this.buffered);
    this.count++;
    const need = 4 + record.length;
    if (this.buffered + need > BUFFER_BYTES) this.flush();
    if (need > BUFFER_BYTES) {
      const header = Buffer.allocUnsafe(4);
      header.writeUInt32LE(record.length, 0);
      this.writeOut(header);
      this.writeOut(record);
      return;
    }
    this.buffer.writeUInt32LE(record.length, this.buffered);
    record.copy(this.buffer, this.buffered + 4);
    this.buffered += need;
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

const READ_BYTES = 256 * 1024;

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

  /** The next record, or undefined when none is spooled yet. */
  take(): Buffer | undefined {
    if (this.next > this.spool.count) return undefined;
    if (this.block.length - this.at < 4 || this.block.length - this.at < 4 + this.block.readUInt32LE(this.at)) {
      const length = this.block.length - this.at >= 4 ? Math.max(READ_BYTES, 4 + this.block.readUInt32LE(this.at)) : READ_BYTES;
      this.offset += this.at;
      this.block = this.spool.read(this.offset, length);
      this.at = 0;
      if (this.block.length < 4) return undefined;
    }
    const size = this.block.readUInt32LE(this.at);
    if (this.block.length - this.at < 4 + size) return undefined;
    const record = this.block.subarray(this.at + 4, this.at + 4 + size);
    this.at += 4 + size;
    this.next++;
    return record;
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
