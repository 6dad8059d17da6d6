// Inputs for the differential input fuzzer (test/runner/input-fuzz.test.ts):
// job files valid and broken, the runner's environment, the command line
// and the workspace, made from a seed. Most inputs end before git runs (bad
// YAML, bad fields, bad settings, a workspace the runner refuses); a few
// fetch the local repository and run its job, and a few fetch from a URL
// that fails at once (a closed port on 127.0.0.1, a missing file:// path).
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { prng as random } from "../support/random";
import type { RunDirs, RunSpec } from "./harness";

/** mulberry32 (test/support/random.ts). */
export { random };

export type Workspace = "missing" | "empty" | "file" | "foreign" | "foreign-git" | "dangling";

export interface FuzzInput {
  /** Which generator made it, for the report. */
  kind: string;
  job?: string;
  secrets?: string;
  env: Record<string, string | undefined>;
  args: string[];
  workspace: Workspace;
  format: "text" | "json";
}

/** What the inputs may point at: the fixture repository and a few odd objects in it. */
export interface Targets {
  url: string;
  head: string;
  tree: string;
  /** Commits whose .solstice/workflow.kdl is one of workflowVariants(). */
  workflows: string[];
}

const WORKFLOW = `workflow name="fz" {
    env FZ_W="w"
    job id="a" {
        step name="one" run="echo one \${FZ_A-unset} \$FZ_W"
        step name="two" run="exit \${FZ_EXIT:-0}"
        step name="three" run="echo three >&2" always=#true
    }
    job id="b" {
        env FZ_B="from-b"
        step name="legacy" run=".solstice/job.sh"
    }
}
`;

/** The workflows the fixture repository holds, one a commit: valid, odd and broken. */
export function workflowVariants(): string[] {
  const rand = random(7);
  const fixed = [
    WORKFLOW,
    WORKFLOW.replace("always=#true", "always=true"),
    WORKFLOW.replace('job id="b"', 'job id="a"'),
    WORKFLOW.replace('run="exit', 'workdir="../out" run="exit'),
    WORKFLOW.replace('run="exit', 'workdir="missing" run="exit'),
    WORKFLOW.replace("    }\n}", "    }\n"),
    WORKFLOW.replace('env FZ_W="w"', 'bogus 1\n    timeout "x"'),
    WORKFLOW.replace('step name="one"', 'step name="one" continue_on_error=#true run="exit 3"\n        step name="one-b"'),
    "",
    'workflow name="no jobs" {\n}\n',
  ];
  for (let i = 0; i < 6; i++) fixed.push(mutate(rand, WORKFLOW));
  return fixed;
}

type Rand = () => number;

