// `solstice-runner cloud-init`: every user-data variant it renders passes
// Debian's `cloud-init schema`, carries its inputs byte for byte (hostile
// ones included) as data, never in a command, and refuses bad options with
// a message naming them. The guest side (the launcher, a real boot) is
// test/e2e/.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "./support/repo";
import { ROOT } from "./support/root";

const BIN = path.join(ROOT, "bin/solstice-runner.mjs");
const inCI = process.env.CI === "true";
const hasCloudInit = spawnSync("cloud-init", ["--version"]).status === 0;
let dir = "";

const JOB = "repo_url: git://10.0.2.100/ok\ncommit_sha: 0123456789abcdef0123456789abcdef01234567\n";
// YAML, shell and cloud-config metacharacters, a document marker, a
// would-be runcmd, quotes of both kinds and bytes that are not UTF-8.
const HOSTILE_JOB = Buffer.concat([
  Buffer.from(
    `repo_url: "git://10.0.2.100/ok"\ncommit_sha: 0123456789abcdef0123456789abcdef01234567\nenv:\n  GREETING: "it's \\"$(reboot)\\" \`id\` ; rm -rf / | & > /etc/passwd"\n  DOC: '---\n#cloud-config\nruncmd: [[touch, /pwned]]\n...'\n`,
  ),
  Buffer.from([0xff, 0xfe, 0x0a]),
]);
const HOSTILE_SECRETS = 'TOKEN: "p@ss\'w\\"rd $(touch /pwned); `id` | & {{ jinja }} %{x} \\\\n"\n';

