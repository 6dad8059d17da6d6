// Runs generated programs on Node and on every shell and compares what they
// print. Programs are checked in batches: a batch is one script (and one
// Node bundle) whose entry calls the `main` of each of its programs in turn,
// each program its own module with its own functions, constants and main,
// called with a fresh copy of the arguments; after each one the entry prints
// a marker with the status that main returned. The stdout between two
// markers is that program's output, compared byte for byte, and so is its
// status; the batch's own exit status (the last program's) is compared too,
// and a shell must write nothing on stderr (whose it is, when it does, is
// found by running the batch's programs one by one). One ts-morph Project
// compiles the batches (sharedCompiler; a fresh one every PROJECT_PROGRAMS
// programs in long campaigns), while the batches compiled before
// run in child processes on the other cores.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bundleEntryScript, bundlePortable } from "../../src/cli/bundle";
import { Compiler, PACKAGE_ROOT } from "../../src/compiler/compile";
import { PortableError } from "../../src/compiler/diagnostics";
import { sharedCompiler, workDir } from "../support/portable";
import type { Shell } from "../support/shells";
import type { Program } from "./ast";
import { generateProgram, programArgs, programSeed } from "./generate";
import { printLib, printProgram } from "./print";

export const fuzzDir = path.join(workDir, "fuzz");
mkdirSync(fuzzDir, { recursive: true });

export interface Outcome {
  stdout: string; // latin1: one char per byte
  stderr: string;
  status: number | null;
  signal: string | null;
  timedOut: boolean;
}

export interface FuzzCase {
  index: number;
  seed: number;
  bytes: boolean;
  program: Program;
  source: string;
  /** The second module of a split program, `${module}_lib.ts`. */
  lib?: string;
  module: string; // file name without .ts
}

/** What one backend made of one program. */
export interface Result {
  stdout: string;
  status: number | null; // main's result; null when the marker never came (the script died)
  stderr: string; // a program never writes there
}

export interface Divergence {
  fuzzCase: FuzzCase;
  shells: string[];
  node: Result;
  got: Map<string, Result>;
}

// ---------------------------------------------------------------- processes

export function runProcess(argv: string[], args: string[], timeoutMs = 60_000): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, [...argv.slice(1), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString("latin1"), stderr: Buffer.concat(err).toString("latin1"), status, signal, timedOut });
    });
  });
}

export const CONCURRENCY = Math.max(2, os.cpus().length);

/**
 * A ts-morph Project keeps every module it has compiled (some 300 KB each):
 * a long campaign starts a new one after this many programs, or it would
 * run out of memory. (A new Project costs about 2 s.)
 */
const PROJECT_PROGRAMS = 2500;

// ---------------------------------------------------------------- batches

const MARK = "\n@@fuzz-end ";

function batchEntry(modules: string[]): string {
  // One marker per program, on stdout only: on mksh and posh every write forks printf.
  const lines = ['import { write } from "@solstice/std";'];
  modules.forEach((m, i) => lines.push(`import { main as p${i} } from "./${m}";`));
  lines.push("", "export async function main(args: string[]): Promise<number> {", "  let code = 0;");
  modules.forEach((_, i) => {
    lines.push(`  code = await p${i}(args.slice());`);
    lines.push(`  write(\`\\n@@fuzz-end ${i} \${code}@@\\n\`);`);
  });
  lines.push("  return code;", "}", "");
  return lines.join("\n");
}

/**
 * Cut a batch's stdout at the markers: one result per program. Its stderr
 * goes to the program that stopped the script, if one did; otherwise it
 * belongs to no program in particular (runBatch finds out whose it is).
 */
function segments(outcome: Outcome, count: number): { results: Result[]; stray: string } {
  const results: Result[] = [];
  let from = 0;
  const { stdout, stderr } = outcome;
  let stray = stderr;
  for (let i = 0; i < count; i++) {
    const at = stdout.indexOf(`${MARK}${i} `, from);
    if (at < 0) {
      results.push({ stdout: stdout.slice(from), status: null, stderr: stray });
      stray = "";
      from = stdout.length;
      continue;
    }
    const end = stdout.indexOf("@@\n", at + MARK.length);
    results.push({ stdout: stdout.slice(from, at), status: Number(stdout.slice(at + MARK.length + String(i).length + 1, end)), stderr: "" });
    from = end + 3;
  }
  return { results, stray };
}