function pick<T>(rand: Rand, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function chance(rand: Rand, p: number): boolean {
  return rand() < p;
}

const ENV_NAMES = [
  "FZ_A",
  "FZ_B",
  "FZ_C",
  "FZ_EXIT",
  "fz_lower",
  "_FZ",
  "PATH",
  "PWD",
  "CI",
  "HOME",
  "IFS",
  "ENV",
  "SOLSTICE_TRACKING_ID",
  "SOLSTICE_WORKSPACE",
  "SOLSTICE_RUNNER_TOKEN",
  "SOLSTICE_COMMIT_SHA",
  "__proto__",
  "constructor",
  "1BAD",
  "A-B",
  "A B",
  "$(x)",
  "é",
  "_",
  "A.B",
  "'Q'",
  '"D"',
] as const;

const VALUES = [
  "x",
  "",
  "plain words here",
  "$(echo INJECTED)",
  "`echo INJECTED`",
  "${HOME}",
  "a'b",
  'a"b',
  "a\\b",
  "a  b",
  " lead",
  "trail ",
  "#hash",
  "x #comment",
  "é ü ✓",
  "%x",
  "*",
  "?x",
  "~",
  "=",
  "a=b=c",
  "-",
  "- x",
  "null",
  "true",
  "0x1F",
  "1e3",
  "a;b|c&d",
  "<>",
  "{a: 1}",
  "[1, 2]",
  "&anchor",
  "*alias",
  "!tag",
  "@at",
  "line1\nline2",
  "/nonexistent",
  "3",
  "0",
  "42",
  "s3cret-value",
  "tab\there",
] as const;

/** Names the job file may set (some of them the runner's own: a warning, not an error). */
const VALID_NAMES = ["FZ_A", "FZ_B", "FZ_C", "FZ_EXIT", "fz_lower", "_FZ", "PATH", "PWD", "CI", "IFS", "SOLSTICE_TRACKING_ID", "SOLSTICE_WORKSPACE"] as const;

/**
 * A YAML scalar for `value`, written one of the ways the subset (or a broken
 * YAML) may; `valid`: quoted or a block, which holds any value.
 */
function scalar(rand: Rand, value: string, valid = false): string {
  const style = valid ? 0.45 + rand() * 0.5 : rand();
  if (value.includes("\n") || style < 0.1) {
    const lines = value
      .split("\n")
      .map((l) => `  ${l}`)
      .join("\n");
    return `${valid ? "|" : pick(rand, ["|", ">", "|-", "|+"])}\n${lines}`;
  }
  if (style < 0.45) return value;
  if (style < 0.7) return `'${value.replaceAll("'", "''")}'`;
  if (style < 0.95) return JSON.stringify(value);
  return `'${value}`; // unterminated
}

function mapping(rand: Rand, key: string, names: readonly string[], values: readonly string[], valid = false): string {
  if (valid) {
    const n = 1 + Math.floor(rand() * 3);
    let text = `${key}:\n`;
    for (let i = 0; i < n; i++) text += `  ${pick(rand, VALID_NAMES)}: ${scalar(rand, pick(rand, values), true)}\n`;
    return text;
  }
  if (chance(rand, 0.08)) return `${key}: ${pick(rand, ["", "{}", "[]", "x", "{A: b}", "- a"])}\n`;
  const n = 1 + Math.floor(rand() * 3);
  let text = `${key}:\n`;
  for (let i = 0; i < n; i++) {
    const indent = chance(rand, 0.06) ? pick(rand, [" ", "\t", "    ", "   "]) : "  ";
    text += `${indent}${pick(rand, names)}: ${scalar(rand, pick(rand, values))}\n`;
  }
  return text;
}

const BAD_URLS = [
  "",
  "not a url",
  "ftp://127.0.0.1/x",
  "ext::sh -c touch% /tmp/pwned",
  "fd::17",
  "-oProxyCommand=x",
  "file://",
  "http://",
  "https://user:pa55word@",
  "git@",
  "relative/path",
  "  ",
  "file:///nonexistent/repo.git",
  "http://127.0.0.1:1/repo.git",
  "git://127.0.0.1:1/repo.git",
  "http://user:s3cret-pw@127.0.0.1:1/repo.git",
  "file:///a\tb",
  "http://[::1",
  "HTTP://127.0.0.1:1/x",
];

function badShas(t: Targets): string[] {
  return [
    "",
    "main",
    "HEAD",
    t.head.slice(0, 39),
    `${t.head}0`,
    t.head.toUpperCase(),
    "g".repeat(40),
    "0".repeat(40),
    "0".repeat(64),
    ` ${t.head}`,
    `${t.head.slice(0, 20)} ${t.head.slice(21)}`,
    "-".repeat(40),
    t.tree,
    "12345",
  ];
}

const TIMEOUTS = ["10", "0", "-1", "abc", "1.5", "99999999999999999999", "''", "'30'", "1e2", "0x10", " 5", "+5", "5s"];
const SUBMODULES = ["true", "false", "recursive", "yes", "no", "True", "''", "1"];
const ODD_KEYS = ["foo: bar", "job_id: build", "job_id: ''", "run_id: r-1", "run_id: '$(x)'", "# only a comment", "repo-url: x", "REPO_URL: x", "env: ~"];

/** A job file with the fields in some order, some of them odd. */
function jobText(rand: Rand, t: Targets, url: string, sha: string, extras: number, valid = false): string {
  const lines = [`repo_url: ${url === "" ? "''" : scalar(rand, url, valid)}\n`, `commit_sha: ${sha === "" ? "''" : scalar(rand, sha, valid)}\n`];
  const used = new Set<number>();
  for (let i = 0; i < extras; i++) {
    let r = rand();
    // A valid file has each key once.
    if (valid && used.has(Math.floor(r * 5))) continue;
    used.add(Math.floor(r * 5));
    r = Math.floor(r * 5) / 5 + 0.01;
    if (r < 0.2) lines.push(mapping(rand, "env", ENV_NAMES, VALUES, valid));
    else if (r < 0.4) lines.push(mapping(rand, "secrets", ENV_NAMES, VALUES, valid));
    else if (r < 0.6) lines.push(`timeout: ${valid ? "0" : pick(rand, TIMEOUTS)}\n`);
    else if (r < 0.8) lines.push(`submodules: ${valid ? pick(rand, ["false", "true"]) : pick(rand, SUBMODULES)}\n`);
    else lines.push(`${valid ? pick(rand, ["foo: bar", "run_id: r-1", "# a comment"]) : pick(rand, ODD_KEYS)}\n`);
  }
  if (chance(rand, 0.3)) lines.reverse();
  return lines.join("");
}

const NOISE = ["\0", ":", "'", '"', "#", "-", "?", "\t", "{", "[", "]", "&", "*", "!", "|", ">", "%", "@", "`", "\r", " ", "\n", "\\", "é", "\u00a0"];

/** The text, broken a few ways: characters in, out, lines moved. */
function mutate(rand: Rand, text: string): string {
  let out = text;
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rand() * (out.length + 1));
    const r = rand();
    if (r < 0.4) out = out.slice(0, at) + pick(rand, NOISE) + out.slice(at);
    else if (r < 0.6) out = out.slice(0, at) + out.slice(at + 1);
    else if (r < 0.75) {
      const lines = out.split("\n");
      const k = Math.floor(rand() * lines.length);
      lines.splice(k, 0, lines[Math.floor(rand() * lines.length)]!);
      out = lines.join("\n");
    } else if (r < 0.85) out = out.slice(0, at);
    else out = out.slice(0, at) + pick(rand, ["  ", "\t", "- "]) + out.slice(at);
  }
  return out;
}

