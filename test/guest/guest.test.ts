// The minimal-guest proof: generated/solstice-runner.sh, run as
// `/bin/sh /solstice-runner.sh` inside a chroot that holds only busybox and
// git (rootfs.ts), fetches over file://, git://, smart and dumb HTTP, runs the
// job, masks secrets and exits with the contract's codes. Every scenario
// runs twice: with all of busybox's applets, and with only the utilities
// docs/guest-requirements.md lists (UTILITIES), which proves the list is
// enough. The chroot shares the host's network namespace, so the fixture
// servers on 127.0.0.1 are reachable from inside. Needs root (chroot,
// mknod): skipped with a notice otherwise, failing under CI=true.
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRunning } from "../support/processes";
import {
  type FileTree,
  type GitServer,
  type RepoSpec,
  downServerUrl,
  makeRepo,
  makeTempDir,
  publishBare,
  startDumbHttp,
  startGitDaemon,
  startSmartHttp,
} from "../support/git-fixtures";
import { DEVICES, DLOPENED, GIT_HELPERS, GIT_SUBMODULE_SCRIPTS, type GuestRoot, type HostTools, chrootCommand, cloneGuestRoot, guestRootfs, hostTools } from "./rootfs";

/**
 * The utilities (busybox applets here) the runner needs, as
 * docs/guest-requirements.md lists them: the script's own, and sed for git's
 * git-submodule script. Keep the two in step. (cat and grep are for /proc,
 * which this guest does not mount; they are listed so the guest has what a
 * real one has.)
 */
const UTILITIES = ["sh", "awk", "cat", "cmp", "date", "env", "find", "grep", "head", "ls", "mkdir", "mkfifo", "mktemp", "rm", "rmdir", "setsid", "sleep", "tr", "sed"];

const GENERATED = fileURLToPath(new URL("../../generated/solstice-runner.sh", import.meta.url));
const SECRET = "s3cret-guest-token";
const CHROOT = chrootCommand();
const missing = process.getuid?.() !== 0 ? "not root" : CHROOT ? "" : "no chroot command";
const inCI = process.env.CI === "true";
if (missing && !inCI) {
  process.stderr.write(`\n*** NOTICE: the minimal-guest tests are SKIPPED (${missing}): run them as root\n\n`);
}

// Everything made here, undone in reverse order by afterAll (or by a
// beforeAll that fails half-way).
const undo: (() => unknown)[] = [];
async function cleanUp(): Promise<void> {
  for (const f of undo.splice(0).reverse()) await f();
}

// Job scripts use shell builtins only, so that they run in the stripped guest too.
const job = (content: string, executable = true): FileTree => ({ ".solstice/job.sh": { content, executable } });
const REPOS: Record<string, RepoSpec> = {
  "good.git": { files: job('#!/bin/sh\necho "hello from $PWD"\necho "token: $API_TOKEN"\necho "CI=$CI"\necho "to stderr" >&2\n') },
  // bash is not in the guest: a job.sh that is not executable runs with /bin/sh whatever its shebang.
  "plain.git": { files: job('#!/bin/bash\necho "plain job: $0"\n', false) },
  "fails.git": { files: job("#!/bin/sh\necho before\nexit 7\n") },
  // Past a 1 s timeout, ignoring TERM, with a sleeper in the background holding the output; pids in the workspace.
  "slow.git": { files: job('#!/bin/sh\ntrap "" TERM\necho started\nsleep 300 &\necho "$$ $!" >pids\nwhile :; do sleep 1; done\n') },
  "empty.git": { files: { README: "no job here\n" } },
  "super.git": {
    files: job('#!/bin/sh\nread -r line <lib/inside.txt\necho "$line"\n'),
    submodules: [{ path: "lib", repo: { files: { "inside.txt": "from the submodule\n" } } }],
  },
};

let tools: HostTools;
let base: string;
let serverBase: string;
let daemon: GitServer;
let http: GitServer;
let dumb: GitServer;
/** Repository name -> the commit to run. */
const shas: Record<string, string> = {};

