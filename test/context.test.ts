// The job context: SOLSTICE_* variables over the job file, the secrets file,
// and the checks of contract section 1. buildContext is fed plain values;
// readContextFrom and readContext read real files and the real environment.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, test, vi } from "vitest";
import {
  buildContext,
  DEFAULT_JOB_FILE,
  DEFAULT_SECRETS_FILE,
  fileFromLines,
  jobMapKeys,
  missingFile,
  readContext,
  readContextFrom,
  type ContextFile,
  type JobContext,
} from "../src/runner/context";
import { environmentVars, type EnvVar } from "../src/runner/context-settings";
import { linesOf } from "./support/text";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const SHA256 = "0123456789abcdef".repeat(4);
const JOB_PATH = "/etc/solstice/job.yaml";
const SECRETS_PATH = "/etc/solstice/secrets.yaml";

function jobFile(text: string): ContextFile {
  return fileFromLines(JOB_PATH, linesOf(text), jobMapKeys());
}

function secretsFile(text: string): ContextFile {
  return fileFromLines(SECRETS_PATH, linesOf(text), []);
}

function vars(pairs: Record<string, string>): EnvVar[] {
  return Object.entries(pairs).map(([name, value]) => ({ name, value }));
}

const BASE = `repo_url: https://example.com/org/repo.git\ncommit_sha: ${SHA}\n`;

function build(job: string, env: Record<string, string> = {}, secrets = ""): JobContext {
  return buildContext(vars(env), jobFile(job), secrets === "" ? missingFile(SECRETS_PATH) : secretsFile(secrets));
}

function expectError(ctx: JobContext, exitCode: number, error: string): void {
  expect(ctx.error).toBe(error);
  expect(ctx.exitCode).toBe(exitCode);
  expect(ctx.ok).toBe(false);
}

describe("a complete job file", () => {
  const ctx = build(
    [
      "# written by the orchestrator",
      "repo_url: git@github.com:org/repo.git",
      `commit_sha: "${SHA.toUpperCase()}"`,
      "job_id: linux-build",
      "run_id: 7f3e-01",
      "timeout: 3600",
      "submodules: recursive",
      "labels: gpu",
      "env:",
      "  RUST_BACKTRACE: 1",
      "  GREETING: 'hello, world'",
      "secrets:",
      "  DEPLOY_KEY: |",
      "    -----BEGIN KEY-----",
      "    abc",
      "    -----END KEY-----",
      "",
    ].join("\n"),
  );
  test("fields", () => {
    expect(ctx.ok).toBe(true);
    expect(ctx.exitCode).toBe(0);
    expect(ctx.error).toBe("");
    expect(ctx.repoUrl).toBe("git@github.com:org/repo.git");
    expect(ctx.commitSha).toBe(SHA);
    expect(ctx.jobId).toBe("linux-build");
    expect(ctx.runId).toBe("7f3e-01");
    expect(ctx.timeout).toBe(3600);
    expect(ctx.submodules).toBe("recursive");
    expect(ctx.jobFile).toBe(JOB_PATH);
    expect(ctx.secretsFile).toBe("");
  });
  test("env and secrets keep order, values and lines", () => {
    expect(ctx.env).toEqual([
      { key: "RUST_BACKTRACE", value: "1", line: 10 },
      { key: "GREETING", value: "hello, world", line: 11 },
    ]);
    expect(ctx.secrets).toEqual([{ key: "DEPLOY_KEY", value: "-----BEGIN KEY-----\nabc\n-----END KEY-----\n", line: 13 }]);
  });
  test("unknown keys are warnings", () => {
    expect(ctx.warnings).toEqual([
      "job file /etc/solstice/job.yaml: line 8: unknown key 'labels' ignored; " + "this runner knows repo_url, commit_sha, job_id, run_id, timeout, submodules, env and secrets",
    ]);
  });
  test("defaults of the environment settings", () => {
    expect(ctx.settings).toMatchObject({
      workdir: "/root/work",
      logFormat: "text",
      logLevel: "info",
      killGrace: 10,
      fetchRetries: 3,
      reportDeadline: 120,
      orchestratorAddr: "",
      runnerToken: "",
      orchestratorCa: "",
    });
  });
});

