// Bundles the runner alone into one file a guest runs with no node_modules
// beside it: dist/solstice-runner-node.cjs (make bundle). Only the job runs
// from it (src/cli/run.ts): the developer commands, which need ts-morph and
// esbuild, stay out. Log streaming works from it: the gRPC client is
// node:http2 (src/std/stream-grpc.ts) and the sender thread's code is
// inside. Node 18 and later (Debian 12's nodejs is 18.20), so
// esbuild lowers syntax to node18; the runner's std uses no API newer than
// that (the e2e test runs this file under Debian 12's Node 18).
import * as esbuild from "esbuild";
import { chmodSync, renameSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { streamWorkerDefine } from "./stream-worker-code.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const outFile = process.argv[2] ?? `${root}dist/solstice-runner-node.cjs`;
const partial = `${outFile}.${process.pid}.tmp`;

await esbuild.build({
  stdin: {
    contents: [`import { runJob } from "./src/cli/run.ts";`, `runJob(process.argv.slice(2));`].join("\n"),
    resolveDir: root,
    loader: "ts",
    sourcefile: "solstice-runner-node.ts",
  },
  outfile: partial,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node18",
  alias: { "@solstice/std": `${root}src/std/index.ts` },
  // The log stream's sender thread, carried as text (scripts/stream-worker-code.mjs);
  // import.meta.url (stream-proto.ts finds the .proto beside it) as CommonJS has it.
  define: { ...(await streamWorkerDefine("node18")), "import.meta.url": "__solstice_bundle_url" },
  banner: {
    js: `#!/usr/bin/env node
const __solstice_bundle_url = require("node:url").pathToFileURL(__filename).href;`,
  },
  legalComments: "none",
  logLevel: "warning",
});
chmodSync(partial, 0o755);
// Renamed over: a runner started from the old file keeps reading it whole.
renameSync(partial, outFile);
console.log(`${outFile}: ${statSync(outFile).size} bytes`);
