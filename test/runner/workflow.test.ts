// .solstice/workflow.kdl (contract section 4; docs/contract.md, "Workflows"):
// the job chosen, its setup and steps run in order on Node and on every
// shell with the same output, statuses and events; every bad input refused
// with `workflow.kdl:LINE:COL: message` (exit 65) before any step runs.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, vi } from "vitest";
import { type LogEvent, type Scenario, errorMessage, eventOf, expectFinished, jobFile, messages, repo, runScenario, scenario } from "./harness";
import type { FileTree } from "../support/git-fixtures";

// Each scenario runs the runner several times at once (Node, the shell, both
// log formats); on a loaded machine the 20 KB one outgrows the default
// minute. Speed is the benchmark's business (make bench), not this file's.
vi.setConfig({ testTimeout: 180_000 });

/** A repository whose one commit holds this workflow (and more files). */
function workflowRepo(kdl: string | Buffer, files: FileTree = {}) {
  return repo({ files: { ".solstice/workflow.kdl": kdl, ...files } });
}

async function runWorkflow(kdl: string | Buffer, opts: { files?: FileTree; more?: string; env?: Record<string, string | undefined>; secrets?: string } = {}): Promise<Scenario> {
  const r = workflowRepo(kdl, opts.files);
  return runScenario({ job: jobFile(r.fileUrl, r.head, opts.more ?? ""), env: { SOLSTICE_KILL_GRACE: "1", ...opts.env }, secrets: opts.secrets });
}

function events(s: { events: LogEvent[] }, message: string): Record<string, string>[] {
  return s.events.filter((e) => e.message === message).map((e) => e.fields);
}

/** The step summary as `index name outcome` lines. */
function summary(s: Scenario): string[] {
  return events(s, "step summary").map((f) => `${f.index} ${f.step} ${f.outcome}`);
}

/** The events after the last step, in order: the summary right before `job finished`. */
function expectSummaryLast(s: Scenario, count: number): void {
  const names = messages(s);
  expect(names.slice(names.length - 1 - count)).toEqual([...Array<string>(count).fill("step summary"), "job finished"]);
}

/** The file is refused before anything runs: exit 65 and this placed error. */
function expectRefused(s: Scenario, error: string | RegExp): void {
  expectFinished(s, "error", 65);
  const message = errorMessage(s);
  if (typeof error === "string") expect(message).toBe(error);
  else expect(message).toMatch(error);
  expect(messages(s)).not.toContain("step started");
  expect(s.stdout).toBe("");
}

const REAL_SHAPE = `workflow name="Solstice CI" {
    env RUST_BACKTRACE="1"
    job id="illumos-build" runs_on="illumos-latest" {
        setup path=".solstice/setup-illumos.sh"
        step name="Print env" run="echo job=$SOLSTICE_JOB_ID backtrace=$RUST_BACKTRACE"
        step name="Tools" run="command -v git >/dev/null && echo has git"
        step name="Run legacy job" run=".solstice/job.sh"
    }
    job id="linux-build" runs_on="ubuntu-22.04" {
        setup path=".solstice/setup-ubuntu.sh"
        step name="Print env" run="echo job=$SOLSTICE_JOB_ID"
        step name="Run legacy job" run=".solstice/job.sh"
    }
}
`;

const REAL_FILES: FileTree = {
  ".solstice/setup-illumos.sh": { content: '#!/bin/sh\necho "setting up illumos in $PWD" | sed "s|$SOLSTICE_WORKSPACE|WS|"\n', executable: true },
  ".solstice/setup-ubuntu.sh": "echo setting up ubuntu\n",
  ".solstice/job.sh": { content: '#!/bin/sh\necho "legacy job for $SOLSTICE_JOB_ID"\n', executable: true },
};