describe("the environment over the job file", () => {
  test("variables override keys", () => {
    const ctx = build(BASE + "job_id: a\nrun_id: b\n", {
      SOLSTICE_REPO_URL: "https://mirror.example/repo.git",
      SOLSTICE_COMMIT_SHA: SHA256,
      SOLSTICE_JOB_ID: "from-env",
      SOLSTICE_RUN_ID: "run-env",
    });
    expect(ctx.ok).toBe(true);
    expect(ctx.repoUrl).toBe("https://mirror.example/repo.git");
    expect(ctx.commitSha).toBe(SHA256);
    expect(ctx.jobId).toBe("from-env");
    expect(ctx.runId).toBe("run-env");
  });
  test("an overridden key is not checked", () => {
    const ctx = build("repo_url: ext::sh -c evil\ncommit_sha: nope\n", {
      SOLSTICE_REPO_URL: "https://example.com/r.git",
      SOLSTICE_COMMIT_SHA: SHA,
    });
    expect(ctx.ok).toBe(true);
  });
  test("an empty variable counts as unset", () => {
    const ctx = build(BASE, { SOLSTICE_REPO_URL: "", SOLSTICE_LOG_FORMAT: "" });
    expect(ctx.ok).toBe(true);
    expect(ctx.repoUrl).toBe("https://example.com/org/repo.git");
    expect(ctx.settings.logFormat).toBe("text");
  });
  test("no job file is fine when the environment has what is needed", () => {
    const ctx = buildContext(vars({ SOLSTICE_REPO_URL: "https://example.com/r.git", SOLSTICE_COMMIT_SHA: SHA }), missingFile(JOB_PATH), missingFile(SECRETS_PATH));
    expect(ctx.ok).toBe(true);
    expect(ctx.jobFile).toBe("");
    expect(ctx.timeout).toBe(0);
    expect(ctx.submodules).toBe("false");
  });
  test("an error in the environment names the variable", () => {
    expectError(
      build(BASE, { SOLSTICE_COMMIT_SHA: "abc123" }),
      65,
      'environment variable SOLSTICE_COMMIT_SHA must be the full commit SHA, 40 or 64 hexadecimal digits, not "abc123"; ' + "an abbreviated SHA, a branch or a tag is not accepted",
    );
  });
});

describe("required fields", () => {
  test("missing repo_url in a job file", () => {
    expectError(build(`commit_sha: ${SHA}\n`), 65, "job file /etc/solstice/job.yaml: repo_url is missing; add 'repo_url: ...' to the file, or set SOLSTICE_REPO_URL");
  });
  test("missing commit_sha in a job file", () => {
    expectError(
      build("repo_url: https://x.example/r\n"),
      65,
      "job file /etc/solstice/job.yaml: commit_sha is missing; add 'commit_sha: ...' to the file, or set SOLSTICE_COMMIT_SHA",
    );
  });
  test("no job file and no variable", () => {
    expectError(
      buildContext(vars({ SOLSTICE_COMMIT_SHA: SHA }), missingFile(JOB_PATH), missingFile(SECRETS_PATH)),
      66,
      "no job file at /etc/solstice/job.yaml and SOLSTICE_REPO_URL is not set; provide the job file " + "(or point SOLSTICE_JOB_FILE at it), or set SOLSTICE_REPO_URL",
    );
  });
  test("empty repo_url", () => {
    expectError(
      build(`repo_url:\ncommit_sha: ${SHA}\n`),
      65,
      "job file /etc/solstice/job.yaml: line 1: repo_url is empty; set it to an https://, http://, ssh://, git:// or file:// URL, or user@host:path",
    );
  });
  test("empty commit_sha", () => {
    expectError(
      build(`repo_url: https://x.example/r\ncommit_sha: ''\n`),
      65,
      "job file /etc/solstice/job.yaml: line 2: commit_sha is empty; set it to the full commit SHA (40 or 64 hexadecimal digits)",
    );
  });
});

