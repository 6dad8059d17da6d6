// `solstice-runner sink`: a reference RunnerService (docs/runner.proto) for
// tests, the demo and an operator trying the runner; host side, never
// loaded by a job run. Each run is a directory under DIR:
//   log           the events' data, one line each, in seq order
//   events.jsonl  per event: seq, timestamp_us, stream, step, bytes (data's length)
//   status.json   the final status, as reported
// Events above the stored seq are appended, repeats ignored, a gap refused
// (FAILED_PRECONDITION: the runner asks GetResumePoint and resends). Writes
// are batched; a killed sink comes back with what reached its files (a torn
// last record is cut off), so the runner resends the rest.
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { type IncomingHttpHeaders } from "node:http2";
import { decodeLogEvent, type LogEventMessage } from "../std/stream-codec";
import { runnerService, STATUS_TEXT, STREAM_TEXT } from "../std/stream-proto";
import { CallError, type CallHandler, startGrpcServer } from "./grpc-server";

const INVALID_ARGUMENT = 3;
const FAILED_PRECONDITION = 9;
const UNIMPLEMENTED = 12;
const UNAUTHENTICATED = 16;

export interface SinkOptions {
  listen: string;
  dir: string;
  token: string;
  tlsCert: string;
  tlsKey: string;
  /** One line per finished run, and the listening address. */
  say: (line: string) => void;
}

const FLUSH_BYTES = 256 * 1024;

/** JSON.stringify of the few strings that repeat on every event (stream and step names). */
const jsonCache = new Map<string, string>();
function jsonOf(text: string): string {
  let json = jsonCache.get(text);
  if (json === undefined) {
    json = JSON.stringify(text);
    if (jsonCache.size < 1000) jsonCache.set(text, json);
  }
  return json;
}

/** A run id as a directory name: letters, digits, . _ - kept, anything else as %XX. */
export function runDirName(runId: string): string {
  const name = runId.replace(/[^A-Za-z0-9._-]/g, (c) => [...Buffer.from(c)].map((b) => `%${b.toString(16).padStart(2, "0")}`).join(""));
  return name === "." || name === ".." ? name.replaceAll(".", "%2e") : name;
}

class RunStore {
  lastSeq = 0;
  private logFd: number;
  private metaFd: number;
  private logBytes = 0;
  private metaBytes = 0;
  /** The log's bytes not yet written, and the events' records (ropes: one string joined once). */
  private log = Buffer.allocUnsafe(FLUSH_BYTES);
  private logBuffered = 0;
  private meta = "";
  private flushQueued = false;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.logFd = openSync(join(dir, "log"), "a+");
    this.metaFd = openSync(join(dir, "events.jsonl"), "a+");
    this.recover();
  }

  /** What a killed sink left: the complete records, both files cut to them. */
  private recover(): void {
    const meta = readFileSync(join(this.dir, "events.jsonl"), "utf8");
    let end = 0;
    let logLength = 0;
    for (let at = 0; at < meta.length;) {
      const newline = meta.indexOf("\n", at);
      if (newline < 0) break;
      const record = JSON.parse(meta.slice(at, newline)) as { seq: number; bytes: number };
      if (record.seq !== this.lastSeq + 1) break;
      this.lastSeq = record.seq;
      logLength += record.bytes + 1;
      at = newline + 1;
      end = at;
    }
    const logSize = statSync(join(this.dir, "log")).size;
    if (logSize < logLength) throw new Error(`${this.dir}: the log is shorter than its events say; the run's files were changed by hand`);
    this.metaBytes = Buffer.byteLength(meta.slice(0, end));
    this.logBytes = logLength;
    ftruncateSync(this.metaFd, this.metaBytes);
    ftruncateSync(this.logFd, this.logBytes);
  }

  /** "stored", "repeat", or the seq expected next (a gap). */
  add(event: LogEventMessage): "stored" | "repeat" | number {
    if (event.seq <= this.lastSeq) return "repeat";
    if (event.seq !== this.lastSeq + 1) return this.lastSeq + 1;
    this.lastSeq = event.seq;
    if (this.logBuffered + event.data.length + 1 > this.log.length) this.flush();
    if (event.data.length + 1 > this.log.length) this.log = Buffer.allocUnsafe(event.data.length + 1);
    this.logBuffered += event.data.copy(this.log, this.logBuffered);
    this.log[this.logBuffered++] = 0x0a;
    // JSON by hand: this runs once per line of every run.
    this.meta += `{"seq":${event.seq},"timestamp_us":${event.timestamp_us},"stream":${jsonOf(STREAM_TEXT[event.stream] ?? `${event.stream}`)},"step":${jsonOf(event.step)},"bytes":${event.data.length}}\n`;
    if (this.meta.length >= FLUSH_BYTES) this.flush();
    else if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => this.flush());
    }
    return "stored";
  }

  flush(): void {
    this.flushQueued = false;
    if (this.meta === "") return;
    // The log first: a record in events.jsonl always has its data.
    const log = this.log.subarray(0, this.logBuffered);
    const meta = Buffer.from(this.meta);
    this.logBuffered = 0;
    this.meta = "";
    writeAll(this.logFd, log, this.logBytes);
    this.logBytes += log.length;
    writeAll(this.metaFd, meta, this.metaBytes);
    this.metaBytes += meta.length;
  }

  close(): void {
    this.flush();
    closeSync(this.logFd);
    closeSync(this.metaFd);
  }
}

