// The sink's gRPC server: gRPC over HTTP/2 (node:http2), just what
// RunnerService needs — unary calls and one client-streaming call, no
// compression. The sink takes a whole run's log, a message per line, from
// many runners at once; grpc-js spends several microseconds per message
// (a decoder stream, a filter stack, an event each), this reads the
// length-prefixed messages straight out of the HTTP/2 data. The tests talk
// to it with a grpc-js client, so it is held to a real gRPC implementation.
import { readFileSync } from "node:fs";
import * as http2 from "node:http2";
import { SERVICE_PATH } from "../std/stream-grpc";

export class CallError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
  ) {
    super(details);
  }
}

/** One call's handler: gets each request message, then the end; returns the reply message or throws a CallError. */
export interface CallHandler {
  message(bytes: Buffer): void;
  end(): Buffer;
}

export interface ServerOptions {
  /** host:port; port 0 for any. */
  listen: string;
  tlsCert: string;
  tlsKey: string;
  /** A handler for a call of `method` with these headers, or a CallError to refuse it. */
  open(method: string, headers: http2.IncomingHttpHeaders): CallHandler;
}

export interface GrpcServer {
  port: number;
  close(): Promise<void>;
}

const UNIMPLEMENTED = 12;
const INTERNAL = 13;

function respondError(stream: http2.ServerHttp2Stream, code: number, details: string): void {
  if (stream.destroyed || stream.closed) return;
  const status = { "grpc-status": String(code), "grpc-message": encodeURIComponent(details) };
  if (!stream.headersSent) stream.respond({ ":status": 200, "content-type": "application/grpc", ...status }, { endStream: true });
  // Nothing more to read: the runner stops sending.
  stream.close(http2.constants.NGHTTP2_NO_ERROR);
}

function respondOk(stream: http2.ServerHttp2Stream, reply: Buffer): void {
  if (stream.destroyed || stream.closed) return;
  stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
  stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
  const framed = Buffer.allocUnsafe(5 + reply.length);
  framed[0] = 0;
  framed.writeUInt32BE(reply.length, 1);
  reply.copy(framed, 5);
  stream.end(framed);
}

function serve(options: ServerOptions, stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
  stream.on("error", () => {});
  const path = String(headers[":path"] ?? "");
  if (headers[":method"] !== "POST" || !String(headers["content-type"] ?? "").startsWith("application/grpc") || !path.startsWith(SERVICE_PATH)) {
    return respondError(stream, UNIMPLEMENTED, `no such method: ${path}`);
  }
  let handler: CallHandler;
  try {
    handler = options.open(path.slice(SERVICE_PATH.length), headers);
  } catch (error) {
    return error instanceof CallError ? respondError(stream, error.code, error.details) : respondError(stream, INTERNAL, String(error));
  }
  let pending: Buffer | undefined;
  let failed = false;
  const fail = (error: unknown) => {
    failed = true;
    if (error instanceof CallError) respondError(stream, error.code, error.details);
    else respondError(stream, INTERNAL, error instanceof Error ? error.message : String(error));
  };
  stream.on("data", (chunk: Buffer) => {
    if (failed) return;
    let data = pending ? Buffer.concat([pending, chunk]) : chunk;
    pending = undefined;
    let at = 0;
    try {
      while (data.length - at >= 5) {
        if (data[at] !== 0) throw new CallError(UNIMPLEMENTED, "compressed messages are not supported (send them uncompressed)");
        const size = data.readUInt32BE(at + 1);
        if (data.length - at - 5 < size) break;
        handler.message(data.subarray(at + 5, at + 5 + size));
        at += 5 + size;
      }
    } catch (error) {
      return fail(error);
    }
    if (at < data.length) pending = Buffer.from(data.subarray(at));
  });
  stream.on("end", () => {
    if (failed) return;
    if (pending) return fail(new CallError(INTERNAL, "the request ended inside a message"));
    try {
      respondOk(stream, handler.end());
    } catch (error) {
      fail(error);
    }
  });
}

/** host and port of "host:port" or "[v6]:port". */
function splitListen(listen: string): { host: string; port: number } {
  const match = /^\[([^\]]*)\]:(\d+)$/.exec(listen) ?? /^([^:]*):(\d+)$/.exec(listen);
  if (!match) throw new Error(`'${listen}' is not host:port`);
  return { host: match[1]!, port: Number(match[2]) };
}

export async function startGrpcServer(options: ServerOptions): Promise<GrpcServer> {
  const { host, port } = splitListen(options.listen);
  // Room for a burst of small messages before a window update.
  const settings = { initialWindowSize: 1 << 20 };
  const server =
    options.tlsCert !== "" ? http2.createSecureServer({ cert: readFileSync(options.tlsCert), key: readFileSync(options.tlsKey), settings }) : http2.createServer({ settings });
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on("session", (session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
    session.on("error", () => {});
    session.setLocalWindowSize(2 << 20);
  });
  server.on("stream", (stream, headers) => serve(options, stream, headers));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Calls in progress get a moment to end, then their connections go.
        for (const session of sessions) session.close();
        setTimeout(() => {
          for (const session of sessions) session.destroy();
        }, 1000).unref();
      }),
  };
}