export interface Batch {
  name: string;
  cases: FuzzCase[];
  bytes: boolean;
  script?: string;
  compactScript?: string; // the compact build (compile --compact), for shells marked compact
  bundle?: string;
}

/** Compile a batch; a program TypeScript refuses (a generator slip) is dropped and reported. */
function compileBatch(compiler: Compiler, batch: Batch, discarded: { fuzzCase: FuzzCase; error: string }[], refused: { fuzzCase: FuzzCase; error: string }[]): void {
  for (;;) {
    if (batch.cases.length === 0) return;
    const entry = path.join(fuzzDir, `${batch.name}.ts`);
    writeFileSync(entry, batchEntry(batch.cases.map((c) => c.module)));
    try {
      const script = path.join(fuzzDir, `${batch.name}.sh`);
      writeFileSync(script, compiler.compileFile(entry));
      const compactScript = path.join(fuzzDir, `${batch.name}.compact.sh`);
      writeFileSync(compactScript, compiler.compileFile(entry, { compact: true }));
      batch.script = script;
      batch.compactScript = compactScript;
      return;
    } catch (error) {
      if (!(error instanceof PortableError)) throw error;
      const culprit = batch.cases.find((c) => [c.module, `${c.module}_lib`].includes(path.basename(error.file, ".ts")));
      if (!culprit) throw error;
      (isGeneratorSlip(error) ? discarded : refused).push({ fuzzCase: culprit, error: error.message });
      batch.cases = batch.cases.filter((c) => c !== culprit);
      batch.name = `${batch.name}x`; // a fresh entry module: the project keeps the old one
    }
  }
}

/**
 * A program the generator should not have made: a TypeScript type error (the
 * generator keeps clear of narrowing, but not perfectly), or an expression
 * whose type TypeScript narrowed to `never` (a boolean tested twice on one
 * path, `if (b) … else if (b && …)`), which no portable type is.
 */
export function isGeneratorSlip(error: PortableError): boolean {
  return error.detail.startsWith("type error") || error.detail.startsWith("the type 'never' is not supported");
}

export interface CampaignOptions {
  seed: number;
  /** How many programs must compile and run (generator slips are replaced by further programs). */
  runs: number;
  shells: Shell[];
  batchSize?: number;
  /** Share of programs whose literals hold bytes above 0x7F (not run on yash). */
  bytesShare?: number;
  log?: (line: string) => void;
}

export interface CampaignResult {
  /** Programs generated, slips included. */
  generated: number;
  /** Programs compiled and run on Node and on every shell that can hold their data. */
  ran: number;
  /** Of those, the ones every shell agreed on. */
  agreed: number;
  /** Programs some shell never ran: an earlier program of their batch stopped its script. */
  unreached: number;
  discarded: { fuzzCase: FuzzCase; error: string }[];
  refused: { fuzzCase: FuzzCase; error: string }[];
  divergences: Divergence[];
  /** Program runs on a shell, summed over the shells. */
  shellRuns: number;
  batches: number;
  seconds: { compile: number; total: number };
}

export function makeCase(seed: number, index: number, bytesShare: number, prefix = "p"): FuzzCase {
  const s = programSeed(seed, index);
  const bytes = (s % 1000) / 1000 < bytesShare;
  const program = generateProgram(s, { bytes });
  const module = `${prefix}${index}`;
  const header = [`fuzz program ${index} of seed ${seed} (FUZZ_SEED=${seed})`];
  const source = printProgram(program, header, `${module}_lib`);
  const lib = printLib(program, header);
  return lib === undefined ? { index, seed: s, bytes, program, source, module } : { index, seed: s, bytes, program, source, lib, module };
}

