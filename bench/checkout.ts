// Benchmarks of the runner against the bare git sequence it replaces, all
// from the same git daemon on 127.0.0.1 and measured in the same run:
//  (a) fixed overhead on a one-commit repository: runner minus bare, for the
//      sh build under dash (target: at most 25 ms; bash, busybox and ksh93
//      reported beside it) and the Node build (target: at most 1.5 ×
//      `node -e 0`, Node's own start-up, which is the floor); and, with
//      strace, the processes each starts (the sh build's above the bare
//      sequence's, and which programs they run);
//  (b) a repository with real history (3,000 commits, ~10 MB of objects):
//      the runner's checkout against the bare sequence (target: at most
//      1.05×) and `git clone --depth 1 --no-tags`, and the bytes of objects
//      each one stores (target: no more than the bare sequence).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { pickFreePort } from "../test/support/ports";
import { gitEnv } from "../test/support/git-env";
import { makeHistoryRepo } from "../test/support/history-repo";
import { makeRepo, makeTempDir, publishBare } from "../test/support/repo";
import { interleavedMedians, medianOf, ms, timeOnce } from "./stats";

const ROOT = path.resolve(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? "9");

/** Bytes under DIR/.git/objects (or DIR/objects for a bare clone): what the fetch brought. */
function objectBytes(dir: string): number {
  const objects = existsSync(path.join(dir, ".git")) ? path.join(dir, ".git/objects") : path.join(dir, "objects");
  let total = 0;
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) total += statSync(full).size;
    }
  };
  walk(objects);
  return total;
}

/**
 * git daemon with its output thrown away. The test fixtures' daemon pipes
 * its log into this process, which spawnSync keeps from reading: a full pipe
 * would stall the daemon in the middle of a measurement.
 */
async function quietGitDaemon(baseDir: string): Promise<{ url: (name: string) => string; stop: () => Promise<void> }> {
  const port = await pickFreePort();
  const child = spawn("git", ["daemon", "--export-all", `--base-path=${baseDir}`, "--listen=127.0.0.1", `--port=${port}`, "--reuseaddr", baseDir], { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => (socket.end(), resolve(true)));
      socket.on("error", () => resolve(false));
    });
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: (name) => `git://127.0.0.1:${port}/${name}`,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

function bareSequence(url: string, sha: string, dir: string, withJob: boolean): string[] {
  const job = withJob ? " && sh .solstice/job.sh" : "";
  const script = `git init -q "$1" && cd "$1" && git remote add origin "$2" && git fetch -q --no-tags --depth=1 origin "$3" && git checkout -q --detach "$3"${job}`;
  return ["sh", "-c", script, "sh", dir, url, sha];
}

function runnerArgv(backend: "sh" | "node", shell: string[] = ["sh"]): string[] {
  return backend === "sh" ? [...shell, path.join(ROOT, "generated/solstice-runner.sh")] : [process.execPath, path.join(ROOT, "bin/solstice-runner.mjs")];
}

/** The shells (a) reports, those installed. */
const SHELLS: [string, string[]][] = (
  [
    ["dash", ["dash"]],
    ["bash", ["bash", "--posix"]],
    ["busybox", ["busybox", "sh"]],
    ["ksh93", ["ksh93"]],
  ] as [string, string[]][]
).filter(([, argv]) => spawnSync(argv[0]!, [...argv.slice(1), "-c", ":"]).status === 0);

/**
 * The processes a command starts (forks, not threads) and the programs they
 * run, counted with strace -f; undefined without strace.
 */
function processCount(argv: string[], dir: string, env: NodeJS.ProcessEnv, expected = 0): { forks: number; execs: Map<string, number> } | undefined {
  if (spawnSync("strace", ["-V"]).status !== 0) return undefined;
  rmSync(dir, { recursive: true, force: true });
  const log = `${dir}.strace`;
  // -z: only calls that succeeded (a PATH search's misses left out, even when a call's result comes on a later line).
  timeOnce(["strace", "-f", "-qq", "-z", "-e", "trace=fork,vfork,clone,clone3,execve", "-o", log, ...argv], { env }, expected);
  let forks = 0;
  const execs = new Map<string, number>();
  for (const line of readFileSync(log, "utf8").split("\n")) {
    if (/\b(v?fork|clone3?)\(/.test(line) && !/CLONE_THREAD/.test(line)) forks++;
    const exec = /execve\("([^"]*)"/.exec(line);
    if (exec) execs.set(path.basename(exec[1]!), (execs.get(path.basename(exec[1]!)) ?? 0) + 1);
  }
  rmSync(log, { force: true });
  return { forks, execs };
}

function timeFresh(argv: string[], dir: string, env: NodeJS.ProcessEnv, expected = 0): number {
  rmSync(dir, { recursive: true, force: true });
  return timeOnce(argv, { env }, expected);
}

// The history repository has no .solstice/job.sh: after its checkout the runner ends with 66.
const NOTHING_TO_RUN = 66;

