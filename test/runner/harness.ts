// Runs solstice-runner on its backends — the Node executable and the
// generated sh script under each shell — with one scenario's inputs, and
// compares what comes out: exit status, the job's stdout and stderr, and the
// runner's log events (parsed; timestamps and durations aside).
//
//   const s = await runScenario({ job: `repo_url: ${url}\ncommit_sha: ${sha}\n` });
//   expect(s.status).toBe(0);            // the same on every backend (checked)
//   expect(s.stdout).toBe("hello\n");
//
// A scenario is one test per shell it runs on, titled `TITLE [shell=NAME]`
// (the convention scripts/compat-table.mjs reads to build docs/compat.md):
//
//   scenario("the job's exit code is the runner's", async () => {
//     const s = await runScenario({ job: … });   // Node, and this test's shell
//   }, { allShells: true });
//
// The dash test runs Node and dash in the text and the JSON log format; the
// test of another shell runs Node and that shell (text). A scenario runs on
// dash only, unless it says allShells (the key ones) or the whole matrix is
// asked for: SOLSTICE_TEST_ALL_SHELLS=1. An allShells
// scenario's test also runs the compact build (compile --compact, made by
// `make compact` into dist/) under its shell, which must agree as well.
//
// Every run gets its own directory RUN (written {{RUN}} in inputs and in the
// normalised outputs): RUN/job.yaml, RUN/secrets.yaml, RUN/work (the
// workspace), RUN/home (HOME), RUN/out (SCENARIO_OUT, for jobs to leave
// files in), RUN/tmp (TMPDIR, which must be empty again afterwards).
import { AsyncLocalStorage } from "node:async_hooks";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, expect, it } from "vitest";
import { type MadeRepo, type RepoSpec, gitEnv, gitSync, makeRepo } from "../support/git-fixtures";
import { availableShells } from "../support/shells";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const GENERATED = join(ROOT, "generated/solstice-runner.sh");
const COMPACT = join(ROOT, "dist/solstice-runner.compact.sh");
const NODE_BIN = join(ROOT, "bin/solstice-runner.mjs");
const NODE_BUNDLE = join(ROOT, "dist/cli.mjs");

// The shells run a copy taken when a test file starts: a shell reads its
// script as it goes, and `make generate` rewriting the file mid-run would
// feed it half of each version.
const made: MadeRepo[] = [];
const temps: string[] = [];
const snapshotDir = mkdtempSync(join(tmpdir(), "solstice-script-"));
export const SCRIPT = join(snapshotDir, "solstice-runner.sh");
copyFileSync(GENERATED, SCRIPT);
if (!existsSync(COMPACT)) throw new Error("dist/solstice-runner.compact.sh is missing: run `make compact`");
export const COMPACT_SCRIPT = join(snapshotDir, "solstice-runner.compact.sh");
copyFileSync(COMPACT, COMPACT_SCRIPT);
// The repositories and temp dirs a test file makes (repo(), tempDir()) go
// when it ends, with the snapshot.
afterAll(() => {
  for (const r of made.splice(0)) r.cleanup();
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
  rmSync(snapshotDir, { recursive: true, force: true });
});

export interface Backend {
  name: string;
  argv: string[];
}

export const NODE: Backend = { name: "node", argv: [process.execPath, NODE_BIN] };
export const DASH: Backend = { name: "dash", argv: ["dash", SCRIPT] };

/** Every scenario on every shell: in CI (.ci/run), or when asked. */
// Not in CI by default: with workflows, masking and streaming the whole
// matrix outgrew CI's time on two cores (the key scenarios still run on
// every shell there).
export const FULL_MATRIX = process.env.SOLSTICE_TEST_ALL_SHELLS === "1";

/**
 * Every installed shell but dash (which every scenario runs anyway), and but
 * the shells that cannot hold bytes (yash), which the runner refuses
 * (test/runner/shells.test.ts).
 */
