// make demo: the whole flow with no VM and no network. Commits examples/hello
// (a job.sh) and examples/workflow (a workflow.kdl) into temporary
// repositories, serves them with git daemon on 127.0.0.1, and runs each job
// at its commit with both builds of the runner; then streams both builds'
// logs of the workflow to a sink (the Node build directly, the sh build
// through its framed console and the relay) and shows what the sink stored.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startGitDaemon } from "../test/support/git-daemon";
import { gitSync } from "../test/support/git-env";
import { publishBare } from "../test/support/repo";

const root = path.resolve(__dirname, "..");
const temp = mkdtempSync(path.join(os.tmpdir(), "solstice-demo-"));

function section(title: string): void {
  process.stdout.write(`\n\x1b[1m== ${title}\x1b[0m\n`);
}

/** Commit an example folder into a repository of its own, published for the daemon; its commit. */
function publishExample(name: string): string {
  const work = path.join(temp, name);
  cpSync(path.join(root, "examples", name), work, { recursive: true });
  gitSync(["init", "-q", "-b", "main", work]);
  gitSync(["add", "-A"], { cwd: work });
  gitSync(["commit", "-q", "-m", "the demo commit"], { cwd: work });
  publishBare(work, served, `${name}.git`);
  return gitSync(["rev-parse", "HEAD"], { cwd: work }).trim();
}

const served = path.join(temp, "served");
const helloSha = publishExample("hello");
const workflowSha = publishExample("workflow");
const server = await startGitDaemon(served);

const secretsFile = path.join(temp, "secrets.yaml");
writeFileSync(secretsFile, "# NAME: value pairs, masked in all output\nPACKAGE_REGISTRY_TOKEN: 'pkg-registry-t0ken'\n");

const backends = [
  { title: "Node build: node bin/solstice-runner.mjs", argv: [process.execPath, path.join(root, "bin/solstice-runner.mjs")] },
  { title: "sh build: sh generated/solstice-runner.sh", argv: ["sh", path.join(root, "generated/solstice-runner.sh")] },
];
let failed = false;

/** Show the job file, then run it with each build; any status but 0 fails the demo. */
function runExample(name: string, lines: string[]): void {
  const jobFile = path.join(temp, `${name}.yaml`);
  writeFileSync(jobFile, [...lines, ""].join("\n"));
  section(`${name}: the job file`);
  process.stdout.write(spawnSync("cat", [jobFile], { encoding: "utf8" }).stdout);
  for (const backend of backends) {
    section(`${name}: ${backend.title}`);
    const result = spawnSync(backend.argv[0]!, backend.argv.slice(1), {
      stdio: "inherit",
      env: { ...process.env, SOLSTICE_JOB_FILE: jobFile, SOLSTICE_SECRETS_FILE: secretsFile, SOLSTICE_WORKDIR: path.join(temp, `workspace-${name}-${backends.indexOf(backend)}`) },
    });
    process.stdout.write(`exit status: ${result.status}\n`);
    if (result.status !== 0) failed = true;
  }
}

runExample("hello", [`repo_url: ${server.url("hello.git")}`, `commit_sha: ${helloSha}`, "env:", '  GREETING: "hello, world"', "secrets:", "  DEPLOY_TOKEN: s3cr3t-t0ken-value"]);
// A workflow with two jobs: the job file chooses one.
runExample("workflow", [`repo_url: ${server.url("workflow.git")}`, `commit_sha: ${workflowSha}`, "job_id: linux-build", "secrets:", "  DEPLOY_TOKEN: s3cr3t-t0ken-value"]);
// Log streaming (contract section 9): a sink on 127.0.0.1 receives the Node
// build's log and status directly (the workflow example, so each line
// carries its step), and the sh build's through its framed
// console and the relay.
const jobFile = path.join(temp, "workflow.yaml");
section("log streaming: solstice-runner sink --listen 127.0.0.1:0 --dir SINK");
const cli = path.join(root, "bin/solstice-runner.mjs");
const sinkDir = path.join(temp, "sink");
const sink = spawn(process.execPath, [cli, "sink", "--listen", "127.0.0.1:0", "--dir", sinkDir], { stdio: ["ignore", "pipe", "inherit"] });
let sinkSaid = "";
sink.stdout!.on("data", (chunk: Buffer) => {
  sinkSaid += chunk.toString();
  process.stdout.write(`[sink] ${chunk.toString()}`);
});
const port = await new Promise<string>((resolve) => {
  const poll = setInterval(() => {
    const found = /listening on 127\.0\.0\.1:(\d+)/.exec(sinkSaid);
    if (found) {
      clearInterval(poll);
      resolve(found[1]!);
    }
  }, 20);
});
const runEnv = (n: number) => ({ ...process.env, SOLSTICE_JOB_FILE: jobFile, SOLSTICE_SECRETS_FILE: secretsFile, SOLSTICE_WORKDIR: path.join(temp, `workspace-stream-${n}`) });
section(`Node build streaming: SOLSTICE_ORCHESTRATOR_ADDR=127.0.0.1:${port} SOLSTICE_RUN_ID=demo-node`);
const streamed = spawnSync(process.execPath, [cli], { stdio: "inherit", env: { ...runEnv(0), SOLSTICE_ORCHESTRATOR_ADDR: `127.0.0.1:${port}`, SOLSTICE_RUN_ID: "demo-node" } });
if (streamed.status !== 0) failed = true;
section("sh build with SOLSTICE_CONSOLE_FRAMING=1, its console relayed: solstice-runner relay --orchestrator … --from CONSOLE");
const consoleFile = path.join(temp, "console");
const framedRun = spawnSync("sh", ["-c", 'sh "$1" >"$2" 2>&1', "sh", path.join(root, "generated/solstice-runner.sh"), consoleFile], {
  env: { ...runEnv(1), SOLSTICE_CONSOLE_FRAMING: "1", SOLSTICE_RUN_ID: "demo-sh" },
});
if (framedRun.status !== 0) failed = true;
process.stdout.write(readFileSync(consoleFile, "utf8"));
const relayed = spawnSync(process.execPath, [cli, "relay", "--orchestrator", `127.0.0.1:${port}`, "--from", consoleFile], { stdio: "inherit" });
if (relayed.status !== 0) failed = true;
for (const run of ["demo-node", "demo-sh"]) {
  section(`what the sink stored for ${run}: ${path.join("SINK", run)}/log and status.json`);
  process.stdout.write(readFileSync(path.join(sinkDir, run, "log"), "utf8"));
  process.stdout.write(readFileSync(path.join(sinkDir, run, "status.json"), "utf8"));
}
sink.kill("SIGTERM");

await server.stop();
rmSync(temp, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
