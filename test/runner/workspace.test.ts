// Runner scenarios about the workspace (contract section 3, steps 2 and 3):
// an existing checkout is reused and forced clean, or replaced when it
// cannot serve; submodules are fetched only when asked, and never over a
// transport outside git's allow-list. Both backends, over file:// URLs.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { gitSync, type MadeRepo } from "../support/git-fixtures";
import { errorMessage, eventOf, expectFinished, jobFile, jobRepo, messages, repo, runScenario, scenario, sha256Repo, tempDir } from "./harness";

function job(r: MadeRepo, sha = r.head, more = ""): string {
  return jobFile(r.fileUrl, sha, more);
}

/** A checkout as the runner leaves it: a clone with the runner's marker in .git (src/runner/workspace.ts). */
function runnerCheckout(from: string, work: string, format = "sha1"): void {
  gitSync(["clone", "-q", from, work]);
  writeFileSync(join(work, ".git/solstice-runner-checkout"), `${format}\n`);
}

describe.concurrent("workspace reuse and submodules", () => {
  scenario("an existing checkout is reused and forced clean: dirty, untracked and ignored files go", async () => {
    const r = repo({
      commits: [
        {
          label: "old",
          files: {
            ".gitignore": "*.log\n",
            "tracked.txt": "as committed\n",
            ".solstice/job.sh": { content: "#!/bin/sh\ncat tracked.txt\ngit status --porcelain --ignored\nls -a\n", executable: true },
          },
        },
        { label: "tip", files: { "tracked.txt": "newer\n" } },
      ],
    });
    const s = await runScenario({
      job: job(r, r.commits.old),
      prepare: (d) => {
        runnerCheckout(r.path, d.work);
        writeFileSync(join(d.work, "tracked.txt"), "local edit\n");
        writeFileSync(join(d.work, "untracked.txt"), "stray\n");
        writeFileSync(join(d.work, "build.log"), "ignored\n");
        mkdirSync(join(d.work, "untracked-dir"));
        writeFileSync(join(d.work, "untracked-dir/f"), "x\n");
      },
    });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("as committed\n.\n..\n.git\n.gitignore\n.solstice\ntracked.txt\n");
    expect(messages(s)).toContain("reusing the existing checkout");
    expect(eventOf(s, "reusing the existing checkout").fields).toEqual({ workdir: "{{RUN}}/work" });
  });

  scenario("an existing directory with files but no .git is refused (73), and left as it was", async () => {
    const r = jobRepo("#!/bin/sh\nls -A\n");
    const s = await runScenario({
      job: job(r),
      prepare: (d) => {
        mkdirSync(join(d.work, "stray-dir"), { recursive: true });
        writeFileSync(join(d.work, "stray.txt"), "left over\n");
      },
      inspect: (d) => existsSync(join(d.work, "stray.txt")) && existsSync(join(d.work, "stray-dir")) && !existsSync(join(d.work, ".git")),
    });
    expectFinished(s, "error", 73);
    expect(errorMessage(s)).toBe(
      "the workspace {{RUN}}/work is not empty and is not a checkout (it holds stray-dir, stray.txt); the runner empties its workspace, so it uses only a new or empty directory or a checkout it made itself: empty or remove {{RUN}}/work, or set SOLSTICE_WORKDIR to a new directory",
    );
    for (const run of s.runs) expect(run.inspected, run.backend).toBe(true);
  });

  scenario("an empty .git the runner did not mark is refused (73), and left as it was", async () => {
    const r = jobRepo("#!/bin/sh\nls -A\n");
    const s = await runScenario({
      job: job(r),
      prepare: (d) => {
        mkdirSync(join(d.work, ".git"), { recursive: true });
        writeFileSync(join(d.work, "stray.txt"), "left over\n");
      },
      inspect: (d) => existsSync(join(d.work, "stray.txt")),
    });
    expectFinished(s, "error", 73);
    expect(errorMessage(s)).toMatch(/^the workspace \{\{RUN\}\}\/work holds a git repository the runner did not make/);
    for (const run of s.runs) expect(run.inspected, run.backend).toBe(true);
  });

  scenario("an existing SHA-1 checkout is replaced when the commit is SHA-256", async () => {
    const old = jobRepo("#!/bin/sh\necho sha1 job\n");
    const { url, sha } = sha256Repo();
    const s = await runScenario({ job: jobFile(url, sha), prepare: (d) => runnerCheckout(old.path, d.work) });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe(`sha256 job at ${sha}\n`);
    expect(eventOf(s, "replacing the existing checkout").fields.reason).toBe("its objects are sha1, the commit is sha256");
  });

  scenario("a submodule URL using ext:: is refused (git's protocol allow-list), and runs nothing", async () => {
    const r = jobRepo("#!/bin/sh\necho never\n");
    const pwned = join(tempDir("evil"), "pwned");
    const evil = `ext::sh -c touch% ${pwned}`;
    gitSync(["config", "-f", ".gitmodules", "submodule.evil.path", "evil"], { cwd: r.path });
    gitSync(["config", "-f", ".gitmodules", "submodule.evil.url", evil], { cwd: r.path });
    gitSync(["update-index", "--add", "--cacheinfo", `160000,${r.head},evil`], { cwd: r.path });
    gitSync(["add", ".gitmodules"], { cwd: r.path });
    gitSync(["commit", "-q", "-m", "evil submodule"], { cwd: r.path });
    const sha = gitSync(["rev-parse", "HEAD"], { cwd: r.path });
    const s = await runScenario({ job: job(r, sha, "submodules: true\n") });
    expectFinished(s, "error", 69);
    expect(errorMessage(s)).toMatch(/^cannot fetch the submodules: /);
    expect(existsSync(pwned)).toBe(false);
    expect(s.stdout).toBe("");
  });

  const withSubmodules = () =>
    repo({
      submodules: [
        {
          path: "lib/sub",
          repo: {
            name: "sub",
            files: { "sub.txt": "in sub\n" },
            submodules: [{ path: "deep", repo: { name: "deep", files: { "deep.txt": "in deep\n" } } }],
          },
        },
      ],
      files: {
        ".solstice/job.sh": {
          content: "#!/bin/sh\ncat lib/sub/sub.txt 2>/dev/null || echo no sub\ncat lib/sub/deep/deep.txt 2>/dev/null || echo no deep\n",
          executable: true,
        },
      },
    });

  scenario("submodules are left alone unless asked for", async () => {
    const r = withSubmodules();
    const s = await runScenario({ job: job(r) });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("no sub\nno deep\n");
  });

  scenario("submodules: true fetches the first level at the pinned commit", async () => {
    const r = withSubmodules();
    const s = await runScenario({ job: job(r, r.head, "submodules: true\n") });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("in sub\nno deep\n");
  });

  scenario("submodules: recursive fetches nested submodules too", async () => {
    const r = withSubmodules();
    const s = await runScenario({ job: job(r, r.head, "submodules: recursive\n") });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("in sub\nin deep\n");
  });
});
