// Stopping a job (contract section 7; docs/contract.md, "Stopping"): the
// timeout, the runner's stop signals, and the end of a job whose
// background processes outlive it. Every scenario runs on Node and on every
// shell, with real jobs: sleepers, traps that ignore TERM, daemons that
// hold the output, grandchildren. Each job notes the pids of everything it
// starts in RUN/out/pids; after the runner exits none may be left, and
// stopping must not take longer than the grace period and SLACK_MS.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRunning } from "../support/processes";
import { DASH, type Outcome, type RunDirs, eventOf, expectFinished, jobFile, jobRepo, messages, runOnce, runScenario, scenario, tempDir } from "./harness";

/** How long a job's background sleepers would live if nobody stopped them. */
const FOREVER = 300;
const GRACE = 1;
/** The runner's drain after the job's main process ends (src/runner/job.ts). */
const DRAIN = 2;
/**
 * Slack on every time bound. The bounds tell "stopped" from "not stopped"
 * (a sleeper that is not stopped lives FOREVER, and the harness calls a run
 * past 60 s hung); they do not time the runner, which bench/ does. CI's
 * two loaded cores have taken 5 s to start a job's shell.
 */
const SLACK_MS = 8000;

/**
 * The job's processes still running after the runner exited (they are
 * killed then, so a failure leaves nothing behind). Called from inspect,
 * once the runner has exited.
 */
function survivors(dirs: RunDirs): number[] {
  return survivorsIn(join(dirs.out, "pids"));
}

/** The same for the pids listed in `file`. */
function survivorsIn(file: string): number[] {
  if (!existsSync(file)) return [-1]; // the job never got as far as noting them
  const pids = readFileSync(file, "latin1").split(/\s+/).filter(Boolean).map(Number);
  const alive = pids.filter(isRunning);
  for (const pid of alive) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
  return alive;
}

const inspect = (dirs: RunDirs) => ({ survivors: survivors(dirs) });

function expectNoSurvivors(runs: Outcome[]): void {
  for (const run of runs) expect((run.inspected as { survivors: number[] }).survivors, `${run.backend}: job processes left`).toEqual([]);
}

/** `jobMs` (from "step started") or `stopMs` (from the first stop signal) to the runner's exit. */
function expectTookAtMost(runs: Outcome[], what: "jobMs" | "stopMs", seconds: number): void {
  if (process.env.DEBUG_STOP) console.log(runs.map((r) => `${r.backend}/${r.format}: ${what}=${Math.round(r[what])}`).join("  "));
  for (const run of runs) {
    expect(run[what], `${run.backend}: ${what}`).toBeGreaterThanOrEqual(0);
    expect(run[what], `${run.backend}: ${what}`).toBeLessThan(seconds * 1000 + SLACK_MS);
  }
}

const env = { SOLSTICE_KILL_GRACE: String(GRACE) };

/** A job.sh: notes its own pid, then runs `body`. `note` notes another pid. */
function job(body: string): string {
  return `#!/bin/sh\nnote() { echo "$1" >>"$SCENARIO_OUT/pids"; }\nnote $$\n${body}\n`;
}

/**
 * The step's duration_ms as the runner measured it: a lower bound on the
 * runner's own waiting. The harness's jobMs starts when the "step started"
 * line reaches it, which a busy test process (another test's git commands,
 * run synchronously) can delay by a second.
 */
function stepDurationMs(run: Outcome): number {
  const line = run.stderrLines.find((l) => l.includes("step finished"));
  const ms = line?.match(/duration_ms"?[=:]"?(\d+)/)?.[1];
  expect(ms, `${run.backend}: no step finished line with duration_ms`).toBeDefined();
  return Number(ms);
}

/** The pid of what just went to the background, noted. */
const NOTE_BG = 'note "$!"';

