// The messages of docs/runner.proto the runner's client sends and reads,
// encoded by hand (protobuf wire format): the client needs four small
// messages, and doing them here keeps protobufjs and grpc-js out of the
// runner (and out of its one-file bundle). The sink and the tests decode
// and encode with @grpc/proto-loader from the .proto, so every message here
// is checked against the protocol's one source.

// Varints of non-negative integers up to 2^53, with 32-bit operations where
// they fit (timestamps in microseconds do not: they are split at 28 bits).
const TWO_28 = 268435456;

function varintLength(value: number): number {
  if (value >= TWO_28) return 4 + varintLength(Math.floor(value / TWO_28));
  let n = 1;
  while (value >= 128) {
    value >>>= 7;
    n++;
  }
  return n;
}

function putVarint(out: Buffer, at: number, value: number): number {
  if (value >= TWO_28) {
    const high = Math.floor(value / TWO_28);
    let low = value - high * TWO_28;
    for (let i = 0; i < 4; i++) {
      out[at++] = (low & 127) | 128;
      low >>>= 7;
    }
    value = high;
  }
  while (value >= 128) {
    out[at++] = (value & 127) | 128;
    value >>>= 7;
  }
  out[at++] = value;
  return at;
}

/** Builds one message field by field; proto3 defaults (0, "") are left out. */
class Writer {
  private parts: Buffer[] = [];

  varint(field: number, value: number): this {
    if (value === 0) return this;
    // Negative int32/int64: ten bytes of two's complement (exit codes never are, but the wire allows it).
    const bytes: number[] = [];
    let v = value < 0 ? BigInt.asUintN(64, BigInt(value)) : BigInt(value);
    bytes.push(field * 8);
    while (v >= 128n) {
      bytes.push(Number(v & 127n) | 128);
      v >>= 7n;
    }
    bytes.push(Number(v));
    this.parts.push(Buffer.from(bytes));
    return this;
  }

  bytes(field: number, value: Buffer | string): this {
    const data = typeof value === "string" ? Buffer.from(value, "utf8") : value;
    if (data.length === 0) return this;
    const head = Buffer.allocUnsafe(1 + varintLength(data.length));
    head[0] = field * 8 + 2;
    putVarint(head, 1, data.length);
    this.parts.push(head, data);
    return this;
  }

  /** An embedded message, written even when empty (a repeated element). */
  message(field: number, value: Buffer): this {
    const head = Buffer.allocUnsafe(1 + varintLength(value.length));
    head[0] = field * 8 + 2;
    putVarint(head, 1, value.length);
    this.parts.push(head, value);
    return this;
  }

  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export interface SpoolEvent {
  seq: number;
  timestampUs: number;
  stream: number;
  step: Buffer;
  /** The line's bytes; a string holds one byte per character (latin1, the runner's byte strings). */
  data: Buffer | string;
}

/** The encoded size of a LogEvent. */
export function logEventSize(runId: Buffer, event: SpoolEvent): number {
  return (
    (runId.length > 0 ? 1 + varintLength(runId.length) + runId.length : 0) +
    1 +
    varintLength(event.seq) +
    1 +
    varintLength(event.timestampUs) +
    1 +
    varintLength(event.stream) +
    (event.step.length > 0 ? 1 + varintLength(event.step.length) + event.step.length : 0) +
    (event.data.length > 0 ? 1 + varintLength(event.data.length) + event.data.length : 0)
  );
}

/** LogEvent, written at `at` in `out` (logEventSize bytes): the hot path of streaming, so straight into the spool's buffer. */
export function writeLogEvent(out: Buffer, at: number, runId: Buffer, event: SpoolEvent): void {
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
    if (typeof event.data === "string") out.write(event.data, at, "latin1");
    else event.data.copy(out, at);
  }
}

/**
 * The fields a chunk's lines share (run_id, timestamp_us, stream, step),
 * encoded once: each line is then this head, its seq and its data
 * (protobuf takes fields in any order).
 */
export function logEventHead(runId: Buffer, timestampUs: number, stream: number, step: Buffer): Buffer {
  const event = { seq: 0, timestampUs, stream, step, data: "" };
  // The event without its seq field (0x10 and one varint byte for seq 0).
  const whole = encodeLogEvent(runId, event);
  const seqAt = runId.length > 0 ? 1 + varintLength(runId.length) + runId.length : 0;
  return Buffer.concat([whole.subarray(0, seqAt), whole.subarray(seqAt + 2)]);
}

/** The encoded size of the line text[start, end) after `head` (logEventHead). */
export function logLineSize(head: Buffer, seq: number, length: number): number {
  return head.length + 1 + varintLength(seq) + (length > 0 ? 1 + varintLength(length) + length : 0);
}

/** One line of a chunk as a LogEvent at `at` in `out`: head, seq, data (text holds a byte per character). */
export function writeLogLine(out: Buffer, at: number, head: Buffer, seq: number, text: string, start: number, end: number): void {
  // Byte loops for what is short (most lines): cheaper than a native call each.
  if (head.length < 64) for (let i = 0; i < head.length; i++) out[at++] = head[i]!;
  else at += head.copy(out, at);
  out[at++] = 0x10;
  at = putVarint(out, at, seq);
  const length = end - start;
  if (length === 0) return;
  out[at++] = 0x32;
  at = putVarint(out, at, length);
  if (length < 64) for (let i = start; i < end; i++) out[at++] = text.charCodeAt(i);
  else out.write(text.slice(start, end), at, "latin1");
}

