// The runner's exit status (contract section 7) on both backends: the job's
// own code, 128+N for a job killed by signal N, bad input (65, refused
// before git runs), missing input or nothing to run (66), and a workspace
// that cannot be made (73). Fetch failures (69) are in transports.test.ts,
// the command line (64) in command-line.test.ts.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect } from "vitest";
import type { MadeRepo } from "../support/git-fixtures";
import { errorMessage, expectFinished, jobFile, jobRepo, messages, repo, type RunDirs, runScenario, scenario } from "./harness";

let r: MadeRepo;
beforeAll(() => {
  r = jobRepo('#!/bin/sh\necho "job ran"\n');
});

describe.concurrent("the job's own status", () => {
  scenario(
    "the job's exit code is the runner's",
    async () => {
      const j = jobRepo("#!/bin/sh\necho before\nexit 42\n");
      const s = await runScenario({ job: jobFile(j.fileUrl, j.head) });
      expectFinished(s, "failure", 42);
      expect(s.stdout).toBe("before\n");
      expect(s.events.find((e) => e.message === "step finished")?.fields.exit_code).toBe("42");
    },
    { allShells: true },
  );

  for (const [signal, number] of [
    ["TERM", 15],
    ["KILL", 9],
    ["INT", 2],
    ["HUP", 1],
  ] as const) {
    scenario(
      `a job killed by SIG${signal} gives 128+${number}`,
      async () => {
        const j = jobRepo(`#!/bin/sh\necho dying\nkill -${signal} $$\necho survived\n`);
        const s = await runScenario({ job: jobFile(j.fileUrl, j.head) });
        expectFinished(s, "failure", 128 + number);
        expect(s.stdout).toBe("dying\n");
      },
      { allShells: true },
    );
  }
});

