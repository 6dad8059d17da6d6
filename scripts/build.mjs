// Bundles the command line into dist/cli.mjs. ts-morph and esbuild stay
// external: they are dependencies, loaded from node_modules. The developer
// commands are split into chunks of their own (dist/chunks/), loaded on
// first use, so running a job never loads the compiler. Old chunks are left
// (their names carry a hash): a runner starting during a build still finds
// the ones it imports. `make clean` removes them.
import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";
import { streamWorkerDefine } from "./stream-worker-code.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

await esbuild.build({
  entryPoints: { cli: `${root}src/cli/main.ts` },
  // The log stream's sender thread, carried as text (scripts/stream-worker-code.mjs).
  define: await streamWorkerDefine("node20"),
  outdir: `${root}dist`,
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  splitting: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["ts-morph", "esbuild", "@grpc/grpc-js", "@grpc/proto-loader"],
  alias: { "@solstice/std": `${root}src/std/index.ts` },
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: "warning",
});
