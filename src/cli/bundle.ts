// Runs a portable program under Node: esbuild bundles it (TypeScript types
// stripped, "@solstice/std" mapped to the Node std) behind a small entry that
// calls main with the arguments as byte strings and exits with its result.
import path from "node:path";
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

function buildOptions(contents: string): esbuild.BuildOptions {
  return {
    stdin: { contents, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    alias: { "@solstice/std": STD_ENTRY },
    logLevel: "silent",
  };
}

/**
 * Bundle `contents` (a module importing portable code) into one ESM file:
 * types stripped, "@solstice/std" mapped to the Node std.
 */
export async function bundleEntryScript(contents: string, outFile: string): Promise<void> {
  await esbuild.build({ ...buildOptions(contents), outfile: outFile });
}

/**
 * Run the program in this process; never returns (the program exits). The
 * bundle is imported from memory (a data: URL): nothing is written, so
 * nothing is left behind however the program ends.
 */
export async function execPortable(entry: string, args: string[]): Promise<void> {
  const built = await esbuild.build({ ...buildOptions(entryScript(path.resolve(entry))), write: false });
  const code = built.outputFiles[0]!.text;
  process.argv = [process.argv[0]!, path.resolve(entry), ...args];
  await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
}
