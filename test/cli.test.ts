// The developer commands of the Node executable: compile and exec, on a
// program, on one outside the subset, and on files that are not there or
// cannot be written (one line and a sysexits status, never a stack trace).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin/solstice-runner.mjs");
const dir = mkdtempSync(path.join(os.tmpdir(), "solstice-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROGRAM = `import { print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print(\`\${args.length}: \${args.join("|")}\`);
  return args.length;
}
`;

function cli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: dir, env });
}

/** Exit status, stdout and stderr, for one toEqual. */
function outcome(result: ReturnType<typeof cli>) {
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("solstice-runner compile and exec", () => {
  writeFileSync(path.join(dir, "count.ts"), PROGRAM);
  writeFileSync(path.join(dir, "bad.ts"), "export async function main(args: string[]): Promise<number> {\n  const f = () => 1;\n  return f();\n}\n");

  it("compile -o writes an executable script that runs like exec", () => {
    const out = path.join(dir, "count.sh");
    const compiled = cli(["compile", "count.ts", "-o", out]);
    expect(compiled.status, compiled.stderr).toBe(0);
    expect(statSync(out).mode & 0o111).not.toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^#!\/bin\/sh\n/);
    const viaSh = spawnSync("sh", [out, "a b", "-n", "$x"], { encoding: "utf8" });
    const viaNode = cli(["exec", "count.ts", "a b", "-n", "$x"]);
    expect(viaSh.stdout).toBe("3: a b|-n|$x\n");
    expect(viaNode.stdout).toBe(viaSh.stdout);
    expect([viaSh.status, viaNode.status]).toEqual([3, 3]);
  });

  it("compile without -o prints the script", () => {
    const compiled = cli(["compile", "count.ts"]);
    expect(compiled.status).toBe(0);
    expect(compiled.stdout).toMatch(/^#!\/bin\/sh\n/);
  });

  it("a program outside the subset: exit 1, file:line:col and a hint, no script written", () => {
    const out = path.join(dir, "bad.sh");
    const compiled = cli(["compile", "bad.ts", "-o", out]);
    expect(compiled.status).toBe(1);
    expect(compiled.stderr).toMatch(/^bad\.ts:2:13: .*function expression is not supported in portable code\n {2}hint: /);
    expect(() => statSync(out)).toThrow();
  });

  it("help compile and compile --help describe the command (commander's help), exit 0", () => {
    const help = cli(["help", "compile"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: solstice-runner compile \[options\] <entry>\n/);
    expect(cli(["compile", "--help"]).stdout).toBe(help.stdout);
  });
});

describe("developer commands and files they cannot read or write", () => {
  writeFileSync(path.join(dir, "imports-missing.ts"), 'import { x } from "./nowhere";\nexport async function main(args: string[]): Promise<number> {\n  return x;\n}\n');
  mkdirSync(path.join(dir, "a-directory"), { recursive: true });

  it("compile of a missing file: 66, one line", () => {
    expect(outcome(cli(["compile", "missing.ts"]))).toEqual({ status: 66, stdout: "", stderr: "solstice-runner compile: cannot read missing.ts: no such file\n" });
  });

  it("compile of a directory: 66, one line", () => {
    expect(outcome(cli(["compile", "a-directory"]))).toEqual({ status: 66, stdout: "", stderr: "solstice-runner compile: cannot read a-directory: it is a directory\n" });
  });

  it("compile of a module importing a missing one: 66, where and what", () => {
    const result = cli(["compile", "imports-missing.ts"]);
    expect(outcome(result)).toEqual({ status: 66, stdout: "", stderr: "imports-missing.ts:1:1: cannot find the module './nowhere'\n" });
  });

  it("compile -o into a missing directory: 73, one line, nothing written", () => {
    const result = cli(["compile", "count.ts", "-o", "no-such-dir/count.sh"]);
    expect(outcome(result)).toEqual({
      status: 73,
      stdout: "",
      stderr: "solstice-runner compile: cannot write no-such-dir/count.sh: there is no directory no-such-dir; create it first\n",
    });
  });

  it("compile -o onto a directory: 73, one line, no partial file left beside it", () => {
    const before = readdirSync(dir).sort();
    const result = cli(["compile", "count.ts", "-o", "a-directory"]);
    expect(outcome(result)).toEqual({ status: 73, stdout: "", stderr: "solstice-runner compile: cannot write a-directory: it is a directory\n" });
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it("exec of a missing file: 66, one line", () => {
    expect(outcome(cli(["exec", "missing.ts", "arg"]))).toEqual({ status: 66, stdout: "", stderr: "solstice-runner exec: cannot read missing.ts: no such file\n" });
  });

  it("exec of a module importing a missing one: 66, where and what", () => {
    expect(outcome(cli(["exec", "imports-missing.ts"]))).toEqual({
      status: 66,
      stdout: "",
      stderr: 'solstice-runner exec: imports-missing.ts:1:19: Could not resolve "./nowhere"\n',
    });
  });

  it("exec writes no temporary files, however the program ends", () => {
    const tmp = mkdtempSync(path.join(dir, "tmp-"));
    const env = { ...process.env, TMPDIR: tmp };
    expect(cli(["exec", "count.ts", "x"], env).status).toBe(1);
    expect(cli(["exec", "missing.ts"], env).status).toBe(66);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("an unknown developer option: 64, one line", () => {
    const result = cli(["compile", "--bogus", "count.ts"]);
    expect(outcome(result)).toEqual({ status: 64, stdout: "", stderr: "error: unknown option '--bogus'\n" });
  });
});