/**
 * Generate programs and run them in batches until `runs` of them have run.
 * Each batch is compiled (synchronously, on this thread, with the one
 * compiler) while the batches before it run (child processes, on the other
 * cores): bundled for Node, then Node and every shell at once.
 */
export async function campaign(opts: CampaignOptions): Promise<CampaignResult> {
  const log = opts.log ?? (() => {});
  const batchSize = opts.batchSize ?? 25;
  const started = performance.now();
  const runTag = `r${opts.seed.toString(36)}_${Date.now().toString(36)}_`;
  const discarded: CampaignResult["discarded"] = [];
  const refused: CampaignResult["refused"] = [];
  const divergences: Divergence[] = [];
  const unreached = new Set<FuzzCase>();
  let generated = 0;
  let ran = 0;
  let agreed = 0;
  let shellRuns = 0;
  let batches = 0;
  let compileSeconds = 0;

  const runBatch = async (b: Batch): Promise<void> => {
    b.bundle = path.join(fuzzDir, `${b.name}.mjs`);
    await bundlePortable(path.join(fuzzDir, `${b.name}.ts`), b.bundle);
    const args = programArgs(b.bytes);
    const shells = opts.shells.filter((s) => s.byteStrings || !b.bytes);
    const [node, ...outs] = await Promise.all([
      runProcess([process.execPath, b.bundle], args),
      ...shells.map((s) => runProcess([...s.argv, s.compact ? b.compactScript! : b.script!], args)),
    ]);
    const want = segments(node!, b.cases.length);
    const byShell = shells.map((s, i) => ({ shell: s, outcome: outs[i]!, ...segments(outs[i]!, b.cases.length) }));
    // Whose is a shell's stderr when no program stopped the script? Run each alone on that shell.
    const strayOwners = new Map<string, Set<FuzzCase>>();
    for (const { shell, stray } of [{ shell: { name: "node" } as Shell, stray: want.stray }, ...byShell]) {
      if (stray === "") continue;
      const owners = new Set<FuzzCase>();
      for (const c of b.cases) {
        const alone = await checkStandalone(c.program, shell.name === "node" ? [] : [shell]);
        const o = shell.name === "node" ? alone.node : alone.shells.get(shell.name);
        if (o && o.stderr !== "") owners.add(c);
      }
      if (owners.size === 0) owners.add(b.cases[0]!); // only inside the batch: blame its first program
      strayOwners.set(shell.name, owners);
    }
    const strayOf = (name: string, c: FuzzCase, stray: string) => (strayOwners.get(name)?.has(c) ? stray : "");
    b.cases.forEach((c, i) => {
      const w = { ...want.results[i]!, stderr: want.results[i]!.stderr + strayOf("node", c, want.stray) };
      const diverging = new Map<string, Result>();
      if (w.status === null || w.stderr !== "") diverging.set("node", w);
      const last = i === b.cases.length - 1;
      for (const { shell, outcome, results, stray } of byShell) {
        // After a program that stopped the script, the others in its batch never ran there.
        if (results.slice(0, i).some((earlier) => earlier.status === null)) {
          unreached.add(c);
          continue;
        }
        const g = { ...results[i]!, stderr: results[i]!.stderr + strayOf(shell.name, c, stray) };
        const statusDiffers = last && outcome.status !== node!.status;
        if (g.stdout !== w.stdout || g.status !== w.status || g.stderr !== "" || statusDiffers || outcome.timedOut) {
          const notes = (outcome.timedOut ? "\n(timed out)" : "") + (statusDiffers ? `\n(script exit status ${outcome.status}, Node's ${node!.status})` : "");
          diverging.set(shell.name, { ...g, stderr: g.stderr + notes });
        }
      }
      if (diverging.size > 0) divergences.push({ fuzzCase: c, shells: [...diverging.keys()], node: w, got: diverging });
      else if (!unreached.has(c)) agreed++;
    });
    shellRuns += shells.length * b.cases.length;
  };

  // Programs wait here, ASCII ones and those with high bytes apart (yash skips a batch of the latter).
  const pending: [FuzzCase[], FuzzCase[]] = [[], []];
  let compiler = sharedCompiler();
  let compiledInProject = 0;
  const running = new Set<Promise<void>>();
  while (ran < opts.runs) {
    while (ran + pending[0].length + pending[1].length < opts.runs && pending[0].length < batchSize && pending[1].length < batchSize) {
      const c = makeCase(opts.seed, generated++, opts.bytesShare ?? 0.25, `${runTag}p`);
      writeFileSync(path.join(fuzzDir, `${c.module}.ts`), c.source);
      if (c.lib !== undefined) writeFileSync(path.join(fuzzDir, `${c.module}_lib.ts`), c.lib);
      pending[c.bytes ? 1 : 0].push(c);
    }
    const kind = pending[0].length >= batchSize ? 0 : pending[1].length >= batchSize ? 1 : pending[0].length > 0 ? 0 : 1;
    const b: Batch = { name: `${runTag}b${batches++}`, cases: pending[kind].splice(0, batchSize), bytes: kind === 1 };
    const t = performance.now();
    if (compiledInProject >= PROJECT_PROGRAMS) {
      compiler = new Compiler();
      compiledInProject = 0;
    }
    compileBatch(compiler, b, discarded, refused);
    compiledInProject += b.cases.length;
    compileSeconds += (performance.now() - t) / 1000;
    if (b.cases.length === 0 || !b.script) continue;
    ran += b.cases.length;
    const run: Promise<void> = runBatch(b).finally(() => running.delete(run));
    running.add(run);
    // Let finished children be read, and keep the cores busy but not swamped.
    await new Promise((resolve) => setImmediate(resolve));
    while (running.size >= CONCURRENCY + 1) await Promise.race(running);
  }
  await Promise.all(running);
  const total = (performance.now() - started) / 1000;
  log(`${ran} programs in ${batches} batches, ${total.toFixed(1)} s (compiling ${compileSeconds.toFixed(1)} s)`);
  return { generated, ran, agreed, unreached: unreached.size, discarded, refused, divergences, shellRuns, batches, seconds: { compile: compileSeconds, total } };
}