export function otherShells(): Backend[] {
  return availableShells()
    .filter((s) => s.name !== "dash" && s.byteStrings)
    .map((s) => ({ name: s.name, argv: [...s.argv, SCRIPT] }));
}

function newestMtime(dir: string, suffix: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name.endsWith(suffix)) newest = Math.max(newest, statSync(join(dir, name)).mtimeMs);
  }
  return newest;
}

// Both backends must be built from the sources under test; a stale one
// would make every difference a false alarm (or hide a real one).
if (!existsSync(NODE_BUNDLE)) throw new Error("dist/cli.mjs is missing: run `node scripts/build.mjs` (or make build)");
{
  const sources = Math.max(
    newestMtime(join(ROOT, "src/runner"), ".ts"),
    newestMtime(join(ROOT, "src/std"), ".ts"),
    newestMtime(join(ROOT, "templates/prelude"), ".sh"),
  );
  // A second of slack: a fresh clone writes generated/ before src/.
  if (statSync(NODE_BUNDLE).mtimeMs + 1000 < sources) {
    process.stderr.write("\n*** NOTICE: dist/cli.mjs is older than src/: run `node scripts/build.mjs`\n\n");
  }
  if (statSync(GENERATED).mtimeMs + 1000 < sources) {
    process.stderr.write("\n*** NOTICE: generated/solstice-runner.sh is older than src/: run `make generate`\n\n");
  }
  if (statSync(COMPACT).mtimeMs + 1000 < Math.max(sources, newestMtime(join(ROOT, "src/compiler"), ".ts"))) {
    process.stderr.write("\n*** NOTICE: dist/solstice-runner.compact.sh is older than src/: run `make compact`\n\n");
  }
}

export interface RunDirs {
  /** RUN itself. */
  dir: string;
  work: string;
  home: string;
  out: string;
  tmp: string;
  jobFile: string;
  secretsFile: string;
}

/** Inputs are text, written and passed as UTF-8; outputs are bytes, as latin1 chars. */
export interface RunSpec {
  /** The job file's text; omitted: no job file, and SOLSTICE_JOB_FILE is not set. */
  job?: string | undefined;
  /** The secrets file's text; omitted: none, and SOLSTICE_SECRETS_FILE is not set. */
  secrets?: string | undefined;
  /** Added to the runner's environment; `undefined` removes a variable the harness sets. */
  env?: Record<string, string | undefined> | undefined;
  args?: string[];
  /** Offered on the runner's stdin (the job must never see it). */
  stdin?: string;
  /** Before the run: e.g. put an old checkout into the workspace. */
  prepare?: (dirs: RunDirs) => void;
  /** Put in front of the backend's command (e.g. to run it in a namespace). */
  wrap?: (dirs: RunDirs) => string[];
  /** Each chunk of the runner's stdout as it arrives (latin1, not normalised). */
  onStdout?: (chunk: string, dirs: RunDirs) => void;
  /** The same for stderr. */
  onStderr?: (chunk: string, dirs: RunDirs) => void;
  /** After the run, before RUN is removed: look at what it left. */
  inspect?: (dirs: RunDirs) => unknown;
  /** Signal the runner once the job is under way (see StopSpec). */
  stop?: StopSpec;
  /**
   * How long one run may take before the harness calls it hung (default
   * HANG_MS): it then records the runner's process tree and stderr, stops
   * it (TERM, KILL 5 s later) and fails the test with both.
   */
  hangMs?: number;
}

/**
 * A run longer than this is a hang, not slowness: a scenario's runs take
 * about a second each here, and the whole test has vitest's testTimeout
 * (vitest.config.ts), which must leave room for this to fire first, so the
 * failure says which backend hung, in what state, and the run's files go.
 */
export const HANG_MS = 45_000;

/**
 * Signals for the runner: once RUN/out/ready exists (the job makes it) or
 * the runner's stderr holds `afterStderr`, `signals[0]` is sent; the others
 * follow `gapMs` apart, starting when RUN/out/`othersAfter` exists, if
 * given. (Signals sent together arrive lowest number first, whatever the
 * order they were sent in: a job can say when the first has done its work.)
 */
