// docs/runner.proto, loaded with @grpc/proto-loader for the runner's client,
// the sink and the relay. Loaded from the file the project ships (found by
// walking up from this module: src/std/, dist/ or dist/chunks/), so the
// protocol has one source.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";

export const SERVICE = "solstice.runner.v1.RunnerService";

function protoPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, "docs/runner.proto");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error("docs/runner.proto not found beside the runner's files");
}

let loaded: grpc.ServiceDefinition | undefined;

/** RunnerService: 64-bit fields as JS numbers, enums as numbers, defaults filled in. */
export function runnerService(): grpc.ServiceDefinition {
  if (!loaded) {
    const definition = protoLoader.loadSync(protoPath(), { longs: Number, enums: Number, defaults: true, keepCase: true });
    loaded = definition[SERVICE] as grpc.ServiceDefinition;
  }
  return loaded;
}

/** The same service, with StreamLogs taking LogEvents already encoded (the spool's records). */
export function runnerClientService(): grpc.ServiceDefinition {
  const service = runnerService();
  const streamLogs = service.StreamLogs!;
  return { ...service, StreamLogs: { ...streamLogs, requestSerialize: (bytes: Buffer) => bytes } };
}

export { STATUS_NAMES, STATUS_TEXT, STREAM_TEXT } from "./stream-enums";

/** Loopback: 127.0.0.0/8, ::1, localhost (where plaintext is allowed without asking). */
export function isLoopback(address: string): boolean {
  let host = address;
  const bracket = /^\[([^\]]*)\]/.exec(host);
  if (bracket) host = bracket[1]!;
  else if (host.includes(":") && host.indexOf(":") === host.lastIndexOf(":")) host = host.slice(0, host.indexOf(":"));
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
