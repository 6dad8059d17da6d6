// Runner scenarios over real git servers on 127.0.0.1 (contract section 3,
// step 3): git daemon, smart HTTP (v2, and v0-only, which refuses
// unadvertised SHAs), dumb HTTP (no shallow fetches: the runner falls back
// to fetching the branches), a server that is down, and basic auth with the
// credentials in the URL, which must never be printed nor kept.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { type GitServer, type HttpGitServer, type MadeRepo, downServerUrl, gitSync, publishBare, startDumbHttp, startGitDaemon, startSmartHttp } from "../support/git-fixtures";
import { errorMessage, eventOf, expectFinished, jobFile, messages, repo, runScenario, scenario, type Scenario, tempDir } from "./harness";

const jobSh = (text: string) => ({ content: `#!/bin/sh\necho "${text} at $SOLSTICE_COMMIT_SHA"\n`, executable: true });

// "old" is on main below the tip; "side" only on the side branch, below
// its tip "side2";
// "gone" is in the served repository but on no branch (its branch was
// deleted after publishing). The tip is tagged v1, which a fetch of one
// commit must not bring along.
let r: MadeRepo;
let base: string;
let daemon: GitServer;
let smart: HttpGitServer;
let smartV0: HttpGitServer;
let dumb: HttpGitServer;
let authed: HttpGitServer;
const AUTH = { user: "ci-bot", password: "pa$$ w0rd:/@`x`;'\"" };

beforeAll(async () => {
  r = repo({
    commits: [
      { label: "old", files: { ".solstice/job.sh": jobSh("old job") } },
      { label: "side", branch: "side", files: { ".solstice/job.sh": jobSh("side job") } },
      { label: "side2", branch: "side", files: { "more.txt": "more\n" } },
      { label: "gone", branch: "gone", from: "old", files: { ".solstice/job.sh": jobSh("gone job") } },
      { label: "tip", files: { ".solstice/job.sh": jobSh("tip job") }, tag: "v1" },
    ],
  });
  base = tempDir("srv");
  const bare = publishBare(r, base, "repo.git");
  gitSync(["--git-dir", bare, "branch", "-q", "-D", "gone"]);
  gitSync(["--git-dir", bare, "update-server-info"]);
  [daemon, smart, smartV0, dumb, authed] = await Promise.all([
    startGitDaemon(base),
    startSmartHttp(base),
    startSmartHttp(base, { protocolV2: false }),
    startDumbHttp(base),
    startSmartHttp(base, { auth: AUTH }),
  ]);
});

afterAll(async () => {
  await Promise.all([daemon, smart, smartV0, dumb, authed].map((s) => s?.stop()));
});

const FALLBACK = "fetching the commit alone failed; trying the branches";

describe.concurrent("servers", () => {
  scenario(
    "git daemon (git://): a pinned non-tip commit, shallow",
    async () => {
      const s = await runScenario({ job: jobFile(daemon.url("repo.git"), r.commits.old!), inspect: (d) => [shallowDepth(d.work), gitSync(["-C", d.work, "tag", "-l"])] });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe(`old job at ${r.commits.old}\n`);
      for (const run of s.runs) expect(run.inspected, `${run.backend}: commits and tags in the checkout`).toEqual([1, ""]);
    },
    { allShells: true },
  );

  scenario("smart HTTP (protocol v2): a commit only on a side branch, shallow, no fallback", async () => {
    const s = await runScenario({
      job: jobFile(smart.url("repo.git"), r.commits.side!),
      env: { SOLSTICE_LOG_LEVEL: "debug" },
      inspect: (d) => shallowDepth(d.work),
    });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe(`side job at ${r.commits.side}\n`);
    expect(messages(s)).not.toContain(FALLBACK);
    for (const run of s.runs) expect(run.inspected, `${run.backend}: commits in the checkout`).toBe(1);
  });

  scenario(
    "dumb HTTP: the shallow fetch fails, the branches are fetched instead",
    async () => {
      const s = await runScenario({
        job: jobFile(dumb.url("repo.git"), r.commits.old!),
        env: { SOLSTICE_LOG_LEVEL: "debug" },
        inspect: (d) => gitSync(["-C", d.work, "tag", "-l"]),
      });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe(`old job at ${r.commits.old}\n`);
      for (const run of s.runs) expect(run.inspected, `${run.backend}: tags fetched`).toBe("");
      expect(eventOf(s, FALLBACK).level).toBe("DEBUG");
      expect(eventOf(s, FALLBACK).fields.error).toMatch(/dumb http transport does not support shallow/);
    },
    { allShells: true },
  );

  scenario("dumb HTTP: a commit on no branch is not found (69)", async () => {
    const s = await runScenario({ job: jobFile(dumb.url("repo.git"), r.commits.gone!) });
    expectFinished(s, "error", 69);
    expect(errorMessage(s)).toBe(`commit ${r.commits.gone} is not on any branch of ${dumb.url("repo.git")}; check commit_sha, or push the commit`);
  });

  scenario("v0-only smart HTTP refuses the unadvertised SHA; the side branch is fetched instead", async () => {
    const s = await runScenario({ job: jobFile(smartV0.url("repo.git"), r.commits.side!), env: { SOLSTICE_LOG_LEVEL: "debug" } });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe(`side job at ${r.commits.side}\n`);
    expect(eventOf(s, FALLBACK).fields.error).toMatch(/not allow request for unadvertised object/);
  });

  scenario("v0-only smart HTTP: a commit on no branch is not found (69)", async () => {
    const s = await runScenario({ job: jobFile(smartV0.url("repo.git"), r.commits.gone!) });
    expectFinished(s, "error", 69);
    expect(errorMessage(s)).toMatch(/is not on any branch of/);
  });

  scenario("a well-formed SHA the server does not have cannot be fetched (69)", async () => {
    const missing = "0123456789abcdef0123456789abcdef01234567";
    const s = await runScenario({ job: jobFile(smart.url("repo.git"), missing) });
    expectFinished(s, "error", 69);
    expect(errorMessage(s)).toBe(`commit ${missing} is not on any branch of ${smart.url("repo.git")}; check commit_sha, or push the commit`);
    expect(s.stdout).toBe("");
  });
});