export interface StopSpec {
  afterStderr?: string;
  signals: NodeJS.Signals[];
  gapMs?: number;
  othersAfter?: string;
}

export interface LogEvent {
  level: string;
  message: string;
  /** Values as text; duration_ms is "<ms>" (checked to be a number first). */
  fields: Record<string, string>;
}

export interface Outcome {
  backend: string;
  format: "text" | "json";
  status: number | null;
  signal: string | null;
  /** Normalised ({{RUN}} for the run's directory), bytes as latin1 chars. */
  stdout: string;
  /** The runner's stderr without its log events: the job's stderr and usage messages. */
  stderr: string;
  events: LogEvent[];
  /** Every stderr line, normalised, events included. */
  stderrLines: string[];
  /** What spec.inspect returned. */
  inspected: unknown;
  /** Milliseconds from the first byte of stdout to the runner's exit (-1 with no stdout). */
  firstStdoutBeforeExitMs: number;
  /** Milliseconds from the runner's start to its exit. */
  elapsedMs: number;
  /** Milliseconds from the first stop signal (spec.stop) to the runner's exit; -1 if none was sent. */
  stopMs: number;
}

const TEXT_EVENT = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{6})?Z) (ERROR| WARN| INFO|DEBUG|TRACE) solstice_runner: (.*)$/s;
const FIELD = / ([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|[^ "]+)/y;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{6})?Z$/;

function parseFields(text: string, start: number): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  let pos = start;
  while (pos < text.length) {
    FIELD.lastIndex = pos;
    const m = FIELD.exec(text);
    if (!m) return undefined;
    fields[m[1]!] = m[2]!.startsWith('"') ? (JSON.parse(m[2]!) as string) : m[2]!;
    pos = FIELD.lastIndex;
  }
  return fields;
}

function normaliseFields(fields: Record<string, string>, line: string): Record<string, string> {
  const out = { ...fields };
  if ("duration_ms" in out) {
    expect(out.duration_ms, `duration_ms in: ${line}`).toMatch(/^\d+$/);
    out.duration_ms = "<ms>";
  }
  return out;
}

/** git and curl put elapsed times into their messages ("after 0 ms"). */
function normaliseMessage(text: string): string {
  return text.replace(/after \d+ ms/g, "after <n> ms");
}

/** A text-format line as an event; undefined for a line that is not one. */
export function parseTextEvent(line: string): LogEvent | undefined {
  const m = TEXT_EVENT.exec(line);
  if (!m) return undefined;
  const rest = m[3]!;
  // The message ends where the rest of the line parses as fields.
  for (let i = 0; i <= rest.length; i++) {
    if (i < rest.length && rest[i] !== " ") continue;
    const fields = parseFields(rest, i);
    if (fields) {
      return {
        level: m[2]!.trim(),
        message: normaliseMessage(rest.slice(0, i)),
        fields: mapValues(normaliseFields(fields, line), normaliseMessage),
      };
    }
  }
  throw new Error(`unparsable log line: ${line}`);
}

function mapValues(r: Record<string, string>, f: (v: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, f(v)]));
}

/**
 * A JSON-format line as an event, checking the contract's shape
 * {"timestamp","level","fields":{"message",...},"target":"solstice_runner"};
 * undefined for a line that does not start as a JSON object (job output).
 */
