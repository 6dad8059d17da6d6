// Issue 9, items 2 and 3: a reused workspace is untrusted, and nothing that
// is not the runner's own is deleted. What a previous job can leave in a
// checkout the runner made — hooks, config that runs programs or redirects
// the fetch, alternates, a forged object — runs nothing in the runner's git
// and changes nothing that is checked out; a workspace that is not the
// runner's is refused (73) and left as it was, whatever symbolic links lead
// to it. Both builds.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { gitSync, type MadeRepo } from "../support/git-fixtures";
import { errorMessage, expectFinished, jobFile, jobRepo, messages, runScenario, scenario, tempDir, type RunDirs } from "./harness";

/** A checkout as the runner leaves it: a clone with the runner's marker in .git (src/runner/workspace.ts). */
function runnerCheckout(from: string, work: string): void {
  gitSync(["clone", "-q", from, work]);
  writeFileSync(join(work, ".git/solstice-runner-checkout"), "sha1\n");
}

/** A program that leaves RUN/out/pwned-NAME (with its environment) if it ever runs. */
function trap(d: RunDirs, name: string): string {
  const path = join(d.dir, `trap-${name}`);
  writeFileSync(path, `#!/bin/sh\nenv > ${d.out}/pwned-${name}\ncat >/dev/null 2>&1\nexit 0\n`);
  chmodSync(path, 0o755);
  return path;
}

function job(r: MadeRepo, more = ""): string {
  return jobFile(r.fileUrl, r.head, more);
}

const JOB = "#!/bin/sh\ncat content.txt\n";

/** Each way a previous job could plant code or redirect the runner's git in the checkout it leaves. */
const PLANTS: [string, (d: RunDirs, other: MadeRepo) => void][] = [
  [
    "hooks",
    (d) => {
      for (const hook of ["post-checkout", "pre-auto-gc", "reference-transaction", "post-index-change", "fsmonitor-watchman"]) {
        writeFileSync(join(d.work, ".git/hooks", hook), readFileSync(trap(d, hook)));
        chmodSync(join(d.work, ".git/hooks", hook), 0o755);
      }
    },
  ],
  [
    "core.hooksPath",
    (d) => {
      mkdirSync(join(d.dir, "hooks"));
      writeFileSync(join(d.dir, "hooks/post-checkout"), readFileSync(trap(d, "hookspath")));
      chmodSync(join(d.dir, "hooks/post-checkout"), 0o755);
      gitSync(["config", "core.hooksPath", join(d.dir, "hooks")], { cwd: d.work });
    },
  ],
  ["core.fsmonitor", (d) => gitSync(["config", "core.fsmonitor", trap(d, "fsmonitor")], { cwd: d.work })],
  [
    "a smudge filter",
    (d) => {
      gitSync(["config", "filter.evil.smudge", trap(d, "smudge")], { cwd: d.work });
      gitSync(["config", "filter.evil.clean", trap(d, "clean")], { cwd: d.work });
      writeFileSync(join(d.work, ".git/info/attributes"), "* filter=evil\n");
    },
  ],
  [
    "include.path and includeIf",
    (d) => {
      writeFileSync(join(d.dir, "included"), `[core]\n\tfsmonitor = ${trap(d, "include")}\n`);
      gitSync(["config", "include.path", join(d.dir, "included")], { cwd: d.work });
      gitSync(["config", `includeIf.gitdir:${d.work}/.git.path`, join(d.dir, "included")], { cwd: d.work });
    },
  ],
  [
    "core.sshCommand, credential.helper, core.askPass",
    (d) => {
      gitSync(["config", "core.sshCommand", trap(d, "ssh")], { cwd: d.work });
      gitSync(["config", "credential.helper", `!${trap(d, "credential")}`], { cwd: d.work });
      gitSync(["config", "core.askPass", trap(d, "askpass")], { cwd: d.work });
    },
  ],
  ["url.*.insteadOf to another repository", (d, other) => gitSync(["config", `url.${other.fileUrl}.insteadOf`, "file://"], { cwd: d.work })],
  ["alternates naming another store", (d, other) => writeFileSync(join(d.work, ".git/objects/info/alternates"), `${other.path}/.git/objects\n`)],
  [
    "a ~/.gitconfig with core.fsmonitor",
    (d) => writeFileSync(join(d.home, ".gitconfig"), `[core]\n\tfsmonitor = ${trap(d, "global")}\n[url "file:///nonexistent/"]\n\tinsteadOf = file://\n`),
  ],
  [
    "objects/pack a symbolic link out of the workspace",
    (d) => {
      const pack = join(d.work, ".git/objects/pack");
      renameSync(pack, join(d.dir, "elsewhere"));
      symlinkSync(join(d.dir, "elsewhere"), pack);
    },
  ],
];