export async function benchCheckout(): Promise<boolean> {
  const temp = makeTempDir("bench-checkout");
  const served = path.join(temp, "served");
  const small = makeRepo({ files: { ".solstice/job.sh": "true\n", README: "a one-commit repository\n" } });
  publishBare(small, served, "small.git");
  const history = await makeHistoryRepo();
  publishBare(history.path, served, "history.git");
  const daemon = await quietGitDaemon(served);
  const workdir = path.join(temp, "work");
  const env = (url: string, sha: string) => ({
    ...gitEnv(),
    SOLSTICE_REPO_URL: url,
    SOLSTICE_COMMIT_SHA: sha,
    SOLSTICE_WORKDIR: workdir,
    SOLSTICE_JOB_FILE: path.join(temp, "none.yaml"),
    SOLSTICE_SECRETS_FILE: path.join(temp, "secrets.yaml"),
    SOLSTICE_FETCH_RETRIES: "1",
  });
  writeFileSync(path.join(temp, "none.yaml"), "# the environment says it all\n");
  writeFileSync(path.join(temp, "secrets.yaml"), "# none\n");
  let ok = true;

  // (a) fixed overhead
  const smallUrl = daemon.url("small.git");
  const [nodeStart, bare, node, ...shells] = interleavedMedians(RUNS, [
    () => timeOnce([process.execPath, "-e", "0"]),
    () => timeFresh(bareSequence(smallUrl, small.head, workdir, true), workdir, gitEnv()),
    () => timeFresh(runnerArgv("node"), workdir, env(smallUrl, small.head)),
    ...SHELLS.map(
      ([, shell]) =>
        () =>
          timeFresh(runnerArgv("sh", shell), workdir, env(smallUrl, small.head)),
    ),
  ]) as number[];
  const nodeOver = node! - bare!;
  console.log(`\n(a) Fixed overhead, one-commit repository over git daemon (median of ${RUNS})`);
  console.log(`bare git sequence + job   ${ms(bare!)}`);
  console.log(`node -e 0                 ${ms(nodeStart!)}`);
  SHELLS.forEach(([name], i) => {
    const over = shells[i]! - bare!;
    const target = name === "dash" ? `  target <= 25 ms: ${over <= 25 ? "ok" : "MISSED"}` : "";
    console.log(`sh build on ${name.padEnd(8)}      ${ms(shells[i]!)}  over bare ${ms(over)}${target}`);
    if (name === "dash" && over > 25) ok = false;
  });
  console.log(
    `Node build                ${ms(node!)}  over bare ${ms(nodeOver)}  = ${(nodeOver / nodeStart!).toFixed(2)} × node start-up, target <= 1.5: ${nodeOver <= 1.5 * nodeStart! ? "ok" : "MISSED"}`,
  );
  if (nodeOver > 1.5 * nodeStart!) ok = false;
  const bareCount = processCount(bareSequence(smallUrl, small.head, workdir, true), workdir, gitEnv());
  const shCount = processCount(runnerArgv("sh", ["dash"]), workdir, env(smallUrl, small.head));
  if (!bareCount || !shCount) console.log("processes per job: strace is not installed, not counted");
  else {
    const extra = [...shCount.execs].map(([name, n]) => [name, n - (bareCount.execs.get(name) ?? 0)] as const).filter(([, n]) => n > 0);
    console.log(
      `processes per job (strace -f): bare ${bareCount.forks} started, ${[...bareCount.execs.values()].reduce((a, b) => a + b, 0)} programs run; sh build on dash ${shCount.forks} started (${shCount.forks - bareCount.forks} more), ${[...shCount.execs.values()].reduce((a, b) => a + b, 0)} programs run`,
    );
    console.log(`  programs beyond the bare sequence's: ${extra.map(([name, n]) => `${name} ×${n}`).join(", ") || "none"}`);
  }

  // (b) real history
  const historyUrl = daemon.url("history.git");
  const sha = history.samples.middle;
  const measureBytes = (argv: string[], environment: NodeJS.ProcessEnv, expected = 0) => {
    rmSync(workdir, { recursive: true, force: true });
    timeOnce(argv, { env: environment }, expected);
    return objectBytes(workdir);
  };
  const [historyBare, clone, historySh] = interleavedMedians(RUNS, [
    () => timeFresh(bareSequence(historyUrl, sha, workdir, false), workdir, gitEnv()),
    () => timeFresh(["git", "clone", "-q", "--depth", "1", "--no-tags", historyUrl, workdir], workdir, gitEnv()),
    () => timeFresh(runnerArgv("sh"), workdir, env(historyUrl, sha), NOTHING_TO_RUN),
  ]) as [number, number, number];
  // The objects each one stored (git keeps a fetched pack as it came). pack-objects
  // orders deltas differently from run to run: compare medians.
  const bareBytes = medianOf(3, () => measureBytes(bareSequence(historyUrl, sha, workdir, false), gitEnv()));
  const cloneBytes = medianOf(3, () => measureBytes(["git", "clone", "-q", "--depth", "1", "--no-tags", historyUrl, workdir], gitEnv()));
  const runnerBytes = medianOf(3, () => measureBytes(runnerArgv("sh"), env(historyUrl, sha), NOTHING_TO_RUN));
  const ratio = historySh / historyBare;
  console.log(`\n(b) Checkout of a commit in ${history.commitCount} commits (${(history.packBytes / 1048576).toFixed(1)} MiB of objects), median of ${RUNS}`);
  console.log(`bare git sequence         ${ms(historyBare)}  ${String(bareBytes).padStart(10)} bytes of objects`);
  console.log(`git clone --depth 1       ${ms(clone)}  ${String(cloneBytes).padStart(10)} bytes of objects`);
  console.log(`runner (sh build)         ${ms(historySh)}  ${String(runnerBytes).padStart(10)} bytes of objects`);
  console.log(`runner / bare: ${ratio.toFixed(3)} (target <= 1.05: ${ratio <= 1.05 ? "ok" : "MISSED"}); bytes: ${runnerBytes <= bareBytes ? "ok" : "MORE than bare"}`);
  if (ratio > 1.05 || runnerBytes > bareBytes) ok = false;

  await daemon.stop();
  small.cleanup();
  rmSync(temp, { recursive: true, force: true });
  return ok;
}
