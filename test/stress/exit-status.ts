// The exit-status stress run (issue 9, item 5): the runner, run many times
// on a shell while the machine is kept busy, must exit with the job's own
// status every time. Jobs end about a second after they start, when a timer
// of the runner's (the sh build's stop ticker, once every second) is most
// likely to strike as the job's `wait` ends. `make stress` runs 500 of each
// shell; test/runner/exit-status-stress.test.ts a short round.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeRepo } from "../support/repo";

/** Each job and the status the runner must exit with. */
const JOBS: [string, number][] = [
  ["#!/bin/sh\nsleep 0.$(( $$ % 10 ))\nsleep 0.5\nexit 42\n", 42],
  ["#!/bin/sh\nsleep 1\nexit 3\n", 3],
  ["#!/bin/sh\nsleep 0.$(( $$ % 10 ))\nsleep 0.5\nkill -TERM $$\n", 143],
  ["#!/bin/sh\nexit 0\n", 0],
];

export interface StressResult {
  shell: string;
  runs: number;
  wrong: string[];
}

function runOnce(script: string, shell: string, url: string, sha: string, dir: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(shell, [script], {
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: dir,
        TMPDIR: dir,
        GIT_CONFIG_NOSYSTEM: "1",
        SOLSTICE_REPO_URL: url,
        SOLSTICE_COMMIT_SHA: sha,
        SOLSTICE_WORKDIR: join(dir, "work"),
        SOLSTICE_FETCH_RETRIES: "1",
        SOLSTICE_LOG_LEVEL: "error",
      },
      stdio: ["ignore", "ignore", "ignore"],
    });
    child.on("close", (code) => resolve(code));
  });
}

/** Busy loops on every core but one, for as long as the run lasts. */
function load(cores: number): ChildProcess[] {
  const busy: ChildProcess[] = [];
  for (let i = 0; i < cores; i++) busy.push(spawn("sh", ["-c", "while :; do :; done"], { stdio: "ignore" }));
  return busy;
}

/**
 * `script`: the generated runner, named by the caller (make stress runs
 * this file bundled elsewhere, where its own location says nothing).
 */
export async function stressExitStatus(script: string, shells: string[], runsPerShell: number, concurrency: number, busyCores: number): Promise<StressResult[]> {
  const repos = JOBS.map(([script]) => makeRepo({ files: { ".solstice/job.sh": { content: script, executable: true } } }));
  const root = mkdtempSync(join(tmpdir(), "solstice-stress-"));
  const busy = load(busyCores);
  try {
    const results: StressResult[] = [];
    for (const shell of shells) {
      const result: StressResult = { shell: shell, runs: 0, wrong: [] };
      let next = 0;
      const worker = async () => {
        while (next < runsPerShell) {
          const i = next++;
          const which = i % JOBS.length;
          const dir = mkdtempSync(join(root, `${shell}-${i}-`));
          const status = await runOnce(script, shell, repos[which]!.fileUrl, repos[which]!.head, dir);
          rmSync(dir, { recursive: true, force: true });
          result.runs++;
          if (status !== JOBS[which]![1]) result.wrong.push(`run ${i}: job ${which} exited ${JOBS[which]![1]}, the runner ${status}`);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      results.push(result);
    }
    return results;
  } finally {
    for (const b of busy) b.kill("SIGKILL");
    for (const r of repos) r.cleanup();
    rmSync(root, { recursive: true, force: true });
  }
}