describe("commit_sha", () => {
  test.each([
    [SHA, SHA],
    [SHA.toUpperCase(), SHA],
    ["ABCDEFabcdef0123456789ABCDEFabcdef012345", "abcdefabcdef0123456789abcdefabcdef012345"],
    [SHA256, SHA256],
    [SHA256.toUpperCase(), SHA256],
  ])("%s is accepted", (sha, stored) => {
    const ctx = build(`repo_url: https://x.example/r\ncommit_sha: ${sha}\n`);
    expect(ctx.ok).toBe(true);
    expect(ctx.commitSha).toBe(stored);
  });
  test.each([SHA.slice(1), SHA + "0", "g" + SHA.slice(1), SHA256 + "00", "main", "v1.0", "0123abcd"])("%s is refused", (sha) => {
    const ctx = build(`repo_url: https://x.example/r\ncommit_sha: ${sha}\n`);
    expect(ctx.exitCode).toBe(65);
    expect(ctx.error).toBe(
      `job file /etc/solstice/job.yaml: line 2: commit_sha must be the full commit SHA, 40 or 64 hexadecimal digits, ` +
        `not "${sha}"; an abbreviated SHA, a branch or a tag is not accepted`,
    );
  });
});

describe("repo_url", () => {
  test.each([
    "https://example.com/org/repo.git",
    "https://user:token@example.com/org/repo.git",
    "http://10.0.0.2:8080/repo",
    "ssh://git@example.com:2222/org/repo.git",
    "ssh://[::1]/repo.git",
    "git://example.com/repo",
    "file:///srv/git/repo.git",
    "git@github.com:org/repo.git",
    "deploy@10.0.0.5:/srv/repo.git",
    "git@[::1]:repo.git",
    "user@host:path with space",
  ])("%s is accepted", (url) => {
    const ctx = build(`repo_url: '${url}'\ncommit_sha: ${SHA}\n`);
    expect(ctx.error).toBe("");
    expect(ctx.repoUrl).toBe(url);
  });

  const ALLOWED = "an https://, http://, ssh://, git:// or file:// URL, or user@host:path";
  test.each([
    ["ext::sh -c touch% /tmp/pwned", `uses git's remote-helper syntax (transport::address, as in ext:: or fd::), which can run commands; use ${ALLOWED}`],
    ["fd::17", `uses git's remote-helper syntax (transport::address, as in ext:: or fd::), which can run commands; use ${ALLOWED}`],
    ["https::example.com/repo", `uses git's remote-helper syntax (transport::address, as in ext:: or fd::), which can run commands; use ${ALLOWED}`],
    ["-uhttps://example.com/repo", `starts with '-', which git would take as an option; use ${ALLOWED}`],
    ["--upload-pack=touch /tmp/x", `starts with '-', which git would take as an option; use ${ALLOWED}`],
    ["ftp://example.com/repo", `uses the scheme ftp://, which is not allowed; use ${ALLOWED}`],
    ["HTTPS://example.com/repo", `uses the scheme HTTPS://, which is not allowed; use ${ALLOWED}`],
    ["git+ssh://example.com/repo", `uses the scheme git+ssh://, which is not allowed; use ${ALLOWED}`],
    ["/srv/git/repo.git", `is not a URL git may fetch; use ${ALLOWED} (a local repository is written file:///path/to/repo)`],
    ["example.com/org/repo", `is not a URL git may fetch; use ${ALLOWED} (a local repository is written file:///path/to/repo)`],
    ["github.com:org/repo.git", "has no user; the scp-like form is user@host:path (e.g. git@example.com:org/repo.git)"],
    ["git@github.com:", "has no repository path after 'host:'; write user@host:path"],
    ["git@:repo", "has no host in its user@host:path form; write user@host:path"],
    ["git@-oProxyCommand=x:repo", "has a host name starting with '-', which ssh would take as an option"],
    ["git@host:-repo", "has a path starting with '-', which ssh would take as an option"],
    ["ssh://-oProxyCommand=touch%20x/repo", "has a host name starting with '-', which ssh would take as an option"],
    ["ssh://-oProxyCommand=x@host/repo", "has a user name starting with '-', which ssh would take as an option"],
    ["https://", "has no host after the scheme; write scheme://host/path"],
    ["https:///repo", "has no host after the scheme; write scheme://host/path"],
    ["file://", "has no path; write file:///path/to/repo"],
    ["https://example.com/r\x01", "contains the control character 0x01; remove it"],
    ["https://example.com/r\x7f", "contains the control character 0x7F; remove it"],
  ])("%j is refused", (url, problem) => {
    const ctx = build(BASE, { SOLSTICE_REPO_URL: url });
    expectError(ctx, 65, `environment variable SOLSTICE_REPO_URL ${problem}`);
  });
  test("a newline or tab in the variable is refused", () => {
    for (const [url, code] of [
      ["https://x.example/r\nevil", "0x0A"],
      ["https://x.example/\tr", "0x09"],
    ]) {
      expectError(build(BASE, { SOLSTICE_REPO_URL: url }), 65, `environment variable SOLSTICE_REPO_URL contains the control character ${code}; remove it`);
    }
  });
  test("credentials are not repeated in errors", () => {
    const ctx = build(BASE, { SOLSTICE_REPO_URL: "ftp://user:hunter2@example.com/r" });
    expect(ctx.ok).toBe(false);
    expect(ctx.error).not.toContain("hunter2");
  });
});

