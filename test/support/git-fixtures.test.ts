// The fixtures checked with plain git: what each server kind lets a client
// do is exactly what the runner's fetch logic has to cope with.
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type GitServer,
  type HttpGitServer,
  type MadeRepo,
  downServerUrl,
  git,
  gitEnv,
  gitSync,
  makeHistoryRepo,
  makeRepo,
  makeTempDir,
  publishBare,
  runGit,
  startDumbHttp,
  startGitDaemon,
  startSmartHttp,
} from "./git-fixtures";

const tempDirs: string[] = [];
const temp = (prefix: string) => {
  const d = makeTempDir(prefix);
  tempDirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

/** An empty repository with `origin` set, as the runner prepares its workspace. */
async function emptyRepo(url: string): Promise<string> {
  const dir = temp("ws");
  await git(["init", "-q", dir]);
  await git(["-C", dir, "remote", "add", "origin", url]);
  return dir;
}

/** The runner's first try: one commit's worth of objects, by SHA. */
async function shallowFetch(url: string, sha: string, protocol: 0 | 2 = 2) {
  const dir = await emptyRepo(url);
  const r = await runGit(["-C", dir, "-c", `protocol.version=${protocol}`, "fetch", "--depth=1", "--no-tags", "origin", sha]);
  return { dir, ...r };
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port });
    s.once("connect", () => {
      s.destroy();
      resolve(false);
    });
    s.once("error", (e: NodeJS.ErrnoException) => resolve(e.code === "ECONNREFUSED"));
  });
}

// "old" and "mid" are on main but not its tip; "side" is reachable only from
// the side branch.
const HISTORY = [
  { label: "old", files: { ".solstice/job.sh": { content: "#!/bin/sh\necho old\n", executable: true }, "README.md": "old\n" } },
  { label: "mid", files: { "README.md": "mid\n", "docs/readme-link": { symlink: "../README.md" } } },
  { label: "side", branch: "side", files: { "side.txt": "only on side\n" } },
  { label: "tip", files: { "README.md": "tip\n", "docs/readme-link": null }, tag: "v1" },
];

describe("makeRepo", () => {
  it("gives the same SHAs for the same spec, with the files, modes and branches asked for", () => {
    const a = makeRepo({ commits: HISTORY });
    const b = makeRepo({ commits: HISTORY });
    try {
      expect(a.shas).toEqual(b.shas);
      expect(a.path).not.toBe(b.path);
      expect(a.head).toBe(a.commits.tip);
      expect(a.branches).toEqual({ main: a.commits.tip, side: a.commits.side });
      expect(a.tags).toEqual({ v1: a.commits.tip });
      expect(gitSync(["rev-parse", "side^"], { cwd: a.path })).toBe(a.commits.mid);
      expect(gitSync(["rev-list", "--count", "main"], { cwd: a.path })).toBe("3");
      expect(gitSync(["ls-tree", "-r", a.commits.mid!], { cwd: a.path })).toMatch(/^100755 blob \w+\t\.solstice\/job\.sh$/m);
      expect(gitSync(["ls-tree", "-r", a.commits.mid!], { cwd: a.path })).toMatch(/^120000 blob \w+\tdocs\/readme-link$/m);
      // The working tree is checked out at the default branch.
      expect(readFileSync(join(a.path, "README.md"), "utf8")).toBe("tip\n");
      expect(statSync(join(a.path, ".solstice/job.sh")).mode & 0o111).not.toBe(0);
      expect(existsSync(join(a.path, "docs/readme-link"))).toBe(false);
      expect(gitSync(["status", "--porcelain"], { cwd: a.path })).toBe("");
    } finally {
      a.cleanup();
      b.cleanup();
    }
    expect(existsSync(a.root)).toBe(false);
  });

  it("makes bare repositories and merge commits", () => {
    const r = makeRepo({
      bare: true,
      defaultBranch: "trunk",
      commits: [
        { label: "base", files: { "a name with spaces.txt": "a\n", "bin.dat": new Uint8Array([0, 1, 2, 255]) } },
        { label: "feature", branch: "feature", files: { "f.txt": "f\n" } },
        { label: "fix", files: { "a name with spaces.txt": "b\n" } },
        { label: "merged", merge: "feature", files: { "f.txt": "f\n" } },
      ],
    });
    try {
      expect(existsSync(join(r.path, "HEAD"))).toBe(true);
      const merged = r.commits.merged!;
      expect(gitSync(["--git-dir", r.path, "rev-parse", "HEAD", `${merged}^1`, `${merged}^2`])).toBe([r.commits.merged, r.commits.fix, r.commits.feature].join("\n"));
      expect(gitSync(["--git-dir", r.path, "cat-file", "-s", "trunk:bin.dat"])).toBe("4");
      expect(gitSync(["--git-dir", r.path, "show", "trunk:a name with spaces.txt"])).toBe("b");
    } finally {
      r.cleanup();
    }
  });
});