/** Bad input of contract sections 1 and 2: exit 65, a message naming the field, and git never ran. */
const BAD_INPUTS: { name: string; job?: string; env?: Record<string, string>; secrets?: string; error: RegExp }[] = [
  { name: "an abbreviated commit_sha", job: "commit_sha: abc1234", error: /commit_sha must be the full commit SHA, 40 or 64 hexadecimal digits, not "abc1234"/ },
  { name: "a commit_sha with a non-hex digit", job: `commit_sha: ${"g".repeat(40)}`, error: /commit_sha must be the full commit SHA/ },
  { name: "a commit_sha of 41 hex digits", job: `commit_sha: ${"a".repeat(41)}`, error: /commit_sha must be the full commit SHA/ },
  {
    name: "a 64-character commit_sha that is not hex",
    env: { SOLSTICE_COMMIT_SHA: `${"a".repeat(63)}z` },
    error: /environment variable SOLSTICE_COMMIT_SHA must be the full commit SHA/,
  },
  { name: "an empty commit_sha", job: 'commit_sha: ""', error: /commit_sha is empty/ },
  { name: "an ext:: repo_url", job: "repo_url: 'ext::sh -c touch% $SCENARIO_OUT/pwned'", error: /repo_url uses git's remote-helper syntax/ },
  { name: "an fd:: repo_url", env: { SOLSTICE_REPO_URL: "fd::17" }, error: /SOLSTICE_REPO_URL uses git's remote-helper syntax/ },
  { name: "a repo_url with a leading '-'", job: "repo_url: --upload-pack=touch /tmp/x", error: /repo_url starts with '-'/ },
  { name: "a repo_url with a control character", job: 'repo_url: "https://example.com/re\\x01po.git"', error: /repo_url contains the control character/ },
  {
    name: "a repo_url with a newline, from the environment",
    env: { SOLSTICE_REPO_URL: "https://example.com/a\nb.git" },
    error: /SOLSTICE_REPO_URL contains the control character/,
  },
  { name: "an empty repo_url", job: 'repo_url: ""', error: /repo_url is empty/ },
  { name: "a repo_url with a scheme git does not allow", job: "repo_url: ftp://example.com/repo.git", error: /repo_url uses the scheme ftp:\/\/, which is not allowed/ },
  { name: "an scp-like repo_url without a user", job: "repo_url: example.com:org/repo.git", error: /repo_url has no user/ },
  { name: "an env name starting with a digit", job: "env:\n  1ABC: x", error: /line \d+: env name '1ABC' is not a valid variable name/ },
  { name: "an env name with a dash", job: "env:\n  MY-VAR: x", error: /env name 'MY-VAR' is not a valid variable name/ },
  { name: "a secret name with a dot, in the secrets file", secrets: "my.token: abcdef\n", error: /secrets file .*: line 1: secret name 'my.token' is not a valid variable name/ },
  { name: "a timeout that is not a number", job: "timeout: 10m", error: /timeout must be a whole number of seconds \(0 for no limit\), not "10m"/ },
  { name: "a negative timeout", job: "timeout: -5", error: /timeout must be a whole number of seconds/ },
  { name: "submodules that is not true, false or recursive", job: "submodules: yes", error: /submodules must be true, false or recursive, not "yes"/ },
  { name: "a flow mapping (not in the YAML subset)", job: "env: {A: b}", error: /job file .*: line 3: / },
  { name: "a sequence (not in the YAML subset)", job: "env:\n  - A", error: /job file .*: line 4: / },
  { name: "an anchor (not in the YAML subset)", job: "job_id: &a build", error: /job file .*: line 3: / },
  { name: "a folded scalar (not in the YAML subset)", job: "job_id: >\n  build", error: /job file .*: line 3: / },
  { name: "an unterminated double-quoted string", job: 'job_id: "build', error: /job file .*: line 3: / },
  { name: "a relative SOLSTICE_WORKDIR", env: { SOLSTICE_WORKDIR: "work" }, error: /SOLSTICE_WORKDIR must be an absolute path/ },
  { name: "SOLSTICE_WORKDIR=/", env: { SOLSTICE_WORKDIR: "/" }, error: /SOLSTICE_WORKDIR is the root directory/ },
  { name: "SOLSTICE_FETCH_RETRIES=0", env: { SOLSTICE_FETCH_RETRIES: "0" }, error: /SOLSTICE_FETCH_RETRIES must be a whole number of at least 1/ },
  { name: "an unknown SOLSTICE_LOG_LEVEL", env: { SOLSTICE_LOG_LEVEL: "verbose" }, error: /SOLSTICE_LOG_LEVEL must be error, warn, info, debug or trace/ },
];

/** A good job file with `line` added, in place of the good line of the same key. */
function badJobFile(line: string | undefined): string {
  const lines = [`repo_url: ${r.fileUrl}`, `commit_sha: ${r.head}`];
  if (line === undefined) return `${lines.join("\n")}\n`;
  const key = line.slice(0, line.indexOf(":"));
  return `${[...lines.filter((l) => !l.startsWith(`${key}:`)), line].join("\n")}\n`;
}

describe.concurrent("bad input: 65, before git runs", () => {
  for (const bad of BAD_INPUTS) {
    scenario(`${bad.name}`, async () => {
      const s = await runScenario({
        job: badJobFile(bad.job),
        env: bad.env,
        secrets: bad.secrets,
        inspect: (d) => ({ work: existsSync(d.work), pwned: existsSync(join(d.out, "pwned")) }),
      });
      expectFinished(s, "error", 65);
      expect(errorMessage(s)).toMatch(bad.error);
      expect(messages(s)).toEqual([errorMessage(s), "job finished"]);
      expect(s.stdout).toBe("");
      for (const run of s.runs) expect(run.inspected, run.backend).toEqual({ work: false, pwned: false });
    });
  }
});

describe.concurrent("missing input: 66", () => {
  scenario("a job file named in SOLSTICE_JOB_FILE that does not exist", async () => {
    const s = await runScenario({ env: { SOLSTICE_JOB_FILE: "{{RUN}}/no-such-job.yaml" } });
    expectFinished(s, "error", 66);
    expect(errorMessage(s)).toBe("SOLSTICE_JOB_FILE names job file {{RUN}}/no-such-job.yaml, which does not exist; fix the path, or unset SOLSTICE_JOB_FILE");
  });

  scenario("a secrets file named in SOLSTICE_SECRETS_FILE that does not exist", async () => {
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env: { SOLSTICE_SECRETS_FILE: "{{RUN}}/no-such-secrets.yaml" } });
    expectFinished(s, "error", 66);
    expect(errorMessage(s)).toMatch(/^SOLSTICE_SECRETS_FILE names secrets file \{\{RUN\}\}\/no-such-secrets.yaml, which does not exist/);
  });

  scenario("no job file at the default path and no SOLSTICE_REPO_URL", async () => {
    expect(existsSync("/etc/solstice/job.yaml"), "this machine has a real /etc/solstice/job.yaml").toBe(false);
    const s = await runScenario({});
    expectFinished(s, "error", 66);
    expect(errorMessage(s)).toMatch(/^no job file at \/etc\/solstice\/job.yaml and SOLSTICE_REPO_URL is not set/);
  });

  scenario("a commit with neither .solstice/workflow.kdl nor .solstice/job.sh: nothing to run", async () => {
    const none = repo({ files: { "README.md": "no job here\n" } });
    const s = await runScenario({ job: jobFile(none.fileUrl, none.head) });
    expectFinished(s, "error", 66);
    expect(errorMessage(s)).toMatch(/^nothing to run/);
    expect(messages(s)).toEqual(["job context read", "fetching repository", "repository fetched", errorMessage(s), "job finished"]);
  });
});

