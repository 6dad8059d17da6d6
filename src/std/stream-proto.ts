// docs/runner.proto, loaded with @grpc/proto-loader for the sink and the
// tests (the runner's own client is stream-grpc.ts, by hand). Loaded from the file the project ships (found by
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

export { STATUS_NAMES, STATUS_TEXT, STREAM_TEXT } from "./stream-enums";
