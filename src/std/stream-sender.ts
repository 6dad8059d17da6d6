// The log stream's sender: takes events from the spool to RunnerService
// over gRPC (contract section 9). One loop: ask GetResumePoint, stream from
// the next seq (http/2 flow control holds the writes back, so a slow server
// costs nothing but disk), and after a broken connection start again with
// backoff. At the end: wait (bounded by the report deadline) until the
// server holds every event, then ReportStatus until acknowledged. Trouble
// is a warning; nothing here throws into the job.
import { readFileSync } from "node:fs";
import { decodeLastSeq, encodeJobStatus, encodeResumeRequest, type JobStatusMessage } from "./stream-codec";
import { type ClientStreamCall, GRPC_STATUS, GrpcConnection, GrpcError, isLoopback, PERMISSION_DENIED, UNAUTHENTICATED } from "./stream-grpc";
import { type SpoolSource } from "./stream-spool";

export type { JobStatusMessage } from "./stream-codec";

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

/** A unary call's deadline: a busy server may be slow to answer; a dead connection is found sooner by the HTTP/2 pings. */
const CALL_SECONDS = 30;
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 3000;
/** Events per StreamLogs call: each call's reply is an acknowledgement, and what is buffered for a slow server stays bounded. */
const BATCH_EVENTS = 200_000;
/** Bytes of framed events per HTTP/2 write. */
const WRITE_BYTES = 64 * 1024;
/** How long a write may wait for the server to read before the call is given up and resumed. */
const STALL_MS = 10000;

/** Problems that retrying cannot cure: the token, or the server's certificate. */
function fatalProblem(error: GrpcError): string {
  if (error.code === UNAUTHENTICATED || error.code === PERMISSION_DENIED) {
    return `the server refused the runner token (${GRPC_STATUS[error.code]}: ${error.details}); check SOLSTICE_RUNNER_TOKEN`;
  }
  if (/certificate|self.signed|SSL|TLS|handshake|wrong version number/i.test(error.details ?? "")) {
    return `the TLS connection failed (${error.details}); check SOLSTICE_ORCHESTRATOR_CA and the server's certificate`;
  }
  return "";
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Sender {
  private connection: GrpcConnection;
  /** The highest seq the server said it holds. */
  acked = 0;
  private ending = false;
  private stopped = false;
  private fatal = "";
  private warned = false;
  private wake: (() => void) | undefined;
  private current: ClientStreamCall | undefined;
  private loopDone: Promise<void>;
  private lastProblem = "";

  constructor(
    private spool: SpoolSource,
    private options: SenderOptions,
  ) {
    // Node's deprecation notes would land in the job's console log.
    process.noDeprecation = true;
    const ca = options.caFile !== "" ? readFileSync(options.caFile) : undefined;
    const tls = ca !== undefined || !(options.insecure || isLoopback(options.address));
    this.connection = new GrpcConnection({ address: options.address, tls, ca, token: options.token });
    this.loopDone = this.loop();
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
    const fatal = error instanceof GrpcError ? fatalProblem(error) : "";
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
        const resume = decodeLastSeq(await this.connection.unary("GetResumePoint", encodeResumeRequest(this.options.runId), CALL_SECONDS * 1000));
        this.acked = Math.max(this.acked, resume);
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

  /** Send from `seq` until the end of the run or a batch; resolves with the server's reply, rejects on any error. */
  private streamFrom(seq: number): Promise<void> {
    return new Promise((resolve, reject) => {
      let failed = false;
      let drained: (() => void) | undefined;
      let call: ClientStreamCall;
      try {
        call = this.connection.clientStream("StreamLogs", (error, reply) => {
          this.current = undefined;
          if (error) {
            failed = true;
            drained?.();
            reject(fatalProblem(error) !== "" ? error : Object.assign(error, { streaming: true }));
            return;
          }
          try {
            this.acked = Math.max(this.acked, decodeLastSeq(reply));
            resolve();
          } catch (problem) {
            reject(problem);
          }
        });
      } catch (error) {
        reject(error);
        return;
      }
      this.current = call;
      call.onDrain(() => drained?.());
      const reader = this.spool.reader(seq);
      const pump = async () => {
        while (!failed && !this.stopped) {
          // As many events as are spooled, up to WRITE_BYTES, in one write:
          // the spool's records are gRPC messages already.
          const run = reader.takeFramed(BATCH_EVENTS - (reader.next - seq), WRITE_BYTES);
          if (run !== undefined && run.count > 0) {
            if (!call.write(run.framed)) {
              // A server that stops reading gets the call cancelled; the
              // loop asks where to resume.
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
        await this.connection.unary("ReportStatus", encodeJobStatus(status), Math.max(1000, Math.min(CALL_SECONDS * 1000, left)));
        reported = true;
      } catch (error) {
        const fatal = error instanceof GrpcError ? fatalProblem(error) : "";
        this.lastProblem = fatal !== "" ? fatal : describe(error);
        if (fatal !== "" || Date.now() + backoff >= deadline) break;
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
    this.connection.close();
    if (held && reported) return true;
    // One warning per trouble: a server that was down throughout was already reported.
    if (this.fatal !== "" || (this.warned && this.acked === 0 && !reported)) return false;
    const what = [held ? "" : `the server holds ${this.acked} of ${this.spool.count} log events`, reported ? "" : "the job's status was not acknowledged"]
      .filter((s) => s !== "")
      .join(" and ");
    this.options.warn(
      `log streaming to ${this.options.address} did not complete within SOLSTICE_REPORT_DEADLINE (${this.options.deadlineSeconds} s): ${what} (${this.lastProblem})`,
    );
    return false;
  }
}
