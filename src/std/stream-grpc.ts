// The runner's gRPC client: gRPC over HTTP/2 (node:http2) for the three
// calls of RunnerService, nothing else. Why not grpc-js: the one-file bundle
// carries no packages; a LogEvent is already encoded in the spool, so the
// sender can put thousands of length-prefixed messages in one HTTP/2 write
// (grpc-js pays a serializer, a filter stack and a write per message); and
// the runner's memory stays well under its budget. The wire format is
// gRPC's PROTOCOL-HTTP2 (a message is a 0 byte, a 32-bit big-endian length
// and the bytes; the status comes in grpc-status / grpc-message trailers),
// checked by the tests against a bare grpc-js server (test/stream.test.ts).
import * as http2 from "node:http2";

export const SERVICE_PATH = "/solstice.runner.v1.RunnerService/";

/** gRPC status codes the runner tells apart (the rest are named by number). */
export const GRPC_STATUS: Record<number, string> = {
  0: "OK",
  1: "CANCELLED",
  2: "UNKNOWN",
  3: "INVALID_ARGUMENT",
  4: "DEADLINE_EXCEEDED",
  5: "NOT_FOUND",
  7: "PERMISSION_DENIED",
  8: "RESOURCE_EXHAUSTED",
  9: "FAILED_PRECONDITION",
  12: "UNIMPLEMENTED",
  13: "INTERNAL",
  14: "UNAVAILABLE",
  16: "UNAUTHENTICATED",
};
export const CANCELLED = 1;
export const PERMISSION_DENIED = 7;
export const UNAUTHENTICATED = 16;
export const DEADLINE_EXCEEDED = 4;
export const UNAVAILABLE = 14;
export const INTERNAL = 13;

export class GrpcError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
  ) {
    super(`${GRPC_STATUS[code] ?? `status ${code}`}: ${details}`);
  }
}

export interface ConnectionOptions {
  /** host:port, [v6]:port; a dns: or dns:/// prefix is allowed. */
  address: string;
  tls: boolean;
  /** PEM of the CA to trust instead of the system's roots. */
  ca: Buffer | undefined;
  /** Sent as `authorization: Bearer …` when not empty. */
  token: string;
}

/** Loopback: 127.0.0.0/8, ::1, localhost (where plaintext is allowed without asking). */
export function isLoopback(address: string): boolean {
  let host = address.replace(/^dns:(\/\/[^/]*\/)?/, "");
  const bracket = /^\[([^\]]*)\]/.exec(host);
  if (bracket) host = bracket[1]!;
  else if (host.includes(":") && host.indexOf(":") === host.lastIndexOf(":")) host = host.slice(0, host.indexOf(":"));
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** "https://host:port" for an address as grpc takes it (default port 443). */
export function authority(address: string, tls: boolean): string {
  let rest = address.replace(/^dns:(\/\/[^/]*\/)?/, "");
  if (!/^\[[^\]]*\]:\d+$|^[^:]+:\d+$/.test(rest)) rest = rest.includes(":") && !rest.startsWith("[") ? `[${rest}]:443` : `${rest}:443`;
  return `${tls ? "https" : "http"}://${rest}`;
}

/** gRPC's length-prefixed messages, concatenated: one write for many. */
export function frameMessages(messages: Buffer[]): Buffer {
  let size = 0;
  for (const m of messages) size += 5 + m.length;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const m of messages) {
    out[at] = 0;
    out.writeUInt32BE(m.length, at + 1);
    m.copy(out, at + 5);
    at += 5 + m.length;
  }
  return out;
}

/** An open client-streaming call. */
export interface ClientStreamCall {
  /** Write framed bytes (frameMessages); false: wait for onDrain before writing more. */
  write(framed: Buffer): boolean;
  onDrain(listener: () => void): void;
  end(): void;
  cancel(): void;
}

/** How long a session may leave a ping unanswered before it is given up (a silent peer). */
const PING_EVERY_MS = 10_000;
const PING_TIMEOUT_MS = 5_000;

