// `make cross`: one runner per guest target of Cross.toml, compiled from
// src/runner/main.ts with the target's settings (src/compiler/compile.ts,
// TargetSettings), written to OUT/<target>/solstice-runner, executable.
// Directories of OUT that hold a solstice-runner for a target Cross.toml no
// longer has are removed: they are compiler output too.
// --compact builds each in the compact form (compile --compact), for
// cloud-init user-data; generated/ keeps the readable ones.
// usage: node scripts/run-ts.mjs scripts/cross.ts [--compact] [OUT]   (OUT: generated)
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PACKAGE_ROOT, compileFile } from "../src/compiler/compile";
import { PortableError } from "../src/compiler/diagnostics";
import { CrossTomlError, readTargets } from "../src/compiler/targets";

const args = process.argv.slice(2);
const compact = args[0] === "--compact";
if (compact) args.shift();
const out = path.resolve(args[0] ?? path.join(PACKAGE_ROOT, "generated"));
const entry = path.join(PACKAGE_ROOT, "src/runner/main.ts");

try {
  const targets = readTargets(path.join(PACKAGE_ROOT, "Cross.toml"));
  for (const target of targets) {
    const script = compileFile(entry, { sourceLabel: "src/runner/main.ts", target, compact });
    const dir = path.join(out, target.name);
    mkdirSync(dir, { recursive: true });
    // Written beside and renamed over: a shell still running the old script keeps reading the old file.
    const file = path.join(dir, "solstice-runner");
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, script);
    chmodSync(partial, 0o755);
    renameSync(partial, file);
  }
  const names = new Set(targets.map((t) => t.name));
  for (const name of readdirSync(out)) {
    const dir = path.join(out, name);
    const isOldTarget = !names.has(name) && existsSync(path.join(dir, "solstice-runner")) && readdirSync(dir).length === 1;
    if (isOldTarget) rmSync(dir, { recursive: true });
  }
} catch (error) {
  if (error instanceof CrossTomlError || error instanceof PortableError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
