// The developer commands of the Node executable: compile and exec, on a
// program and on one outside the subset.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
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

function cli(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: dir });
}

describe("solstice-runner compile and exec", () => {
  writeFileSync(path.join(dir, "count.ts"), PROGRAM);
  writeFileSync(path.join(dir, "bad.ts"), 'export async function main(args: string[]): Promise<number> {\n  const f = () => 1;\n  return f();\n}\n');

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

  it("an unknown developer option is a usage error (64)", () => {
    expect(cli(["compile", "--bogus", "count.ts"]).status).toBe(64);
  });
});
