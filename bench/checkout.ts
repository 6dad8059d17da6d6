// Benchmarks of the runner against the bare git sequence it replaces, all
// from the same git daemon on 127.0.0.1 and measured in the same run:
//  (a) fixed overhead on a one-commit repository: runner minus bare, for the
//      sh build (target: at most 25 ms) and the Node build (target: at most
//      1.5 × `node -e 0`, Node's own start-up, which is the floor);
//  (b) a repository with real history (3,000 commits, ~10 MB of objects):
//      the runner's checkout against the bare sequence (target: at most
//      1.05×) and `git clone --depth 1 --no-tags`, and the bytes each
//      receives (target: no more than the bare sequence).
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startGitDaemon } from "../test/support/git-daemon";
import { gitEnv } from "../test/support/git-env";
import { makeHistoryRepo } from "../test/support/history-repo";
import { makeRepo, makeTempDir, publishBare } from "../test/support/repo";
import { medianOf, ms, timeOnce } from "./stats";

const ROOT = path.resolve(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? "9");

// A TCP relay that counts the bytes the server sends, to measure what a
// fetch downloads. It runs as a process of its own: the timed commands are
// run with spawnSync, which would stop a relay living in this process.
const RELAY = `
const net = require("node:net");
const fs = require("node:fs");
const [target, countFile] = process.argv.slice(1);
let bytes = 0;
const server = net.createServer((client) => {
  const upstream = net.connect(Number(target), "127.0.0.1");
  upstream.on("data", (chunk) => { bytes += chunk.length; });
  client.pipe(upstream);
  upstream.pipe(client);
  const done = () => fs.writeFileSync(countFile, String(bytes));
  upstream.on("close", done);
  client.on("error", () => upstream.destroy());
  upstream.on("error", () => client.destroy());
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
`;