describe.concurrent("a real-shaped workflow", () => {
  scenario(
    "the chosen job of a two-job workflow runs its setup, then its steps; the last calls job.sh",
    async () => {
      const s = await runWorkflow(REAL_SHAPE, { files: REAL_FILES, more: "job_id: illumos-build\n" });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("setting up illumos in WS\njob=illumos-build backtrace=1\nhas git\nlegacy job for illumos-build\n");
      expect(eventOf(s, "running the job").fields.entry).toBe(".solstice/workflow.kdl");
      expect(eventOf(s, "running workflow job").fields).toMatchObject({ workflow: "Solstice CI", job_id: "illumos-build", runs_on: "illumos-latest", steps: "4" });
      expect(events(s, "step started")).toEqual([
        { step: "setup", index: "1" },
        { step: "Print env", index: "2" },
        { step: "Tools", index: "3" },
        { step: "Run legacy job", index: "4" },
      ]);
      expect(events(s, "step finished").map((f) => `${f.index} ${f.step} ${f.exit_code} ${f.duration_ms}`)).toEqual([
        "1 setup 0 <ms>",
        "2 Print env 0 <ms>",
        "3 Tools 0 <ms>",
        "4 Run legacy job 0 <ms>",
      ]);
      expect(summary(s)).toEqual(["1 setup success", "2 Print env success", "3 Tools success", "4 Run legacy job success"]);
      expectSummaryLast(s, 4);
      // Both entries exist: the log says the workflow won.
      expect(messages(s).some((m) => m.includes("both .solstice/workflow.kdl and .solstice/job.sh"))).toBe(true);
    },
    { allShells: true },
  );

  scenario(
    "SOLSTICE_JOB_ID chooses the other job (a setup that is not executable runs with /bin/sh)",
    async () => {
      const s = await runWorkflow(REAL_SHAPE, { files: REAL_FILES, more: "job_id: illumos-build\n", env: { SOLSTICE_JOB_ID: "linux-build" } });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("setting up ubuntu\njob=linux-build\nlegacy job for linux-build\n");
      expect(summary(s)).toEqual(["1 setup success", "2 Print env success", "3 Run legacy job success"]);
    },
    { allShells: true },
  );
});

/** One job of these steps (KDL lines), with optional job children before them. */
function oneJob(steps: string, jobChildren = "", jobProps = ""): string {
  return `workflow name="W" {\n    job id="only"${jobProps} {\n${jobChildren}${steps}    }\n}\n`;
}

describe.concurrent("choosing the job", () => {
  scenario("a workflow with one job runs it when no job id is given", async () => {
    const s = await runWorkflow(oneJob(`        step name="hello" run="echo hello from the only job"\n`));
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("hello from the only job\n");
    expect(eventOf(s, "running workflow job").fields).toMatchObject({ job_id: "only", runs_on: "" });
  });

  scenario(
    "several jobs and none chosen: exit 65 listing the ids, nothing runs",
    async () => {
      const s = await runWorkflow(REAL_SHAPE, { files: REAL_FILES });
      expectRefused(s, "workflow.kdl:1:1: the workflow has 2 jobs and none was chosen; set SOLSTICE_JOB_ID or job_id to one of: illumos-build, linux-build");
    },
    { allShells: true },
  );

  scenario(
    "an unknown job id: exit 65 listing the ids, nothing runs",
    async () => {
      const s = await runWorkflow(REAL_SHAPE, { files: REAL_FILES, more: "job_id: windows\n" });
      expectRefused(s, 'workflow.kdl:1:1: the workflow has no job "windows"; its jobs are: illumos-build, linux-build (set SOLSTICE_JOB_ID or job_id to one of them)');
    },
    { allShells: true },
  );

  scenario("a job id chosen for a one-job workflow must still be its id", async () => {
    const s = await runWorkflow(oneJob(`        step name="s" run="echo no"\n`), { env: { SOLSTICE_JOB_ID: "other" } });
    expectRefused(s, /^workflow\.kdl:1:1: the workflow has no job "other"; its jobs are: only /);
  });
});