beforeAll(() => {
  dir = makeTempDir("cloud-init");
  writeFileSync(path.join(dir, "job.yaml"), JOB);
  writeFileSync(path.join(dir, "hostile-job.yaml"), HOSTILE_JOB);
  writeFileSync(path.join(dir, "hostile-secrets.yaml"), HOSTILE_SECRETS);
  const bundle = spawnSync(process.execPath, [path.join(ROOT, "scripts/bundle.mjs"), path.join(ROOT, "dist/solstice-runner-node.cjs")], { encoding: "utf8" });
  expect(bundle.status, bundle.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function render(args: string[]) {
  return spawnSync(process.execPath, [BIN, "cloud-init", ...args], { encoding: "utf8", cwd: dir, maxBuffer: 64 << 20 });
}

interface WriteFile {
  path: string;
  content: string;
  encoding?: string;
  owner: string;
  permissions: string;
}

function filesOf(userData: string): Map<string, { entry: WriteFile; bytes: Buffer }> {
  const doc = parse(userData) as { write_files: WriteFile[] };
  const files = new Map<string, { entry: WriteFile; bytes: Buffer }>();
  for (const entry of doc.write_files) {
    const raw = entry.encoding === undefined ? Buffer.from(entry.content) : Buffer.from(entry.content, "base64");
    files.set(entry.path, { entry, bytes: entry.encoding === "gz+b64" ? gunzipSync(raw) : raw });
  }
  return files;
}

function schemaCheck(userData: string, name: string) {
  const file = path.join(dir, `${name}.user-data`);
  writeFileSync(file, userData);
  return spawnSync("cloud-init", ["schema", "--config-file", file], { encoding: "utf8" });
}

const SHA = createHash("sha256").update("anything").digest("hex");
const VARIANTS: Record<string, string[]> = {
  "sh (x86_64-unknown-linux-gnu)": ["--job", "job.yaml"],
  "sh (x86_64-unknown-linux-musl)": ["--job", "job.yaml", "--target", "x86_64-unknown-linux-musl"],
  "sh (x86_64-unknown-illumos)": ["--job", "job.yaml", "--target", "x86_64-unknown-illumos"],
  "sh, compact (x86_64-unknown-illumos)": ["--job", "job.yaml", "--target", "x86_64-unknown-illumos", "--compact"],
  "node bundle": ["--job", "job.yaml", "--embed", "node"],
  "download only": ["--job", "job.yaml", "--embed", "none", "--runner-url", "http://10.0.2.101/solstice-runner", "--runner-sha256", SHA],
  "download, embedded sh as fallback": ["--job", "job.yaml", "--runner-url", "https://example.invalid/r?a=1&b=$x", "--runner-sha256", SHA],
  "sh, hostile job and secrets, env, poweroff": [
    "--job",
    "hostile-job.yaml",
    "--secrets",
    "hostile-secrets.yaml",
    "--env",
    "SOLSTICE_LOG_FORMAT=json",
    "--env",
    "SOLSTICE_RUN_ID=a'b\"c $(x) `y`",
    "--poweroff",
  ],
};

describe.skipIf(!hasCloudInit && !inCI)("cloud-init user-data, checked by cloud-init schema", () => {
  const sizes: string[] = [];
  afterAll(() => console.log(`user-data sizes:\n${sizes.join("\n")}`));

  for (const [name, args] of Object.entries(VARIANTS)) {
    it(`${name}: valid cloud-config`, () => {
      const out = render(args);
      expect(out.status, out.stderr).toBe(0);
      expect(out.stdout.startsWith("#cloud-config\n")).toBe(true);
      const schema = schemaCheck(out.stdout, name.replace(/\W+/g, "-"));
      expect(schema.status, schema.stdout + schema.stderr).toBe(0);
      expect(schema.stdout).toContain("Valid cloud-config");
      sizes.push(`  ${name}: ${Buffer.byteLength(out.stdout)} bytes`);
    });
  }
});

describe("cloud-init user-data: what it carries", () => {
  it("the job as /etc/solstice/job.yaml (root, 0600), the target's sh build gz+b64 at /usr/local/bin/solstice-runner, one runcmd", () => {
    const out = render(["--job", "job.yaml", "--target", "x86_64-unknown-illumos"]);
    expect(out.status, out.stderr).toBe(0);
    const files = filesOf(out.stdout);
    const job = files.get("/etc/solstice/job.yaml")!;
    expect(job.bytes.toString()).toBe(JOB);
    expect([job.entry.owner, job.entry.permissions]).toEqual(["root:root", "0600"]);
    const runner = files.get("/usr/local/bin/solstice-runner")!;
    expect(runner.entry.encoding).toBe("gz+b64");
    expect(runner.entry.permissions).toBe("0755");
    expect(runner.bytes.equals(readFileSync(path.join(ROOT, "generated/x86_64-unknown-illumos/solstice-runner")))).toBe(true);
    expect(files.has("/etc/solstice/secrets.yaml")).toBe(false);
    expect(files.has("/etc/solstice/runner-url")).toBe(false);
    const launcher = files.get("/usr/local/lib/solstice-runner/launch")!;
    expect(launcher.bytes.toString()).toBe(readFileSync(path.join(ROOT, "templates/cloud-init/launch.sh"), "utf8"));
    expect(launcher.entry.permissions).toBe("0755");
    expect((parse(out.stdout) as { runcmd: unknown }).runcmd).toEqual([["/usr/local/lib/solstice-runner/launch"]]);
  });

  it("--compact carries the target's compact build: its shell, smaller than the plain one", () => {
    const plain = filesOf(render(["--job", "job.yaml", "--target", "x86_64-unknown-illumos"]).stdout).get("/usr/local/bin/solstice-runner")!.bytes;
    const out = render(["--job", "job.yaml", "--target", "x86_64-unknown-illumos", "--compact"]);
    expect(out.status, out.stderr).toBe(0);
    const compact = filesOf(out.stdout).get("/usr/local/bin/solstice-runner")!.bytes;
    expect(compact.toString("latin1").split("\n")[0]).toBe(plain.toString("latin1").split("\n")[0]);
    expect(compact.length).toBeLessThan(plain.length / 1.5);
  });

  it("--embed node carries the Node bundle", () => {
    const out = render(["--job", "job.yaml", "--embed", "node"]);
    expect(out.status, out.stderr).toBe(0);
    const runner = filesOf(out.stdout).get("/usr/local/bin/solstice-runner")!;
    expect(runner.bytes.equals(readFileSync(path.join(ROOT, "dist/solstice-runner-node.cjs")))).toBe(true);
  });

  it("hostile job, secrets and env values arrive byte for byte, as data only", () => {
    const out = render(["--job", "hostile-job.yaml", "--secrets", "hostile-secrets.yaml", "--env", "SOLSTICE_RUN_ID=a'b\"c $(x) `y`", "--poweroff"]);
    expect(out.status, out.stderr).toBe(0);
    const files = filesOf(out.stdout);
    expect(files.get("/etc/solstice/job.yaml")!.bytes.equals(HOSTILE_JOB)).toBe(true);
    const secrets = files.get("/etc/solstice/secrets.yaml")!;
    expect(secrets.bytes.toString()).toBe(HOSTILE_SECRETS);
    expect([secrets.entry.owner, secrets.entry.permissions]).toEqual(["root:root", "0600"]);
    expect(files.get("/etc/solstice/runner.env")!.bytes.toString()).toBe("SOLSTICE_RUN_ID=a'b\"c $(x) `y`\n");
    const doc = parse(out.stdout) as Record<string, unknown>;
    expect(Object.keys(doc).sort()).toEqual(["power_state", "runcmd", "write_files"]);
    expect(doc.runcmd).toEqual([["/usr/local/lib/solstice-runner/launch"]]);
    expect(out.stdout).not.toContain("pwned");
    expect(out.stdout).not.toContain("reboot");
  });

  it("a download: the URL and the lower-case SHA-256 as files, the embedded copy kept as the fallback", () => {
    const url = "http://10.0.2.101/runner?x=1&y=$HOME";
    const out = render(["--job", "job.yaml", "--runner-url", url, "--runner-sha256", SHA.toUpperCase()]);
    expect(out.status, out.stderr).toBe(0);
    const files = filesOf(out.stdout);
    expect(files.get("/etc/solstice/runner-url")!.bytes.toString()).toBe(`${url}\n`);
    expect(files.get("/etc/solstice/runner-sha256")!.bytes.toString()).toBe(`${SHA}\n`);
    expect(files.has("/usr/local/bin/solstice-runner")).toBe(true);
  });

  const refusals: [string, string[], number, RegExp][] = [
    ["a missing job file", ["--job", "nope.yaml"], 66, /job file .*nope\.yaml/],
    ["no job file", [], 64, /--job/],
    ["a URL without a checksum", ["--job", "job.yaml", "--runner-url", "http://h/r"], 64, /--runner-sha256/],
    ["a checksum that is not 64 hex digits", ["--job", "job.yaml", "--runner-url", "http://h/r", "--runner-sha256", "abc"], 64, /64 hex/],
    ["a checksum without a URL", ["--job", "job.yaml", "--runner-sha256", SHA], 64, /without --runner-url/],
    ["a URL that is not http(s)", ["--job", "job.yaml", "--runner-url", "file:///etc/passwd", "--runner-sha256", SHA], 64, /http/],
    ["a URL with a line break", ["--job", "job.yaml", "--runner-url", "http://h/r\nx", "--runner-sha256", SHA], 64, /http/],
    ["an env pair with a bad name", ["--job", "job.yaml", "--env", "A-B=1"], 64, /NAME=VALUE/],
    ["an env value with a line break", ["--job", "job.yaml", "--env", "A=1\nB=2"], 64, /line break/],
    ["an unknown target", ["--job", "job.yaml", "--target", "sparc-sun-solaris"], 64, /x86_64-unknown-linux-gnu/],
    ["an unknown --embed", ["--job", "job.yaml", "--embed", "python"], 64, /sh, node or none/],
    ["--embed none without a URL", ["--job", "job.yaml", "--embed", "none"], 64, /no runner/],
  ];
  for (const [what, args, code, message] of refusals) {
    it(`refuses ${what} (exit ${code})`, () => {
      const out = render(args);
      expect(out.status, out.stderr).toBe(code);
      expect(out.stderr).toMatch(message);
      expect(out.stdout).toBe("");
    });
  }
});