describe.concurrent("the job's timeout", () => {
  scenario(
    "a job past its timeout gets TERM: exit 124, status timed_out",
    async () => {
      const r = jobRepo(job(`echo started\nsleep ${FOREVER} &\n${NOTE_BG}\nwait\necho never`));
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head, "timeout: 1\n"), env, inspect });
      expectFinished(s, "timed_out", 124);
      expect(s.stdout).toBe("started\n");
      expect(eventOf(s, "step finished").fields.exit_code).toBe("143");
      const error = s.events.find((e) => e.level === "ERROR");
      expect(error?.message).toMatch(/timeout/);
      expect(error?.fields).toEqual({ timeout_s: "1" });
      expectNoSurvivors(s.runs);
      expectTookAtMost(s.runs, "jobMs", 1 + GRACE);
    },
    { allShells: true },
  );

  scenario(
    "a job that ignores TERM is KILLed when the grace period is over",
    async () => {
      const r = jobRepo(
        job(
          `trap '' TERM\necho stubborn\nsh -c 'note() { echo "$1" >>"$SCENARIO_OUT/pids"; }; note $$; trap "" TERM; while :; do sleep 1; done' &\n${NOTE_BG}\nwhile :; do sleep 1; done`,
        ),
      );
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head, "timeout: 1\n"), env, inspect });
      expectFinished(s, "timed_out", 124);
      expect(s.stdout).toBe("stubborn\n");
      expect(eventOf(s, "step finished").fields.exit_code).toBe("137");
      expectNoSurvivors(s.runs);
      for (const run of s.runs) expect(stepDurationMs(run), `${run.backend} waited the grace period`).toBeGreaterThanOrEqual((1 + GRACE) * 1000 - 100);
      expectTookAtMost(s.runs, "jobMs", 1 + GRACE);
    },
    { allShells: true },
  );

  scenario("a job that ends within its timeout is not stopped", async () => {
    const r = jobRepo(job("echo quick\nexit 3"));
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head, "timeout: 30\n"), env, inspect });
    expectFinished(s, "failure", 3);
    expect(s.stdout).toBe("quick\n");
    expectTookAtMost(s.runs, "jobMs", 0);
  });
});

describe.concurrent("stop signals to the runner", () => {
  for (const [signal, number] of [
    ["SIGTERM", 15],
    ["SIGINT", 2],
    ["SIGHUP", 1],
  ] as const) {
    scenario(
      `${signal} stops the job's whole group and ends the run: exit 128+${number}, status cancelled`,
      async () => {
        const r = jobRepo(
          job(`echo started\nsleep ${FOREVER} &\n${NOTE_BG}\nsh -c 'sleep ${FOREVER} & echo $! >>"$SCENARIO_OUT/pids"; wait' &\n${NOTE_BG}\n: >"$SCENARIO_OUT/ready"\nwait`),
        );
        const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env, inspect, stop: { signals: [signal] } });
        expectFinished(s, "cancelled", 128 + number);
        expect(s.stdout).toBe("started\n");
        expect(eventOf(s, "step finished").fields.exit_code).toBe("143");
        const warning = eventOf(s, "the runner got a stop signal; the job was stopped");
        expect(warning).toEqual({ level: "WARN", message: warning.message, fields: { signal: signal.slice(3) } });
        expectNoSurvivors(s.runs);
        expectTookAtMost(s.runs, "stopMs", GRACE);
      },
      { allShells: true },
    );
  }

  scenario(
    "a job that ignores TERM is KILLed after the grace period; a second signal meanwhile loses nothing",
    async () => {
      // It notes the runner's TERM (and carries on); the second and third signals come after that.
      // The loop's stderr is /dev/null: a sleep killed by the TERM makes the shell say "Terminated", or not, by timing.
      const r = jobRepo(job(`trap ': >"$SCENARIO_OUT/got-term"' TERM\ntrap '' INT\necho stubborn\n: >"$SCENARIO_OUT/ready"\nwhile :; do sleep 1; done 2>/dev/null`));
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env, inspect, stop: { signals: ["SIGTERM", "SIGINT", "SIGTERM"], gapMs: 250, othersAfter: "got-term" } });
      expectFinished(s, "cancelled", 143);
      expect(eventOf(s, "the runner got a stop signal; the job was stopped").fields).toEqual({ signal: "TERM" });
      expect(eventOf(s, "step finished").fields.exit_code).toBe("137");
      expect(messages(s).filter((m) => m === "job finished")).toHaveLength(1);
      expectNoSurvivors(s.runs);
      for (const run of s.runs) expect(run.stopMs, `${run.backend} waited the grace period`).toBeGreaterThanOrEqual(GRACE * 1000 - 100);
      expectTookAtMost(s.runs, "stopMs", GRACE);
    },
    { allShells: true },
  );
});

describe("a stop signal during the fetch", () => {
  // A git server that accepts connections and never answers: git waits.
  let server: Server;
  let port = 0;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });

  scenario(
    "stops git at once and ends the run: exit 143, status cancelled, no retry",
    async () => {
      const url = `git://127.0.0.1:${port}/silent.git`;
      const s = await runScenario({
        job: jobFile(url, "0123456789abcdef0123456789abcdef01234567"),
        env: { ...env, SOLSTICE_FETCH_RETRIES: "3" },
        stop: { afterStderr: "fetching repository", signals: ["SIGTERM"] },
      });
      expectFinished(s, "cancelled", 143);
      expect(messages(s)).not.toContain("fetch failed, retrying");
      expect(messages(s)).not.toContain("step started");
      expectTookAtMost(s.runs, "stopMs", GRACE);
    },
    { allShells: true },
  );
});

