// The messages of docs/runner.proto the runner's client sends and reads,
// encoded by hand (protobuf wire format): the client needs four small
// messages, and doing them here keeps protobufjs and grpc-js out of the
// runner (and out of its one-file bundle). The sink and the tests decode
// and encode with @grpc/proto-loader from the .proto, so every message here
// is checked against the protocol's one source.

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
  data: Buffer;
}

/** LogEvent: the hot path of streaming, so written straight into one buffer. */
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

/**
 * ResumePoint and StreamLogsReply: `last_seq` (field 1). Other fields a
 * newer server may add are skipped, as protobuf requires.
 */
export function decodeLastSeq(bytes: Buffer): number {
  let at = 0;
  let lastSeq = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (at >= bytes.length) throw new Error("a truncated reply from the server");
      const byte = bytes[at++]!;
      value += (byte & 127) * scale;
      scale *= 128;
      if (byte < 128) return value;
    }
  };
  while (at < bytes.length) {
    const key = varint();
    const wire = key % 8;
    if (key === 8) lastSeq = varint();
    else if (wire === 0) varint();
    else if (wire === 1) at += 8;
    else if (wire === 2) at += varint();
    else if (wire === 5) at += 4;
    else throw new Error(`a reply from the server with wire type ${wire}, which runner.proto never sends`);
  }
  return lastSeq;
}