/** Whether this process may make a read-only mount in a namespace of its own (root with unshare). */
function canMountReadOnly(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync("unshare", ["-m", "--propagation", "private", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * RUN/ro made read-only: with chmod for an ordinary user; for root, whom
 * modes do not stop, as a read-only bind mount in a private mount namespace
 * the runner is started in.
 */
function readOnlyDir(): { prepare: (d: RunDirs) => void; wrap?: (d: RunDirs) => string[] } {
  if (canMountReadOnly()) {
    return {
      prepare: (d) => mkdirSync(join(d.dir, "ro/existing"), { recursive: true }),
      wrap: (d) => [
        "unshare",
        "-m",
        "--propagation",
        "private",
        "sh",
        "-c",
        'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" && shift && exec "$@"',
        "sh",
        join(d.dir, "ro"),
      ],
    };
  }
  if (process.getuid?.() === 0) throw new Error("running as root without unshare: cannot make a directory read-only for the 73 scenarios");
  return {
    prepare: (d) => {
      mkdirSync(join(d.dir, "ro/existing"), { recursive: true });
      chmodSync(join(d.dir, "ro/existing"), 0o555);
      chmodSync(join(d.dir, "ro"), 0o555);
    },
  };
}

describe.concurrent("the workspace cannot be made: 73", () => {
  scenario("a workspace under a read-only directory", async () => {
    const ro = readOnlyDir();
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env: { SOLSTICE_WORKDIR: "{{RUN}}/ro/work" }, ...ro });
    expectFinished(s, "error", 73);
    expect(errorMessage(s)).toMatch(/^cannot create a git repository in \{\{RUN\}\}\/ro\/work: .+; set SOLSTICE_WORKDIR to a writable directory$/);
  });

  scenario(
    "an existing workspace directory that is read-only",
    async () => {
      const ro = readOnlyDir();
      // busybox's test -w says yes to root here: the sh side must probe (all shells).
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env: { SOLSTICE_WORKDIR: "{{RUN}}/ro/existing" }, ...ro });
      expectFinished(s, "error", 73);
      // An empty directory the runner may use, but cannot write: seen before git runs.
      expect(errorMessage(s)).toBe("cannot write the workspace {{RUN}}/ro/existing; set SOLSTICE_WORKDIR to a writable directory");
    },
    { allShells: true },
  );

  scenario("a file where the workspace should be", async () => {
    const s = await runScenario({
      job: jobFile(r.fileUrl, r.head),
      prepare: (d) => writeFileSync(d.work, "a file, not a directory\n"),
    });
    expectFinished(s, "error", 73);
    expect(errorMessage(s)).toMatch(/^the workspace \{\{RUN\}\}\/work is not a directory; /);
  });

  scenario("a file where a parent directory of the workspace should be", async () => {
    const s = await runScenario({
      job: jobFile(r.fileUrl, r.head),
      env: { SOLSTICE_WORKDIR: "{{RUN}}/blocker/work" },
      prepare: (d) => writeFileSync(join(d.dir, "blocker"), "in the way\n"),
    });
    expectFinished(s, "error", 73);
    expect(messages(s)).toEqual(["job context read", "fetching repository", errorMessage(s), "job finished"]);
  });
});