export function parseJsonEvent(line: string): LogEvent | undefined {
  if (!line.startsWith('{"')) return undefined;
  // The line must be valid JSON as UTF-8 text too, not only as bytes.
  expect(() => JSON.parse(Buffer.from(line, "latin1").toString("utf8")), line).not.toThrow();
  const value = JSON.parse(line) as Record<string, unknown>;
  expect(Object.keys(value), line).toEqual(["timestamp", "level", "fields", "target"]);
  expect(value.timestamp, line).toMatch(TIMESTAMP);
  expect(["ERROR", "WARN", "INFO", "DEBUG", "TRACE"], line).toContain(value.level);
  expect(value.target, line).toBe("solstice_runner");
  const fields = value.fields as Record<string, unknown>;
  expect(Object.keys(fields)[0], line).toBe("message");
  const text: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (k === "message") continue;
    expect(["string", "number"], `${k} in ${line}`).toContain(typeof v);
    if (typeof v === "number") expect(Number.isInteger(v), line).toBe(true);
    text[k] = String(v);
  }
  expect(typeof fields.message, line).toBe("string");
  return {
    level: value.level as string,
    message: normaliseMessage(fields.message as string),
    fields: mapValues(normaliseFields(text, line), normaliseMessage),
  };
}

function substitute(text: string, dirs: RunDirs): string {
  return text.replaceAll("{{RUN}}", dirs.dir);
}

function makeDirs(): RunDirs {
  const dir = mkdtempSync(join(tmpdir(), "solstice-run-"));
  const dirs: RunDirs = {
    dir,
    work: join(dir, "work"),
    home: join(dir, "home"),
    out: join(dir, "out"),
    tmp: join(dir, "tmp"),
    jobFile: join(dir, "job.yaml"),
    secretsFile: join(dir, "secrets.yaml"),
  };
  for (const d of [dirs.home, dirs.out, dirs.tmp]) mkdirSync(d);
  return dirs;
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (text.endsWith("\n")) lines.pop();
  return lines;
}

