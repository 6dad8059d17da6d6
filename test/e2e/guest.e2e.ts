// make e2e: real guests, booted. A minimal Debian image (test/e2e/image.sh:
// minbase, git, cloud-init, a kernel, busybox, no Node) gets the user-data
// `solstice-runner cloud-init` renders, through a NoCloud seed, and runs
// the runner from cloud-init's runcmd; a second image adds Debian's nodejs
// (18) and runs the Node bundle. The guests reach only the host's git
// daemon and HTTP server (test/e2e/qemu.ts). To save boots, each guest
// runs several checks: the rendered runcmd first, then more launcher runs
// appended to its runcmd, each after a marker line on the console.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseDocument, type YAMLSeq } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GitServer, startGitDaemon } from "../support/git-daemon";
import { startDumbHttp } from "../support/http-servers";
import { makeRepo, makeTempDir, publishBare } from "../support/repo";
import { type Boot, bootGuest, chooseAccel, type Forward, makeSeed } from "./qemu";

const ROOT = path.resolve(__dirname, "../..");
const BUILD = path.join(ROOT, "build/e2e");
const BIN = path.join(ROOT, "bin/solstice-runner.mjs");
const SH_BUILD = path.join(ROOT, "generated/x86_64-unknown-linux-gnu/solstice-runner");
const BUNDLE = path.join(ROOT, "dist/solstice-runner-node.cjs");
const BOOT_TIMEOUT = Number(process.env.SOLSTICE_E2E_BOOT_TIMEOUT ?? 20 * 60);
const GIT_HOST = "10.0.2.100";
const HTTP_HOST = "10.0.2.101";
const LAUNCH = "/usr/local/lib/solstice-runner/launch";
// Shell and YAML metacharacters: masked in the output, never run.
const SECRET = "s3cr'et\"$(touch /pwned)`id`;|&";
const WRONG_SHA = "0".repeat(64);

const undo: (() => unknown)[] = [];
let work = "";
let daemon: GitServer;
const shas: Record<string, string> = {};
const boots: Record<string, Boot> = {};