function writeAll(fd: number, bytes: Buffer, position: number): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset, position + offset);
}

export interface Sink {
  port: number;
  close(): Promise<void>;
}

export async function startSink(options: SinkOptions): Promise<Sink> {
  mkdirSync(options.dir, { recursive: true });
  const runs = new Map<string, RunStore>();
  const store = (runId: string): RunStore => {
    let run = runs.get(runId);
    if (!run) {
      run = new RunStore(join(options.dir, runDirName(runId)));
      runs.set(runId, run);
    }
    return run;
  };
  const refused = (headers: IncomingHttpHeaders): boolean => options.token !== "" && headers.authorization !== `Bearer ${options.token}`;
  const runIdOf = (runId: string): string => {
    if (runId === "") throw new CallError(INVALID_ARGUMENT, "run_id is empty");
    return runId;
  };
  // GetResumePoint and ReportStatus through proto-loader; LogEvents, the
  // hot path, by hand (test/stream-codec.test.ts holds the decoder to the .proto).
  const service = runnerService();
  const unary = (method: string, answer: (request: Record<string, unknown>) => object): CallHandler => {
    let request: Buffer | undefined;
    return {
      message: (bytes) => {
        if (request) throw new CallError(INVALID_ARGUMENT, `${method} takes one message`);
        request = Buffer.from(bytes);
      },
      end: () => service[method]!.responseSerialize(answer(service[method]!.requestDeserialize(request ?? Buffer.alloc(0)) as Record<string, unknown>)),
    };
  };
  const handlers: Record<string, () => CallHandler> = {
    GetResumePoint: () =>
      unary("GetResumePoint", (request) => {
        const run = store(runIdOf(request.run_id as string));
        run.flush();
        return { last_seq: run.lastSeq };
      }),
    StreamLogs: () => {
      let last: RunStore | undefined;
      return {
        message: (bytes) => {
          const event = decodeLogEvent(bytes);
          last = store(runIdOf(event.run_id));
          const result = last.add(event);
          if (typeof result === "number") {
            last.flush();
            throw new CallError(
              FAILED_PRECONDITION,
              `run ${event.run_id}: event seq ${event.seq} arrived where seq ${result} was due; events must come in order without gaps: ask GetResumePoint and resend from there`,
            );
          }
        },
        end: () => {
          last?.flush();
          return service.StreamLogs!.responseSerialize({ last_seq: last?.lastSeq ?? 0 });
        },
      };
    },
    ReportStatus: () =>
      unary("ReportStatus", (request) => {
        const status = request as Record<string, unknown> & { run_id: string; last_seq: number; status: number; exit_code: number; steps: { status: number }[] };
        const run = store(runIdOf(status.run_id));
        run.flush();
        const file = join(run.dir, "status.json");
        const first = !existsSync(file);
        const steps = status.steps.map((s) => ({ ...s, status: STATUS_TEXT[s.status] ?? s.status }));
        writeFileSync(file, JSON.stringify({ ...status, status: STATUS_TEXT[status.status] ?? status.status, steps, events_stored: run.lastSeq }, null, 2) + "\n");
        if (first) {
          const missing = status.last_seq > run.lastSeq ? ` missing=${status.last_seq - run.lastSeq}` : "";
          options.say(`run ${status.run_id}: ${STATUS_TEXT[status.status] ?? status.status} exit_code=${status.exit_code} events=${run.lastSeq}${missing} dir=${run.dir}`);
        }
        return {};
      }),
  };
  const server = await startGrpcServer({
    listen: options.listen,
    tlsCert: options.tlsCert,
    tlsKey: options.tlsKey,
    open: (method, headers) => {
      if (refused(headers)) throw new CallError(UNAUTHENTICATED, "wrong or missing runner token (authorization: Bearer …)");
      const handler = handlers[method];
      if (!handler) throw new CallError(UNIMPLEMENTED, `RunnerService has no method ${method}`);
      return handler();
    },
  });
  return {
    port: server.port,
    close: async () => {
      await server.close();
      for (const run of runs.values()) run.close();
    },
  };
}