/** One run of one backend. */
export async function runOnce(backend: Backend, format: "text" | "json", spec: RunSpec): Promise<Outcome> {
  const dirs = makeDirs();
  let hang: string | undefined;
  try {
    if (spec.job !== undefined) writeFileSync(dirs.jobFile, substitute(spec.job, dirs));
    if (spec.secrets !== undefined) writeFileSync(dirs.secretsFile, substitute(spec.secrets, dirs));
    spec.prepare?.(dirs);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
      HOME: dirs.home,
      TMPDIR: dirs.tmp,
      SCENARIO_OUT: dirs.out,
      GIT_CONFIG_NOSYSTEM: "1",
      SOLSTICE_WORKDIR: dirs.work,
      SOLSTICE_FETCH_RETRIES: "1",
      SOLSTICE_LOG_FORMAT: format,
    };
    if (spec.job !== undefined) env.SOLSTICE_JOB_FILE = dirs.jobFile;
    if (spec.secrets !== undefined) env.SOLSTICE_SECRETS_FILE = dirs.secretsFile;
    for (const [k, v] of Object.entries(spec.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = substitute(v, dirs);
    }
    const args = (spec.args ?? []).map((a) => substitute(a, dirs));
    const result = await new Promise<{ status: number | null; signal: string | null; out: Buffer; err: Buffer; firstOut: number; exitAt: number; startAt: number; stopAt: number }>(
      (resolve, reject) => {
        const argv = [...(spec.wrap?.(dirs) ?? []), ...backend.argv, ...args];
        const startAt = performance.now();
        const child = spawn(argv[0]!, argv.slice(1), { env, cwd: dirs.dir, stdio: ["pipe", "pipe", "pipe"] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        let firstOut = -1;
        let exitAt = -1;
        let stopAt = -1;
        const timer = setTimeout(() => {
          const tree = processTree(child.pid!);
          hang = `${backend.name} (${format} log) still ran after ${(spec.hangMs ?? HANG_MS) / 1000} s; its processes then:\n${tree.map((p) => p.line).join("\n")}\nits stderr so far:\n${Buffer.concat(err).toString("latin1").slice(-4000)}`;
          child.kill("SIGTERM");
          // Then everything it started, which may hold its stdout and stderr open.
          setTimeout(() => {
            for (const p of tree) killQuietly(p.pid);
            child.stdout.destroy();
            child.stderr.destroy();
          }, 5_000).unref();
        }, spec.hangMs ?? HANG_MS);
        const stopper = spec.stop ? sendStopSignals(spec.stop, child, dirs, () => Buffer.concat(err).toString("latin1"), (at) => (stopAt = at)) : undefined;
        child.stdout.on("data", (b: Buffer) => {
          if (firstOut < 0) firstOut = performance.now();
          out.push(b);
          spec.onStdout?.(b.toString("latin1"), dirs);
        });
        child.stderr.on("data", (b: Buffer) => {
          err.push(b);
          spec.onStderr?.(b.toString("latin1"), dirs);
        });
        child.stdin.on("error", () => {});
        child.stdin.end(spec.stdin ?? "");
        child.on("error", reject);
        child.on("exit", () => {
          exitAt = performance.now();
        });
        child.on("close", (status, signal) => {
          clearTimeout(timer);
          stopper?.cancel();
          resolve({ status, signal, out: Buffer.concat(out), err: Buffer.concat(err), firstOut, exitAt, startAt, stopAt });
        });
      },
    );
    if (hang !== undefined) throw new Error(hang);
    const inspected = spec.inspect?.(dirs);
    const leftovers = readdirSync(dirs.tmp);
    expect(leftovers, `${backend.name} left files in TMPDIR`).toEqual([]);
    const norm = (b: Buffer) => b.toString("latin1").replaceAll(dirs.dir, "{{RUN}}");
    const stderrLines = splitLines(norm(result.err));
    const events: LogEvent[] = [];
    const jobLines: string[] = [];
    for (const line of stderrLines) {
      const event = format === "json" ? parseJsonEvent(line) : parseTextEvent(line);
      if (event) events.push(event);
      else jobLines.push(line);
    }
    const rawErr = norm(result.err);
    return {
      backend: backend.name,
      format,
      status: result.status,
      signal: result.signal,
      stdout: norm(result.out),
      stderr: jobLines.map((l) => `${l}\n`).join("") + (rawErr.endsWith("\n") || rawErr === "" ? "" : "<no newline at end>"),
      events,
      stderrLines,
      inspected,
      firstStdoutBeforeExitMs: result.firstOut < 0 ? -1 : result.exitAt - result.firstOut,
      elapsedMs: result.exitAt - result.startAt,
      stopMs: result.stopAt < 0 ? -1 : result.exitAt - result.stopAt,
    };
  } finally {
    rmSync(dirs.dir, { recursive: true, force: true });
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // gone already
  }
}

/** `ps` of a process and all its descendants (pid, parent, group, state, age, command). */
function processTree(root: number): { pid: number; line: string }[] {
  const ps = spawnSync("ps", ["-e", "-o", "pid=,ppid=,pgid=,stat=,etime=,args="], { encoding: "latin1" });
  const rows = (ps.stdout ?? "").split("\n").filter((l) => l.trim() !== "").map((line) => ({ line, fields: line.trim().split(/\s+/) }));
  const tree = new Set([String(root)]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) {
      if (!tree.has(r.fields[0]!) && tree.has(r.fields[1]!)) {
        tree.add(r.fields[0]!);
        grew = true;
      }
    }
  }
  // The job's processes are in groups of their own, which may have left the tree.
  const groups = new Set(rows.filter((r) => tree.has(r.fields[0]!) && tree.has(r.fields[2]!)).map((r) => r.fields[2]!));
  return rows
    .filter((r) => tree.has(r.fields[0]!) || groups.has(r.fields[2]!))
    .map((r) => ({ pid: Number(r.fields[0]), line: r.line.slice(0, 160) }));
}

/** Watch for spec.stop's trigger and send its signals; `cancel` when the runner has exited. */
function sendStopSignals(stop: StopSpec, child: ChildProcess, dirs: RunDirs, stderrSoFar: () => string, sentAt: (ms: number) => void) {
  const timers: NodeJS.Timeout[] = [];
  const [first, ...others] = stop.signals;
  let sent = 0;
  const poll = setInterval(() => {
    if (sent === 0) {
      const ready = stop.afterStderr === undefined ? existsSync(join(dirs.out, "ready")) : stderrSoFar().includes(stop.afterStderr);
      if (!ready) return;
      sentAt(performance.now());
      child.kill(first!);
      sent = 1;
    }
    if (stop.othersAfter !== undefined && !existsSync(join(dirs.out, stop.othersAfter))) return;
    clearInterval(poll);
    others.forEach((signal, i) => timers.push(setTimeout(() => child.kill(signal), (i + 1) * (stop.gapMs ?? 300))));
  }, 20);
  return {
    cancel() {
      clearInterval(poll);
      for (const t of timers) clearTimeout(t);
    },
  };
}

export interface ScenarioOptions {
  /**
   * Also run on every other installed shell: for scenario(), a test of its
   * own for each; for runScenario() outside one, in the same test. The whole
   * matrix (FULL_MATRIX) turns this on for every scenario.
   */
  allShells?: boolean;
}

/** The shell of the scenario() test running now, and the compact build under it (allShells scenarios). */
const scenarioShell = new AsyncLocalStorage<{ shell: Backend; compact: Backend | undefined }>();

/** A shell's backend running the compact build instead. */
function compactOf(shell: Backend): Backend {
  return { name: `${shell.name}+compact`, argv: [...shell.argv.slice(0, -1), COMPACT_SCRIPT] };
}

/**
 * One test per shell the scenario runs on (dash, and with allShells or the
 * whole matrix every other shell that can run the runner), titled
 * `TITLE [shell=NAME]`; runScenario() inside runs Node and that shell.
 */
export function scenario(title: string, body: () => Promise<void>, options: ScenarioOptions = {}): void {
  const shells = options.allShells || FULL_MATRIX ? [DASH, ...otherShells()] : [DASH];
  const compact = options.allShells === true;
  for (const shell of shells) it(`${title} [shell=${shell.name}]`, () => scenarioShell.run({ shell, compact: compact ? compactOf(shell) : undefined }, body));
}

/** A scenario's agreed outcome: what every backend gave, checked to be the same. */
export interface Scenario {
  status: number | null;
  stdout: string;
  stderr: string;
  events: LogEvent[];
  node: Outcome;
  /** The script's run (text log) under the test's shell, or the first of the backends asked for. */
  shell: Outcome;
  runs: Outcome[];
}

function summary(o: Outcome) {
  return { status: o.status, stdout: o.stdout, stderr: o.stderr, events: o.events };
}

/** What runScenario runs: Node's text run first, then the script's runs. */
function plan(options: ScenarioOptions & { backends?: Backend[] }): [Backend, "text" | "json"][] {
  if (options.backends) return [NODE, ...options.backends].map((b) => [b, "text"]);
  const store = scenarioShell.getStore();
  const shell = store?.shell;
  if (shell && options.allShells !== undefined) throw new Error("inside scenario(), say allShells to scenario() (it makes one test per shell), not to runScenario()");
  const plain: [Backend, "text" | "json"][] = [
    [NODE, "text"],
    [shell ?? DASH, "text"],
  ];
  // The JSON log format is the same code on every shell: dash proves it.
  if ((shell ?? DASH) === DASH) plain.push([NODE, "json"], [DASH, "json"]);
  if (store?.compact) plain.push([store.compact, "text"]);
  if (!shell && (options.allShells || FULL_MATRIX)) for (const b of otherShells()) plain.push([b, "text"]);
  return plain;
}

/**
 * Runs `spec` on Node and the script, at once (the compact build after
 * them), and checks they agree:
 * same exit status, same job stdout and stderr, same log events. Inside
 * scenario(): Node and the test's shell (dash: in both log formats).
 * Outside: Node and dash in both formats, and every other shell when asked
 * (in the same test). `backends`: Node and these instead (text format),
 * e.g. a per-target script under its stand-in shell.
 */
export async function runScenario(spec: RunSpec, options: ScenarioOptions & { backends?: Backend[] } = {}): Promise<Scenario> {
  // The compact build runs after the others, not beside them: two cores, and
  // the stopping scenarios time what they run.
  const compact = scenarioShell.getStore()?.compact;
  const planned = plan(options);
  const together = planned.filter(([b]) => b !== compact);
  const runs = await Promise.all(together.map(([b, f]) => runOnce(b, f, spec)));
  for (const [b, f] of planned.filter(([b]) => b === compact)) runs.push(await runOnce(b, f, spec));
  const node = runs[0]!;
  for (const run of runs) {
    expect(run.signal, `${run.backend} (${run.format}) died of a signal`).toBeNull();
  }
  for (const run of runs.slice(1)) {
    expect(summary(run), `${run.backend} (${run.format} log) differs from node (text log)`).toEqual(summary(node));
  }
  return { status: node.status, stdout: node.stdout, stderr: node.stderr, events: node.events, node, shell: runs[1]!, runs };
}

/** The messages of the events, in order. */
export function messages(s: { events: LogEvent[] }): string[] {
  return s.events.map((e) => e.message);
}

/** The one event with this message (fails when there is none). */
export function eventOf(s: { events: LogEvent[] }, message: string): LogEvent {
  const found = s.events.find((e) => e.message === message);
  expect(found, `no "${message}" event in ${JSON.stringify(messages(s))}`).toBeDefined();
  return found!;
}

/** The last event, which must be "job finished" with this status and exit code. */
export function expectFinished(s: Scenario, status: string, exitCode: number): void {
  expect(s.status).toBe(exitCode);
  const last = s.events[s.events.length - 1];
  expect(last, "the last event").toEqual({
    level: "INFO",
    message: "job finished",
    fields: { status, exit_code: String(exitCode), duration_ms: "<ms>" },
  });
}

/** The first ERROR event's message (fails when there is none). */
export function errorMessage(s: Scenario): string {
  const found = s.events.find((e) => e.level === "ERROR");
  expect(found, `no ERROR event in ${JSON.stringify(messages(s))}`).toBeDefined();
  return found!.message;
}

/** A repository (makeRepo) removed when the test file ends. */
export function repo(spec: RepoSpec): MadeRepo {
  const r = makeRepo(spec);
  made.push(r);
  return r;
}

/** A repository whose one commit holds .solstice/job.sh (executable unless said). */
export function jobRepo(script: string, opts: { executable?: boolean; files?: RepoSpec["files"] } = {}): MadeRepo {
  return repo({ files: { ".solstice/job.sh": { content: script, executable: opts.executable ?? true }, ...opts.files } });
}

/** A job file for a repository and commit, with more YAML after. */
export function jobFile(url: string, sha: string, more = ""): string {
  return `repo_url: ${url}\ncommit_sha: ${sha}\n${more}`;
}

/** A temp dir removed when the test file ends. */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `solstice-${prefix}-`));
  temps.push(d);
  return d;
}

/** A repository in SHA-256 object format (makeRepo makes SHA-1 ones). */
export function sha256Repo(): { url: string; sha: string } {
  const dir = join(tempDir("sha256"), "repo");
  gitSync(["init", "-q", "--object-format=sha256", "-b", "main", dir]);
  mkdirSync(join(dir, ".solstice"));
  writeFileSync(join(dir, ".solstice/job.sh"), '#!/bin/sh\necho "sha256 job at $SOLSTICE_COMMIT_SHA"\n', { mode: 0o755 });
  gitSync(["add", "."], { cwd: dir });
  gitSync(["commit", "-q", "-m", "one"], { cwd: dir, env: gitEnv() });
  const sha = gitSync(["rev-parse", "HEAD"], { cwd: dir });
  expect(sha).toMatch(/^[0-9a-f]{64}$/);
  return { url: pathToFileURL(dir).href, sha };
}