describe("servers", () => {
  let repo: MadeRepo;
  let daemon: GitServer;
  let smart: HttpGitServer;
  let dumb: HttpGitServer;

  beforeAll(async () => {
    repo = makeRepo({ commits: HISTORY });
    const base = temp("srv");
    publishBare(repo, base, "repo.git");
    [daemon, smart, dumb] = await Promise.all([startGitDaemon(base), startSmartHttp(base), startDumbHttp(base)]);
  });
  afterAll(async () => {
    await Promise.all([daemon?.stop(), smart?.stop(), dumb?.stop()]);
    repo?.cleanup();
  });

  describe.each([
    ["git daemon", () => daemon],
    ["smart http", () => smart],
  ])("%s", (_name, server) => {
    it.each(["old", "side"])("fetches the %s commit shallow by SHA over protocol v2", async (label) => {
      const sha = repo.commits[label]!;
      const r = await shallowFetch(server().url("repo.git"), sha);
      expect(r.stderr).not.toMatch(/error|fatal|warning/i);
      expect(r.code).toBe(0);
      expect(await git(["-C", r.dir, "rev-parse", "FETCH_HEAD"])).toBe(sha);
      expect(await git(["-C", r.dir, "rev-list", "--count", "FETCH_HEAD"])).toBe("1");
      expect(existsSync(join(r.dir, ".git/shallow"))).toBe(true);
    });

    it("refuses an unadvertised SHA to a protocol v0 client", async () => {
      const r = await shallowFetch(server().url("repo.git"), repo.commits.old!, 0);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/Server does not allow request for unadvertised object/);
    });
  });

  it("smart http with protocolV2: false refuses an unadvertised SHA even to a v2 client", async () => {
    const old = await startSmartHttp(smart.baseDir, { protocolV2: false });
    try {
      const r = await shallowFetch(old.url("repo.git"), repo.commits.old!, 2);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/Server does not allow request for unadvertised object/);
      expect(old.log()).not.toMatch(/version=2/);
      // The tip is advertised, so it can still be fetched shallow.
      expect((await shallowFetch(old.url("repo.git"), repo.head, 2)).code).toBe(0);
    } finally {
      await old.stop();
    }
  });

  it("speaks protocol v2 when asked (smart http passes Git-Protocol to http-backend)", async () => {
    await shallowFetch(smart.url("repo.git"), repo.commits.old!);
    expect(smart.log()).toMatch(/GET \/repo\.git\/info\/refs\?service=git-upload-pack -> 200 \(version=2\)/);
    await shallowFetch(daemon.url("repo.git"), repo.commits.old!);
    expect(daemon.log()).toMatch(/protocol.*version=2/);
  });

  it("dumb http: refuses shallow fetches; a full fetch by SHA or of the branches works", async () => {
    const shallow = await shallowFetch(dumb.url("repo.git"), repo.commits.old!);
    expect(shallow.code).not.toBe(0);
    expect(shallow.stderr).toMatch(/fatal: dumb http transport does not support shallow capabilities/);

    // The dumb walker downloads objects by name, so a SHA no ref points at is
    // fetched too, as long as it is in the served packs or loose objects.
    const bySha = await emptyRepo(dumb.url("repo.git"));
    expect((await runGit(["-C", bySha, "fetch", "--no-tags", "origin", repo.commits.old!])).code).toBe(0);
    expect(await git(["-C", bySha, "rev-parse", "FETCH_HEAD"])).toBe(repo.commits.old);

    const dir = await emptyRepo(dumb.url("repo.git"));
    await git(["-C", dir, "fetch", "--no-tags", "origin", "+refs/heads/*:refs/remotes/origin/*"]);
    for (const label of ["old", "side", "tip"]) {
      expect(await git(["-C", dir, "rev-parse", "--verify", `${repo.commits[label]}^{commit}`])).toBe(repo.commits[label]);
    }
  });

  it("stop() leaves nothing listening and no git daemon behind", async () => {
    const base = temp("srv");
    const servers = await Promise.all([startGitDaemon(base), startSmartHttp(base), startDumbHttp(base)]);
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(servers.map((s) => s.stop())); // idempotent
    for (const s of servers) expect(await refused(s.port)).toBe(true);
    const daemonPort = `--port=${servers[0]!.port}`;
    expect(processesWith(daemonPort)).toEqual([]);
  });
});