describe.concurrent("running steps", () => {
  scenario(
    "a multi-line run child node runs under /bin/sh -e: the first failing command ends the step",
    async () => {
      const kdl = oneJob(
        `        step name="lines" {\n            run """\n                echo first\n                false\n                echo never\n                """\n        }\n        step name="after" run="echo skipped"\n`,
      );
      const s = await runWorkflow(kdl);
      expectFinished(s, "failure", 1);
      expect(s.stdout).toBe("first\n");
      expect(summary(s)).toEqual(["1 lines failure", "2 after skipped"]);
      expectSummaryLast(s, 2);
    },
    { allShells: true },
  );

  scenario('shell="bash" runs the step with bash -e -c', async () => {
    const s = await runWorkflow(oneJob(`        step name="b" shell="bash" run="[[ -n \\"$BASH_VERSION\\" ]] && echo bash ran; arr=(x y); echo \\"\${arr[1]}\\""\n`));
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("bash ran\ny\n");
  });

  scenario(
    "the step's exit code is the runner's, and step finished reports it",
    async () => {
      const s = await runWorkflow(oneJob(`        step name="ok" run="echo ok"\n        step name="seven" run="exit 7"\n`));
      expectFinished(s, "failure", 7);
      expect(events(s, "step finished").map((f) => f.exit_code)).toEqual(["0", "7"]);
      expect(summary(s)).toEqual(["1 ok success", "2 seven failure"]);
    },
    { allShells: true },
  );

  scenario("workdir runs the step in that directory of the workspace", async () => {
    const s = await runWorkflow(oneJob(`        step name="in docs" workdir="docs/api" run="cat page.txt; basename \\"$PWD\\""\n`), {
      files: { "docs/api/page.txt": "the page\n" },
    });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("the page\napi\n");
  });

  scenario("a workdir that is a symlink inside the workspace runs there, and the path helpers never see the runner's credentials", async () => {
    // On sh, resolving the link runs ls: this one records the environment it was given, then does its work.
    const tools = mkdtempSync(join(tmpdir(), "solstice-tools-"));
    try {
      const record = join(tools, "ls-env");
      writeFileSync(join(tools, "ls"), `#!/bin/sh\nenv >> '${record}'\nPATH=/usr/bin:/bin exec ls "$@"\n`);
      chmodSync(join(tools, "ls"), 0o755);
      const s = await runWorkflow(oneJob(`        step name="linked" workdir="docs" run="cat page.txt"\n`), {
        files: { "site/page.txt": "the page\n", docs: { symlink: "site" } },
        env: { PATH: `${tools}:${process.env.PATH ?? "/usr/bin:/bin"}`, SOLSTICE_RUNNER_TOKEN: "runner-token-4711" },
      });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("the page\n");
      expect(existsSync(record), "the sh build resolved the link with ls").toBe(true);
      expect(readFileSync(record, "utf8")).not.toMatch(/4711/);
    } finally {
      rmSync(tools, { recursive: true, force: true });
    }
  });

  scenario("a workdir missing at run time fails that step (126), the workflow goes on as for any failure", async () => {
    const s = await runWorkflow(oneJob(`        step name="nowhere" workdir="missing" run="echo never"\n        step name="cleanup" always=#true run="echo cleanup"\n`));
    expectFinished(s, "failure", 126);
    expect(s.stdout).toBe("cleanup\n");
    expect(errorMessage(s)).toBe("step 'nowhere': its workdir missing is not a directory in the workspace; the step does not run");
    expect(summary(s)).toEqual(["1 nowhere failure", "2 cleanup success"]);
  });

  scenario("every step reads /dev/null, not the runner's stdin", async () => {
    const r = workflowRepo(oneJob(`        step name="read" run="cat; echo end"\n`));
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head), stdin: "runner input\n" });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("end\n");
  });

  scenario("a step's output passes through the masker", async () => {
    const s = await runWorkflow(oneJob(`        step name="leak" run="echo token=$API_TOKEN; echo $API_TOKEN >&2"\n`), { more: "secrets:\n  API_TOKEN: tok-1234-secret\n" });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("token=***\n");
    expect(s.stderr).toBe("***\n");
  });

  scenario(
    "env precedence: job file < workflow < job < step < secrets < SOLSTICE_*",
    async () => {
      const kdl = `workflow name="W" {
    env B="workflow" C="workflow" D="workflow" E="workflow"
    job id="j" {
        env C="job" D="job" E="job"
        step name="show" {
            env D="step" E="step" CI="no" SOLSTICE_COMMIT_SHA="forged"
            run "echo A=$A B=$B C=$C D=$D E=$E CI=$CI; test \\"$SOLSTICE_COMMIT_SHA\\" != forged && echo sha kept"
        }
        step name="other" run="echo D=$D"
    }
}
`;
      const s = await runWorkflow(kdl, { more: "env:\n  A: file\n  B: file\n  C: file\n  D: file\n  E: file\nsecrets:\n  E: secret-e-value\n" });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("A=file B=workflow C=job D=step E=*** CI=true\nsha kept\nD=job\n");
    },
    { allShells: true },
  );
});

