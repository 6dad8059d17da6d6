// The log stream's sender: takes events from the spool to RunnerService
// over gRPC (contract section 9). One loop: ask GetResumePoint, stream from
// the next seq (http/2 flow control holds the writes back, so a slow server
// costs nothing but disk), and after a broken connection start again with
// backoff. At the end: wait (bounded by the report deadline) until the
// server holds every event, then ReportStatus until acknowledged. Trouble
// is a warning; nothing here throws into the job.
import { readFileSync } from "node:fs";
import * as grpc from "@grpc/grpc-js";
import { type SpoolSource } from "./stream-spool";
import { isLoopback, runnerClientService } from "./stream-proto";

export interface SenderOptions {
  address: string;
  runId: string;
  token: string;
  /** A PEM file of the CA that signed the server's certificate; "" for none. */
  caFile: string;
  insecure: boolean;
  deadlineSeconds: number;
  /** Print a warning among the runner's lines. */
  warn: (message: string) => void;
}

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

const CALL_SECONDS = 10;
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 3000;
/** Events per StreamLogs call: each call's reply is an acknowledgement, and what grpc-js buffers for a slow server stays bounded. */
const BATCH_EVENTS = 2000;
/** How long a write may wait for the server to read before the call is given up and resumed. */
const STALL_MS = 10000;

/** Problems that retrying cannot cure: the token, or the server's certificate. */
function fatalProblem(error: grpc.ServiceError): string {
  if (error.code === grpc.status.UNAUTHENTICATED || error.code === grpc.status.PERMISSION_DENIED) {
    return `the server refused the runner token (${grpc.status[error.code]}: ${error.details}); check SOLSTICE_RUNNER_TOKEN`;
  }
  if (/certificate|self.signed|SSL|TLS|handshake|wrong version number/i.test(error.details ?? "")) {
    return `the TLS connection failed (${error.details}); check SOLSTICE_ORCHESTRATOR_CA and the server's certificate`;
  }
  return "";
}

function describe(error: unknown): string {
  const e = error as grpc.ServiceError;
  if (e && typeof e.code === "number") return `${grpc.status[e.code]}: ${e.details}`;
  return error instanceof Error ? error.message : String(error);
}

export class Sender {
  private client: grpc.Client;
  private metadata = new grpc.Metadata();
  /** The highest seq the server said it holds. */
  acked = 0;
  private ending = false;
  private stopped = false;
  private fatal = "";
  private warned = false;
  private wake: (() => void) | undefined;
  private current: grpc.ClientWritableStream<Buffer> | undefined;
  private loopDone: Promise<void>;
  private lastProblem = "";

  constructor(
    private spool: SpoolSource,
    private options: SenderOptions,
  ) {
    const Client = grpc.makeGenericClientConstructor(runnerClientService(), "RunnerService");
    this.client = new Client(options.address, this.credentials(), {
      "grpc.keepalive_time_ms": 10000,
      "grpc.keepalive_timeout_ms": 5000,
      "grpc.initial_reconnect_backoff_ms": FIRST_BACKOFF_MS,
      "grpc.max_reconnect_backoff_ms": MAX_BACKOFF_MS,
      "grpc.enable_retries": 0,
    });
    if (options.token !== "") this.metadata.set("authorization", `Bearer ${options.token}`);
    this.loopDone = this.loop();
  }

  private credentials(): grpc.ChannelCredentials {
    // Node's deprecation notes (grpc-js sets the TLS server name of an IP
    // address, which Node frowns upon) would land in the job's console log.
    process.noDeprecation = true;
    if (this.options.caFile !== "") return grpc.credentials.createSsl(readFileSync(this.options.caFile));
    if (this.options.insecure || isLoopback(this.options.address)) return grpc.credentials.createInsecure();
    return grpc.credentials.createSsl();
  }

  /** More events are in the spool. */
  notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private trouble(error: unknown): void {
    const fatal = fatalProblem(error as grpc.ServiceError);
    this.lastProblem = fatal !== "" ? fatal : describe(error);
    if (fatal !== "") {
      this.fatal = fatal;
      this.options.warn(`log streaming to ${this.options.address} stopped: ${fatal}; the job goes on`);
      this.warned = true;
      return;
    }
    if (!this.warned) {
      this.warned = true;
      this.options.warn(
        `log streaming to ${this.options.address} failed (${this.lastProblem}); the log is spooled and resent when the server answers, for up to SOLSTICE_REPORT_DEADLINE seconds after the job; the job goes on`,
      );
    }
  }