const WHOLE_FILES = ["", "\n", "---\n", "[]\n", "- a\n- b\n", "just text\n", "{}\n", "repo_url\n", ":\n", "\ufeff", "...\n", "%YAML 1.2\n---\n"];

function runnerEnv(rand: Rand): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  if (chance(rand, 0.12)) env.SOLSTICE_LOG_LEVEL = pick(rand, ["debug", "trace", "warn", "error", "bogus", "", "INFO"]);
  if (chance(rand, 0.1)) env.SOLSTICE_FETCH_RETRIES = pick(rand, ["0", "-1", "abc", "1", " 1", "01", "1.0"]);
  if (chance(rand, 0.08)) env.SOLSTICE_KILL_GRACE = pick(rand, ["0", "-5", "x", "3", ""]);
  if (chance(rand, 0.08)) env.SOLSTICE_JOB_ID = pick(rand, ["job-1", "", "a b", "$(x)"]);
  if (chance(rand, 0.06)) env.SOLSTICE_RUN_ID = pick(rand, ["run-1", "", "a\tb"]);
  // Never "": that is the default workspace, /root/work, outside the run's directory.
  if (chance(rand, 0.08)) env.SOLSTICE_WORKDIR = pick(rand, ["{{RUN}}/w2/deeper", "relative/dir", "{{RUN}}/job.yaml/under", "{{RUN}}/out"]);
  if (chance(rand, 0.05)) env.SOLSTICE_REPORT_DEADLINE = pick(rand, ["x", "-1", "5"]);
  if (chance(rand, 0.05)) env.TMPDIR = pick(rand, ["{{RUN}}/missing-tmp", "{{RUN}}/job.yaml", "relative-tmp"]);
  if (chance(rand, 0.04)) env.SOLSTICE_RUNNER_TOKEN = "runner-t0ken-value";
  return env;
}