describe.concurrent("failures, always and continue_on_error", () => {
  scenario(
    "after a failure only always-steps run; the status is the first failure's",
    async () => {
      const kdl = oneJob(
        `        step name="build" run="echo build; exit 3"\n        step name="test" run="echo test"\n        step name="report" always=#true run="echo report; exit 4"\n        step name="cleanup" always=#true run="echo cleanup"\n`,
      );
      const s = await runWorkflow(kdl);
      expectFinished(s, "failure", 3);
      expect(s.stdout).toBe("build\nreport\ncleanup\n");
      expect(summary(s)).toEqual(["1 build failure", "2 test skipped", "3 report failure", "4 cleanup success"]);
      expectSummaryLast(s, 4);
    },
    { allShells: true },
  );

  scenario(
    "continue_on_error records the failure and goes on; the status is the first failure not continued past",
    async () => {
      const kdl = oneJob(
        `        step name="lint" continue_on_error=#true run="exit 2"\n        step name="test" run="echo test; exit 5"\n        step name="docs" run="echo docs"\n`,
      );
      const s = await runWorkflow(kdl);
      expectFinished(s, "failure", 5);
      expect(s.stdout).toBe("test\n");
      expect(summary(s)).toEqual(["1 lint continued", "2 test failure", "3 docs skipped"]);
    },
    { allShells: true },
  );

  scenario("only continued failures: the job succeeds", async () => {
    const s = await runWorkflow(oneJob(`        step name="flaky" continue_on_error=#true run="exit 9"\n        step name="ok" run="echo ok"\n`));
    expectFinished(s, "success", 0);
    expect(summary(s)).toEqual(["1 flaky continued", "2 ok success"]);
  });

  scenario(
    "a failing setup: the steps are skipped, always-steps run, the status is the setup's",
    async () => {
      const kdl = oneJob(`        step name="build" run="echo build"\n        step name="cleanup" always=#true run="echo cleanup"\n`, `        setup path="ci/setup.sh"\n`);
      const s = await runWorkflow(kdl, { files: { "ci/setup.sh": "echo setting up\nexit 12\n" } });
      expectFinished(s, "failure", 12);
      expect(s.stdout).toBe("setting up\ncleanup\n");
      expect(summary(s)).toEqual(["1 setup failure", "2 build skipped", "3 cleanup success"]);
    },
    { allShells: true },
  );

  scenario("a setup script missing from the checkout is refused before anything runs", async () => {
    const s = await runWorkflow(oneJob(`        step name="s" run="echo never"\n`, `        setup path="ci/missing.sh"\n`));
    expectRefused(s, "workflow.kdl:3:9: the setup script ci/missing.sh is not a file in the checkout");
  });
});