  private async loop(): Promise<void> {
    let backoff = FIRST_BACKOFF_MS;
    while (!this.stopped && this.fatal === "") {
      try {
        const resume = await this.unary<{ last_seq: number }>("GetResumePoint", { run_id: this.options.runId });
        this.acked = Math.max(this.acked, resume.last_seq);
        if (this.ending && this.acked >= this.spool.count) return;
        await this.streamFrom(this.acked + 1);
        backoff = FIRST_BACKOFF_MS;
      } catch (error) {
        if (this.stopped) return;
        // A broken or stalled stream is retried quietly: if the server is
        // really gone, GetResumePoint fails next and that is reported.
        if (!(error as { streaming?: boolean }).streaming) this.trouble(error);
        if (this.fatal !== "") return;
        await this.pause(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  private unary<T>(method: string, request: object, seconds = CALL_SECONDS): Promise<T> {
    return new Promise((resolve, reject) => {
      const deadline = Date.now() + seconds * 1000;
      (this.client as unknown as Record<string, Function>)[method]!.call(this.client, request, this.metadata, { deadline }, (error: grpc.ServiceError | null, reply: T) => {
        if (error) reject(error);
        else resolve(reply);
      });
    });
  }

  /** Send from `seq` until the end of the run; resolves with the server's reply, rejects on any error. */
  private streamFrom(seq: number): Promise<void> {
    return new Promise((resolve, reject) => {
      let failed = false;
      let drained: (() => void) | undefined;
      const call = (this.client as unknown as { StreamLogs: Function }).StreamLogs.call(
        this.client,
        this.metadata,
        (error: grpc.ServiceError | null, reply: { last_seq: number }) => {
          this.current = undefined;
          if (error) {
            failed = true;
            drained?.();
            const fatal = fatalProblem(error) !== "";
            reject(fatal ? error : Object.assign(error, { streaming: true }));
            return;
          }
          this.acked = Math.max(this.acked, reply.last_seq);
          resolve();
        },
      ) as grpc.ClientWritableStream<Buffer>;
      this.current = call;
      call.on("drain", () => drained?.());
      const reader = this.spool.reader(seq);
      const pump = async () => {
        while (!failed && !this.stopped) {
          const record = reader.next - seq < BATCH_EVENTS ? reader.take() : undefined;
          if (record !== undefined) {
            if (!call.write(Buffer.from(record))) {
              // A server that stops reading (grpc-js servers have been seen
              // to stall on long streams of small messages) gets the call
              // cancelled; the loop asks where to resume.
              const stalled = setTimeout(() => call.cancel(), STALL_MS);
              await new Promise<void>((wake) => (drained = wake));
              clearTimeout(stalled);
              drained = undefined;
            }
            continue;
          }
          // A batch is full, or the run has ended and all of it is sent:
          // end the call, so the server says what it holds.
          if (reader.next - seq >= BATCH_EVENTS || (this.ending && reader.next > this.spool.count)) {
            call.end();
            return;
          }
          await this.pause(1000);
        }
      };
      pump().catch(reject);
    });
  }

  /**
   * The job has ended: wait until the server holds every event, then report
   * the status, both bounded by the deadline; warn about whatever failed.
   */
  async finish(status: JobStatusMessage): Promise<boolean> {
    this.ending = true;
    this.notify();
    const deadline = Date.now() + this.options.deadlineSeconds * 1000;
    // The status needs a moment of its own at the end of the deadline.
    const eventsDeadline = deadline - Math.min(5000, (this.options.deadlineSeconds * 1000) / 4);
    await Promise.race([this.loopDone, new Promise((r) => setTimeout(r, Math.max(0, eventsDeadline - Date.now())).unref())]);
    this.stopped = true;
    this.current?.cancel();
    this.notify();
    const held = this.acked >= this.spool.count;
    let reported = false;
    let backoff = FIRST_BACKOFF_MS;
    while (this.fatal === "" && !reported) {
      const left = deadline - Date.now();
      try {
        await this.unary("ReportStatus", status, Math.max(1, Math.min(CALL_SECONDS, left / 1000)));
        reported = true;
      } catch (error) {
        const fatal = fatalProblem(error as grpc.ServiceError);
        this.lastProblem = fatal !== "" ? fatal : describe(error);
        if (fatal !== "" || Date.now() + backoff >= deadline) break;
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
    this.client.close();
    if (held && reported) return true;
    // One warning per trouble: a server that was down throughout was already reported.
    if (this.fatal !== "" || (this.warned && this.acked === 0 && !reported)) return false;
    const what = [held ? "" : `the server holds ${this.acked} of ${this.spool.count} log events`, reported ? "" : "the job's status was not acknowledged"].filter((s) => s !== "").join(" and ");
    this.options.warn(`log streaming to ${this.options.address} did not complete within SOLSTICE_REPORT_DEADLINE (${this.options.deadlineSeconds} s): ${what} (${this.lastProblem})`);
    return false;
  }
}
