// Runner scenarios that end with the job running (contract section 3):
// which interpreter runs job.sh, what the job sees (environment, cwd,
// stdin, the checkout), and which commit is checked out. Every scenario runs
// on Node and on the generated script (see harness.ts), over file:// URLs;
// workspace.test.ts has reuse and submodules, transports.test.ts the servers.
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import type { MadeRepo } from "../support/git-fixtures";
import { publishBare } from "../support/repo";
import { eventOf, expectFinished, jobFile, jobRepo, messages, repo, runScenario, scenario, sha256Repo } from "./harness";

/** The events of a good run, in order. */
const GOOD_RUN = ["job context read", "fetching repository", "repository fetched", "running the job", "step started", "step finished", "job finished"];

/** A job that names the program running it. */
const WHO_RUNS = `echo "interpreter: $(readlink /proc/$$/exe)"\n`;

function job(r: MadeRepo, sha = r.head, more = ""): string {
  return jobFile(r.fileUrl, sha, more);
}

describe.concurrent("job.sh", () => {
  scenario(
    "an executable job.sh runs under its shebang's interpreter, and the log says so",
    async () => {
      const r = jobRepo(`#!/bin/bash\n${WHO_RUNS}echo "to stderr" >&2\n`);
      const s = await runScenario({ job: job(r) });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe(`interpreter: ${realpathSync("/bin/bash")}\n`);
      expect(s.stderr).toBe("to stderr\n");
      expect(messages(s)).toEqual(GOOD_RUN);
      expect(eventOf(s, "job context read").fields).toEqual({ repo_url: r.fileUrl, commit: r.head, job_id: "", runner_version: "0.1.0" });
      expect(eventOf(s, "fetching repository").fields).toEqual({ repo_url: r.fileUrl, commit: r.head, workdir: "{{RUN}}/work" });
      expect(eventOf(s, "repository fetched").fields).toEqual({ commit: r.head, duration_ms: "<ms>" });
      expect(eventOf(s, "running the job").fields).toEqual({ entry: ".solstice/job.sh" });
      expect(eventOf(s, "step started").fields).toEqual({ step: "job.sh", index: "1" });
      expect(eventOf(s, "step finished").fields).toEqual({ step: "job.sh", index: "1", exit_code: "0", duration_ms: "<ms>" });
    },
    { allShells: true },
  );

  scenario("a job.sh that is not executable runs with /bin/sh, whatever its shebang says", async () => {
    const r = jobRepo(`#!/bin/bash\n${WHO_RUNS}`, { executable: false });
    const s = await runScenario({ job: job(r) });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe(`interpreter: ${realpathSync("/bin/sh")}\n`);
  });

  scenario("the job sees the job file's env and secrets, CI=true and the SOLSTICE_* variables, not the runner token", async () => {
    const r = jobRepo(
      [
        "#!/bin/sh",
        'echo "GREETING=$GREETING"',
        'printf %s "$API_TOKEN" >"$SCENARIO_OUT/API_TOKEN"',
        'echo "CI=$CI SOLSTICE=$SOLSTICE"',
        'echo "SOLSTICE_WORKSPACE=$SOLSTICE_WORKSPACE"',
        'echo "SOLSTICE_COMMIT_SHA=$SOLSTICE_COMMIT_SHA"',
        'echo "SOLSTICE_REPO_URL=$SOLSTICE_REPO_URL"',
        'echo "SOLSTICE_JOB_ID=$SOLSTICE_JOB_ID"',
        'echo "SOLSTICE_RUNNER_TOKEN=${SOLSTICE_RUNNER_TOKEN-unset}"',
        'echo "FROM_RUNNER_ENV=$FROM_RUNNER_ENV"',
        "",
      ].join("\n"),
    );
    const s = await runScenario({
      job: job(r, r.head, "job_id: build-linux\nenv:\n  GREETING: hello world\nsecrets:\n  API_TOKEN: tok-1234-secret\n"),
      env: { SOLSTICE_RUNNER_TOKEN: "runner-token-5678", CI: "false", FROM_RUNNER_ENV: "passed through" },
      inspect: (d) => readFileSync(join(d.out, "API_TOKEN"), "utf8"),
    });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe(
      [
        "GREETING=hello world",
        "CI=true SOLSTICE=true",
        "SOLSTICE_WORKSPACE={{RUN}}/work",
        `SOLSTICE_COMMIT_SHA=${r.head}`,
        `SOLSTICE_REPO_URL=${r.fileUrl}`,
        "SOLSTICE_JOB_ID=build-linux",
        "SOLSTICE_RUNNER_TOKEN=unset",
        "FROM_RUNNER_ENV=passed through",
        "",
      ].join("\n"),
    );
    for (const run of s.runs) expect(run.inspected, run.backend).toBe("tok-1234-secret");
    expect(eventOf(s, "job context read").fields.job_id).toBe("build-linux");
  });

  scenario("CI, SOLSTICE and SOLSTICE_* win over the job file's env of the same name; env wins over the runner's own", async () => {
    const r = jobRepo(`#!/bin/sh\necho "$CI $SOLSTICE $SOLSTICE_WORKSPACE $SOLSTICE_COMMIT_SHA $PLAIN"\n`);
    const s = await runScenario({
      job: job(r, r.head, "env:\n  CI: 'no'\n  SOLSTICE: nope\n  SOLSTICE_WORKSPACE: /elsewhere\n  SOLSTICE_COMMIT_SHA: deadbeef\n  PLAIN: from-job-file\n"),
      env: { PLAIN: "from-runner" },
    });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe(`true true {{RUN}}/work ${r.head} from-job-file\n`);
  });

  scenario("the job runs in the workspace, checked out detached at the commit, clean", async () => {
    const r = jobRepo("#!/bin/sh\npwd\ngit rev-parse HEAD\ngit symbolic-ref -q HEAD || echo detached\ngit status --porcelain --ignored\necho done\n", {
      files: { "src/a.txt": "a\n" },
    });
    const s = await runScenario({ job: job(r) });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe(`{{RUN}}/work\n${r.head}\ndetached\ndone\n`);
  });

  scenario("the job's stdin is /dev/null, not the runner's", async () => {
    const r = jobRepo('#!/bin/sh\nreadlink /proc/self/fd/0\n[ -t 0 ] && echo tty\necho "read $(cat | wc -c) bytes"\n');
    const s = await runScenario({ job: job(r), stdin: "the runner's stdin must not reach the job\n" });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("/dev/null\nread 0 bytes\n");
  });

  scenario("a default job file that does not exist is fine when the environment gives repo and commit", async () => {
    const r = jobRepo("#!/bin/sh\necho ran\n");
    const s = await runScenario({ env: { SOLSTICE_REPO_URL: r.fileUrl, SOLSTICE_COMMIT_SHA: r.head } });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("ran\n");
  });

  scenario("SOLSTICE_REPO_URL, SOLSTICE_COMMIT_SHA and SOLSTICE_JOB_ID override the job file", async () => {
    const r = jobRepo('#!/bin/sh\necho "job $SOLSTICE_JOB_ID at $SOLSTICE_COMMIT_SHA"\n');
    const s = await runScenario({
      job: "repo_url: file:///nonexistent/repo\ncommit_sha: 0000000000000000000000000000000000000000\njob_id: from-file\n",
      env: { SOLSTICE_REPO_URL: r.fileUrl, SOLSTICE_COMMIT_SHA: r.head, SOLSTICE_JOB_ID: "from-env" },
    });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe(`job from-env at ${r.head}\n`);
    expect(eventOf(s, "job context read").fields).toMatchObject({ repo_url: r.fileUrl, commit: r.head, job_id: "from-env" });
  });

  scenario("an unknown top-level key in the job file is a warning, and the job still runs", async () => {
    const r = jobRepo("#!/bin/sh\necho ran\n");
    const s = await runScenario({ job: job(r, r.head, "future_key: whatever\n") });
    expectFinished(s, "success", 0);
    const warning = s.events.find((e) => e.level === "WARN");
    expect(warning?.message).toMatch(/line 3: unknown key 'future_key'/);
  });

  scenario("a workspace path with spaces, quotes and $(...) in it works and is logged quoted", async () => {
    const r = jobRepo("#!/bin/sh\npwd\n");
    const s = await runScenario({ job: job(r), env: { SOLSTICE_WORKDIR: `{{RUN}}/it's a "work" $(dir)` } });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe(`{{RUN}}/it's a "work" $(dir)\n`);
    expect(eventOf(s, "fetching repository").fields.workdir).toBe(`{{RUN}}/it's a "work" $(dir)`);
  });

  scenario("a repository URL with quotes, a backslash, # and ; in it is the checkout's origin, as it is", async () => {
    const r = jobRepo("#!/bin/sh\ngit remote get-url origin\n");
    // Inside the repository's own directory, which goes with it.
    const url = `file://${publishBare(r, r.path, 'a "quoted" \\dir #;x/repo.git')}`;
    const s = await runScenario({ job: `repo_url: '${url}'\ncommit_sha: ${r.head}\n` });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe(`${url}\n`);
  });
});