describe("timeout and submodules", () => {
  test.each([
    ["0", 0],
    ["3600", 3600],
    ["'600'", 600],
    ["007", 7],
    ["2147483647", 2147483647],
  ])("timeout %s", (text, seconds) => {
    const ctx = build(BASE + `timeout: ${text}\n`);
    expect(ctx.error).toBe("");
    expect(ctx.timeout).toBe(seconds);
  });
  test("empty timeout means none", () => {
    expect(build(BASE + "timeout:\n").timeout).toBe(0);
  });
  test.each(["-1", "1h", "1.5", "+5", "ten", "1 000"])("timeout %s is refused", (text) => {
    expectError(build(BASE + `timeout: ${text}\n`), 65, `job file /etc/solstice/job.yaml: line 3: timeout must be a whole number of seconds (0 for no limit), not "${text}"`);
  });
  test.each(["2147483648", "99999999999"])("timeout %s is too large", (text) => {
    expectError(build(BASE + `timeout: ${text}\n`), 65, "job file /etc/solstice/job.yaml: line 3: timeout is too large; at most 2147483647 seconds (0 for no limit)");
  });
  test.each([
    ["true", "true"],
    ["True", "true"],
    ["TRUE", "true"],
    ["false", "false"],
    ["FALSE", "false"],
    ["'recursive'", "recursive"],
    ["", "false"],
  ])("submodules %j", (text, word) => {
    const ctx = build(BASE + `submodules: ${text}\n`);
    expect(ctx.error).toBe("");
    expect(ctx.submodules).toBe(word);
  });
  test.each(["yes", "on", "1", "tRUE", "Recursive"])("submodules %s is refused", (text) => {
    expectError(build(BASE + `submodules: ${text}\n`), 65, `job file /etc/solstice/job.yaml: line 3: submodules must be true, false or recursive, not "${text}"`);
  });
  test("job_id with a control character", () => {
    expectError(build(BASE + 'job_id: "a\\tb"\n'), 65, "job file /etc/solstice/job.yaml: line 3: job_id contains a control character; write the job's id");
  });
});

describe("env and secrets", () => {
  test("bad env name", () => {
    expectError(
      build(BASE + "env:\n  GOOD: 1\n  2BAD: x\n"),
      65,
      "job file /etc/solstice/job.yaml: line 5: env name '2BAD' is not a valid variable name; " + "use letters, digits and '_', not starting with a digit",
    );
  });
  test("bad secrets name in the job file", () => {
    expectError(
      build(BASE + "secrets:\n  MY-KEY: x\n"),
      65,
      "job file /etc/solstice/job.yaml: line 4: secrets name 'MY-KEY' is not a valid variable name; " + "use letters, digits and '_', not starting with a digit",
    );
  });
  test("bad name in the secrets file", () => {
    expectError(
      build(BASE, {}, "OK: x\nbad.name: y\n"),
      65,
      "secrets file /etc/solstice/secrets.yaml: line 2: secret name 'bad.name' is not a valid variable name; " + "use letters, digits and '_', not starting with a digit",
    );
  });
  test("values are data, never evaluated", () => {
    const ctx = build(BASE + 'env:\n  X: $(touch /tmp/pwned); `id`\n  Y: "a\\nb"\n');
    expect(ctx.env.map((p) => p.value)).toEqual(["$(touch /tmp/pwned); `id`", "a\nb"]);
  });
  test("the secrets file adds to the job file's secrets and wins a clash", () => {
    const ctx = build(BASE + "secrets:\n  A: from-job\n  B: only-job\n", {}, "C: only-file\nA: from-file\n");
    expect(ctx.ok).toBe(true);
    expect(ctx.secrets).toEqual([
      { key: "A", value: "from-file", line: 2 },
      { key: "B", value: "only-job", line: 5 },
      { key: "C", value: "only-file", line: 1 },
    ]);
    expect(ctx.warnings).toEqual([
      "secret A is set in the job file /etc/solstice/job.yaml (line 4) and in the secrets file " + "/etc/solstice/secrets.yaml (line 2); the secrets file's value is used",
    ]);
    expect(ctx.secretsFile).toBe(SECRETS_PATH);
  });
  test("the secrets file is flat: a secret may be called env", () => {
    const ctx = build(BASE, {}, "env: x\n");
    expect(ctx.secrets).toEqual([{ key: "env", value: "x", line: 1 }]);
    expect(ctx.env).toEqual([]);
  });
  test("secret values appear in no message", () => {
    const ctx = build(BASE + "secrets:\n  A: hunter2-job\n", {}, "A: hunter2-file\nB: |\n  hunter2-block\n");
    expect(JSON.stringify([ctx.error, ctx.warnings])).not.toContain("hunter2");
    const bad = build(BASE, {}, "A: 'hunter2-unclosed\n");
    expect(bad.error).not.toContain("hunter2");
  });
});

