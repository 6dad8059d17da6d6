// The launcher the user-data runs (templates/cloud-init/launch.sh), on this
// machine: in a private mount namespace, temp directories are bound over
// /etc/solstice, /var/lib/solstice-runner, /usr/local/bin and a file over
// /dev/console, so it runs exactly as in a guest without touching the host.
// The runner it starts is a stand-in script that prints its environment;
// a download comes from a real HTTP server on 127.0.0.1. The real guest
// boot is test/e2e/.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpGitServer, startDumbHttp } from "./support/http-servers";
import { makeTempDir } from "./support/repo";
import { ROOT } from "./support/root";

const LAUNCHER = path.join(ROOT, "templates/cloud-init/launch.sh");
const canUnshare = process.getuid?.() === 0 && spawnSync("unshare", ["--mount", "--propagation", "private", "true"]).status === 0;
const inCI = process.env.CI === "true";

const FAKE_RUNNER = (label: string) => `#!/bin/sh\necho "runner ${label} ran with: $*"\nenv | grep '^SOLSTICE_\\|^WEIRD' | sort\nexit 7\n`;
let dir = "";
let http: HttpGitServer;
let served = "";

beforeAll(async () => {
  dir = makeTempDir("launch");
  const www = path.join(dir, "www");
  mkdirSync(www);
  served = FAKE_RUNNER("downloaded");
  writeFileSync(path.join(www, "runner"), served);
  http = await startDumbHttp(www);
});
afterAll(async () => {
  await http?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Guest {
  etc: Record<string, string>;
  embedded?: string;
  env?: Record<string, string>;
  /** The launcher's PATH, set after the mounts (default: this machine's). */
  path?: string;
}

let count = 0;
function launch(guest: Guest): { console: string; status: number | null; recorded: string; runnerAfter: string | undefined } {
  const root = path.join(dir, `guest-${count++}`);
  const [etc, lib, bin] = ["etc", "lib", "bin"].map((d) => path.join(root, d));
  for (const d of [etc, lib, bin]) mkdirSync(d, { recursive: true });
  for (const [name, text] of Object.entries(guest.etc)) writeFileSync(path.join(etc, name), text);
  if (guest.embedded !== undefined) {
    writeFileSync(path.join(bin, "solstice-runner"), guest.embedded);
    chmodSync(path.join(bin, "solstice-runner"), 0o755);
  }
  const consoleFile = path.join(root, "console");
  writeFileSync(consoleFile, "");
  const script = [
    "set -e",
    'mount --bind "$1" /etc/solstice 2>/dev/null || { mkdir -p /etc/solstice; mount --bind "$1" /etc/solstice; }',
    'mkdir -p /var/lib/solstice-runner; mount --bind "$2" /var/lib/solstice-runner',
    'mount --bind "$3" /usr/local/bin',
    'mount --bind "$4" /dev/console',
    'if [ -n "$6" ]; then PATH=$6; export PATH; fi',
    'exec /bin/sh "$5"',
  ].join("\n");
  const run = spawnSync("unshare", ["--mount", "--propagation", "private", "sh", "-c", script, "sh", etc, lib, bin, consoleFile, LAUNCHER, guest.path ?? ""], {
    encoding: "utf8",
    env: { PATH: process.env.PATH!, ...guest.env },
    timeout: 60_000,
  });
  const runner = path.join(bin, "solstice-runner");
  return {
    console: readFileSync(consoleFile, "utf8") + run.stdout + run.stderr,
    status: run.status,
    recorded: existsSync(path.join(lib, "exit-status")) ? readFileSync(path.join(lib, "exit-status"), "utf8") : "",
    runnerAfter: existsSync(runner) ? readFileSync(runner, "utf8") : undefined,
  };
}

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

describe.skipIf(!canUnshare && !inCI)("the cloud-init launcher", () => {
  it("runs the embedded runner with runner.env's pairs as words, records and prints its status", () => {
    const out = launch({ etc: { "runner.env": 'SOLSTICE_LOG_FORMAT=json\nWEIRD=a\'b "c" $(touch /tmp/pwned-by-env) `id` ;|&\n' }, embedded: FAKE_RUNNER("embedded") });
    expect(out.status).toBe(7);
    expect(out.console).toContain("solstice-runner: starting /usr/local/bin/solstice-runner");
    expect(out.console).toContain("runner embedded ran with: \n");
    expect(out.console).toContain("SOLSTICE_LOG_FORMAT=json\n");
    expect(out.console).toContain('WEIRD=a\'b "c" $(touch /tmp/pwned-by-env) `id` ;|&\n');
    expect(out.console).toMatch(/solstice-runner: exit status 7\n$/);
    expect(out.recorded).toBe("7\n");
    expect(existsSync("/tmp/pwned-by-env")).toBe(false);
  });

  it("downloads, checks the SHA-256 and runs the download", () => {
    const out = launch({ etc: { "runner-url": `${http.url("runner")}\n`, "runner-sha256": `${sha(served).toUpperCase()}\n` } });
    expect(out.console).toContain(`runner downloaded and verified (sha256 ${sha(served)})`);
    expect(out.console).toContain("runner downloaded ran with");
    expect(out.status).toBe(7);
    expect(out.runnerAfter).toBe(served);
  });

  it("a wrong checksum: the download is deleted, never run; the embedded runner runs instead", () => {
    const out = launch({ etc: { "runner-url": `${http.url("runner")}\n`, "runner-sha256": `${"1".repeat(64)}\n` }, embedded: FAKE_RUNNER("embedded") });
    expect(out.console).toContain(`checksum mismatch for ${http.url("runner")}: expected sha256 ${"1".repeat(64)}, got ${sha(served)}; the download is deleted, not run`);
    expect(out.console).toContain("falling back to the embedded runner");
    expect(out.console).toContain("runner embedded ran with");
    expect(out.console).not.toContain("runner downloaded ran");
    expect(out.runnerAfter).toBe(FAKE_RUNNER("embedded"));
  });

  it("a wrong checksum and nothing embedded: nothing runs, exit status 69, nothing left behind", () => {
    const out = launch({ etc: { "runner-url": `${http.url("runner")}\n`, "runner-sha256": `${"1".repeat(64)}\n` } });
    expect(out.console).toContain("checksum mismatch");
    expect(out.console).toContain("no runner to start");
    expect(out.console).not.toContain("ran with");
    expect(out.status).toBe(69);
    expect(out.recorded).toBe("69\n");
    expect(out.runnerAfter).toBeUndefined();
  });

  // Debian 12's busybox (1.35) wget crashes on -T: a guest whose only
  // downloader is busybox, as its wget applet or as `busybox wget`.
  it.each([
    ["wget, the busybox applet", true],
    ["busybox wget", false],
  ])("downloads with %s alone", (_label, wgetApplet) => {
    const tools = path.join(dir, `busybox-tools-${wgetApplet}`);
    mkdirSync(tools, { recursive: true });
    const busybox = spawnSync("sh", ["-c", "command -v busybox"], { encoding: "utf8" }).stdout.trim();
    expect(busybox, "busybox is needed (make deps)").not.toBe("");
    const installed = spawnSync(busybox, ["--install", "-s", tools], { encoding: "utf8" });
    expect(installed.status, installed.stderr).toBe(0);
    symlinkSync(busybox, path.join(tools, "busybox"));
    if (!wgetApplet) rmSync(path.join(tools, "wget"));
    const out = launch({ etc: { "runner-url": `${http.url("runner")}\n`, "runner-sha256": `${sha(served)}\n` }, path: tools });
    expect(out.console).toContain(`runner downloaded and verified (sha256 ${sha(served)})`);
    expect(out.console).toContain("runner downloaded ran with");
    expect(out.console).not.toMatch(/segmentation fault/i);
    expect(out.status).toBe(7);
  });

  it("a failed download falls back to the embedded runner", () => {
    const out = launch({ etc: { "runner-url": `${http.url("missing")}\n`, "runner-sha256": `${sha(served)}\n` }, embedded: FAKE_RUNNER("embedded") });
    expect(out.console).toContain("download of");
    expect(out.console).toContain("runner embedded ran with");
  });

  it("the environment overrides the files; an empty SOLSTICE_RUNNER_URL means no download", () => {
    const out = launch({
      etc: { "runner-url": `${http.url("runner")}\n`, "runner-sha256": `${sha(served)}\n` },
      embedded: FAKE_RUNNER("embedded"),
      env: { SOLSTICE_RUNNER_URL: "" },
    });
    expect(out.console).not.toContain("downloading");
    expect(out.console).toContain("runner embedded ran with");
  });

  it("refuses a URL that is not http(s) and a download without a checksum", () => {
    const notHttp = launch({ etc: { "runner-url": "file:///bin/sh\n", "runner-sha256": `${sha(served)}\n` } });
    expect(notHttp.console).toContain("refusing runner URL 'file:///bin/sh'");
    expect(notHttp.status).toBe(69);
    const noSum = launch({ etc: { "runner-url": `${http.url("runner")}\n` } });
    expect(noSum.console).toContain("no SHA-256 to check it against");
    expect(noSum.status).toBe(69);
  });
});