/** The timestamp of a raw log line, text or JSON, as milliseconds since 1970; undefined for job output. */
function timestampMs(line: string): number | undefined {
  const text = line.match(/^(\d{4}-\d\d-\d\dT[\d:]+(?:\.\d{6})?Z)  /)?.[1] ?? line.match(/^\{"timestamp":"([^"]+)"/)?.[1];
  return text === undefined ? undefined : Date.parse(text);
}

describe.concurrent("the clock", () => {
  scenario(
    "timestamps are the time of day, in order, and durations agree with them",
    async () => {
      const r = jobRepo("#!/bin/sh\nsleep 1\n");
      const before = Date.now();
      const s = await runScenario({ job: job(r) });
      const after = Date.now();
      expectFinished(s, "success", 0);
      for (const run of s.runs) {
        const stamps = run.stderrLines.map(timestampMs).filter((t) => t !== undefined);
        expect(stamps.length, `${run.backend}/${run.format}`).toBe(GOOD_RUN.length);
        // A timestamp may have whole seconds (a date without %N): up to 1 s early.
        for (const t of stamps) expect(t, `${run.backend}/${run.format}: ${new Date(t).toISOString()}`).toBeGreaterThanOrEqual(before - 1000);
        for (const t of stamps) expect(t, `${run.backend}/${run.format}: ${new Date(t).toISOString()}`).toBeLessThanOrEqual(after);
        expect(stamps, `${run.backend}/${run.format}: in order`).toEqual([...stamps].sort((a, b) => a - b));
        const finished = run.stderrLines.find((l) => l.includes("step finished"))!;
        const durationMs = Number(finished.match(/duration_ms"?[=:]"?(\d+)/)?.[1]);
        expect(durationMs, `${run.backend}/${run.format}: ${finished}`).toBeGreaterThanOrEqual(950);
        expect(durationMs, `${run.backend}/${run.format}: ${finished}`).toBeLessThanOrEqual(after - before);
        const started = timestampMs(run.stderrLines.find((l) => l.includes("step started"))!)!;
        // Both ends are one clock: the timestamps' difference is the duration, to their resolution.
        const resolutionMs = /\.\d{6}Z/.test(finished) ? 30 : 1000;
        expect(Math.abs(timestampMs(finished)! - started - durationMs), `${run.backend}/${run.format}`).toBeLessThanOrEqual(resolutionMs);
      }
    },
    { allShells: true },
  );
});

