// The fixtures checked with plain git: what each server kind lets a client
// do is exactly what the runner's fetch logic has to cope with.
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
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
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(await git(["-C", r.dir, "rev-parse", "FETCH_HEAD"])).toBe(sha);
      expect(await git(["-C", r.dir, "rev-list", "--count", "FETCH_HEAD"])).toBe("1");
      expect(existsSync(join(r.dir, ".git/shallow"))).toBe(true);
    });

    it("refuses an unadvertised SHA to a protocol v0 client", async () => {
      const r = await shallowFetch(server().url("repo.git"), repo.commits.old!, 0);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/not our ref|unadvertised object/);
    });
  });

  it("speaks protocol v2 when asked (smart http passes Git-Protocol to http-backend)", async () => {
    await shallowFetch(smart.url("repo.git"), repo.commits.old!);
    expect(smart.log()).toMatch(/GET \/repo\.git\/info\/refs\?service=git-upload-pack -> 200 \(version=2\)/);
    await shallowFetch(daemon.url("repo.git"), repo.commits.old!);
    expect(daemon.log()).toMatch(/protocol.*version=2/);
  });

  it("dumb http: no shallow fetch, no fetch of an unadvertised SHA, but branches fetch", async () => {
    const shallow = await shallowFetch(dumb.url("repo.git"), repo.commits.old!);
    expect(shallow.code).not.toBe(0);
    expect(shallow.stderr).toMatch(/dumb http transport does not support shallow capabilities/);

    const dir = await emptyRepo(dumb.url("repo.git"));
    const bySha = await runGit(["-C", dir, "fetch", "--no-tags", "origin", repo.commits.old!]);
    console.log(bySha);

    const branches = await runGit(["-C", dir, "fetch", "--no-tags", "origin", "+refs/heads/*:refs/remotes/origin/*"]);
    expect(branches.code).toBe(0);
    for (const label of ["old", "side", "tip"]) {
      expect(await git(["-C", dir, "rev-parse", "--verify", `${repo.commits[label]}^{commit}`])).toBe(repo.commits[label]);
    }
  });
});