function image(variant: "base" | "node"): { dir: string } {
  const made = spawnSync(path.join(ROOT, "test/e2e/image.sh"), [variant, BUILD], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (made.status !== 0) throw new Error(`test/e2e/image.sh ${variant} failed (${made.status})`);
  return { dir: made.stdout.trim().split("\n").pop()! };
}

function render(args: string[]): string {
  const out = spawnSync(process.execPath, [BIN, "cloud-init", ...args], { encoding: "utf8", cwd: work, maxBuffer: 64 << 20 });
  if (out.status !== 0) throw new Error(`cloud-init ${args.join(" ")}: ${out.stderr}`);
  return out.stdout;
}

function jobFile(name: string): string {
  const file = path.join(work, `job-${name}.yaml`);
  writeFileSync(file, `repo_url: git://${GIT_HOST}/${name}\ncommit_sha: ${shas[name]}\n`);
  return file;
}

interface ExtraRun {
  /** Marker name; the console from its marker to the next is its section. */
  name: string;
  /** Extra job files written to /etc/solstice/ (name → job repository). */
  jobs?: Record<string, string>;
  /** The runcmd entry (an argv, never a shell string of data). */
  command: string[];
}

/** The rendered user-data plus further runcmd entries, each after a marker line. */
function withExtraRuns(userData: string, runs: ExtraRun[]): string {
  const doc = parseDocument(userData);
  const files = doc.get("write_files") as YAMLSeq;
  const runcmd = doc.get("runcmd") as YAMLSeq;
  for (const run of runs) {
    for (const [file, repo] of Object.entries(run.jobs ?? {})) {
      files.add(doc.createNode({ path: `/etc/solstice/${file}`, content: readFileSync(jobFile(repo), "utf8"), permissions: "0600" }));
    }
    runcmd.add(doc.createNode(["sh", "-c", `echo "=== e2e: ${run.name} ===" >/dev/console`]));
    runcmd.add(doc.createNode(run.command));
  }
  return doc.toString({ lineWidth: 0 });
}

function schemaValid(userData: string, name: string): void {
  const file = path.join(work, `${name}.user-data`);
  writeFileSync(file, userData);
  const schema = spawnSync("cloud-init", ["schema", "--config-file", file], { encoding: "utf8" });
  if (schema.status !== 0) throw new Error(`${name}: cloud-init schema: ${schema.stdout}${schema.stderr}`);
}

/** The console from the marker `name` to the next marker (main: from the start to the first). */
function section(boot: Boot, name: string): string {
  const text = boot.console.replace(/\r/g, "");
  const parts = text.split(/^=== e2e: (.*) ===$/m);
  if (name === "main") return parts[0]!;
  const at = parts.indexOf(name);
  if (at < 0) throw new Error(`no section ${name} in the console:\n${text.slice(-4000)}`);
  return parts[at + 1]!;
}

function sizeOf(text: string): string {
  return `${Buffer.byteLength(text)} bytes`;
}

beforeAll(async () => {
  const started = Date.now();
  work = makeTempDir("e2e");
  undo.push(() => rmSync(work, { recursive: true, force: true }));
  const bundled = spawnSync(process.execPath, [path.join(ROOT, "scripts/bundle.mjs"), BUNDLE], { encoding: "utf8" });
  if (bundled.status !== 0) throw new Error(`scripts/bundle.mjs: ${bundled.stderr}`);
  const base = image("base");
  const withNode = image("node");
  console.log(`images ready after ${Math.round((Date.now() - started) / 1000)} s`);

  const srv = path.join(work, "srv");
  const jobs: Record<string, Record<string, { content: string; executable?: boolean }>> = {
    ok: { ".solstice/job.sh": { content: '#!/bin/sh\necho "hello from the guest: $(uname -s)"\necho "the secret is $DEPLOY_TOKEN"\n', executable: true } },
    fail: { ".solstice/job.sh": { content: '#!/bin/sh\necho "about to fail"\nexit 3\n', executable: true } },
    workflow: { ".solstice/workflow.kdl": { content: 'workflow {\n  job id="j" {\n    step name="hello" run="echo hi from the workflow"\n  }\n}\n' } },
  };
  for (const [name, files] of Object.entries(jobs)) {
    const r = makeRepo({ files });
    undo.push(() => r.cleanup());
    publishBare(r, srv, name);
    shas[name] = r.head;
  }
  daemon = await startGitDaemon(srv);
  undo.push(() => daemon.stop());
  // The runner the guest downloads, served as a static file.
  const www = path.join(work, "www");
  mkdirSync(www);
  copyFileSync(SH_BUILD, path.join(www, "solstice-runner"));
  const http = await startDumbHttp(www);
  undo.push(() => http.stop());
  const forwards: Forward[] = [
    { guest: `${GIT_HOST}:9418`, hostPort: daemon.port },
    { guest: `${HTTP_HOST}:80`, hostPort: http.port },
  ];
  const secrets = path.join(work, "secrets.yaml");
  writeFileSync(secrets, `DEPLOY_TOKEN: ${JSON.stringify(SECRET)}\n`);
  const shSha = createHash("sha256").update(readFileSync(SH_BUILD)).digest("hex");
  const runnerUrl = `http://${HTTP_HOST}/solstice-runner`;

  // The sh guest: the download (verified), the embedded sh build as its fallback.
  const shUserData = render(["--job", jobFile("ok"), "--secrets", secrets, "--runner-url", runnerUrl, "--runner-sha256", shSha, "--poweroff"]);
  const shGuest = withExtraRuns(shUserData, [
    { name: "recorded", command: ["sh", "-c", 'echo "recorded exit status: $(cat /var/lib/solstice-runner/exit-status)" >/dev/console'] },
    { name: "fail", jobs: { "job-fail.yaml": "fail" }, command: ["env", "SOLSTICE_RUNNER_URL=", "SOLSTICE_JOB_FILE=/etc/solstice/job-fail.yaml", "SOLSTICE_WORKDIR=/root/work-fail", LAUNCH] },
    { name: "workflow", jobs: { "job-workflow.yaml": "workflow" }, command: ["env", "SOLSTICE_RUNNER_URL=", "SOLSTICE_JOB_FILE=/etc/solstice/job-workflow.yaml", "SOLSTICE_WORKDIR=/root/work-workflow", LAUNCH] },
    { name: "wrong checksum, embedded fallback", command: ["env", `SOLSTICE_RUNNER_SHA256=${WRONG_SHA}`, "SOLSTICE_WORKDIR=/root/work-fallback", LAUNCH] },
    { name: "wrong checksum, nothing embedded", command: ["env", `SOLSTICE_RUNNER_SHA256=${WRONG_SHA}`, "SOLSTICE_RUNNER_PATH=/root/none/solstice-runner", "SOLSTICE_WORKDIR=/root/work-none", LAUNCH] },
    { name: "leftover", command: ["sh", "-c", "if [ -e /root/none/solstice-runner ] || [ -e /pwned ]; then echo LEFTOVER; else echo NO-LEFTOVER; fi >/dev/console"] },
  ]);
  // The Node guest: the bundle embedded, run by Debian's nodejs.
  const nodeUserData = render(["--job", jobFile("ok"), "--secrets", secrets, "--embed", "node", "--poweroff"]);
  const nodeGuest = withExtraRuns(nodeUserData, [
    { name: "node version", command: ["sh", "-c", 'echo "guest node $(node --version)" >/dev/console'] },
    { name: "fail", jobs: { "job-fail.yaml": "fail" }, command: ["env", "SOLSTICE_JOB_FILE=/etc/solstice/job-fail.yaml", "SOLSTICE_WORKDIR=/root/work-fail", LAUNCH] },
  ]);
  schemaValid(shGuest, "sh-guest");
  schemaValid(nodeGuest, "node-guest");
  console.log(`user-data: sh guest ${sizeOf(shUserData)} (with the extra runs ${sizeOf(shGuest)}), node guest ${sizeOf(nodeUserData)} (${sizeOf(nodeGuest)})`);

  const accel = await chooseAccel(base, work);
  console.log(`accelerator: ${accel}`);
  const [sh, node] = await Promise.all([
    bootGuest({ image: base, seed: makeSeed(work, "sh", shGuest), forwards, accel, consoleFile: path.join(BUILD, "sh-guest.console"), timeoutSeconds: BOOT_TIMEOUT }),
    bootGuest({ image: withNode, seed: makeSeed(work, "node", nodeGuest), forwards, accel, consoleFile: path.join(BUILD, "node-guest.console"), timeoutSeconds: BOOT_TIMEOUT }),
  ]);
  boots.sh = sh;
  boots.node = node;
  console.log(`boots: sh guest ${Math.round(sh.seconds)} s, node guest ${Math.round(node.seconds)} s (${accel}); consoles in ${BUILD}`);
});
afterAll(async () => {
  for (const step of undo.reverse()) await step();
});

describe("a Debian guest without Node, the sh build", () => {
  it("powers off by itself once the runner has finished", () => {
    expect(boots.sh!.timedOut, boots.sh!.console.slice(-3000)).toBe(false);
  });

  it("downloads the runner, checks its SHA-256 and runs the job: output, masked secret, success, exit status 0", () => {
    const main = section(boots.sh!, "main");
    expect(main).toContain("solstice-runner: runner downloaded and verified");
    expect(main).toContain("hello from the guest: Linux");
    expect(main).toContain("the secret is ***");
    expect(boots.sh!.console).not.toContain("s3cr'et");
    expect(main).toMatch(/job finished status=success/);
    expect(main).toMatch(/^solstice-runner: exit status 0$/m);
    expect(section(boots.sh!, "recorded")).toMatch(/^recorded exit status: 0$/m);
  });

  it("a failing job: status failure, the job's exit status", () => {
    const fail = section(boots.sh!, "fail");
    expect(fail).toContain("about to fail");
    expect(fail).toMatch(/job finished status=failure/);
    expect(fail).toMatch(/^solstice-runner: exit status 3$/m);
  });

  it("a workflow (.solstice/workflow.kdl) runs its step and succeeds", () => {
    const workflow = section(boots.sh!, "workflow");
    expect(workflow).toContain("hi from the workflow");
    expect(workflow).toMatch(/job finished status=success/);
    expect(workflow).toMatch(/^solstice-runner: exit status 0$/m);
  });

  it("a wrong checksum: the download is not run, the embedded runner is", () => {
    const fallback = section(boots.sh!, "wrong checksum, embedded fallback");
    expect(fallback).toMatch(/checksum mismatch for http:\/\/10\.0\.2\.101\/solstice-runner: expected sha256 0{64}, got [0-9a-f]{64}; the download is deleted, not run/);
    expect(fallback).toContain("falling back to the embedded runner");
    expect(fallback).toMatch(/job finished status=success/);
    expect(fallback).toMatch(/^solstice-runner: exit status 0$/m);
  });

  it("a wrong checksum and nothing embedded: nothing runs, the console says so, exit status 69", () => {
    const none = section(boots.sh!, "wrong checksum, nothing embedded");
    expect(none).toContain("checksum mismatch");
    expect(none).toContain("no runner to start");
    expect(none).not.toContain("starting");
    expect(none).not.toMatch(/job (started|finished)/);
    expect(none).toMatch(/^solstice-runner: exit status 69$/m);
    expect(section(boots.sh!, "leftover")).toMatch(/^NO-LEFTOVER$/m);
  });
});

describe("a Debian guest with Debian's nodejs, the Node bundle", () => {
  it("runs under Node 18", () => {
    expect(boots.node!.timedOut, boots.node!.console.slice(-3000)).toBe(false);
    expect(section(boots.node!, "node version")).toMatch(/^guest node v18\./m);
  });

  it("runs the job: output, masked secret, success, exit status 0", () => {
    const main = section(boots.node!, "main");
    expect(main).toContain("hello from the guest: Linux");
    expect(main).toContain("the secret is ***");
    expect(boots.node!.console).not.toContain("s3cr'et");
    expect(main).toMatch(/job finished status=success/);
    expect(main).toMatch(/^solstice-runner: exit status 0$/m);
  });

  it("a failing job: the job's exit status", () => {
    const fail = section(boots.node!, "fail");
    expect(fail).toMatch(/job finished status=failure/);
    expect(fail).toMatch(/^solstice-runner: exit status 3$/m);
  });
});
