// make e2e: real guests, booted. A minimal Debian image (test/e2e/image.sh:
// minbase, git, cloud-init, a kernel, busybox, no Node) and one with
// Debian's nodejs (18) each get, through a NoCloud seed, exactly the
// user-data `solstice-runner cloud-init` renders, nothing added: cloud-init
// starts the runner once, the console shows what happened. The guests reach
// only the host's git daemon and HTTP server (test/e2e/qemu.ts).
//
// Three guests, booted at the same time, cover every check:
//   download  no Node; the sh build downloaded over HTTP, checksum verified,
//             nothing embedded; runs the demo workflow (examples/workflow)
//             with a secret: output, masking, success, exit status 0.
//   fallback  no Node; the download's checksum is wrong, so it is never run
//             and the embedded sh build runs instead: a failing job (exit 3).
//   node      Debian's nodejs; the Node bundle embedded; the demo workflow.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GitServer, startGitDaemon } from "../support/git-daemon";
import { startDumbHttp } from "../support/http-servers";
import { type FileTree, folderFiles, makeRepo, makeTempDir, publishBare } from "../support/repo";
import { type Boot, bootGuest, chooseAccel, type Forward, type GuestImage, makeSeed } from "./qemu";

const ROOT = path.resolve(__dirname, "../..");
const BUILD = path.join(ROOT, "build/e2e");
const BIN = path.join(ROOT, "bin/solstice-runner.mjs");
const SH_BUILD = path.join(ROOT, "generated/x86_64-unknown-linux-gnu/solstice-runner");
const BOOT_TIMEOUT = Number(process.env.SOLSTICE_E2E_BOOT_TIMEOUT ?? 20 * 60);
const GIT_HOST = "10.0.2.100";
const HTTP_HOST = "10.0.2.101";
const RUNNER_URL = `http://${HTTP_HOST}/solstice-runner`;
// Shell and YAML metacharacters: masked in the output, never run.
const SECRET = "s3cr'et\"$(touch /pwned)`id`;|&";
const WRONG_SHA = "0".repeat(64);

const undo: (() => unknown)[] = [];
let work = "";
const boots: Record<string, Boot> = {};
const userDataSizes: Record<string, number> = {};

type Variant = "base" | "node";

/** Builds (or finds in the cache) the image; resolves to its directory. */
function image(variant: Variant): Promise<GuestImage> {
  const started = Date.now();
  const child = spawn(path.join(ROOT, "test/e2e/image.sh"), [variant, BUILD], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  return new Promise((resolve, reject) => {
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`test/e2e/image.sh ${variant} failed (${code})`));
      console.log(`image ${variant}: ${Math.round((Date.now() - started) / 1000)} s`);
      resolve({ dir: out.trim().split("\n").pop()! });
    });
  });
}

/** examples/workflow, plus a step that says which guest ran it (and its Node, if any). */
function demoWorkflow(): FileTree {
  const files = folderFiles(path.join(ROOT, "examples/workflow"));
  const kdl = readFileSync(path.join(ROOT, "examples/workflow/.solstice/workflow.kdl"), "utf8");
  const legacy = '        step name="Legacy job" run=".solstice/job.sh"\n';
  if (!kdl.includes(legacy)) throw new Error("examples/workflow/.solstice/workflow.kdl changed: update demoWorkflow() in test/e2e/guest.e2e.ts");
  files[".solstice/workflow.kdl"] = kdl.replace(legacy, `        step name="Guest" run="sh .solstice/guest.sh"\n${legacy}`);
  files[".solstice/guest.sh"] = 'printf "guest: %s, node %s\\n" "$(uname -s)" "$(node --version 2>/dev/null || echo none)"\n';
  return files;
}

