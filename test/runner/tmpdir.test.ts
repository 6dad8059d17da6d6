// The runner's own temporary files live where it can write (issue 10, item
// 1): an unusable TMPDIR (missing, a file, read-only, relative) falls back
// to /tmp, then /var/tmp, with a WARN naming both; nothing usable is exit
// 73 before anything else. The job's TMPDIR is the one it was given. The
// same on both builds, every shell.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { type RunDirs, errorMessage, expectFinished, jobFile, jobRepo, messages, runScenario, scenario } from "./harness";

const r = jobRepo('#!/bin/sh\necho "job TMPDIR=${TMPDIR-unset}"\n');

const AFTER = ["job context read", "fetching repository", "repository fetched", "running the job", "step started", "step finished", "job finished"];

function fellBack(reason: string, tmpdir: string, fallback = "/tmp"): string {
  return `${reason}; the runner keeps its temporary files in ${fallback} instead; set TMPDIR to a writable directory`.replace("TMPDIR_VALUE", tmpdir);
}

async function expectFallback(tmpdir: string, reason: string, extra: Partial<Parameters<typeof runScenario>[0]> = {}): Promise<void> {
  const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env: { TMPDIR: tmpdir }, ...extra });
  expectFinished(s, "success", 0);
  const warning = fellBack(`TMPDIR (${tmpdir}) ${reason}`, tmpdir);
  expect(messages(s)).toEqual([warning, ...AFTER]);
  expect(s.events[0]).toEqual({ level: "WARN", message: warning, fields: { tmpdir, fallback: "/tmp" } });
  expect(s.stdout).toBe(`job TMPDIR=${tmpdir}\n`);
}

/** Whether this process may make read-only mounts in a namespace of its own (root with unshare). */
function canMountReadOnly(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync("unshare", ["-m", "--propagation", "private", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const readOnlyMounts = canMountReadOnly();

/**
 * Start the runner with these directories read-only (bind mounts in a
 * private mount namespace), RUN itself left writable: it is made a mount of
 * its own first, which the recursive bind of a directory above it carries
 * along and the read-only remount (of the top mount only) leaves alone.
 */
function readOnly(dirs: (d: RunDirs) => string[]): (d: RunDirs) => string[] {
  return (d) => [
    "unshare",
    "-m",
    "--propagation",
    "private",
    "sh",
    "-c",
    'mount --bind "$1" "$1" || exit 99; shift; for dir; do [ "$dir" = -- ] && break; mount --rbind "$dir" "$dir" && mount -o remount,bind,ro "$dir" "$dir" || exit 99; shift; done; shift; exec "$@"',
    "sh",
    d.dir,
    ...dirs(d),
    "--",
  ];
}

describe.concurrent("an unusable TMPDIR: the runner falls back to /tmp, with a warning", () => {
  scenario(
    "TMPDIR names a directory that does not exist",
    async () => {
      await expectFallback("{{RUN}}/missing", "does not exist");
    },
    { allShells: true },
  );

  scenario(
    "TMPDIR names a file",
    async () => {
      await expectFallback("{{RUN}}/a-file", "is not a directory", { prepare: (d) => writeFileSync(join(d.dir, "a-file"), "not a directory\n") });
    },
    { allShells: true },
  );

  scenario("TMPDIR is a relative path", async () => {
    await expectFallback("tmp", "is not an absolute path");
  });

  scenario(
    "TMPDIR is not writable",
    async () => {
      if (readOnlyMounts) {
        await expectFallback("{{RUN}}/ro", "is not writable", { prepare: (d) => mkdirSync(join(d.dir, "ro")), wrap: readOnly((d) => [join(d.dir, "ro")]) });
      } else {
        if (process.getuid?.() === 0) throw new Error("running as root without unshare: cannot make TMPDIR read-only");
        await expectFallback("{{RUN}}/ro", "is not writable", {
          prepare: (d) => {
            mkdirSync(join(d.dir, "ro"));
            chmodSync(join(d.dir, "ro"), 0o555);
          },
        });
      }
    },
    { allShells: true },
  );

  scenario("an empty TMPDIR is unset: /tmp, no warning", async () => {
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env: { TMPDIR: "" } });
    expectFinished(s, "success", 0);
    expect(messages(s)).toEqual(AFTER);
    expect(s.stdout).toBe("job TMPDIR=\n");
  });
});

// Making /tmp and /var/tmp read-only takes a mount namespace (root): skipped otherwise.
describe.runIf(readOnlyMounts).concurrent("no directory the runner can write", () => {
  scenario(
    "TMPDIR unset and /tmp read-only: /var/tmp, with a warning naming /tmp",
    async () => {
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env: { TMPDIR: undefined }, wrap: readOnly(() => ["/tmp"]) });
      expectFinished(s, "success", 0);
      const warning = fellBack("/tmp is not writable", "", "/var/tmp");
      expect(messages(s)).toEqual([warning, ...AFTER]);
      expect(s.events[0]!.fields).toEqual({ tmpdir: "", fallback: "/var/tmp" });
      expect(s.stdout).toBe("job TMPDIR=unset\n");
    },
    { allShells: true },
  );

  scenario(
    "TMPDIR missing, /tmp and /var/tmp read-only: 73 before anything else",
    async () => {
      const s = await runScenario({
        job: jobFile(r.fileUrl, r.head),
        env: { TMPDIR: "{{RUN}}/missing" },
        wrap: readOnly(() => ["/tmp", "/var/tmp"]),
        inspect: (d) => readdirNames(d.work),
      });
      expectFinished(s, "error", 73);
      const message =
        "no directory for the runner's temporary files: TMPDIR ({{RUN}}/missing) does not exist, /tmp is not writable, /var/tmp is not writable; set TMPDIR to a writable directory";
      expect(errorMessage(s)).toBe(message);
      expect(messages(s)).toEqual([message, "job finished"]);
      expect(s.stdout).toBe("");
      for (const run of s.runs) expect(run.inspected, run.backend).toBe("missing");
    },
    { allShells: true },
  );
});

function readdirNames(dir: string): string {
  try {
    return execFileSync("ls", ["-A", dir], { encoding: "utf8" });
  } catch {
    return "missing";
  }
}