describe.concurrent("a reused checkout runs nothing a previous job left", () => {
  for (const [what, plant] of PLANTS) {
    scenario(`${what}: runs nothing, and the commit is checked out as it is`, async () => {
      const r = jobRepo(JOB, { files: { "content.txt": "the real content\n" } });
      const other = jobRepo("#!/bin/sh\necho from the other repository\n", { files: { "content.txt": "other content\n" } });
      const s = await runScenario({
        job: job(r),
        env: { SOLSTICE_RUNNER_TOKEN: "runner-token-5678" },
        prepare: (d) => {
          runnerCheckout(r.path, d.work);
          plant(d, other);
        },
        inspect: (d) => readdirSync(d.out),
      });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("the real content\n");
      for (const run of s.runs) expect(run.inspected, run.backend).toEqual([]);
    });
  }

  scenario("a forged object (the commit's name, other content) is never checked out", async () => {
    const r = jobRepo(JOB, { files: { "content.txt": "the real content\n" } });
    const fake = jobRepo("#!/bin/sh\necho forged job ran\n", { files: { "content.txt": "forged\n" } });
    const s = await runScenario({
      job: job(r),
      prepare: (d) => {
        runnerCheckout(fake.path, d.work);
        // The fake commit, stored as a loose object under the real commit's name.
        const body = Buffer.from(gitSync(["cat-file", "commit", fake.head], { cwd: fake.path }), "latin1");
        const object = deflateSync(Buffer.concat([Buffer.from(`commit ${body.length}\0`, "latin1"), body]));
        mkdirSync(join(d.work, ".git/objects", r.head.slice(0, 2)), { recursive: true });
        writeFileSync(join(d.work, ".git/objects", r.head.slice(0, 2), r.head.slice(2)), object);
      },
    });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("the real content\n");
    expect(messages(s)).toContain("replacing the existing checkout");
  });

  scenario("the orchestrator's token and a URL's credentials never reach git's environment", async () => {
    const r = jobRepo("#!/bin/sh\necho ok\n");
    const s = await runScenario({
      job: job(r),
      env: { SOLSTICE_RUNNER_TOKEN: "runner-token-5678", SOLSTICE_REPO_URL: undefined, PATH: `{{RUN}}/bin:${process.env.PATH ?? "/usr/bin:/bin"}` },
      prepare: (d) => {
        mkdirSync(join(d.dir, "bin"));
        writeFileSync(join(d.dir, "bin/git"), `#!/bin/sh\nenv >> ${d.out}/git-env\nexec /usr/bin/git "$@"\n`);
        chmodSync(join(d.dir, "bin/git"), 0o755);
      },
      inspect: (d) => readFileSync(join(d.out, "git-env"), "latin1"),
    });
    expectFinished(s, "success", 0);
    for (const run of s.runs) {
      expect(run.inspected, run.backend).toContain("GIT_CONFIG_NOSYSTEM=1");
      expect(run.inspected, run.backend).not.toContain("runner-token-5678");
      expect(run.inspected, run.backend).not.toMatch(/^SOLSTICE_RUNNER_TOKEN=/m);
    }
  });
});