/** A private copy of the rootfs, with the script and the repositories (file:///srv/NAME); `keep`: the only applets left. */
function guestWith(keep?: string[]): GuestRoot {
  const root = cloneGuestRoot(base);
  undo.push(() => root.cleanup());
  if (keep) {
    const bin = join(root.dir, "bin");
    for (const name of readdirSync(bin)) if (name !== "busybox" && !keep.includes(name)) rmSync(join(bin, name));
    expect(readdirSync(bin).sort(), "busybox lacks an applet the list names").toEqual(["busybox", ...keep].sort());
  }
  copyFileSync(GENERATED, join(root.dir, "solstice-runner.sh"));
  // Everything the servers serve, submodule repositories included.
  for (const name of readdirSync(serverBase)) publishBare(join(serverBase, name), join(root.dir, "srv"), name);
  return root;
}

describe.skipIf(missing !== "" && !inCI)("a guest with only busybox and git [shell=busybox] [awk=busybox]", () => {
  const roots: Record<string, GuestRoot> = {};
  beforeAll(async () => {
    if (missing) throw new Error(`CI=true, but the minimal-guest proof cannot run: ${missing}`);
    try {
      tools = hostTools();
      base = guestRootfs(tools);
      serverBase = makeTempDir("guest-srv");
      undo.push(() => rmSync(serverBase, { recursive: true, force: true }));
      for (const [name, spec] of Object.entries(REPOS)) {
        const r = makeRepo(spec);
        undo.push(() => r.cleanup());
        publishBare(r, serverBase, name);
        shas[name] = r.head;
      }
      roots.all = guestWith();
      roots.listed = guestWith(UTILITIES);
      daemon = await startGitDaemon(serverBase);
      undo.push(() => daemon.stop());
      http = await startSmartHttp(serverBase);
      undo.push(() => http.stop());
      dumb = await startDumbHttp(serverBase);
      undo.push(() => dumb.stop());
    } catch (e) {
      await cleanUp();
      throw e;
    }
  });
  afterAll(cleanUp);

  it("holds busybox, its applets and git's programs, and nothing else that runs", () => {
    const found = inventory(base, tools);
    expect(found.problems).toEqual([]);
    expect(found.programs).toContain("/bin/busybox");
    expect(found.programs).toContain("/usr/bin/git");
    // What rootfs.ts meant to put in is there (the submodule scripts only where git has them).
    const onHost = GIT_SUBMODULE_SCRIPTS.filter((h) => existsSync(join(tools.execPath, h)));
    for (const h of [...GIT_HELPERS, ...onHost]) expect(found.programs.concat(found.links)).toContain(posix.join(tools.execPath, h));
  });

  describe.each([
    ["all of busybox's applets", "all"],
    [`only ${UTILITIES.join(" ")}`, "listed"],
  ])("with %s", (_, which) => {
    const run = (spec: GuestRunSpec) => runInGuest(roots[which]!, spec);

    // dumb HTTP cannot fetch shallow: the runner falls back to fetching the branches.
    for (const transport of ["file", "git", "http", "dumb-http"] as const) {
      it(`runs an executable job.sh fetched over ${transport}, its secret masked`, async () => {
        const r = await run({ repo: "good.git", transport, secrets: `API_TOKEN: ${SECRET}\n` });
        expect(r.status).toBe(0);
        expect(r.stdout).toBe(`hello from /root/work-${r.id}\ntoken: ***\nCI=true\n`);
        expect(r.jobStderr).toBe("to stderr\n");
        expect(r.stdout + r.stderr).not.toContain(SECRET);
        expect(r.last).toMatch(/ INFO solstice_runner: job finished status=success exit_code=0 duration_ms=\d+$/);
        // The contract's shape; busybox's date may give no fraction of a second (Debian's does not).
        for (const e of r.events) expect(e).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z (ERROR| WARN| INFO|DEBUG|TRACE) solstice_runner: [a-z]/);
      });
    }

    it("reuses the checkout a previous run left in the workspace", async () => {
      const first = await run({ repo: "fails.git", transport: "file" });
      const r = await run({ repo: "good.git", transport: "file", workdir: `/root/work-${first.id}` });
      expect(r.stderr).toContain("reusing the existing checkout");
      expect(r.stdout).toBe(`hello from /root/work-${first.id}\ntoken: \nCI=true\n`);
      expect(r.status).toBe(0);
    });

    it("uses the default job file, secrets file and workspace", async () => {
      const r = await run({ repo: "good.git", transport: "file", secrets: `API_TOKEN: ${SECRET}\n`, defaults: true });
      expect(r.status).toBe(0);
      expect(r.stdout).toBe("hello from /root/work\ntoken: ***\nCI=true\n");
    });

    it("runs a job.sh that is not executable with /bin/sh, though its shebang names bash", async () => {
      const r = await run({ repo: "plain.git", transport: "file" });
      expect(r.stdout).toBe(`plain job: /root/work-${r.id}/.solstice/job.sh\n`);
      expect(r.status).toBe(0);
    });

    it("exits with a failing job's code", async () => {
      const r = await run({ repo: "fails.git", transport: "http" });
      expect(r.stdout).toBe("before\n");
      expect(r.status).toBe(7);
      expect(r.last).toMatch(/job finished status=failure exit_code=7 /);
    });

    it("refuses bad input with 65 before git runs", async () => {
      const r = await run({ job: `repo_url: "ext::sh -c touch% /tmp/pwned"\ncommit_sha: ${"a".repeat(40)}\n` });
      expect(r.status).toBe(65);
      expect(r.stdout).toBe("");
    });

    it("exits 66 when the commit has no job.sh", async () => {
      const r = await run({ repo: "empty.git", transport: "git" });
      expect(r.status).toBe(66);
      expect(r.stderr).toContain("nothing to run");
    });

    it("exits 69 when the server is unreachable, after a retry (sleep)", async () => {
      const r = await run({ job: `repo_url: ${await downServerUrl("http")}\ncommit_sha: ${"b".repeat(40)}\n`, retries: 2 });
      expect(r.status).toBe(69);
      expect(r.stderr).toContain("after 2 attempt(s)");
      expect(r.ms, "the pause between the attempts").toBeGreaterThanOrEqual(900);
      expect(r.last).toMatch(/job finished status=error exit_code=69 /);
    });

    it("stops a job past its timeout: TERM to its group, KILL after the grace period, exit 124; nothing of it left", async () => {
      const r = await run({ repo: "slow.git", transport: "file", more: "timeout: 1\n", grace: 1 });
      expect(r.stdout).toBe("started\n");
      expect(r.status).toBe(124);
      expect(r.last).toMatch(/job finished status=timed_out exit_code=124 /);
      expect(r.ms, "the timeout and the grace period").toBeGreaterThanOrEqual(1900);
      expect(r.ms).toBeLessThan(6000);
      const pids = readFileSync(join(roots[which]!.dir, `root/work-${r.id}/pids`), "latin1")
        .trim()
        .split(" ")
        .map(Number);
      expect(pids.filter(isRunning), "the job's processes left running").toEqual([]);
    });

    for (const transport of ["file", "http"] as const) {
      it(`checks out submodules over ${transport}:// (on git 2.39 through the git-submodule sh script)`, async () => {
        const r = await run({ repo: "super.git", transport, more: "submodules: true\n" });
        expect(r.stderr).not.toMatch(/ERROR/);
        expect(r.stdout).toBe("from the submodule\n");
        expect(r.status).toBe(0);
      });
    }
  });
});