export function encodeLogEvent(runId: Buffer, event: SpoolEvent): Buffer {
  const out = Buffer.allocUnsafe(logEventSize(runId, event));
  writeLogEvent(out, 0, runId, event);
  return out;
}

/** ResumeRequest. */
export function encodeResumeRequest(runId: string): Buffer {
  return new Writer().bytes(1, runId).done();
}

/** JobStatus, as node-stream and the relay build it (proto-loader's field names). */
export interface JobStatusMessage {
  run_id: string;
  status: number;
  exit_code: number;
  commit_sha: string;
  started_at_us: number;
  finished_at_us: number;
  steps: { name: string; status: number; exit_code: number; duration_ms: number }[];
  message: string;
  last_seq: number;
}

export function encodeJobStatus(status: JobStatusMessage): Buffer {
  const out = new Writer()
    .bytes(1, status.run_id)
    .varint(2, status.status)
    .varint(3, status.exit_code)
    .bytes(4, status.commit_sha)
    .varint(5, status.started_at_us)
    .varint(6, status.finished_at_us);
  for (const step of status.steps) {
    out.message(7, new Writer().bytes(1, step.name).varint(2, step.status).varint(3, step.exit_code).varint(4, step.duration_ms).done());
  }
  return out.bytes(8, status.message).varint(9, status.last_seq).done();
}

interface StringCache {
  bytes: Buffer;
  text: string;
}
/** `a` equals `b` from `start` for `length` bytes (a loop: these are short, and Buffer.compare costs a native call). */
function sameBytes(a: Buffer, b: Buffer, start: number, length: number): boolean {
  if (a.length !== length) return false;
  for (let i = 0; i < length; i++) if (a[i] !== b[start + i]) return false;
  return true;
}

const lastRunId: StringCache = { bytes: Buffer.alloc(0), text: "" };
const lastStep: StringCache = { bytes: Buffer.alloc(0), text: "" };

/** Reads a message's fields in order; unknown fields are skipped, as protobuf requires. */
class Reader {
  at = 0;
  constructor(private bytes: Buffer) {}

  more(): boolean {
    return this.at < this.bytes.length;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.bytes.length) throw new Error("a truncated protobuf message");
      const byte = this.bytes[this.at++]!;
      value += (byte & 127) * scale;
      scale *= 128;
      if (byte < 128) return value;
    }
  }

  lengthDelimited(): Buffer {
    const start = this.skipLengthDelimited();
    return this.bytes.subarray(start, this.at);
  }

  /** Steps over a length-delimited field; returns where its bytes start (they end at `at`). */
  skipLengthDelimited(): number {
    const length = this.varint();
    if (this.at + length > this.bytes.length) throw new Error("a truncated protobuf message");
    this.at += length;
    return this.at - length;
  }

  /** A string field, from `cache` when it holds the same bytes (run ids and steps repeat on every event). */
  string(cache: StringCache): string {
    const start = this.skipLengthDelimited();
    const length = this.at - start;
    if (!sameBytes(cache.bytes, this.bytes, start, length)) {
      cache.bytes = Buffer.from(this.bytes.subarray(start, this.at));
      cache.text = cache.bytes.toString("utf8");
    }
    return cache.text;
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.at += 8;
    else if (wire === 2) this.skipLengthDelimited();
    else if (wire === 5) this.at += 4;
    else throw new Error(`a protobuf field of wire type ${wire}, which runner.proto never uses`);
  }
}

/** ResumePoint and StreamLogsReply: `last_seq` (field 1). */
export function decodeLastSeq(bytes: Buffer): number {
  const reader = new Reader(bytes);
  let lastSeq = 0;
  while (reader.more()) {
    const key = reader.varint();
    if (key === 8) lastSeq = reader.varint();
    else reader.skip(key % 8);
  }
  return lastSeq;
}

/** A LogEvent as the sink reads it (proto-loader's field names; data points into `bytes`). */
export interface LogEventMessage {
  run_id: string;
  seq: number;
  timestamp_us: number;
  stream: number;
  step: string;
  data: Buffer;
}

/** The sink's hot path: a LogEvent, decoded without protobufjs. */
export function decodeLogEvent(bytes: Buffer): LogEventMessage {
  const reader = new Reader(bytes);
  const event: LogEventMessage = { run_id: "", seq: 0, timestamp_us: 0, stream: 0, step: "", data: EMPTY };
  while (reader.more()) {
    const key = reader.varint();
    if (key === 0x0a) event.run_id = reader.string(lastRunId);
    else if (key === 0x10) event.seq = reader.varint();
    else if (key === 0x18) event.timestamp_us = reader.varint();
    else if (key === 0x20) event.stream = reader.varint();
    else if (key === 0x2a) event.step = reader.string(lastStep);
    else if (key === 0x32) event.data = reader.lengthDelimited();
    else reader.skip(key % 8);
  }
  return event;
}

const EMPTY = Buffer.alloc(0);
