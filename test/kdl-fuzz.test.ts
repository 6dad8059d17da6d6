// Differential fuzz of the KDL parser against @bgotink/kdl: generated
// documents (test/kdl/generate.ts), valid and broken, must be accepted or
// rejected alike, and read into the same nodes (compared in the suite's
// normalised form). KDL_FUZZ_RUNS documents on Node (1,000 by default;
// `make fuzz` runs more), and a sample of them through the sh build on
// dash, many files per process. KDL_FUZZ_SEED picks another campaign.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseKdlVersion } from "../src/runner/kdl/parse";
import { availableShells } from "./support/shells";
import { buildProgram, workDir, type BuiltProgram } from "./support/portable";

afterAll(() => rmSync(workDir, { recursive: true, force: true }));
import { DocumentGenerator, Rng } from "./kdl/generate";
import { oracle } from "./kdl/oracle";
import { printDocument, readStream, type StreamDocument } from "./kdl/stream";

const RUNS = Number(process.env.KDL_FUZZ_RUNS ?? "1000");
const SEED = Number(process.env.KDL_FUZZ_SEED ?? "20261201");
const DASH_SAMPLE = Math.min(RUNS, 40);

function documents(count: number): string[] {
  const g = new DocumentGenerator(new Rng(SEED));
  const out: string[] = [];
  for (let k = 0; k < count; k++) out.push(k % 3 === 2 ? g.broken() : g.document());
  return out;
}

/** Our reading, in-process on Node, as the stream's documents are. */
function ours(bytes: Buffer, name: string): StreamDocument {
  const text = bytes.toString("latin1");
  const lines = text === "" ? [] : text.split("\n");
  if (text.endsWith("\n")) lines.pop();
  const doc = parseKdlVersion(lines, "2");
  const stream: StreamDocument = { file: name, ok: doc.ok, error: doc.error, line: doc.line, col: doc.col, nodes: [] };
  if (!doc.ok) return stream;
  for (const n of doc.nodes) {
    stream.nodes.push({
      parent: n.parent,
      name: n.name,
      annotation: n.typed ? n.annotation : null,
      args: n.args.map((a) => ({ kind: a.kind, text: a.text, annotation: a.typed ? a.annotation : null })),
      props: n.props.map((p) => ({ key: p.key, value: { kind: p.value.kind, text: p.value.text, annotation: p.value.typed ? p.value.annotation : null } })),
    });
  }
  return stream;
}

/**
 * Where @bgotink/kdl 0.4.0 is wrong, and the spec decides: a hex, octal or
 * binary number right before ';' swallows the ';' (the next node becomes
 * part of this one), and literal control characters U+0001-0008,
 * U+000E-001F and U+007F, and direction controls (U+200E, U+200F,
 * U+202A-202E, U+2066-2069), are accepted in strings, which the spec disallows.
 */
function oracleIsWrong(text: string, mine: StreamDocument): boolean {
  if (/0[xob][0-9a-fA-F_]*;/.test(text)) return true;
  return !mine.ok && mine.error.startsWith("disallowed character") && /[\u0001-\u0008\u000e-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text);
}

function divergence(text: string, mine: StreamDocument): string {
  const bytes = Buffer.from(text, "utf8");
  const theirs = oracle(bytes, mine.file);
  if (oracleIsWrong(text, mine)) return "";
  // A NUL can not be held in a sh string, so \u{0} is refused here on purpose.
  if (!mine.ok && theirs.ok && mine.error.includes("NUL")) return "";
  if (mine.ok !== theirs.ok) {
    return `${JSON.stringify(text)}: ours ${mine.ok ? "accepts" : `rejects (${mine.line}:${mine.col} ${mine.error})`}, @bgotink/kdl ${theirs.ok ? "accepts" : `rejects (${theirs.error})`}`;
  }
  if (mine.ok && printDocument(mine) !== printDocument(theirs)) {
    return `${JSON.stringify(text)}: ours ${JSON.stringify(printDocument(mine))}, @bgotink/kdl ${JSON.stringify(printDocument(theirs))}`;
  }
  return "";
}

describe("KDL differential fuzz against @bgotink/kdl", () => {
  const docs = documents(RUNS);

  it(`on Node: ${RUNS} documents (seed ${SEED}), no divergence`, () => {
    const wrong: string[] = [];
    let accepted = 0;
    docs.forEach((text, k) => {
      const mine = ours(Buffer.from(text, "utf8"), `doc${k}`);
      if (mine.ok) accepted++;
      const d = divergence(text, mine);
      if (d !== "") wrong.push(d);
    });
    expect(wrong.slice(0, 10)).toEqual([]);
    // Both kinds are exercised.
    expect(accepted).toBeGreaterThan(RUNS / 4);
    expect(accepted).toBeLessThan(RUNS);
  }, 600_000);

  const dash = availableShells().find((s) => s.name === "dash");
  let program: BuiltProgram;
  beforeAll(async () => {
    program = await buildProgram(path.join(__dirname, "kdl/events.ts"));
  }, 120_000);

  it.skipIf(!dash)(
    `[shell=dash]: ${DASH_SAMPLE} of them through the sh build, no divergence`,
    () => {
      const dir = mkdtempSync(path.join(workDir, "kdl-fuzz-"));
      const files = docs.slice(0, DASH_SAMPLE).map((text, k) => {
        const file = path.join(dir, `doc${k}.kdl`);
        writeFileSync(file, text);
        return file;
      });
      const result = spawnSync("dash", [program.script, "--version", "2", ...files], { maxBuffer: 1 << 26, timeout: 600_000 });
      expect(result.stderr.toString()).toBe("");
      const read = readStream(result.stdout);
      expect(read.length).toBe(files.length);
      const wrong = read.map((doc, k) => divergence(docs[k]!, doc)).filter((d) => d !== "");
      expect(wrong.slice(0, 10)).toEqual([]);
    },
    600_000,
  );
});