describe.concurrent("after the job's main process ends", () => {
  scenario(
    "a background process holding the output is stopped after the drain, and the job's status stands",
    async () => {
      const r = jobRepo(job(`echo main\n(sleep 1; echo late; sleep ${FOREVER}) &\n${NOTE_BG}\nsleep ${FOREVER} &\n${NOTE_BG}\nexit 0`));
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env, inspect });
      expectFinished(s, "success", 0);
      // What it wrote within the drain still counts.
      expect(s.stdout).toBe("main\nlate\n");
      expect(eventOf(s, "step finished").fields.exit_code).toBe("0");
      expectNoSurvivors(s.runs);
      expectTookAtMost(s.runs, "jobMs", DRAIN + GRACE);
    },
    { allShells: true },
  );

  scenario(
    "a background process that let go of the output is stopped at once",
    async () => {
      const r = jobRepo(job(`sleep ${FOREVER} >/dev/null 2>&1 &\n${NOTE_BG}\necho done\nexit 5`));
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env, inspect });
      expectFinished(s, "failure", 5);
      expect(s.stdout).toBe("done\n");
      expectNoSurvivors(s.runs);
      expectTookAtMost(s.runs, "jobMs", GRACE);
    },
    { allShells: true },
  );

  scenario(
    "grandchildren of a double fork that stayed in the group are stopped too",
    async () => {
      const r = jobRepo(job(`(sh -c 'echo $$ >>"$SCENARIO_OUT/pids"; exec sleep ${FOREVER}' &) \nsleep 0.2\necho forked`));
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env, inspect });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("forked\n");
      expectNoSurvivors(s.runs);
      expectTookAtMost(s.runs, "jobMs", DRAIN + GRACE);
    },
    { allShells: true },
  );
});

describe.concurrent("processes that left the job's group", () => {
  scenario(
    "a daemon that left the group holding the output neither keeps the runner alive nor survives it (Linux: tracked by its environment)",
    async () => {
      const r = jobRepo(job(`echo main\nsetsid sh -c 'echo "$$" >>"$SCENARIO_OUT/pids"; echo daemon; exec sleep ${FOREVER}' &\nsleep 0.3\nexit 0`));
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env, inspect });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("main\ndaemon\n");
      expectNoSurvivors(s.runs);
      expectTookAtMost(s.runs, "jobMs", DRAIN + GRACE);
    },
    { allShells: true },
  );

  scenario(
    "one that also dropped its environment cannot be found, and still cannot keep the runner alive",
    async () => {
      // env -i: no tracking entry; nothing tells it from any other process, so it is left running (and killed by the test).
      const r = jobRepo(job(`echo main\nsetsid env -i sh -c 'echo "$$" >"$0/escaped"; echo daemon; exec sleep ${FOREVER}' "$SCENARIO_OUT" &\nsleep 0.3\nexit 0`));
      const s = await runScenario({
        job: jobFile(r.fileUrl, r.head),
        env,
        inspect: (dirs) => ({ survivors: survivors(dirs), escaped: survivorsIn(join(dirs.out, "escaped")) }),
      });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("main\ndaemon\n");
      expectNoSurvivors(s.runs);
      // The drain, the grace period, and a second after the KILL before the runner stops reading.
      expectTookAtMost(s.runs, "jobMs", DRAIN + GRACE + 1);
    },
    { allShells: true },
  );

  scenario(
    "one that let go of the output is stopped when the job ends",
    async () => {
      const r = jobRepo(job(`setsid sh -c 'echo "$$" >>"$SCENARIO_OUT/pids"; exec sleep ${FOREVER}' >/dev/null 2>&1 &\nsleep 0.3\necho done`));
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env, inspect });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("done\n");
      expectNoSurvivors(s.runs);
      expectTookAtMost(s.runs, "jobMs", GRACE);
    },
    { allShells: true },
  );

  scenario(
    "a job file that sets SOLSTICE_TRACKING_ID cannot hide a daemon from the clean-up (issue 10)",
    async () => {
      const r = jobRepo(job(`setsid sh -c 'echo "$$" >>"$SCENARIO_OUT/pids"; exec sleep ${FOREVER}' >/dev/null 2>&1 &\nsleep 0.3\necho done`));
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head, "env:\n  SOLSTICE_TRACKING_ID: mine\n"), env, inspect });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("done\n");
      expect(messages(s)).toContain("SOLSTICE_TRACKING_ID is set by the runner; the job file's value is not used");
      expectNoSurvivors(s.runs);
      expectTookAtMost(s.runs, "jobMs", GRACE);
    },
    { allShells: true },
  );
});