describe.concurrent("a server that is down", () => {
  scenario("HTTP: fails after the one attempt allowed (69)", async () => {
    const url = await downServerUrl("http");
    const s = await runScenario({ job: jobFile(url, r.head) });
    expectFinished(s, "error", 69);
    expect(errorMessage(s)).toMatch(new RegExp(`^cannot fetch ${url.replace(/[.]/g, "\\.")} after 1 attempt\\(s\\): .*(Failed to connect|Couldn't connect)`));
    expect(messages(s)).toEqual(["job context read", "fetching repository", errorMessage(s), "job finished"]);
  });

  scenario("git://: retries with a warning, then fails (69)", async () => {
    const url = await downServerUrl("git");
    const s = await runScenario({ job: jobFile(url, r.head), env: { SOLSTICE_FETCH_RETRIES: "2" } });
    expectFinished(s, "error", 69);
    const warn = eventOf(s, "fetch failed, retrying");
    expect(warn.level).toBe("WARN");
    expect(warn.fields).toMatchObject({ attempt: "1", retry_in_s: "1" });
    expect(errorMessage(s)).toMatch(/after 2 attempt\(s\)/);
  });
});

/** Every line the run printed and every file of the checkout's .git, for the credential checks. */
function gitFiles(dir: string): string {
  let text = "";
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === "objects") continue;
    text += statSync(p).isDirectory() ? gitFiles(p) : `${p}:\n${readFileSync(p, "latin1")}\n`;
  }
  return text;
}

function shallowDepth(work: string): number {
  return Number(gitSync(["-C", work, "rev-list", "--count", "HEAD"]));
}

function expectNoCredentials(s: Scenario, secrets: string[]): void {
  for (const run of s.runs) {
    const printed = `${run.stdout}\n${run.stderrLines.join("\n")}`;
    const kept = run.inspected as string;
    for (const secret of secrets) {
      expect(printed.includes(secret), `${run.backend} printed ${secret}`).toBe(false);
      expect(kept.includes(secret), `${run.backend} kept ${secret} in .git`).toBe(false);
    }
  }
}

describe.concurrent("basic auth with the credentials in the URL", () => {
  const encoded = encodeURIComponent(AUTH.password);
  const credentialForms = [AUTH.password, encoded, `${AUTH.user}:${encoded}`];
  let echoRepos = 0;

  scenario(
    "fetches; the credentials appear in no output line and not in the checkout's .git",
    async () => {
      const url = authed.url("repo.git");
      expect(url).toContain(`${AUTH.user}:${encoded}@`);
      const safe = authed.url("repo.git", null);
      const s = await runScenario({
        job: jobFile(url, r.commits.old!),
        env: { SOLSTICE_LOG_LEVEL: "trace" },
        inspect: (d) => `${gitFiles(join(d.work, ".git"))}\nremote: ${gitSync(["-C", d.work, "config", "--get", "remote.origin.url"])}`,
      });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe(`old job at ${r.commits.old}\n`);
      expect(eventOf(s, "job context read").fields.repo_url).toBe(safe);
      expect(eventOf(s, "fetching repository").fields.repo_url).toBe(safe);
      for (const run of s.runs) expect(run.inspected as string, run.backend).toContain(`remote: ${safe}`);
      expectNoCredentials(s, credentialForms);
    },
    { allShells: true },
  );

  scenario("the job's SOLSTICE_REPO_URL has no credentials, and a job echoing them prints ***", async () => {
    const echo = repo({
      files: { ".solstice/job.sh": { content: '#!/bin/sh\necho "$SOLSTICE_REPO_URL"\ncat password.txt\n', executable: true }, "password.txt": `${encoded}\n` },
    });
    // A name of its own: the scenario runs once per shell, all on one server.
    const name = `echo-${++echoRepos}.git`;
    publishBare(echo, base, name);
    const s = await runScenario({ job: jobFile(authed.url(name), echo.head), inspect: () => "" });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe(`${authed.url(name, null)}\n***\n`);
    expectNoCredentials(s, credentialForms);
  });

  scenario("no credentials for a server that wants them: fails at once (69), never prompts", async () => {
    const s = await runScenario({ job: jobFile(authed.url("repo.git", null), r.head), stdin: `${AUTH.user}\n${AUTH.password}\n` });
    expectFinished(s, "error", 69);
    expect(errorMessage(s)).toMatch(/Authentication failed|could not read Username|terminal prompts disabled/);
    expect(s.stdout).toBe("");
  });

  scenario("a wrong password fails (69) without printing either password", async () => {
    const wrong = { user: AUTH.user, password: "not-the-$(password)" };
    const s = await runScenario({ job: jobFile(authed.url("repo.git", wrong), r.head), inspect: () => "" });
    expectFinished(s, "error", 69);
    expect(errorMessage(s)).toMatch(/Authentication failed|401/);
    expectNoCredentials(s, [...credentialForms, wrong.password, encodeURIComponent(wrong.password)]);
  });
});