export class GrpcConnection {
  private session: http2.ClientHttp2Session | undefined;
  private sessionError: Error | undefined;
  private pinger: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private options: ConnectionOptions) {}

  /** The HTTP/2 session, connecting when there is none (or the last one broke). */
  private connect(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    this.sessionError = undefined;
    const session = http2.connect(authority(this.options.address, this.options.tls), {
      ...(this.options.ca ? { ca: this.options.ca } : {}),
      // Room for a burst of log events before the server's window update.
      settings: { initialWindowSize: 1 << 20, enablePush: false },
    });
    const forget = () => {
      if (this.session === session) this.session = undefined;
    };
    session.on("error", (error) => {
      this.sessionError = error;
      forget();
    });
    session.on("goaway", forget);
    session.on("close", forget);
    session.on("connect", () => session.setLocalWindowSize?.(1 << 20));
    this.session = session;
    this.keepAlive(session);
    return session;
  }

  private keepAlive(session: http2.ClientHttp2Session): void {
    clearInterval(this.pinger);
    this.pinger = setInterval(() => {
      if (session.closed || session.destroyed) return clearInterval(this.pinger);
      const silent = setTimeout(() => session.destroy(new Error("the server stopped answering pings")), PING_TIMEOUT_MS);
      silent.unref();
      session.ping((error) => {
        clearTimeout(silent);
        if (error && !session.destroyed) session.destroy(error);
      });
    }, PING_EVERY_MS);
    this.pinger.unref();
  }

  private request(method: string, timeoutMs: number | undefined): http2.ClientHttp2Stream {
    if (this.closed) throw new GrpcError(CANCELLED, "the connection is closed");
    const headers: http2.OutgoingHttpHeaders = {
      ":method": "POST",
      ":path": SERVICE_PATH + method,
      "content-type": "application/grpc",
      te: "trailers",
    };
    if (timeoutMs !== undefined) headers["grpc-timeout"] = `${Math.max(1, Math.ceil(timeoutMs))}m`;
    if (this.options.token !== "") headers.authorization = `Bearer ${this.options.token}`;
    const stream = this.connect().request(headers);
    // Errors arrive through the call's ending below; an unhandled 'error' would throw.
    stream.on("error", () => {});
    return stream;
  }

  /**
   * Runs one call: the reply's first message, or a GrpcError (the server's
   * status, a broken connection as UNAVAILABLE, a deadline passed).
   */
  private call(stream: http2.ClientHttp2Stream, timeoutMs: number | undefined, done: (error: GrpcError | undefined, reply: Buffer) => void): { cancel: () => void } {
    const chunks: Buffer[] = [];
    let status: number | undefined;
    let message = "";
    let httpStatus = 0;
    let ended = false;
    let cancelled = false;
    let streamError: Error | undefined;
    stream.on("error", (error) => (streamError = error));
    const finish = (error: GrpcError | undefined, reply: Buffer) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      done(error, reply);
    };
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            finish(new GrpcError(DEADLINE_EXCEEDED, `no answer within ${Math.round(timeoutMs)} ms`), Buffer.alloc(0));
            stream.close(http2.constants.NGHTTP2_CANCEL);
          }, timeoutMs);
    const readStatus = (headers: http2.IncomingHttpHeaders) => {
      if (headers["grpc-status"] !== undefined) {
        status = Number(headers["grpc-status"]);
        message = decodeURIComponentSafe(String(headers["grpc-message"] ?? ""));
      }
    };
    stream.on("response", (headers) => {
      httpStatus = Number(headers[":status"]);
      readStatus(headers);
    });
    stream.on("trailers", readStatus);
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("close", () => {
      if (cancelled) return finish(new GrpcError(CANCELLED, "cancelled by the runner"), Buffer.alloc(0));
      if (status === undefined) {
        const why =
          streamError?.message ??
          this.sessionError?.message ??
          (httpStatus !== 0 && httpStatus !== 200 ? `HTTP status ${httpStatus}` : `the stream closed (HTTP/2 code ${stream.rstCode ?? "none"})`);
        return finish(new GrpcError(UNAVAILABLE, why), Buffer.alloc(0));
      }
      if (status !== 0) return finish(new GrpcError(status, message), Buffer.alloc(0));
      const body = Buffer.concat(chunks);
      if (body.length < 5 || body[0] !== 0 || body.length < 5 + body.readUInt32BE(1)) {
        return finish(new GrpcError(INTERNAL, "the server's reply is not one uncompressed gRPC message"), Buffer.alloc(0));
      }
      finish(undefined, body.subarray(5, 5 + body.readUInt32BE(1)));
    });
    return {
      cancel: () => {
        cancelled = true;
        stream.close(http2.constants.NGHTTP2_CANCEL);
      },
    };
  }

  /** A unary call: one request message, one reply. */
  unary(method: string, request: Buffer, timeoutMs: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      let stream: http2.ClientHttp2Stream;
      try {
        stream = this.request(method, timeoutMs);
      } catch (error) {
        return reject(error instanceof GrpcError ? error : new GrpcError(UNAVAILABLE, String((error as Error).message ?? error)));
      }
      this.call(stream, timeoutMs, (error, reply) => (error ? reject(error) : resolve(reply)));
      stream.end(frameMessages([request]));
    });
  }

  /** A client-streaming call; `done` gets the reply or the error once. */
  clientStream(method: string, done: (error: GrpcError | undefined, reply: Buffer) => void): ClientStreamCall {
    const stream = this.request(method, undefined);
    const call = this.call(stream, undefined, done);
    return {
      write: (framed) => stream.write(framed),
      onDrain: (listener) => stream.on("drain", listener),
      end: () => stream.end(),
      cancel: () => call.cancel(),
    };
  }

  close(): void {
    this.closed = true;
    clearInterval(this.pinger);
    this.session?.close();
    this.session = undefined;
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