describe.concurrent("nothing that is not the runner's is deleted", () => {
  const refusals: [string, (d: RunDirs, keep: string) => void, RegExp][] = [
    [
      "a directory of someone's files",
      (d, keep) => {
        mkdirSync(d.work);
        writeFileSync(join(d.work, "precious.txt"), keep);
      },
      /is not empty and is not a checkout \(it holds precious\.txt\)/,
    ],
    [
      "a git checkout the runner did not make",
      (d, keep) => {
        gitSync(["init", "-q", d.work]);
        writeFileSync(join(d.work, "precious.txt"), keep);
      },
      /holds a git repository the runner did not make/,
    ],
    [
      "a symbolic link to a directory of someone's files",
      (d, keep) => {
        mkdirSync(join(d.dir, "real"));
        writeFileSync(join(d.dir, "real/precious.txt"), keep);
        symlinkSync(join(d.dir, "real"), d.work);
      },
      /is not empty and is not a checkout/,
    ],
    [
      "a .git that is a symbolic link to another repository",
      (d, keep) => {
        gitSync(["init", "-q", join(d.dir, "other")]);
        mkdirSync(d.work);
        symlinkSync(join(d.dir, "other/.git"), join(d.work, ".git"));
        writeFileSync(join(d.work, "precious.txt"), keep);
      },
      /has a \.git that is a symbolic link, not a checkout the runner made/,
    ],
    [
      "a .git file (gitdir: elsewhere)",
      (d, keep) => {
        gitSync(["init", "-q", join(d.dir, "other")]);
        mkdirSync(d.work);
        writeFileSync(join(d.work, ".git"), `gitdir: ${d.dir}/other/.git\n`);
        writeFileSync(join(d.work, "precious.txt"), keep);
      },
      /has a \.git that is a file, not a checkout the runner made/,
    ],
    ["a symbolic link to /", (d) => symlinkSync("/", d.work), /is the root directory/],
    [
      "a symbolic link to a symbolic link to /",
      (d) => {
        symlinkSync("/", join(d.dir, "root-link"));
        symlinkSync(join(d.dir, "root-link"), d.work);
      },
      /is the root directory/,
    ],
    ["a symbolic link to nothing", (d) => symlinkSync(join(d.dir, "nowhere"), d.work), /is a symbolic link to nothing/],
    ["a file", (d, keep) => writeFileSync(d.work, keep), /is not a directory/],
  ];
  for (const [what, make, message] of refusals) {
    scenario(`the workspace is ${what}: refused (73), and nothing is deleted`, async () => {
      const r = jobRepo("#!/bin/sh\necho ran\n");
      const keep = `keep me ${what}\n`;
      const s = await runScenario({
        job: job(r),
        prepare: (d) => make(d, keep),
        inspect: (d) => {
          const found: string[] = [];
          for (const f of [join(d.work, "precious.txt"), join(d.dir, "real/precious.txt")]) {
            if (existsSync(f)) found.push(readFileSync(f, "latin1"));
          }
          if (existsSync(d.work) && statSync(d.work).isFile()) found.push(readFileSync(d.work, "latin1"));
          return found;
        },
      });
      expectFinished(s, "error", 73);
      expect(errorMessage(s)).toMatch(message);
      expect(errorMessage(s)).toContain("empty or remove {{RUN}}/work, or set SOLSTICE_WORKDIR to a new directory");
      expect(s.stdout).toBe("");
      if (!/\/|nothing/.test(what)) for (const run of s.runs) expect(run.inspected, run.backend).toContain(keep);
    });
  }

  scenario("an empty existing directory, and one reached through a symbolic link, are used", async () => {
    const r = jobRepo("#!/bin/sh\necho ran\n");
    const target = tempDir("linked");
    for (const prepare of [
      (d: RunDirs) => mkdirSync(d.work),
      (d: RunDirs) => {
        mkdirSync(join(d.dir, "real"));
        symlinkSync(join(d.dir, "real"), d.work);
      },
    ]) {
      const s = await runScenario({ job: job(r), prepare: prepare });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("ran\n");
    }
    expect(readdirSync(target)).toEqual([]);
  });
});
