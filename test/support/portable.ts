// Compile and run portable programs on both backends: Node (bundled with
// esbuild) and the generated sh script under each shell. One Compiler
// (one ts-morph Project) serves every program of a test run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Compiler } from "../../src/compiler/compile";
import { bundlePortable } from "../../src/cli/bundle";
import type { Shell } from "./shells";

export interface Outcome {
  stdout: Buffer;
  stderr: Buffer;
  status: number | null;
}

let compiler: Compiler | undefined;

export function sharedCompiler(): Compiler {
  compiler ??= new Compiler();
  return compiler;
}

export const workDir = mkdtempSync(path.join(os.tmpdir(), "solstice-portable-"));

export interface BuiltProgram {
  name: string;
  script: string; // path of the generated sh script
  compactScript: string; // and of its compact build
  bundle: string; // path of the Node bundle
}

export async function buildProgram(entry: string): Promise<BuiltProgram> {
  const name = path.basename(entry, ".ts");
  const script = path.join(workDir, `${name}.sh`);
  const compactScript = path.join(workDir, `${name}.compact.sh`);
  const bundle = path.join(workDir, `${name}.mjs`);
  writeFileSync(script, sharedCompiler().compileFile(entry));
  writeFileSync(compactScript, sharedCompiler().compileFile(entry, { compact: true }));
  await bundlePortable(entry, bundle);
  return { name, script, compactScript, bundle };
}

interface RunOptions {
  args?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  input?: string;
}

function run(argv: string[], options: RunOptions): Outcome {
  const result = spawnSync(argv[0]!, [...argv.slice(1), ...(options.args ?? [])], {
    env: options.env ?? process.env,
    cwd: options.cwd,
    input: options.input ?? "",
    timeout: 60_000,
    // Programs that print a large result (the mask set of 64 KB secrets).
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

export function runOnNode(program: BuiltProgram, options: RunOptions = {}): Outcome {
  return run([process.execPath, program.bundle], options);
}

export function runOnShell(program: BuiltProgram, shell: Shell, options: RunOptions = {}): Outcome {
  return run([...shell.argv, shell.compact ? program.compactScript : program.script], options);
}
