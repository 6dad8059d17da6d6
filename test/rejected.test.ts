// The rejection corpus: every program in test/conformance/rejected is
// refused, never compiled, with a PortableError at the place and for the
// reason its first line names: `// expect-error: LINE:COL <part of the message>`.
import { readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { PortableError } from "../src/compiler/diagnostics";
import { sharedCompiler, workDir } from "./support/portable";

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const dir = path.join(__dirname, "conformance/rejected");
const names = readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .sort();

interface Expectation {
  line: number;
  column: number;
  message: string;
}

function expectation(file: string): Expectation {
  const first = readFileSync(file, "utf8").split("\n", 1)[0]!;
  const match = /^\/\/ expect-error: (\d+):(\d+) (.+)$/.exec(first);
  if (!match) throw new Error(`${file}: the first line must be // expect-error: LINE:COL <message>`);
  return { line: Number(match[1]), column: Number(match[2]), message: match[3]! };
}

function compileError(file: string): unknown {
  try {
    sharedCompiler().compileFile(file);
  } catch (error) {
    return error;
  }
  return undefined;
}

it("has a corpus of at least 45 programs", () => {
  expect(names.length).toBeGreaterThanOrEqual(45);
});

it.each(names)("refuses %s", (name) => {
  const file = path.join(dir, name);
  const want = expectation(file);
  const error = compileError(file);
  expect(error).toBeInstanceOf(PortableError);
  const got = error as PortableError;
  const where = path.relative(process.cwd(), file);
  expect({ file: got.file, line: got.line, column: got.column }).toEqual({ file: where, line: want.line, column: want.column });
  expect(got.detail).toContain(want.message);
  expect(got.message.startsWith(`${where}:${want.line}:${want.column}: `)).toBe(true);
});