/** One input; about one in six reaches git, and about half of those run the job. */
export function generate(rand: Rand, t: Targets): FuzzInput {
  const input: FuzzInput = { kind: "", env: runnerEnv(rand), args: [], workspace: "missing", format: chance(rand, 0.2) ? "json" : "text" };
  const r = rand();
  if (r < 0.07) {
    input.kind = "args";
    // Only the job's commands: the developer commands (compile, exec, …) are the Node executable's alone.
    input.args = Array.from({ length: 1 + Math.floor(rand() * 2) }, () =>
      pick(rand, ["--help", "-h", "-V", "--version", "--bogus", "run", "help", "help run", "help bogus", "--", "-x", "-hV", "--help=x", ""]),
    );
    input.job = jobText(rand, t, "file:///nonexistent/repo.git", t.head, 0);
  } else if (r < 0.32) {
    input.kind = "broken-yaml";
    input.job = chance(rand, 0.15) ? pick(rand, WHOLE_FILES) : mutate(rand, jobText(rand, t, t.url, t.head, Math.floor(rand() * 3)));
    if (chance(rand, 0.2)) input.job = input.job.replaceAll("\n", "\r\n");
  } else if (r < 0.62) {
    input.kind = "bad-fields";
    const url = chance(rand, 0.6)
      ? pick(
          rand,
          BAD_URLS.filter((u) => !u.includes("127.0.0.1") && !u.startsWith("file:///n")),
        )
      : t.url;
    const sha =
      url === t.url || chance(rand, 0.5)
        ? pick(
            rand,
            badShas(t).filter((s) => s !== t.tree),
          )
        : t.head;
    input.job = jobText(rand, t, url, sha, Math.floor(rand() * 3));
  } else if (r < 0.72) {
    input.kind = "inputs";
    const what = rand();
    input.job = jobText(rand, t, t.url, t.head, 0);
    if (what < 0.25) input.env.SOLSTICE_JOB_FILE = pick(rand, ["{{RUN}}/nope.yaml", "{{RUN}}", "", "{{RUN}}/out"]);
    else if (what < 0.45) input.secrets = mutate(rand, mapping(rand, "X", ENV_NAMES, VALUES).split("\n").slice(1).join("\n").replace(/^ +/gm, ""));
    else if (what < 0.6) input.env.SOLSTICE_SECRETS_FILE = pick(rand, ["{{RUN}}/nope.yaml", "{{RUN}}"]);
    else if (what < 0.8) {
      delete input.job;
      input.env.SOLSTICE_JOB_FILE = "{{RUN}}/nope.yaml";
      input.env.SOLSTICE_REPO_URL = pick(rand, [t.url, "", "bad url"]);
      input.env.SOLSTICE_COMMIT_SHA = pick(rand, ["", "xyz", t.head.toUpperCase()]);
    } else {
      input.env.SOLSTICE_REPO_URL = pick(rand, ["", "ext::x", "not a url"]);
    }
    // These stop before git runs unless the inputs were fine after all: keep them so.
    input.workspace = pick(rand, ["file", "foreign", "foreign-git", "dangling"]);
  } else if (r < 0.84) {
    input.kind = "workspace";
    input.job = jobText(rand, t, t.url, t.head, Math.floor(rand() * 2));
    input.workspace = pick(rand, ["file", "foreign", "foreign-git", "dangling"]);
  } else if (r < 0.88) {
    input.kind = "fetch-fails";
    input.job = jobText(
      rand,
      t,
      pick(rand, ["file:///nonexistent/repo.git", "http://127.0.0.1:1/repo.git", "git://127.0.0.1:1/repo.git", "http://user:s3cret-pw@127.0.0.1:1/repo.git"]),
      t.head,
      0,
    );
    input.env.SOLSTICE_FETCH_RETRIES = "1";
  } else if (r < 0.93) {
    input.kind = "workflow";
    const more = chance(rand, 0.85) ? `job_id: ${pick(rand, ["a", "b", "a", "b", "''", "missing", "'$(x)'"])}\n` : "";
    input.job = jobText(rand, t, t.url, pick(rand, t.workflows), Math.floor(rand() * 3), true) + more;
    if (chance(rand, 0.2)) input.env.SOLSTICE_JOB_ID = pick(rand, ["a", "b", "nope"]);
    input.env.SOLSTICE_FETCH_RETRIES = "1";
    delete input.env.SOLSTICE_KILL_GRACE;
  } else {
    input.kind = "runs";
    const sha = chance(rand, 0.1) ? pick(rand, [t.tree, "0".repeat(40)]) : chance(rand, 0.2) ? t.head.toUpperCase() : t.head;
    // Valid, mostly: the job runs (quick: no timeout that could cut it, no fetch retries that sleep).
    input.job = jobText(rand, t, t.url, sha, 1 + Math.floor(rand() * 3), chance(rand, 0.85));
    input.workspace = chance(rand, 0.8) ? "missing" : "empty";
    input.job = input.job.replace(/^timeout: .*$/m, "timeout: 0");
    input.env.SOLSTICE_FETCH_RETRIES = "1";
    delete input.env.SOLSTICE_KILL_GRACE;
  }
  return input;
}

/** Make RUN/work what the input says. */
export function prepareWorkspace(kind: Workspace, d: RunDirs): void {
  if (kind === "empty") mkdirSync(d.work);
  if (kind === "file") writeFileSync(d.work, "a file\n");
  if (kind === "foreign") {
    mkdirSync(d.work);
    writeFileSync(join(d.work, "keep.txt"), "someone's\n");
  }
  if (kind === "foreign-git") mkdirSync(join(d.work, ".git/objects"), { recursive: true });
  if (kind === "dangling") symlinkSync(join(d.dir, "nowhere"), d.work);
}

export function toSpec(input: FuzzInput): RunSpec {
  return { job: input.job, secrets: input.secrets, env: input.env, args: input.args, prepare: (d) => prepareWorkspace(input.workspace, d) };
}