describe("YAML errors", () => {
  test("in the job file", () => {
    expectError(build(BASE + "env:\n\tA: x\n"), 65, "job file /etc/solstice/job.yaml: line 4: tab used for indentation; YAML indents with spaces only");
  });
  test("in the secrets file", () => {
    expectError(
      build(BASE, {}, "A: x\nB:\n  C: y\n"),
      65,
      "secrets file /etc/solstice/secrets.yaml: line 3: unexpected indentation under 'B': nested mappings are not " +
        "allowed in this file, and its value belongs on its line; write 'B: value' on one line (quote the value if needed)",
    );
  });
});

describe("SOLSTICE_* settings", () => {
  test("all given", () => {
    const ctx = build(BASE + "run_id: r1\n", {
      SOLSTICE_WORKDIR: "/var/lib//solstice/./work/",
      SOLSTICE_LOG_FORMAT: "JSON",
      SOLSTICE_LOG_LEVEL: "debug",
      SOLSTICE_KILL_GRACE: "0",
      SOLSTICE_FETCH_RETRIES: "5",
      SOLSTICE_REPORT_DEADLINE: "30",
      SOLSTICE_ORCHESTRATOR_ADDR: "orchestrator.internal:50051",
      SOLSTICE_RUNNER_TOKEN: "tok-123",
      SOLSTICE_ORCHESTRATOR_CA: "/etc/solstice/ca.pem",
    });
    expect(ctx.error).toBe("");
    expect(ctx.settings).toMatchObject({
      workdir: "/var/lib/solstice/work",
      logFormat: "json",
      logLevel: "debug",
      killGrace: 0,
      fetchRetries: 5,
      reportDeadline: 30,
      orchestratorAddr: "orchestrator.internal:50051",
      runnerToken: "tok-123",
      orchestratorCa: "/etc/solstice/ca.pem",
    });
    expect(ctx.warnings).toEqual([]);
  });
  test.each([
    ["SOLSTICE_WORKDIR", "work", 'must be an absolute path (starting with /), not "work"'],
    ["SOLSTICE_WORKDIR", "/", "is the root directory, which the runner never cleans; use a directory of its own, e.g. /root/work"],
    ["SOLSTICE_WORKDIR", "//./", "is the root directory, which the runner never cleans; use a directory of its own, e.g. /root/work"],
    ["SOLSTICE_WORKDIR", "/root/../", `must not contain '..', as in "/root/../"; write the path out in full`],
    ["SOLSTICE_LOG_FORMAT", "yaml", 'must be text or json, not "yaml"'],
    ["SOLSTICE_LOG_LEVEL", "verbose", 'must be error, warn, info, debug or trace, not "verbose"'],
    ["SOLSTICE_KILL_GRACE", "-1", 'must be a whole number (0 or more), not "-1"; fix it, or unset it for the default 10'],
    ["SOLSTICE_KILL_GRACE", "10s", 'must be a whole number (0 or more), not "10s"; fix it, or unset it for the default 10'],
    ["SOLSTICE_FETCH_RETRIES", "0", 'must be a whole number of at least 1, not "0"; fix it, or unset it for the default 3'],
    ["SOLSTICE_REPORT_DEADLINE", "9999999999", "is too large (at most 2147483647); fix it, or unset it for the default 120"],
    ["SOLSTICE_ORCHESTRATOR_ADDR", "orchestrator", 'must be host:port (e.g. orchestrator.example:50051), not "orchestrator"'],
    ["SOLSTICE_ORCHESTRATOR_ADDR", "https://o.example:443", 'must be host:port without a scheme or path, not "https://o.example:443"'],
    ["SOLSTICE_ORCHESTRATOR_ADDR", "o.example:99999", 'has a bad port in "o.example:99999"; the port is a number from 1 to 65535'],
    ["SOLSTICE_ORCHESTRATOR_ADDR", "::1:50051", "has more than one ':'; write an IPv6 address in brackets, as [::1]:50051"],
    ["SOLSTICE_RUNNER_TOKEN", "tok\nen", "contains a control character or newline; set it to the bare token"],
  ])("%s=%j is refused", (name, value, problem) => {
    expectError(build(BASE, { [name]: value }), 65, `environment variable ${name} ${problem}`);
  });
  test("IPv6 orchestrator address", () => {
    expect(build(BASE + "run_id: r\n", { SOLSTICE_ORCHESTRATOR_ADDR: "[::1]:50051" }).settings.orchestratorAddr).toBe("[::1]:50051");
  });
  test("streaming without a run id is a warning", () => {
    const ctx = build(BASE, { SOLSTICE_ORCHESTRATOR_ADDR: "o.example:50051" });
    expect(ctx.ok).toBe(true);
    expect(ctx.warnings).toEqual(["SOLSTICE_ORCHESTRATOR_ADDR is set but no run id is given (SOLSTICE_RUN_ID or run_id); logs will not be streamed"]);
  });
  test("the token never appears in errors", () => {
    const ctx = build(BASE, { SOLSTICE_RUNNER_TOKEN: "hunter2\x01" });
    expect(ctx.ok).toBe(false);
    expect(ctx.error).not.toContain("hunter2");
  });
});