// ---------------------------------------------------------------- one program at a time

/**
 * Node, the oracle, for one program at a time without a process each: a
 * long-lived child imports each program's bundle and runs its main, writing
 * through the same std (one write(2) per print, Latin-1 bytes) onto its own
 * stdout, then a marker with the status process.exit would have given.
 */
class NodeWorker {
  private child: ReturnType<typeof spawn> | undefined;
  private out = "";
  private err = "";
  private waiting: (() => void) | undefined;

  private start(): ReturnType<typeof spawn> {
    const script = path.join(fuzzDir, "node-worker.mjs");
    writeFileSync(
      script,
      [
        'import { writeSync } from "node:fs";',
        'import { createInterface } from "node:readline";',
        "for await (const line of createInterface({ input: process.stdin })) {",
        "  const { bundle, args } = JSON.parse(line);",
        "  let status = 'died';",
        "  try {",
        "    const code = await (await import(bundle)).run(args);",
        "    status = String(code & 255);", // process.exit(code)
        "  } catch (error) {",
        "    writeSync(2, String(error?.stack ?? error) + '\\n');",
        "  }",
        "  writeSync(1, `\\n@@node-done ${status}@@\\n`);",
        "  writeSync(2, '@@node-done@@\\n');",
        "}",
      ].join("\n"),
    );
    const child = spawn(process.execPath, [script], { stdio: ["pipe", "pipe", "pipe"] });
    child.stdout!.on("data", (b: Buffer) => {
      this.out += b.toString("latin1");
      this.waiting?.();
    });
    child.stderr!.on("data", (b: Buffer) => {
      this.err += b.toString("latin1");
      this.waiting?.();
    });
    child.on("close", () => {
      if (this.child === child) this.child = undefined;
      this.waiting?.();
    });
    child.unref();
    (child.stdin as unknown as { unref?: () => void }).unref?.();
    (child.stdout as unknown as { unref?: () => void }).unref?.();
    (child.stderr as unknown as { unref?: () => void }).unref?.();
    return child;
  }

