// Bundles the command line into dist/cli.mjs. ts-morph and esbuild stay
// external: they are dependencies, loaded from node_modules.
import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

await esbuild.build({
  entryPoints: [`${root}src/cli/main.ts`],
  outfile: `${root}dist/cli.mjs`,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["ts-morph", "esbuild"],
  alias: { "@solstice/std": `${root}src/std/index.ts` },
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: "warning",
});