/** Pids whose command line contains `needle`. */
function processesWith(needle: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(needle)) found.push(pid);
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

describe("smart http request bodies", () => {
  it("streams gzip-encoded and chunked requests through to http-backend", async () => {
    // Wanting a hundred commits by SHA takes a request of more than 1 KiB,
    // which git gzips; wanting 1500 takes more than the smallest post buffer
    // git allows (64 KiB), which it sends chunked. (By SHA rather than by
    // branch: 1500 loose refs cost seconds to write on a slow disk.)
    const many = makeRepo({ commits: Array.from({ length: 1500 }, (_, i) => ({ files: { "n.txt": `${i}\n` } })) });
    const base = temp("srv");
    publishBare(many, base, "many.git");
    many.cleanup();
    const smart = await startSmartHttp(base);
    try {
      const some = await emptyRepo(smart.url("many.git"));
      await git(["-C", some, "fetch", "--no-tags", "origin", ...many.shas.slice(0, 100)]);
      expect(await git(["-C", some, "rev-list", "--count", many.shas[99]!])).toBe("100");
      expect(smart.log()).toMatch(/POST \/many\.git\/git-upload-pack -> 200 \(version=2, gzip\)/);

      const all = await emptyRepo(smart.url("many.git"));
      // (Exactly 65520, git's minimum, trips a BUG() in git 2.39's remote-curl.)
      await git(["-C", all, "-c", "http.postBuffer=65536", "fetch", "--no-tags", "origin", ...many.shas]);
      expect(await git(["-C", all, "rev-list", "--count", many.head])).toBe("1500");
      expect(smart.log()).toMatch(/POST \/many\.git\/git-upload-pack -> 200 \(version=2, chunked\)/);
    } finally {
      await smart.stop();
    }
  });
});

describe("basic auth", () => {
  let repo: MadeRepo;
  let smart: HttpGitServer;
  const auth = { user: "ci-bot", password: "p@ss:w/rd%" };

  beforeAll(async () => {
    repo = makeRepo({ commits: HISTORY });
    const base = temp("srv");
    publishBare(repo, base, "private.git");
    smart = await startSmartHttp(base, { auth });
  });
  afterAll(async () => {
    await smart?.stop();
    repo?.cleanup();
  });

  it("puts the credentials, percent-encoded, in the URL", () => {
    expect(smart.url("private.git")).toBe(`http://ci-bot:p%40ss%3Aw%2Frd%25@127.0.0.1:${smart.port}/private.git`);
  });

  it("serves with the right credentials", async () => {
    const r = await shallowFetch(smart.url("private.git"), repo.commits.old!);
    expect(r.code).toBe(0);
    expect(await git(["-C", r.dir, "rev-parse", "FETCH_HEAD"])).toBe(repo.commits.old);
  });

  it("refuses wrong credentials and missing ones, without prompting", async () => {
    const wrong = await shallowFetch(smart.url("private.git", { ...auth, password: "nope" }), repo.commits.old!);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/Authentication failed for 'http:\/\/127\.0\.0\.1:\d+\/private\.git\/'/);
    const none = await shallowFetch(smart.url("private.git", null), repo.commits.old!);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/could not read Username.*terminal prompts disabled/);
    expect(smart.log()).toMatch(/-> 401 \(wrong credentials\)/);
    expect(smart.log()).not.toContain(auth.password);
  });
});