  async run(bundle: string, args: string[], timeoutMs: number): Promise<Outcome> {
    const child = (this.child ??= this.start());
    this.out = "";
    this.err = "";
    child.stdin!.write(JSON.stringify({ bundle: pathToFileURL(bundle).href, args }) + "\n");
    const deadline = Date.now() + timeoutMs;
    const done = /\n@@node-done (\w+)@@\n$/;
    while (!(done.test(this.out) && this.err.endsWith("@@node-done@@\n"))) {
      if (!this.child || Date.now() > deadline) {
        child.kill("SIGKILL");
        this.child = undefined;
        return { stdout: this.out, stderr: this.err, status: null, signal: null, timedOut: Date.now() > deadline };
      }
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 200);
      });
    }
    const status = done.exec(this.out)![1]!;
    return {
      stdout: this.out.replace(done, ""),
      stderr: this.err.slice(0, -"@@node-done@@\n".length),
      status: status === "died" ? null : Number(status),
      signal: null,
      timedOut: false,
    };
  }

  stop(): void {
    this.child?.kill();
    this.child = undefined;
  }
}

export const nodeWorker = new NodeWorker();

async function bundleForWorker(entry: string, outFile: string): Promise<void> {
  // The build of src/cli/bundle.ts, with main exported as run instead of run and exited.
  const bytes = path.join(PACKAGE_ROOT, "src/std/bytes.ts");
  await bundleEntryScript(
    [
      `import { main } from ${JSON.stringify(entry)};`,
      `import { fromNodeString } from ${JSON.stringify(bytes)};`,
      "export async function run(args) { return await main(args.map(fromNodeString)); }",
    ].join("\n"),
    outFile,
  );
}

export interface Checked {
  compiled: boolean;
  error?: string;
  node?: Outcome;
  shells: Map<string, Outcome>;
}

let standaloneCount = 0;

/**
 * Compile and run one program on its own (its main is the script's), on Node
 * and the given shells. `entryName` reuses one module file (the compiler
 * rereads it), which keeps the shared project from growing while shrinking.
 */
export async function checkStandalone(program: Program, shells: Shell[], header: string[] = [], entryName?: string): Promise<Checked> {
  const name = entryName ?? `s${standaloneCount}_${process.pid}`;
  const n = standaloneCount++;
  const entry = path.join(fuzzDir, `${name}.ts`);
  // A fresh name for the second module: the compiler rereads only the entry.
  const libModule = `${name}_lib${n}`;
  writeFileSync(entry, printProgram(program, header, libModule));
  const lib = printLib(program, header);
  if (lib !== undefined) writeFileSync(path.join(fuzzDir, `${libModule}.ts`), lib);
  let script: string;
  let compactScript: string;
  try {
    script = sharedCompiler().compileFile(entry);
    compactScript = shells.some((s) => s.compact) ? sharedCompiler().compileFile(entry, { compact: true }) : "";
  } catch (error) {
    if (error instanceof PortableError) return { compiled: false, error: error.message, shells: new Map() };
    throw error;
  }
  const scriptPath = path.join(fuzzDir, `${name}.sh`);
  writeFileSync(scriptPath, script);
  const compactPath = path.join(fuzzDir, `${name}.compact.sh`);
  writeFileSync(compactPath, compactScript);
  const bundle = path.join(fuzzDir, `${name}-${n}.mjs`);
  await bundleForWorker(entry, bundle);
  const [node, ...outs] = await Promise.all([
    nodeWorker.run(bundle, program.args, 30_000),
    ...shells.map((s) => runProcess([...s.argv, s.compact ? compactPath : scriptPath], program.args, 30_000)),
  ]);
  return { compiled: true, node: node!, shells: new Map(shells.map((s, i) => [s.name, outs[i]!])) };
}

export function differs(node: Outcome, shell: Outcome): boolean {
  return shell.stdout !== node.stdout || shell.status !== node.status || shell.stderr !== "" || shell.timedOut;
}