interface GuestRunSpec {
  repo?: string;
  transport?: "file" | "git" | "http" | "dumb-http";
  /** The whole job file, instead of repo and transport. */
  job?: string;
  /** More job-file lines. */
  more?: string;
  secrets?: string;
  /** SOLSTICE_WORKDIR; default /root/work-<run's id>. */
  workdir?: string;
  /** SOLSTICE_FETCH_RETRIES; default 1. */
  retries?: number;
  /** Use /etc/solstice/{job,secrets}.yaml and /root/work: no SOLSTICE_* variables at all. */
  defaults?: boolean;
  /** SOLSTICE_KILL_GRACE. */
  grace?: number;
}

let runs = 0;

/** Runs the script in the guest with a minimal environment; checks it left /tmp empty. */
async function runInGuest(root: GuestRoot, spec: GuestRunSpec) {
  const id = ++runs;
  const servers = { git: daemon, http, "dumb-http": dumb };
  const url = (name: string) => (spec.transport === "file" ? `file:///srv/${name}` : servers[spec.transport!].url(name));
  const jobText = spec.job ?? `repo_url: ${url(spec.repo!)}\ncommit_sha: ${shas[spec.repo!]}\n${spec.more ?? ""}`;
  const dir = spec.defaults ? "/etc/solstice" : `/jobs/${id}`;
  const put = (name: string, text: string) => {
    mkdirSync(join(root.dir, dir), { recursive: true });
    writeFileSync(join(root.dir, dir, name), text);
  };
  put("job.yaml", jobText);
  if (spec.secrets) put("secrets.yaml", spec.secrets);
  const env: Record<string, string> = { PATH: "/bin:/usr/bin", HOME: "/root" };
  if (!spec.defaults) {
    Object.assign(env, { SOLSTICE_JOB_FILE: `${dir}/job.yaml`, SOLSTICE_WORKDIR: spec.workdir ?? `/root/work-${id}`, SOLSTICE_FETCH_RETRIES: String(spec.retries ?? 1) });
    if (spec.secrets) env.SOLSTICE_SECRETS_FILE = `${dir}/secrets.yaml`;
    if (spec.grace !== undefined) env.SOLSTICE_KILL_GRACE = String(spec.grace);
  }
  try {
    const r = await spawnCollect(CHROOT!, [root.dir, "/bin/sh", "/solstice-runner.sh"], env);
    const lines = r.stderr.split("\n").filter((l) => l !== "");
    const isEvent = (l: string) => / (ERROR| WARN| INFO|DEBUG|TRACE) solstice_runner: /.test(l);
    expect(readdirSync(join(root.dir, "tmp")), "the runner left files in /tmp").toEqual([]);
    const events = lines.filter(isEvent);
    return {
      id,
      ...r,
      events,
      last: lines[lines.length - 1] ?? "",
      jobStderr: lines
        .filter((l) => !isEvent(l))
        .map((l) => `${l}\n`)
        .join(""),
    };
  } finally {
    // The default files must not leak into later runs.
    if (spec.defaults) rmSync(join(root.dir, dir), { recursive: true, force: true });
  }
}

