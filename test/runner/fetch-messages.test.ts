// Fetch errors that say what happened and what to do (issue 10, item 2),
// the exact text on both builds: git's fatal:/error:/remote: lines, not
// only its last one (masked like every log line); a workspace git refuses
// as unsafe (another user's: 73, with the fix that works for the runner); a
// commit_sha naming a tree, a blob or a tag.
import { chmodSync, chownSync, mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { type HttpGitServer, gitEnv, gitSync, publishBare, startSmartHttp } from "../support/git-fixtures";
import { errorMessage, expectFinished, jobFile, messages, repo, runScenario, scenario, tempDir } from "./harness";

const r = repo({ files: { ".solstice/job.sh": { content: '#!/bin/sh\necho "ran"\n', executable: true } } });
const tree = gitSync(["rev-parse", `${r.head}^{tree}`], { cwd: r.path });
const blob = gitSync(["rev-parse", `${r.head}:.solstice/job.sh`], { cwd: r.path });
gitSync(["tag", "-a", "-m", "annotated", "v9", r.head], { cwd: r.path, env: gitEnv() });
const tag = gitSync(["rev-parse", "v9"], { cwd: r.path });

const FETCH_FIX = "check repo_url, and that this machine can reach the server with the URL's credentials";
const AUTH = { user: "ci-bot", password: "s3cret-pa55word" };
let authed: HttpGitServer;

beforeAll(async () => {
  const base = tempDir("srv");
  publishBare(r, base, "repo.git");
  authed = await startSmartHttp(base, { auth: AUTH });
});
afterAll(async () => {
  await authed?.stop();
});

/** An error before any job output: this status, the events of a fetch that failed, and `message`. */
function expectFetchError(s: Awaited<ReturnType<typeof runScenario>>, exitCode: number, message: string): void {
  expectFinished(s, "error", exitCode);
  expect(errorMessage(s)).toBe(message);
  expect(messages(s)).toEqual(["job context read", "fetching repository", message, "job finished"]);
  expect(s.stdout).toBe("");
}

describe.concurrent("fetch failures carry git's fatal:, error: and remote: lines", () => {
  scenario(
    "a file:// URL that is no repository: both of git's fatal lines, and the fix",
    async () => {
      const s = await runScenario({ job: jobFile("file:///nonexistent/repo.git", r.head) });
      expectFetchError(
        s,
        69,
        `cannot fetch file:///nonexistent/repo.git after 1 attempt(s): fatal: '/nonexistent/repo.git' does not appear to be a git repository; fatal: Could not read from remote repository; ${FETCH_FIX}`,
      );
    },
    { allShells: true },
  );

  scenario(
    "a wrong password: git's reason, and neither password in any line",
    async () => {
      const wrong = { user: AUTH.user, password: "wr0ng-passw0rd" };
      const s = await runScenario({ job: jobFile(authed.url("repo.git", wrong), r.head) });
      const safe = authed.url("repo.git", null);
      expectFetchError(s, 69, `cannot fetch ${safe} after 1 attempt(s): fatal: Authentication failed for '${safe}/'; ${FETCH_FIX}`);
      for (const run of s.runs) {
        for (const secret of [wrong.password, AUTH.password]) expect(run.stderrLines.join("\n"), run.backend).not.toContain(secret);
      }
    },
    { allShells: true },
  );
});

describe.concurrent("a commit_sha that names no commit says what it names (69)", () => {
  for (const [kind, sha] of [
    ["tree", tree],
    ["blob", blob],
    ["tag", tag],
  ] as const) {
    scenario(
      `a ${kind}'s SHA`,
      async () => {
        const s = await runScenario({ job: jobFile(r.fileUrl, sha) });
        expectFetchError(
          s,
          69,
          `commit_sha ${sha} names a ${kind} in ${r.fileUrl}, not a commit; set commit_sha to the SHA of a commit (git rev-parse HEAD gives the one checked out)`,
        );
      },
      { allShells: kind !== "tag" },
    );
  }
});

// git refuses a repository another user owns; making one takes root (chown):
// skipped otherwise.
const asRoot = process.getuid?.() === 0;
describe.runIf(asRoot).concurrent("a workspace git refuses as unsafe", () => {
  scenario(
    "another user's empty directory: 73, naming the directory and the fix",
    async () => {
      const s = await runScenario({
        job: jobFile(r.fileUrl, r.head),
        prepare: (d) => {
          mkdirSync(d.work);
          chmodSync(d.work, 0o777);
          chownSync(d.work, 65534, 65534);
        },
      });
      expectFetchError(
        s,
        73,
        "git refuses the workspace {{RUN}}/work as unsafe: fatal: detected dubious ownership in repository at '{{RUN}}/work' (it is owned by another user than the one the runner runs as); make the directory the runner user's own (chown), or set SOLSTICE_WORKDIR to a new directory (git's safe.directory does not apply: the runner reads no global git configuration)",
      );
    },
    { allShells: true },
  );
});