describe.concurrent("timeouts and stop signals", () => {
  scenario(
    "a timeout in the middle step: it ends with 124, the rest is skipped but for always-steps",
    async () => {
      const kdl = oneJob(
        `        step name="one" run="echo one"\n        step name="slow" timeout=1 run="echo slow; sleep 30; echo never"\n        step name="three" run="echo three"\n        step name="cleanup" always=#true run="echo cleanup"\n`,
      );
      const s = await runWorkflow(kdl);
      expectFinished(s, "timed_out", 124);
      expect(s.stdout).toBe("one\nslow\ncleanup\n");
      expect(summary(s)).toEqual(["1 one success", "2 slow timed_out", "3 three skipped", "4 cleanup success"]);
      const error = s.events.find((e) => e.level === "ERROR");
      expect(error?.message).toMatch(/step ran past its timeout/);
      expect(error?.fields).toEqual({ step: "slow", index: "2", timeout_s: "1" });
      for (const run of s.runs) expect(run.elapsedMs, run.backend).toBeLessThan(20_000);
    },
    { allShells: true },
  );

  scenario("a timed-out step with continue_on_error lets the workflow go on", async () => {
    const s = await runWorkflow(oneJob(`        step name="slow" timeout=1 continue_on_error=#true run="sleep 30"\n        step name="next" run="echo next"\n`));
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("next\n");
    expect(summary(s)).toEqual(["1 slow timed_out", "2 next success"]);
  });

  scenario("the job's timeout stops the running step and skips every step left", async () => {
    const kdl = oneJob(`        step name="slow" run="echo slow; sleep 30"\n        step name="cleanup" always=#true run="echo cleanup"\n`, `        timeout 1\n`);
    const s = await runWorkflow(kdl);
    expectFinished(s, "timed_out", 124);
    expect(s.stdout).toBe("slow\n");
    expect(summary(s)).toEqual(["1 slow timed_out", "2 cleanup skipped"]);
    expect(eventOf(s, "running workflow job").fields.timeout_s).toBe("1");
  });

  scenario("the job file's timeout bounds the workflow job too", async () => {
    const s = await runWorkflow(oneJob(`        step name="slow" run="sleep 30"\n        step name="after" run="echo after"\n`), { more: "timeout: 1\n" });
    expectFinished(s, "timed_out", 124);
    expect(summary(s)).toEqual(["1 slow timed_out", "2 after skipped"]);
  });

  scenario(
    "a stop signal during a step stops it, and no further step runs (not even always-steps)",
    async () => {
      const kdl = oneJob(
        `        step name="one" run="echo one"\n        step name="long" run="echo long; touch \\"$SCENARIO_OUT/ready\\"; sleep 30; echo never"\n        step name="cleanup" always=#true run="echo cleanup"\n`,
      );
      const r = workflowRepo(kdl);
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env: { SOLSTICE_KILL_GRACE: "1" }, stop: { signals: ["SIGTERM"] } });
      expectFinished(s, "cancelled", 143);
      expect(s.stdout).toBe("one\nlong\n");
      expect(summary(s)).toEqual(["1 one success", "2 long failure", "3 cleanup skipped"]);
      expectSummaryLast(s, 3);
    },
    { allShells: true },
  );
});

