// make demo: the whole flow with no VM and no network. Commits examples/hello
// (a job.sh) and examples/workflow (a workflow.kdl) into temporary
// repositories, serves them with git daemon on 127.0.0.1, and runs each job
// at its commit with both builds of the runner.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
await server.stop();
rmSync(temp, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