describe("down server", () => {
  it.each(["http", "git"] as const)("%s: connection refused, quickly", async (scheme) => {
    const url = await downServerUrl(scheme);
    const r = await shallowFetch(url, "0".repeat(40));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Connection refused|Failed to connect/);
    expect(r.ms).toBeLessThan(5_000);
  });
});

describe("submodules", () => {
  // The submodule is pinned at its older commit, not its tip.
  const sub = {
    commits: [
      { label: "pinned", files: { "lib.txt": "pinned\n" } },
      { label: "newer", files: { "lib.txt": "newer\n" } },
    ],
  };

  it("relative URL: clones over smart http with --recurse-submodules", async () => {
    const repo = makeRepo({
      files: { "main.txt": "super\n" },
      submodules: [{ path: "vendor/lib", repo: sub, at: "pinned" }],
    });
    const base = temp("srv");
    publishBare(repo, base, "super.git");
    const smart = await startSmartHttp(base);
    try {
      expect(repo.submodules[0]).toMatchObject({ path: "vendor/lib", name: "lib.git", url: "../lib.git" });
      const dir = join(temp("clone"), "c");
      await git(["clone", "-q", "--recurse-submodules", smart.url("super.git"), dir]);
      expect(readFileSync(join(dir, "vendor/lib/lib.txt"), "utf8")).toBe("pinned\n");
      expect(await git(["-C", join(dir, "vendor/lib"), "rev-parse", "HEAD"])).toBe(repo.submodules[0]!.repo.commits.pinned);
      expect(smart.log()).toMatch(/GET \/lib\.git\/info\/refs/);
    } finally {
      await smart.stop();
      repo.cleanup();
    }
  });

  it("file:// URL: needs protocol.file.allow=always", async () => {
    const repo = makeRepo({ files: { "main.txt": "super\n" }, submodules: [{ path: "lib", repo: sub, url: "file" }] });
    try {
      expect(repo.submodules[0]!.url).toMatch(/^file:\/\/\/.*\/lib\.git$/);
      const refusedClone = await runGit(["clone", "-q", "--recurse-submodules", repo.path, join(temp("clone"), "c")]);
      expect(refusedClone.code).not.toBe(0);
      expect(refusedClone.stderr).toMatch(/transport 'file' not allowed/);

      const dir = join(temp("clone"), "c");
      await git(["clone", "-q", "--recurse-submodules", repo.path, dir], { env: gitEnv({}, { allowFileProtocol: true }) });
      expect(readFileSync(join(dir, "lib/lib.txt"), "utf8")).toBe("newer\n");
    } finally {
      repo.cleanup();
    }
  });
});

describe("makeHistoryRepo", () => {
  it("makes the requested number of commits, deterministically, and reuses its cache", async () => {
    const opts = { commits: 120, bytes: 256 * 1024, cacheDir: temp("cache") };
    const made = await makeHistoryRepo(opts);
    expect(made.fromCache).toBe(false);
    expect(made.commitCount).toBe(120);
    expect(await git(["--git-dir", made.path, "rev-list", "--all", "--count"])).toBe("120");
    expect(await git(["--git-dir", made.path, "rev-parse", "main"])).toBe(made.head);
    expect(await git(["--git-dir", made.path, "rev-list", "--merges", "--count", "main"])).not.toBe("0");
    expect(await git(["--git-dir", made.path, "tag"])).toBe(made.tags.join("\n"));
    const topic = made.samples.topicOnly!;
    expect((await runGit(["--git-dir", made.path, "merge-base", "--is-ancestor", topic, "main"])).code).toBe(1);
    expect(await git(["--git-dir", made.path, "fsck", "--no-progress"])).toBe("");

    const again = await makeHistoryRepo(opts);
    expect(again).toEqual({ ...made, fromCache: true });
    const elsewhere = await makeHistoryRepo({ ...opts, cacheDir: temp("cache") });
    expect(elsewhere.head).toBe(made.head);
    expect(elsewhere.samples).toEqual(made.samples);
  });
});