describe.concurrent("bad workflow files: workflow.kdl:LINE:COL, exit 65, before any step", () => {
  const bad: { name: string; kdl: string | Buffer; error: string | RegExp; files?: FileTree }[] = [
    {
      name: "a step without run",
      kdl: oneJob(`        step name="s" run="echo a"\n        step name="empty"\n`),
      error: "workflow.kdl:4:9: step 'empty' has no run; add run=\"...\" or a run child node with the script",
    },
    {
      name: 'a wrong type: timeout="x"',
      kdl: oneJob(`        step name="s" timeout="x" run="echo a"\n`),
      error: 'workflow.kdl:3:31: a step\'s timeout must be a whole number of seconds (0 for no limit), not the string "x"',
    },
    {
      name: "a job timeout that is not a whole number",
      kdl: oneJob(`        step name="s" run="echo a"\n`, `        timeout -5\n`),
      error: "workflow.kdl:3:17: the job's timeout must be a whole number of seconds (0 for no limit), not the number -5",
    },
    {
      name: "always that is not a boolean",
      kdl: oneJob(`        step name="s" always="yes" run="echo a"\n`),
      error: 'workflow.kdl:3:30: always must be #true or #false, not the string "yes"',
    },
    { name: "a shell other than sh or bash", kdl: oneJob(`        step name="s" shell="zsh" run="echo a"\n`), error: 'workflow.kdl:3:29: shell must be "sh" or "bash", not "zsh"' },
    {
      name: "a workdir with ..",
      kdl: oneJob(`        step name="s" workdir="sub/../../etc" run="pwd"\n`),
      error: "workflow.kdl:3:31: workdir \"sub/../../etc\" leaves the workspace ('..'); give a path inside it",
    },
    {
      name: "an absolute workdir",
      kdl: oneJob(`        step name="s" workdir="/etc" run="pwd"\n`),
      error: 'workflow.kdl:3:31: workdir "/etc" is an absolute path; give a path relative to the workspace',
    },
    {
      name: "a workdir that leaves through a symlink",
      kdl: oneJob(`        step name="s" workdir="out" run="pwd"\n`),
      files: { out: { symlink: "/tmp" } },
      error: /^workflow\.kdl:3:9: step 's': workdir out leads out of the workspace \(to \/tmp\) through a symlink; give a directory inside it$/,
    },
    { name: "a job without an id", kdl: `workflow {\n    job runs_on="x" {\n        step name="s" run="echo a"\n    }\n}\n`, error: /^workflow\.kdl:2:5: a job needs id="\.\.\."/ },
    {
      name: "two jobs with one id",
      kdl: `workflow {\n    job id="a" {\n        step run="echo a"\n    }\n    job id="a" {\n        step run="echo b"\n    }\n}\n`,
      error: 'workflow.kdl:5:5: job id "a" is used twice (first at line 2); give each job its own id',
    },
    {
      name: "run given twice",
      kdl: oneJob(`        step name="s" run="echo a" {\n            run "echo b"\n        }\n`),
      error: "workflow.kdl:4:13: step 's' has run twice; give it once, as a property or as a child node",
    },
    {
      name: "an env name that is not a variable name",
      kdl: oneJob(`        step name="s" run="echo a"\n`, `        env MY-VAR="x"\n`),
      error: "workflow.kdl:3:13: 'MY-VAR' is not a valid variable name; use letters, digits and '_', not starting with a digit",
    },
    { name: "no workflow node", kdl: `job id="a" {\n    step run="echo a"\n}\n`, error: /^workflow\.kdl:1:1: no workflow node/ },
    { name: "an empty file", kdl: "", error: /^workflow\.kdl:1:1: no workflow node/ },
    { name: "a workflow without jobs", kdl: `workflow name="W" {\n}\n`, error: /^workflow\.kdl:1:1: the workflow has no job/ },
    { name: "a job without steps", kdl: `workflow {\n    job id="a" {\n        timeout 5\n    }\n}\n`, error: /^workflow\.kdl:2:5: job "a" has no steps/ },
  ];
  for (const c of bad) {
    scenario(`refused: ${c.name}`, async () => {
      const s = await runWorkflow(c.kdl, { files: { "ran.sh": "touch ran\n", ...c.files } });
      expectRefused(s, c.error);
    });
  }

  scenario(
    "an error in a job that is not chosen still refuses the file",
    async () => {
      const kdl = `workflow {\n    job id="good" {\n        step run="echo good"\n    }\n    job id="bad" {\n        step name="x" timeout="soon" run="echo bad"\n    }\n}\n`;
      const s = await runWorkflow(kdl, { env: { SOLSTICE_JOB_ID: "good" } });
      expectRefused(s, /^workflow\.kdl:6:31: a step's timeout must be a whole number/);
    },
    { allShells: true },
  );
});

describe.concurrent("the entry", () => {
  scenario("a .solstice/workflow.kdl that is a directory is refused (66), not run past to job.sh", async () => {
    const r = repo({ files: { ".solstice/workflow.kdl/README": "not a workflow\n", ".solstice/job.sh": { content: "#!/bin/sh\necho never\n", executable: true } } });
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head) });
    expectFinished(s, "error", 66);
    expect(errorMessage(s)).toMatch(/^\.solstice\/workflow\.kdl is not a readable file/);
    expect(s.stdout).toBe("");
  });
});

describe.concurrent("warnings", () => {
  scenario(
    "an unknown node or property is a warning with its place, and the run goes on",
    async () => {
      const kdl = `workflow name="W" colour="blue" {\n    matrix os="linux"\n    job id="a" {\n        step name="s" run="echo ran" retries=3\n    }\n}\n`;
      const s = await runWorkflow(kdl);
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("ran\n");
      const warnings = s.events.filter((e) => e.level === "WARN").map((e) => e.message);
      expect(warnings).toEqual([
        "workflow.kdl:1:19: unknown property 'colour' of 'workflow'; it is ignored",
        "workflow.kdl:2:5: unknown node 'matrix' in 'workflow'; it is ignored",
        "workflow.kdl:4:38: unknown property 'retries' of 'step'; it is ignored",
      ]);
    },
    { allShells: true },
  );
});

/** A one-job workflow the parser must read as it is written: these bytes. */
const SIMPLE = `workflow name="W" {\n    job id="a" {\n        step name="first" run="echo first"\n        step name="second" {\n            run """\n                echo second\n                echo third\n                """\n        }\n    }\n}\n`;

