// Node side of the std's process primitives: run a command and capture its
// output, or run the job with its output streamed line by line through the
// masker. The sh side is templates/prelude/process.sh.
import { spawn } from "node:child_process";
import { constants as osConstants } from "node:os";
import { bytesToPortable, toNodeString } from "./bytes";
import { isDirectory } from "./node-fs";
import { maskLine } from "./node-mask";
import { writeAll } from "./node-io";

/** What to run: argv[0] is looked up on PATH; cwd "" is the current directory. */
export interface CommandSpec {
  argv: string[];
  cwd: string;
  /** NAME=value entries added to (or replacing in) the runner's environment; a bare NAME removes it. */
  env: string[];
}

export interface CommandResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Exit status as sh reports it: the code, or 128+N for a death by signal N. */
function statusOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const number = signal ? osConstants.signals[signal] : undefined;
  return 128 + (number ?? 0);
}

function childEnv(spec: CommandSpec): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const entry of spec.env) {
    const eq = entry.indexOf("=");
    if (eq > 0) env[toNodeString(entry.slice(0, eq))] = toNodeString(entry.slice(eq + 1));
    else if (eq < 0) delete env[toNodeString(entry)];
  }
  return env;
}

/** Start the command; "not found" and "cannot enter cwd" come back as sh's 127 and 126. */
function start(spec: CommandSpec, onSpawnError: (status: number, message: string) => void) {
  if (spec.cwd !== "" && !isDirectory(spec.cwd)) {
    onSpawnError(126, `cannot enter directory ${spec.cwd}\n`);
    return undefined;
  }
  const [command, ...args] = spec.argv.map(toNodeString);
  const child = spawn(command!, args, {
    cwd: spec.cwd === "" ? undefined : toNodeString(spec.cwd),
    env: childEnv(spec),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.on("error", (error: NodeJS.ErrnoException) => {
    onSpawnError(error.code === "ENOENT" ? 127 : 126, `${spec.argv[0]}: ${error.code === "ENOENT" ? "not found" : error.message}\n`);
  });
  return child;
}

export async function runCapture(spec: CommandSpec): Promise<CommandResult> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let spawnFailure: CommandResult | undefined;
    const child = start(spec, (status, message) => {
      spawnFailure = { status, stdout: "", stderr: message };
      if (!child) resolve(spawnFailure);
    });
    if (!child) return;
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("close", (code, signal) => {
      resolve(spawnFailure ?? { status: statusOf(code, signal), stdout: bytesToPortable(Buffer.concat(out)), stderr: bytesToPortable(Buffer.concat(err)) });
    });
  });
}

/** Split a byte stream into lines; each complete line (and a final partial one) goes to `emit`. */
function lineSplitter(emit: (line: string) => void) {
  let partial = "";
  return {
    push(chunk: Buffer) {
      const text = partial + bytesToPortable(chunk);
      const lines = text.split("\n");
      partial = lines.pop()!;
      for (const line of lines) emit(line);
    },
    end() {
      // Like awk, a last line without a newline is still printed as a line.
      if (partial !== "") emit(partial);
      partial = "";
    },
  };
}

/**
 * Run the job: stdin from /dev/null, its stdout to ours and its stderr to
 * ours, a line at a time as it writes them, with every value of `masks`
 * replaced by *** (in the order given: longest first). Resolves to the exit
 * status (128+N for a death by signal N).
 */
export async function runStreaming(spec: CommandSpec, masks: string[]): Promise<number> {
  return new Promise((resolve) => {
    let spawnStatus = -1;
    const child = start(spec, (status, message) => {
      spawnStatus = status;
      writeAll(2, message);
      if (!child) resolve(status);
    });
    if (!child) return;
    const out = lineSplitter((line) => writeAll(1, maskLine(line, masks) + "\n"));
    const err = lineSplitter((line) => writeAll(2, maskLine(line, masks) + "\n"));
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("close", (code, signal) => {
      out.end();
      err.end();
      resolve(spawnStatus >= 0 ? spawnStatus : statusOf(code, signal));
    });
  });
}
