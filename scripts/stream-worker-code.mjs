// The log stream's sender thread (src/std/stream-worker.ts) as one piece of
// CommonJS text, node: modules only: build.mjs and bundle.mjs put it into
// their output (esbuild define SOLSTICE_STREAM_WORKER), and node-stream.ts
// starts it with new Worker(text, { eval: true }). So the runner finds its
// worker however it is packaged, one file or many, ESM or CommonJS.
import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** esbuild `define` entries carrying the worker's code, for a build targeting `target`. */
export async function streamWorkerDefine(target) {
  const built = await esbuild.build({
    entryPoints: [`${root}src/std/stream-worker.ts`],
    bundle: true,
    write: false,
    platform: "node",
    format: "cjs",
    target,
    minify: true,
    legalComments: "none",
    logLevel: "warning",
  });
  return { SOLSTICE_STREAM_WORKER: JSON.stringify(built.outputFiles[0].text) };
}