async function countingRelay(targetPort: number, dir: string): Promise<{ port: number; received: () => number; close: () => void }> {
  const countFile = path.join(dir, "relay-bytes");
  const child = spawn(process.execPath, ["-e", RELAY, String(targetPort), countFile], { stdio: ["pipe", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve) => child.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
  const received = () => (existsSync(countFile) ? Number(readFileSync(countFile, "utf8")) : 0);
  return { port, received, close: () => child.stdin.end() };
}

function bareSequence(url: string, sha: string, dir: string, withJob: boolean): string[] {
  const job = withJob ? " && sh .solstice/job.sh" : "";
  const script = `git init -q "$1" && cd "$1" && git remote add origin "$2" && git fetch -q --no-tags --depth=1 origin "$3" && git checkout -q --detach "$3"${job}`;
  return ["sh", "-c", script, "sh", dir, url, sha];
}

function runnerArgv(backend: "sh" | "node"): string[] {
  return backend === "sh" ? ["sh", path.join(ROOT, "generated/solstice-runner.sh")] : [process.execPath, path.join(ROOT, "bin/solstice-runner.mjs")];
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
  const small = makeRepo({ files: { ".solstice/job.sh": "true\n", "README": "a one-commit repository\n" } });
  publishBare(small, served, "small.git");
  const history = await makeHistoryRepo();
  publishBare(history.path, served, "history.git");
  const daemon = await startGitDaemon(served);
  const proxy = await countingRelay(daemon.port, temp);
  const workdir = path.join(temp, "work");
  const env = (url: string, sha: string) => ({ ...gitEnv(), SOLSTICE_REPO_URL: url, SOLSTICE_COMMIT_SHA: sha, SOLSTICE_WORKDIR: workdir, SOLSTICE_JOB_FILE: path.join(temp, "none.yaml"), SOLSTICE_SECRETS_FILE: path.join(temp, "secrets.yaml"), SOLSTICE_FETCH_RETRIES: "1" });
  writeFileSync(path.join(temp, "none.yaml"), "# the environment says it all\n");
  writeFileSync(path.join(temp, "secrets.yaml"), "# none\n");
  let ok = true;

  // (a) fixed overhead
  const smallUrl = daemon.url("small.git");
  const nodeStart = medianOf(RUNS, () => timeOnce([process.execPath, "-e", "0"]));
  const bare = medianOf(RUNS, () => timeFresh(bareSequence(smallUrl, small.head, workdir, true), workdir, gitEnv()));
  const sh = medianOf(RUNS, () => timeFresh(runnerArgv("sh"), workdir, env(smallUrl, small.head)));
  const node = medianOf(RUNS, () => timeFresh(runnerArgv("node"), workdir, env(smallUrl, small.head)));
  const shOver = sh - bare;
  const nodeOver = node - bare;
  console.log(`\n(a) Fixed overhead, one-commit repository over git daemon (median of ${RUNS})`);
  console.log(`bare git sequence + job   ${ms(bare)}`);
  console.log(`node -e 0                 ${ms(nodeStart)}`);
  console.log(`sh build                  ${ms(sh)}  over bare ${ms(shOver)}  target <= 25 ms: ${shOver <= 25 ? "ok" : "MISSED"}`);
  console.log(`Node build                ${ms(node)}  over bare ${ms(nodeOver)}  = ${(nodeOver / nodeStart).toFixed(2)} × node start-up, target <= 1.5: ${nodeOver <= 1.5 * nodeStart ? "ok" : "MISSED"}`);
  if (shOver > 25 || nodeOver > 1.5 * nodeStart) ok = false;

  // (b) real history
  const proxiedUrl = `git://127.0.0.1:${proxy.port}/history.git`;
  const sha = history.samples.middle;
  const measureBytes = (argv: string[], environment: NodeJS.ProcessEnv, expected = 0) => {
    rmSync(workdir, { recursive: true, force: true });
    const before = proxy.received();
    timeOnce(argv, { env: environment }, expected);
    return proxy.received() - before;
  };
  const historyBare = medianOf(RUNS, () => timeFresh(bareSequence(proxiedUrl, sha, workdir, false), workdir, gitEnv()));
  const clone = medianOf(RUNS, () => timeFresh(["git", "clone", "-q", "--depth", "1", "--no-tags", proxiedUrl, workdir], workdir, gitEnv()));
  const historySh = medianOf(RUNS, () => timeFresh(runnerArgv("sh"), workdir, env(proxiedUrl, sha), NOTHING_TO_RUN));
  // pack-objects orders deltas differently from run to run: compare medians of bytes too.
  const bareBytes = medianOf(3, () => measureBytes(bareSequence(proxiedUrl, sha, workdir, false), gitEnv()));
  const cloneBytes = medianOf(3, () => measureBytes(["git", "clone", "-q", "--depth", "1", "--no-tags", proxiedUrl, workdir], gitEnv()));
  const runnerBytes = medianOf(3, () => measureBytes(runnerArgv("sh"), env(proxiedUrl, sha), NOTHING_TO_RUN));
  const ratio = historySh / historyBare;
  console.log(`\n(b) Checkout of a commit in ${history.commitCount} commits (${(history.packBytes / 1048576).toFixed(1)} MiB of objects), median of ${RUNS}`);
  console.log(`bare git sequence         ${ms(historyBare)}  ${String(bareBytes).padStart(10)} bytes received`);
  console.log(`git clone --depth 1       ${ms(clone)}  ${String(cloneBytes).padStart(10)} bytes received`);
  console.log(`runner (sh build)         ${ms(historySh)}  ${String(runnerBytes).padStart(10)} bytes received`);
  console.log(`runner / bare: ${ratio.toFixed(3)} (target <= 1.05: ${ratio <= 1.05 ? "ok" : "MISSED"}); bytes: ${runnerBytes <= bareBytes ? "ok" : "MORE than bare"}`);
  if (ratio > 1.05 || runnerBytes > bareBytes) ok = false;

  proxy.close();
  await daemon.stop();
  small.cleanup();
  rmSync(temp, { recursive: true, force: true });
  return ok;
}