function spawnCollect(cmd: string, args: string[], env: Record<string, string>) {
  const started = performance.now();
  return new Promise<{ status: number | null; stdout: string; stderr: string; ms: number }>((resolve, reject) => {
    // env replaces the whole environment: nothing of the host's leaks in.
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), ms: performance.now() - started });
    });
  });
}

/**
 * Every entry of the rootfs, judged against the host (not against the
 * builder's own list): a program must be busybox or a file of git's, byte
 * for byte; a library must be one some program loads; a link must end at
 * one of the programs (for busybox, under an applet's name, in /bin).
 */
function inventory(dir: string, t: HostTools): { programs: string[]; links: string[]; problems: string[] } {
  const programs: string[] = [];
  const links: string[] = [];
  const problems: string[] = [];
  const libs: string[] = [];
  const host = (guest: string) => (guest === "/usr/bin/git" ? t.git : guest === "/bin/busybox" ? t.busybox : guest);
  const sameAsHost = (guest: string) => readFileSync(join(dir, guest)).equals(readFileSync(host(guest)));
  const isGits = (guest: string) => guest === "/usr/bin/git" || dirname(guest) === t.execPath;
  const walk = (guest: string) => {
    for (const name of readdirSync(join(dir, guest))) {
      const p = posix.join(guest, name);
      const st = lstatSync(join(dir, p));
      if (st.isDirectory()) walk(p);
      else if (st.isSymbolicLink()) {
        const target = posix.resolve(guest, readlinkSync(join(dir, p)));
        const ok = target === "/bin/busybox" ? guest === "/bin" && t.applets.includes(name) : isGits(target) && isGits(p);
        (ok ? links : problems).push(ok ? p : `${p} -> ${target}`);
      } else if (st.isFile() && (p === "/bin/busybox" || isGits(p))) {
        if (sameAsHost(p)) programs.push(p);
        else problems.push(`${p}: not the host's`);
      } else if (st.isFile() && /^\/lib(64)?\/.*\.so(\.|$)/.test(p) && sameAsHost(p)) libs.push(p);
      else if (st.isFile() && ["/etc/passwd", "/etc/group"].includes(p) && (st.mode & 0o111) === 0) continue;
      else if (st.isCharacterDevice() && DEVICES.some(([d]) => p === `/dev/${d}`)) continue;
      else problems.push(`${p}: unexpected`);
    }
  };
  walk("/");
  const loaded = new Set<string>();
  for (const p of programs) {
    try {
      for (const m of execFileSync("ldd", [host(p)], { encoding: "utf8" }).matchAll(/(\/\S+)\s+\(0x/g)) loaded.add(m[1]!);
    } catch {
      // a script: loads nothing
    }
  }
  for (const l of libs) if (!loaded.has(l) && !DLOPENED.includes(posix.basename(l))) problems.push(`${l}: a library no program loads`);
  return { programs, links, problems };
}
