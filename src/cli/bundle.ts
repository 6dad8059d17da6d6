// Runs a portable program under Node: esbuild bundles it (TypeScript types
// stripped, "@solstice/std" mapped to the Node std) behind a small entry that
// calls main with the arguments as byte strings and exits with its result.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { PACKAGE_ROOT, STD_ENTRY } from "../compiler/compile";

function entryScript(programPath: string): string {
  const bytes = path.join(PACKAGE_ROOT, "src/std/bytes.ts");
  return [
    `import { main } from ${JSON.stringify(programPath)};`,
    `import { fromNodeString } from ${JSON.stringify(bytes)};`,
    `const code = await main(process.argv.slice(2).map(fromNodeString));`,
    `process.exit(code);`,
  ].join("\n");
}

/** Bundle the portable program at `entry` into one ESM file at `outFile`. */
export async function bundlePortable(entry: string, outFile: string): Promise<void> {
  await bundleEntryScript(entryScript(path.resolve(entry)), outFile);
}

/**
 * Bundle `contents` (a module importing portable code) into one ESM file:
 * types stripped, "@solstice/std" mapped to the Node std.
 */
export async function bundleEntryScript(contents: string, outFile: string): Promise<void> {
  await esbuild.build({
    stdin: { contents, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: outFile,
    alias: { "@solstice/std": STD_ENTRY },
    logLevel: "silent",
  });
}

/** Run the program in this process; never returns (the program exits). */
export async function execPortable(entry: string, args: string[]): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "solstice-exec-"));
  const outFile = path.join(dir, "program.mjs");
  await bundlePortable(entry, outFile);
  process.argv = [process.argv[0]!, outFile, ...args];
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  await import(pathToFileURL(outFile).href);
}
