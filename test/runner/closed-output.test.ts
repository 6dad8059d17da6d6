// Issue 9, item 6: output the runner cannot deliver never ends it early. With
// its stdout and stderr closed (>&-), or both into a pipe whose reader is
// gone (EPIPE, and SIGPIPE for the sh build), the runner still runs the job,
// stops what is left of its process group, and exits with the job's status;
// --version and --help whose output is lost exit 74 with a line saying so.
// Node and dash always; every shell under CI=true or SOLSTICE_TEST_ALL_SHELLS.
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Backend, DASH, FULL_MATRIX, NODE, jobFile, jobRepo, otherShells, tempDir } from "./harness";

const EVERY_SHELL = FULL_MATRIX || process.env.CI === "true";
const BACKENDS: Backend[] = [NODE, DASH, ...(EVERY_SHELL ? otherShells() : [])];

/** Processes whose command line holds `marker`. */
function running(marker: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "latin1").replaceAll("\0", " ");
      if (cmdline.includes(marker)) found.push(`${pid}: ${cmdline}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/**
 * Runs `backend` through sh with `redirect` applied to it (e.g. ">&- 2>&-");
 * the runner's status is written to a file, since the wrapper's own output
 * may be the broken one.
 */
function runWith(backend: Backend, redirect: string, pipeTo: string, job: string, args: string[] = []): { status: number; dir: string } {
  const dir = tempDir("closed-output");
  const status = join(dir, "status");
  const work = join(dir, "work");
  const home = join(dir, "home");
  spawnSync("mkdir", [home]);
  const jobPath = join(dir, "job.yaml");
  spawnSync("sh", ["-c", 'printf "%s" "$1" >"$2"', "sh", job, jobPath]);
  const script = `{ "$@" ${redirect}; echo $? >"$STATUS"; }${pipeTo}`;
  const result = spawnSync("sh", ["-c", script, "sh", ...backend.argv, ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: home,
      TMPDIR: dir,
      STATUS: status,
      SOLSTICE_WORKDIR: work,
      SOLSTICE_JOB_FILE: jobPath,
      SOLSTICE_FETCH_RETRIES: "1",
      GIT_CONFIG_NOSYSTEM: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
  });
  expect(result.error).toBeUndefined();
  return { status: Number(readFileSync(status, "latin1").trim()), dir };
}

/**
 * Not built yet, and documented (docs/contract.md, Known differences): zsh
 * ends the script with status 1 when its output pipe has no reader, though
 * SIGPIPE is ignored.
 */
const KNOWN_GAPS: Record<string, string[]> = { zsh: ["stdout and stderr into a pipe whose reader is gone", "stderr alone into a pipe whose reader is gone"] };

describe.concurrent("closed or broken output", () => {
  for (const backend of BACKENDS) {
    for (const [how, redirect, pipeTo] of [
      ["stdout and stderr closed (>&- 2>&-)", ">&- 2>&-", ""],
      ["stdout and stderr into a pipe whose reader is gone", "2>&1", " | true"],
      ["stderr alone into a pipe whose reader is gone", "2>&1 >/dev/null", " | true"],
    ] as const) {
      const test = KNOWN_GAPS[backend.name]?.includes(how) ? it.skip : it;
      test(`${how}: the job runs, its group is stopped, its status is the runner's [${backend.name}]`, () => {
        const marker = `${3000 + Math.floor(Math.random() * 6000)}.5`;
        const r = jobRepo(`#!/bin/sh\necho out\necho err >&2\nsleep ${marker} >/dev/null 2>&1 &\necho done >"$SCENARIO_DONE"\nexit 3\n`);
        const done = join(tempDir("closed-output-done"), "done");
        const job = jobFile(r.fileUrl, r.head, `env:\n  SCENARIO_DONE: ${done}\n`);
        const run = runWith(backend, redirect, pipeTo, job);
        expect(run.status).toBe(3);
        expect(readFileSync(done, "latin1")).toBe("done\n");
        expect(running(`sleep ${marker}`)).toEqual([]);
      }, 60_000);
    }
    for (const flag of ["--version", "--help"]) {
      it(`${flag} to a full disk exits 74, saying so [${backend.name}]`, () => {
        const dir = tempDir("full");
        const result = spawnSync("sh", ["-c", '"$@" >/dev/full', "sh", ...backend.argv, flag], { env: { PATH: process.env.PATH, TMPDIR: dir }, encoding: "latin1" });
        expect(result.status).toBe(74);
        expect(result.stderr).toBe("solstice-runner: cannot write to standard output; free space, or fix the redirection\n");
      }, 30_000);
    }
  }
});