describe("a guest where the job cannot have a process group of its own", () => {
  // PATH with every program of /usr/bin and /bin but setsid: dash has no
  // job control without a terminal, so nothing can make the job a group.
  function pathWithoutSetsid(): string {
    const dir = tempDir("no-setsid");
    for (const from of ["/usr/bin", "/bin"]) {
      for (const name of readdirSync(from)) {
        if (name === "setsid" || existsSync(join(dir, name))) continue;
        symlinkSync(join(from, name), join(dir, name));
      }
    }
    return dir;
  }

  it("the sh build says so, and the timeout still stops the job's main process [shell=dash]", async () => {
    const r = jobRepo(job("echo started\nwhile :; do sleep 1; done"));
    const run = await runOnce(DASH, "text", { job: jobFile(r.fileUrl, r.head, "timeout: 1\n"), env: { ...env, PATH: pathWithoutSetsid() } });
    expect(run.status).toBe(124);
    expect(run.stdout).toBe("started\n");
    const warning = run.events.find((e) => e.level === "WARN");
    expect(warning?.message).toMatch(/^the job runs without a process group of its own: .*install setsid/);
    expect(run.events[run.events.length - 1]?.fields).toMatchObject({ status: "timed_out", exit_code: "124" });
  });
});

describe("a loaded machine", () => {
  // An awk that starts the masker late, as a machine at load 50 does: the
  // masker (it alone has __mask_file in its environment) sleeps past the
  // drain, the grace period and the second after it. Nothing but the
  // maskers holds the output then, so the runner waits for them: giving
  // up would lose the job's whole output. (The sleeper lets go of the
  // fifos: a process that holds them is one to give up on.)
  function slowMaskerPath(): string {
    const dir = tempDir("slow-awk");
    const awk = execFileSync("sh", ["-c", "command -v awk"], { encoding: "utf8" }).trim();
    writeFileSync(join(dir, "awk"), `#!/bin/sh\n[ -z "\${__mask_file-}" ] || sleep ${DRAIN + GRACE + 2} </dev/null 3>&-\nexec ${awk} "$@"\n`, { mode: 0o755 });
    return `${dir}:${process.env.PATH ?? "/usr/bin:/bin"}`;
  }

  // A mkfifo that takes its time: the stop signal comes after the sh build
  // has started the maskers' set-up and before it starts the job, which
  // then never starts; the maskers, already waiting in their opens of the
  // fifos, must still come to an end.
  function slowMkfifoPath(): string {
    const dir = tempDir("slow-mkfifo");
    const mkfifo = execFileSync("sh", ["-c", "command -v mkfifo"], { encoding: "utf8" }).trim();
    writeFileSync(
      join(dir, "mkfifo"),
      `#!/bin/sh
sleep 1
exec ${mkfifo} "$@"
`,
      { mode: 0o755 },
    );
    return `${dir}:${process.env.PATH ?? "/usr/bin:/bin"}`;
  }

  scenario(
    "a stop signal as the job is about to start ends the run within the grace period",
    async () => {
      const r = jobRepo(job(`sleep ${FOREVER}`));
      const s = await runScenario({
        job: jobFile(r.fileUrl, r.head),
        env: { ...env, PATH: slowMkfifoPath() },
        inspect,
        stop: { signals: ["SIGTERM"], afterStderr: "step started" },
      });
      expectFinished(s, "cancelled", 143);
      expect(eventOf(s, "step finished").fields.exit_code).toBe("143");
      for (const run of s.runs)
        expect(
          (run.inspected as { survivors: number[] }).survivors.filter((pid) => pid !== -1),
          `${run.backend}: job processes left`,
        ).toEqual([]);
      expectTookAtMost(s.runs, "stopMs", 1 + GRACE);
    },
    { allShells: true },
  );

  scenario(
    "a masker slower than the drain and the grace period loses nothing",
    async () => {
      const r = jobRepo(job("echo one\necho two >&2\necho three"));
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env: { ...env, PATH: slowMaskerPath() }, inspect });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("one\nthree\n");
      for (const run of s.runs) expect(run.stderr, `${run.backend}: the job's stderr`).toContain("two\n");
      expectNoSurvivors(s.runs);
    },
    { allShells: true },
  );
});