describe.concurrent("what the file is made of", () => {
  scenario(
    "syntax error: an unclosed string is refused at its place",
    async () => {
      const s = await runWorkflow(`workflow {\n    job id="a" {\n        step name="s" run="echo oops\n    }\n}\n`);
      expectRefused(s, /^workflow\.kdl:3:37: a quoted string /);
    },
    { allShells: true },
  );

  scenario("syntax error: a children block never closed is refused", async () => {
    const s = await runWorkflow(`workflow {\n    job id="a" {\n        step name="s" run="echo a"\n}\n`);
    expectRefused(s, /^workflow\.kdl:\d+:\d+: \S/);
  });

  scenario("syntax error: a stray '=' is refused at its line", async () => {
    const s = await runWorkflow(`workflow {\n    job id="a" {\n        step name= = "s" run="echo a"\n    }\n}\n`);
    expectRefused(s, /^workflow\.kdl:3:\d+: \S/);
  });

  scenario(
    "a KDL v1 document is read as v1",
    async () => {
      const v1 = `workflow name="v1" {\n    job id="a" {\n        step name="one" run="echo one" continue_on_error=true\n        step name="two" run="echo \\"quoted\\"" always=false\n        step name="three" run=r#"echo raw "v1""#\n    }\n}\n`;
      const s = await runWorkflow(v1);
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("one\nquoted\nraw v1\n");
    },
    { allShells: true },
  );

  scenario(
    "a CRLF file runs as its LF twin",
    async () => {
      const s = await runWorkflow(SIMPLE.replaceAll("\n", "\r\n"));
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("first\nsecond\nthird\n");
    },
    { allShells: true },
  );

  scenario(
    "a file with a BOM runs",
    async () => {
      const s = await runWorkflow(`\uFEFF${SIMPLE}`);
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("first\nsecond\nthird\n");
    },
    { allShells: true },
  );

  scenario("UTF-8 names and values pass through to the step", async () => {
    const s = await runWorkflow(oneJob(`        step name="Prüfung ✓" run="echo grüße"\n`));
    expectFinished(s, "success", 0);
    expect(Buffer.from(s.stdout, "latin1").toString("utf8")).toBe("grüße\n");
    expect(Buffer.from(events(s, "step summary")[0]!.step!, "latin1").toString("utf8")).toBe("Prüfung ✓");
  });

  scenario(
    "bytes that are not UTF-8 are refused with their place",
    async () => {
      const kdl = Buffer.concat([Buffer.from(`workflow {\n    job id="a" {\n        step name="s" run="echo `), Buffer.from([0xff, 0xfe]), Buffer.from(`"\n    }\n}\n`)]);
      const s = await runWorkflow(kdl);
      expectRefused(s, /^workflow\.kdl:3:\d+: \S/);
    },
    { allShells: true },
  );

  scenario(
    "a 20 KB workflow: the chosen job among many runs",
    async () => {
      let kdl = `// A big workflow: many jobs, comments, multi-line scripts.\nworkflow name="big" {\n    env LEVEL="top"\n`;
      let n = 0;
      while (kdl.length < 20_000) {
        kdl += `    /* job ${n} */\n    job id="job-${n}" runs_on="image-${n}" {\n        timeout 600\n        env N="${n}"\n`;
        for (let k = 0; k < 4; k++) kdl += `        step name="step ${k} of job ${n}" run="echo job $N step ${k} $LEVEL" // a comment\n`;
        kdl += `        step name="script" {\n            run """\n                echo multi $N\n                echo line\n                """\n        }\n    }\n`;
        n++;
      }
      kdl += "}\n";
      expect(kdl.length).toBeGreaterThanOrEqual(20_000);
      const last = n - 1;
      const s = await runWorkflow(kdl, { env: { SOLSTICE_JOB_ID: `job-${last}` } });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe(`job ${last} step 0 top\njob ${last} step 1 top\njob ${last} step 2 top\njob ${last} step 3 top\nmulti ${last}\nline\n`);
      expect(summary(s)).toHaveLength(5);
    },
    { allShells: true },
  );
});
