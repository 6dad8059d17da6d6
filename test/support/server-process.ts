// Lifetimes of fixture server processes.
//
// Servers run as separate processes, never inside the test's own process: a
// test (or the runner under test) that calls execFileSync("git", ...) blocks
// its event loop, and a server in that loop could never answer.
//
// No orphans: each server process leads its own process group and is tethered
// to a pipe from the test process; when that pipe closes (stop(), or the test
// process dying in any way, SIGKILL included) the server shuts down and reaps
// its children. stop() resolves once the whole group is gone.
//
// Quiet: server output goes to a bounded in-memory log, printed only for a
// failing test (see git-fixtures.ts) or put into a start-up error.
import { type ChildProcess, spawn } from "node:child_process";

const LOG_LIMIT = 256 * 1024;

export class ServerLog {
  #text = "";
  #dropped = 0;

  append(chunk: string | Buffer): void {
    this.#text += chunk.toString();
    if (this.#text.length > LOG_LIMIT) {
      const cut = this.#text.length - LOG_LIMIT / 2;
      this.#text = this.#text.slice(cut);
      this.#dropped += cut;
    }
  }

  /** A position to print from later (see `since`). */
  mark(): number {
    return this.#dropped + this.#text.length;
  }

  since(mark = 0): string {
    return this.#text.slice(Math.max(0, mark - this.#dropped));
  }
}

export interface ServerProcess {
  readonly label: string;
  readonly stopped: boolean;
  readonly child: ChildProcess;
  readonly log: ServerLog;
  /** Resolves on the process's exit; use to detect a server that died during start-up. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Servers of this test process, for printing their logs when a test fails.
 * Stopped ones stay until the next test starts (git-fixtures.ts prunes them),
 * so a server started and stopped inside a failing test still shows its log.
 */
export const knownServers = new Set<ServerProcess>();

export function spawnServer(label: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv): ServerProcess {
  const child = spawn(command, args, { env, detached: true, stdio: ["pipe", "pipe", "pipe"] });
  const log = new ServerLog();
  child.stderr!.on("data", (b: Buffer) => log.append(b));
  child.on("error", (e) => log.append(`[spawn error: ${e.message}]\n`));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  // A stdin write error only means the server is already gone.
  child.stdin!.on("error", () => {});
  let stopping: Promise<void> | undefined;
  const server: ServerProcess = {
    label,
    child,
    log,
    exited,
    get stopped() {
      return stopping !== undefined;
    },
    stop: () => {
      stopping ??= stopGroup(child, exited);
      return stopping;
    },
  };
  knownServers.add(server);
  return server;
}

/**
 * Lets a test process with a forgotten server still exit (the tether then
 * stops the server). Call once start-up is over: until then the pipes must
 * keep a plain `node script.mjs` alive while it awaits the server.
 */
export function unrefServer(s: ServerProcess): void {
  s.child.unref();
  for (const stream of [s.child.stdin, s.child.stdout, s.child.stderr]) {
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether `p` settles within `ms`; the timer is cleared, so it never holds a script open. */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((r) => {
    timer = setTimeout(() => r(false), ms);
  });
  try {
    return await Promise.race([p.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function stopGroup(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  // Graceful first: the leader reaps its own children, so nothing is left to init.
  child.stdin?.end();
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  const leaderGone = await within(exited, 5_000);
  // Anything left in the group (a connection still being served, a stuck
  // leader) gets a short grace, then SIGKILL.
  for (let waited = 0; leaderGone && groupAlive(pid) && waited < 500; waited += 20) await sleep(20);
  if (groupAlive(pid)) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
    await exited;
  }
}
