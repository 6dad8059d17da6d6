// Runs a TypeScript script of this repository (bench/, scripts/) under Node:
// esbuild bundles it to a temporary file, which is then imported.
// usage: node scripts/run-ts.mjs FILE.ts [ARGS...]
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write("usage: node scripts/run-ts.mjs FILE.ts [ARGS...]\n");
  process.exit(64);
}
// Inside the repository, so the bundle's external imports resolve from node_modules.
mkdirSync(path.join(root, "node_modules/.cache"), { recursive: true });
const dir = mkdtempSync(path.join(root, "node_modules/.cache/run-ts-"));
const outfile = path.join(dir, "script.mjs");
await esbuild.build({
  entryPoints: [path.resolve(entry)],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["ts-morph", "esbuild", "vitest", "yaml", "smol-toml", "fast-check"],
  alias: { "@solstice/std": path.join(root, "src/std/index.ts") },
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  define: { __dirname: JSON.stringify(path.dirname(path.resolve(entry))) },
  logLevel: "warning",
});
process.argv = [process.argv[0], path.resolve(entry), ...args];
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
await import(pathToFileURL(outfile).href);
