// The conformance corpus: every program in test/conformance/programs gives
// the same stdout bytes and exit status on Node and on every installed
// shell, and that output is the one recorded beside it (NAME.out, made with
// Node, the reference). Helper modules live in programs/lib/ and are not
// programs themselves. A program's header may say `// exit: N`,
// `// args: [json]`, `// env: {json}`, and `// bytes: non-ascii` when its
// data has bytes above 0x7F: those programs do not run on a shell whose
// variables cannot hold such bytes (yash; see test/support/shells.ts). Each
// shell runs the readable build and the compact one (compile --compact), and
// must write nothing on stderr but what NAME.err records, when there is one
// (made with Node too).
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableShells, withCompact, type Shell } from "./support/shells";
import { buildProgram, runOnNode, runOnShell, workDir, type BuiltProgram } from "./support/portable";

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const projectRoot = path.join(__dirname, "..");
const dir = path.join(__dirname, "conformance/programs");
const names = readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.slice(0, -3))
  .sort();

interface Expectation {
  stdout: Buffer;
  stderr: string;
  status: number;
  args: string[];
  env: Record<string, string>;
  nonAscii: boolean;
}

function expectation(name: string): Expectation {
  const source = readFileSync(path.join(dir, `${name}.ts`), "utf8");
  const header = (key: string) => new RegExp(`^// ${key}: (.*)$`, "m").exec(source)?.[1];
  return {
    stdout: readFileSync(path.join(dir, `${name}.out`)),
    stderr: existsSync(path.join(dir, `${name}.err`)) ? readFileSync(path.join(dir, `${name}.err`), "latin1") : "",
    status: Number(header("exit") ?? "0"),
    args: JSON.parse(header("args") ?? "[]"),
    env: JSON.parse(header("env") ?? "{}"),
    nonAscii: header("bytes") === "non-ascii",
  };
}

const built = new Map<string, BuiltProgram>();

beforeAll(async () => {
  for (const name of names) built.set(name, await buildProgram(path.join(dir, `${name}.ts`)));
}, 300_000);

it("has a corpus of at least 45 programs", () => {
  expect(names.length).toBeGreaterThanOrEqual(45);
});

const backends: (Shell | { name: "node" })[] = [{ name: "node" }, ...withCompact(availableShells())];

describe.each(names)("%s", (name) => {
  const want = expectation(name);
  for (const backend of backends) {
    const cannotHoldData = want.nonAscii && "byteStrings" in backend && !backend.byteStrings;
    const test = cannotHoldData ? it.skip : it;
    // [shell=NAME]: the convention docs/compat.md is built from (scripts/compat-table.mjs).
    const on = "argv" in backend ? (backend.compact ? `compact build [shell=${backend.name.replace(/\+compact$/, "")}]` : `[shell=${backend.name}]`) : "on Node";
    test(`${on}${cannotHoldData ? " (its variables cannot hold bytes above 0x7F)" : ""}`, () => {
      const program = built.get(name)!;
      // Programs read test/conformance/data/… relative to the project's root.
      const options = { args: want.args, env: { ...process.env, ...want.env }, cwd: projectRoot };
      const got = "argv" in backend ? runOnShell(program, backend, options) : runOnNode(program, options);
      expect({ stdout: got.stdout.toString("latin1"), status: got.status, stderr: got.stderr.toString("latin1") }).toEqual({
        stdout: want.stdout.toString("latin1"),
        status: want.status,
        stderr: want.stderr,
      });
    });
  }
});