describe("reading real files", () => {
  const dir = mkdtempSync(join(tmpdir(), "solstice-context-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, text: string | Buffer): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  test("job and secrets files named in the environment", () => {
    const job = write("job.yaml", `repo_url: https://example.com/r.git\r\ncommit_sha: ${SHA}\r\nenv:\r\n  GREETING: "gr\\u00fc\\u00df dich"\r\n  RAW: caf\u00e9\r\n`);
    const secrets = write("secrets.yaml", "TOKEN: |-\n  line1\n  line2\n");
    const ctx = readContextFrom(vars({ SOLSTICE_JOB_FILE: job, SOLSTICE_SECRETS_FILE: secrets }));
    expect(ctx.error).toBe("");
    expect(ctx.jobFile).toBe(job);
    expect(ctx.secretsFile).toBe(secrets);
    // Byte strings: UTF-8 in the file, or from an escape, comes out as the same bytes.
    expect(ctx.env).toEqual([
      { key: "GREETING", value: Buffer.from("gr\u00fc\u00df dich", "utf8").toString("latin1"), line: 4 },
      { key: "RAW", value: "caf\xc3\xa9", line: 5 },
    ]);
    expect(ctx.secrets).toEqual([{ key: "TOKEN", value: "line1\nline2", line: 1 }]);
  });
  test("a named job file that does not exist", () => {
    const missing = join(dir, "nope.yaml");
    expectError(
      readContextFrom(vars({ SOLSTICE_JOB_FILE: missing })),
      66,
      `SOLSTICE_JOB_FILE names job file ${missing}, which does not exist; fix the path, or unset SOLSTICE_JOB_FILE`,
    );
  });
  test("a named secrets file that does not exist", () => {
    const job = write("job2.yaml", BASE);
    const missing = join(dir, "secrets-nope.yaml");
    expectError(
      readContextFrom(vars({ SOLSTICE_JOB_FILE: job, SOLSTICE_SECRETS_FILE: missing })),
      66,
      `SOLSTICE_SECRETS_FILE names secrets file ${missing}, which does not exist; fix the path, or unset SOLSTICE_SECRETS_FILE`,
    );
  });
  test("a directory as the job file", () => {
    const sub = join(dir, "adir");
    mkdirSync(sub);
    expectError(readContextFrom(vars({ SOLSTICE_JOB_FILE: sub })), 66, `job file ${sub} is not a regular file; point SOLSTICE_JOB_FILE at the file itself`);
  });
  test.skipIf(process.getuid?.() === 0)("an unreadable job file", () => {
    const job = write("locked.yaml", BASE);
    chmodSync(job, 0o000);
    expectError(readContextFrom(vars({ SOLSTICE_JOB_FILE: job })), 66, `job file ${job} cannot be read; make it readable by the runner's user`);
  });
  test("a YAML error carries the path and line", () => {
    const job = write("bad.yaml", BASE + "timeout: [1]\n");
    expectError(readContextFrom(vars({ SOLSTICE_JOB_FILE: job })), 65, `job file ${job}: line 3: flow collections ([...] and {...}) are not supported; put the value in quotes`);
  });
  test("an empty job file with the environment", () => {
    const job = write("empty.yaml", "");
    const ctx = readContextFrom(vars({ SOLSTICE_JOB_FILE: job, SOLSTICE_REPO_URL: "https://example.com/r", SOLSTICE_COMMIT_SHA: SHA }));
    expect(ctx.error).toBe("");
    expect(ctx.jobFile).toBe(job);
  });
  test("a missing CA file", () => {
    const job = write("job3.yaml", BASE);
    const ca = join(dir, "ca.pem");
    expectError(
      readContextFrom(vars({ SOLSTICE_JOB_FILE: job, SOLSTICE_ORCHESTRATOR_CA: ca })),
      66,
      `SOLSTICE_ORCHESTRATOR_CA names ${ca}, which is not a readable file; fix the path, ` + "or unset SOLSTICE_ORCHESTRATOR_CA for a plaintext connection",
    );
    write("ca.pem", "-----BEGIN CERTIFICATE-----\n");
    expect(readContextFrom(vars({ SOLSTICE_JOB_FILE: job, SOLSTICE_ORCHESTRATOR_CA: ca })).settings.orchestratorCa).toBe(ca);
  });
  test.skipIf(existsSync(DEFAULT_JOB_FILE) || existsSync(DEFAULT_SECRETS_FILE))("absent default files are not an error when the environment has what is needed", () => {
    const ctx = readContextFrom(vars({ SOLSTICE_REPO_URL: "https://example.com/r", SOLSTICE_COMMIT_SHA: SHA }));
    expect(ctx.error).toBe("");
    expect(ctx.jobFile).toBe("");
    expect(ctx.secretsFile).toBe("");
    expectError(
      readContextFrom(vars({ SOLSTICE_COMMIT_SHA: SHA })),
      66,
      "no job file at /etc/solstice/job.yaml and SOLSTICE_REPO_URL is not set; provide the job file " + "(or point SOLSTICE_JOB_FILE at it), or set SOLSTICE_REPO_URL",
    );
  });
});

