// The one-file Node build (scripts/bundle.mjs, make bundle): copied alone
// into an empty directory, with no node_modules anywhere above it, it runs
// a real job fetched from a real git daemon, masks its secret and exits
// with the job's status. Jobs run with --no-experimental-detect-module, as
// Node 18 loads a file named without an extension (the guest's
// /usr/local/bin/solstice-runner): as CommonJS, whatever its syntax. (Under
// Debian 12's Node 18 it runs in the e2e guest: test/e2e.)
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GitServer, startGitDaemon } from "./support/git-daemon";
import { type FileTree, folderFiles, makeRepo, makeTempDir, publishBare } from "./support/repo";

const ROOT = path.resolve(__dirname, "..");
const undo: (() => unknown)[] = [];
let dir = "";
let bundle = "";
let daemon: GitServer;
const shas: Record<string, string> = {};

beforeAll(async () => {
  dir = makeTempDir("bundle");
  undo.push(() => rmSync(dir, { recursive: true, force: true }));
  const built = path.join(dir, "built.cjs");
  const build = spawnSync(process.execPath, [path.join(ROOT, "scripts/bundle.mjs"), built], { encoding: "utf8" });
  expect(build.status, build.stderr).toBe(0);
  // Alone in a directory of its own: nothing to resolve a package from.
  bundle = path.join(dir, "alone", "solstice-runner");
  spawnSync("mkdir", ["-p", path.dirname(bundle)]);
  copyFileSync(built, bundle);
  spawnSync("chmod", ["755", bundle]);

  const srv = path.join(dir, "srv");
  const jobs = {
    ok: 'echo "hello from the bundle"\necho "the secret is $DEPLOY_TOKEN"\n',
    fail: 'echo "about to fail"\nexit 3\n',
  };
  const repos: Record<string, FileTree> = { workflow: folderFiles(path.join(ROOT, "examples/workflow")) };
  for (const [name, script] of Object.entries(jobs)) repos[name] = { ".solstice/job.sh": { content: `#!/bin/sh\n${script}`, executable: true } };
  for (const [name, files] of Object.entries(repos)) {
    const r = makeRepo({ files });
    undo.push(() => r.cleanup());
    publishBare(r, srv, name);
    shas[name] = r.head;
  }
  daemon = await startGitDaemon(srv);
  undo.push(() => daemon.stop());
});
afterAll(async () => {
  for (const step of undo.reverse()) await step();
});

function runBundle(name: string, extraEnv: Record<string, string> = {}, jobLines: string[] = []) {
  const job = path.join(dir, `${name}.yaml`);
  const secrets = path.join(dir, "secrets.yaml");
  writeFileSync(job, [`repo_url: ${daemon.url(name)}`, `commit_sha: ${shas[name]}`, ...jobLines, ""].join("\n"));
  writeFileSync(secrets, 'DEPLOY_TOKEN: "s3cr3t-value"\n');
  return spawnSync(process.execPath, ["--no-experimental-detect-module", bundle], {
    cwd: path.dirname(bundle),
    encoding: "utf8",
    env: {
      PATH: process.env.PATH!,
      HOME: dir,
      SOLSTICE_JOB_FILE: job,
      SOLSTICE_SECRETS_FILE: secrets,
      SOLSTICE_WORKDIR: path.join(dir, `work-${name}`),
      ...extraEnv,
    },
    timeout: 60_000,
  });
}

describe("the one-file Node build", () => {
  it("has a shebang, imports nothing but node: modules, and none of the developer commands", () => {
    const text = readFileSync(bundle, "utf8");
    expect(text.startsWith("#!/usr/bin/env node\n")).toBe(true);
    const imports = [...text.matchAll(/\bfrom\s+"([^"]+)"|\bimport\(\s*"([^"]+)"|\brequire\(\s*"([^"]+)"/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    expect(imports.filter((name) => !name!.startsWith("node:"))).toEqual([]);
    expect(text).not.toMatch(/ts-morph|commander/);
    expect(existsSync(path.join(path.dirname(bundle), "node_modules"))).toBe(false);
  });

  it("runs a job from a git daemon alone in its directory: output, masked secret, success", () => {
    const run = runBundle("ok");
    const all = run.stdout + run.stderr;
    expect(run.status, all).toBe(0);
    expect(all).toContain("hello from the bundle");
    expect(all).toContain("the secret is ***");
    expect(all).not.toContain("s3cr3t-value");
    expect(all).toMatch(/job finished status=success/);
  });

  it("runs the demo workflow (examples/workflow, job linux-build): every step, the secret masked, success", () => {
    const run = runBundle("workflow", {}, ["job_id: linux-build"]);
    const all = run.stdout + run.stderr;
    expect(run.status, all).toBe(0);
    for (const line of [
      "setting up for x86_64-unknown-linux-gnu (RUST_BACKTRACE=1)",
      "format: ok",
      "building docs in docs (MODE=strict)",
      "the deploy token is *** (masked by the runner)",
      "cleaning up",
    ]) {
      expect(all).toContain(line);
    }
    expect(all).not.toContain("s3cr3t-value");
    expect(all).toMatch(/job finished status=success/);
  });

  it("exits with a failing job's status", () => {
    const run = runBundle("fail");
    expect(run.status, run.stdout + run.stderr).toBe(3);
    expect(run.stdout + run.stderr).toMatch(/job finished status=failure/);
  });

  it("answers --version like the sh build", () => {
    const viaBundle = spawnSync(bundle, ["--version"], { encoding: "utf8" });
    const viaSh = spawnSync("sh", [path.join(ROOT, "generated/solstice-runner.sh"), "--version"], { encoding: "utf8" });
    expect(viaBundle.status).toBe(0);
    expect(viaBundle.stdout).toBe(viaSh.stdout);
  });
});