describe.concurrent("which commit", () => {
  const history = () =>
    repo({
      commits: [
        { label: "old", files: { ".solstice/job.sh": { content: "#!/bin/sh\necho old job\n", executable: true } } },
        { label: "side", branch: "side", files: { ".solstice/job.sh": { content: "#!/bin/sh\necho side job\n", executable: true } } },
        { label: "tip", files: { ".solstice/job.sh": { content: "#!/bin/sh\necho tip job\n", executable: true } } },
      ],
    });

  scenario("a pinned commit that is not the branch tip is the one checked out", async () => {
    const r = history();
    const s = await runScenario({ job: job(r, r.commits.old) });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("old job\n");
  });

  scenario("a commit only on a non-default branch is fetched", async () => {
    const r = history();
    const s = await runScenario({ job: job(r, r.commits.side) });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("side job\n");
  });

  scenario("an upper-case SHA is accepted and used lower-case everywhere", async () => {
    const r = history();
    const upper = r.commits.old!.toUpperCase();
    const s = await runScenario({ job: job(r, upper) });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("old job\n");
    expect(eventOf(s, "job context read").fields.commit).toBe(r.commits.old);
    const env = await runScenario({ env: { SOLSTICE_REPO_URL: r.fileUrl, SOLSTICE_COMMIT_SHA: upper } });
    expect(env.stdout).toBe("old job\n");
    expect(eventOf(env, "repository fetched").fields.commit).toBe(r.commits.old);
  });

  scenario("a 64-hex SHA of a SHA-256 repository is accepted and checked out", async () => {
    const { url, sha } = sha256Repo();
    const s = await runScenario({ job: jobFile(url, sha.toUpperCase()) });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe(`sha256 job at ${sha}\n`);
  });

  scenario("a 64-hex SHA that a SHA-1 repository does not have cannot be fetched (69)", async () => {
    const r = history();
    const s = await runScenario({ job: job(r, "ab".repeat(32)) });
    expectFinished(s, "error", 69);
    expect(s.stdout).toBe("");
  });
});