describe("the process environment", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  test("environmentVars reads the set, non-empty SOLSTICE_* variables", () => {
    vi.stubEnv("SOLSTICE_REPO_URL", "https://example.com/r");
    vi.stubEnv("SOLSTICE_JOB_ID", "");
    vi.stubEnv("SOLSTICE_RUN_ID", "caf\u00e9");
    vi.stubEnv("SOLSTICE_UNRELATED", "x");
    const got = environmentVars();
    expect(got).toContainEqual({ name: "SOLSTICE_REPO_URL", value: "https://example.com/r" });
    expect(got).toContainEqual({ name: "SOLSTICE_RUN_ID", value: "caf\xc3\xa9" });
    expect(got.map((v) => v.name)).not.toContain("SOLSTICE_JOB_ID");
    expect(got.map((v) => v.name)).not.toContain("SOLSTICE_UNRELATED");
  });
  test("readContext", () => {
    const dir = mkdtempSync(join(tmpdir(), "solstice-env-"));
    try {
      const job = join(dir, "job.yaml");
      writeFileSync(job, `repo_url: https://example.com/r\ncommit_sha: ${SHA}\n`);
      vi.stubEnv("SOLSTICE_JOB_FILE", job);
      vi.stubEnv("SOLSTICE_SECRETS_FILE", "");
      vi.stubEnv("SOLSTICE_COMMIT_SHA", SHA256.toUpperCase());
      const ctx = readContext();
      expect(ctx.error).toBe("");
      expect(ctx.commitSha).toBe(SHA256);
      expect(ctx.jobFile).toBe(job);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