/** A command's standard output; its failure, with its standard error, throws. */
function run(command: string, args: string[]): string {
  const out = spawnSync(command, args, { encoding: "utf8", cwd: work, maxBuffer: 64 << 20 });
  if (out.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${out.stderr}${out.stdout}`);
  return out.stdout;
}

function schemaValid(userData: string, name: string): void {
  const file = path.join(work, `${name}.user-data`);
  writeFileSync(file, userData);
  run("cloud-init", ["schema", "--config-file", file]);
}

function jobFile(name: string, lines: string[]): string {
  const file = path.join(work, `job-${name}.yaml`);
  writeFileSync(file, [...lines, ""].join("\n"));
  return file;
}

beforeAll(async () => {
  const started = Date.now();
  work = makeTempDir("e2e");
  undo.push(() => rmSync(work, { recursive: true, force: true }));
  const bundled = run(process.execPath, [path.join(ROOT, "scripts/bundle.mjs"), path.join(ROOT, "dist/solstice-runner-node.cjs")]);
  console.log(bundled.trim());
  // Both images at once: most of mmdebstrap's time is one dpkg or one
  // compressor at a time, and the machines have two cores.
  const [base, withNode] = await Promise.all([image("base"), image("node")]);
  console.log(`images ready after ${Math.round((Date.now() - started) / 1000)} s`);

  const srv = path.join(work, "srv");
  const shas: Record<string, string> = {};
  const repos: Record<string, FileTree> = {
    workflow: demoWorkflow(),
    fail: { ".solstice/job.sh": { content: '#!/bin/sh\necho "about to fail, token $DEPLOY_TOKEN"\nexit 3\n', executable: true } },
  };
  for (const [name, files] of Object.entries(repos)) {
    const r = makeRepo({ files });
    undo.push(() => r.cleanup());
    publishBare(r, srv, name);
    shas[name] = r.head;
  }
  const daemon: GitServer = await startGitDaemon(srv);
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
  const workflowJob = jobFile("workflow", [`repo_url: git://${GIT_HOST}/workflow`, `commit_sha: ${shas.workflow}`, "job_id: linux-build"]);
  const failJob = jobFile("fail", [`repo_url: git://${GIT_HOST}/fail`, `commit_sha: ${shas.fail}`]);

  const guests: { name: string; image: GuestImage; args: string[] }[] = [
    { name: "download", image: base, args: ["--job", workflowJob, "--secrets", secrets, "--embed", "none", "--runner-url", RUNNER_URL, "--runner-sha256", shSha, "--poweroff"] },
    { name: "fallback", image: base, args: ["--job", failJob, "--secrets", secrets, "--runner-url", RUNNER_URL, "--runner-sha256", WRONG_SHA, "--poweroff"] },
    { name: "node", image: withNode, args: ["--job", workflowJob, "--secrets", secrets, "--embed", "node", "--poweroff"] },
  ];
  const seeds = guests.map((guest) => {
    const userData = run(process.execPath, [BIN, "cloud-init", ...guest.args]);
    schemaValid(userData, guest.name);
    userDataSizes[guest.name] = Buffer.byteLength(userData);
    return makeSeed(work, guest.name, userData);
  });
  console.log(`user-data: ${guests.map((g) => `${g.name} ${userDataSizes[g.name]} bytes`).join(", ")}`);

  const probeStarted = Date.now();
  const accel = await chooseAccel(base, work);
  console.log(`accelerator: ${accel} (probe ${Math.round((Date.now() - probeStarted) / 1000)} s)`);
  // Settled, not all: a guest that fails to start leaves none running.
  const booted = await Promise.allSettled(
    guests.map((guest, i) =>
      bootGuest({ image: guest.image, seed: seeds[i]!, forwards, accel, consoleFile: path.join(BUILD, `${guest.name}-guest.console`), timeoutSeconds: BOOT_TIMEOUT }),
    ),
  );
  guests.forEach((guest, i) => {
    const result = booted[i]!;
    if (result.status === "rejected") throw result.reason;
    boots[guest.name] = result.value;
  });
  console.log(`boots (${accel}, at the same time): ${guests.map((g) => `${g.name} ${Math.round(boots[g.name]!.seconds)} s`).join(", ")}; consoles in ${BUILD}`);
  console.log(`e2e total before the checks: ${Math.round((Date.now() - started) / 1000)} s`);
});
afterAll(async () => {
  for (const step of undo.reverse()) await step();
});

/** The guest's console, carriage returns gone; fails when the guest did not power off by itself. */
function consoleOf(name: string): string {
  const boot = boots[name]!;
  expect(boot.timedOut, `the ${name} guest did not power off within ${BOOT_TIMEOUT} s:\n${boot.console.slice(-4000)}`).toBe(false);
  return boot.console.replace(/\r/g, "");
}

/** What the demo workflow prints on every guest, its secret masked. */
function expectDemoWorkflow(text: string): void {
  expect(text).toContain("setting up for x86_64-unknown-linux-gnu (RUST_BACKTRACE=1)");
  expect(text).toContain("format: ok");
  expect(text).toContain("lint: 1 warning in src/greeting.txt");
  expect(text).toContain("building docs in docs (MODE=strict)");
  expect(text).toContain("the deploy token is *** (masked by the runner)");
  expect(text).toContain("cleaning up");
  expect(text).not.toContain("s3cr'et");
  expect(text).toMatch(/job finished status=success/);
  expect(text).toMatch(/^solstice-runner: exit status 0$/m);
  expect(text).not.toMatch(/segmentation fault/i);
}

describe("a Debian guest without Node: the sh build, downloaded", () => {
  it("downloads the runner over HTTP from the host and checks its SHA-256 before running it", () => {
    const text = consoleOf("download");
    expect(text).toContain(`solstice-runner: downloading the runner from ${RUNNER_URL}`);
    expect(text).toContain("solstice-runner: runner downloaded and verified (sha256 ");
    expect(text).toContain("solstice-runner: starting /usr/local/bin/solstice-runner");
  });

  it("runs the demo workflow: its steps' output, the secret masked, success, exit status 0", () => {
    const text = consoleOf("download");
    expect(text).toMatch(/^guest: Linux, node none$/m);
    expectDemoWorkflow(text);
  });
});

describe("a Debian guest without Node: a wrong checksum, the embedded sh build", () => {
  it("never runs the download, says so on the console, falls back to the embedded runner", () => {
    const text = consoleOf("fallback");
    expect(text).toMatch(/checksum mismatch for http:\/\/10\.0\.2\.101\/solstice-runner: expected sha256 0{64}, got [0-9a-f]{64}; the download is deleted, not run/);
    expect(text).toContain("solstice-runner: falling back to the embedded runner at /usr/local/bin/solstice-runner");
    expect(text).not.toContain("runner downloaded and verified");
  });

  it("a failing job: its output with the secret masked, status failure, the job's exit status", () => {
    const text = consoleOf("fallback");
    expect(text).toContain("about to fail, token ***");
    expect(text).not.toContain("s3cr'et");
    expect(text).toMatch(/job finished status=failure/);
    expect(text).toMatch(/^solstice-runner: exit status 3$/m);
  });
});

describe("a Debian guest with Debian's nodejs: the Node bundle", () => {
  it("runs the demo workflow under Node 18: output, the secret masked, success, exit status 0", () => {
    const text = consoleOf("node");
    expect(text).toMatch(/^guest: Linux, node v18\./m);
    expectDemoWorkflow(text);
  });
});
