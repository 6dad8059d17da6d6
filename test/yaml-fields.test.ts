// The sh build reads a simple job file with one awk (templates/prelude/
// yaml.sh) and leaves every other document to the portable line parser
// (src/runner/yaml.ts). Where the awk reads a document, the result must be
// the parser's to the byte; where it declines, the parser's message stands.
// Checked on the YAML corpus and on generated documents full of the things
// the awk must decline, under every shell and every awk.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { prng as random } from "./support/random";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableAwks, type Awk } from "./support/awks";
import { buildProgram, runOnNode, runOnShell, workDir, type BuiltProgram } from "./support/portable";
import { availableShells } from "./support/shells";
import { accepted, rejected } from "./support/yaml-corpus";

const dir = mkdtempSync(path.join(os.tmpdir(), "solstice-yaml-fields-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

// Values in every style, with the escapes, quotes and bytes the awk must
// decode as the parser does ...
const VALUES = [
  "plain",
  "plain value # comment",
  "C#-and-F#",
  "host:22",
  "-x",
  "?x",
  ":x",
  "a,b[c]",
  "caf\xc3\xa9",
  "\xff\xfe raw",
  "x".repeat(300),
  "'single ''quoted'' value'",
  "''",
  "'a' # c",
  "",
  "# only a comment",
  '"double \\"quoted\\" \\t \\n \\r \\\\ end"',
  '"\\x41\\xe9\\u00e9\\u20ac"',
  '"\\u0007 bell"',
  '"a\\\\"',
  '""',
  '"a" # c',
];
// ... and the ones it must decline: one of these in a document leaves it to the parser.
const DECLINED_VALUES = [
  "'unclosed",
  "'a' trailing",
  '"\\uD83D\\uDE00"',
  '"\\x1e"',
  '"\\x00"',
  '"\\U0001F600"',
  '"\\q"',
  '"\\x4"',
  '"a\\"',
  '"unclosed',
  '"a"b',
  '"\\/"',
  "a: b",
  "ends:",
  "- item",
  "? key",
  ": x",
  ">",
  "[a]",
  "{a: b}",
  "&anchor",
  "*alias",
  "!tag x",
  "@at",
  "`tick`",
  "%pct",
  "x\ty",
  "tab\t# c",
  "x\ry",
  "x\x1by",
];

const KEYS = ["A", "B_2", "lower.case-key", "k".repeat(256), "_u", "9start"];
const DECLINED_KEYS = ["k".repeat(257), "-dash", "bad key", "\xe9", "A", "B_2"];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

/** A generator of one document's pieces: mostly inside what the awk reads, now and then one thing outside. */
function pieces(next: () => number, hostility: number) {
  const value = () => (next() < hostility ? pick(next, DECLINED_VALUES) : pick(next, VALUES));
  const key = () => (next() < hostility ? pick(next, DECLINED_KEYS) : pick(next, KEYS) + String(Math.floor(next() * 1000)));
  const blockLines = (indent: string): string[] => {
    const lines: string[] = [];
    const count = Math.floor(next() * 5);
    for (let i = 0; i < count; i++) {
      const r = next();
      if (r < 0.15) lines.push("");
      else if (r < 0.25) lines.push(" ".repeat(Math.floor(next() * 8)));
      else if (r < 0.35) lines.push(indent + "  deeper");
      else if (r < 0.35 + hostility) lines.push(indent.slice(1) + "shallower");
      else if (r < 0.45 + hostility) lines.push(indent + "# not a comment in a block");
      else lines.push(indent + value());
    }
    return lines;
  };
  const entry = (indent: string): string[] => {
    if (next() < 0.2) {
      const strip = next() < 0.5 ? "-" : "";
      return [`${indent}${key()}: |${strip}${next() < 0.2 ? " # c" : ""}`, ...blockLines(indent + pick(next, ["  ", "    ", " "]))];
    }
    return [`${indent}${key()}${next() < hostility / 4 ? " " : ""}: ${value()}`];
  };
  return { entry };
}

function documentText(next: () => number): string {
  const hostility = next() < 0.5 ? 0 : 0.04;
  const { entry } = pieces(next, hostility);
  const lines: string[] = [];
  if (next() < 0.2) lines.push(pick(next, ["---", "--- # start", "# head"]));
  if (next() < hostility) lines.push(pick(next, ["\xef\xbb\xbfa: b", "%YAML 1.2", "---", "..."]));
  const count = 1 + Math.floor(next() * 8);
  for (let i = 0; i < count; i++) {
    const r = next();
    if (r < 0.1) lines.push(pick(next, ["", "# comment", "   # indented comment", "  "]));
    else if (r < 0.1 + hostility) lines.push(pick(next, ["---", "...", "\t", "env: x", " indented: 1"]));
    else if (r < 0.35) {
      lines.push(`${pick(next, ["env", "secrets"])}:${next() < 0.2 ? " # c" : ""}`);
      const indent = pick(next, ["  ", "  ", "    ", " "]);
      const entries = Math.floor(next() * 5);
      for (let k = 0; k < entries; k++) {
        if (next() < 0.1) lines.push(pick(next, ["", "# c", "      # deep comment"]));
        if (next() < hostility) lines.push(pick(next, [" odd: 1", "\tT: x", indent + " deeper: 1"]));
        lines.push(...entry(indent));
      }
    } else lines.push(...entry(""));
  }
  return lines.join("\n") + (next() < 0.9 ? "\n" : "");
}

// 50: each is compared with the line parser on seven shells and four awks (about 3 s of CI time a document).
const GENERATED = 50;

/**
 * The list files naming the documents: "all" the corpus and the generated
 * ones (some as secrets files), "generated" these alone. The awk's part is
 * checked under each awk on all; the shell's part (the split of the awk's
 * output into the heap) under each shell on the generated ones, which are
 * short: the line parser they are compared with is slow on the corpus's
 * long values under some shells.
 */
function writeDocuments(): { all: string; generated: string } {
  const paths: string[] = [];
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text, "latin1");
    paths.push(file);
  };
  accepted.forEach(([, text], i) => write(`accepted-${i}.yaml`, Buffer.from(text, "utf8").toString("latin1")));
  rejected.forEach(([, text], i) => write(`rejected-${i}.yaml`, Buffer.from(text, "utf8").toString("latin1")));
  const next = random(20261201);
  for (let i = 0; i < GENERATED; i++) write(`generated-${i}${next() < 0.2 ? ".secrets" : ""}.yaml`, documentText(next));
  const all = path.join(dir, "all.txt");
  writeFileSync(all, paths.join("\n") + "\n");
  const generated = path.join(dir, "generated.txt");
  writeFileSync(generated, paths.filter((p) => path.basename(p).startsWith("generated-")).join("\n") + "\n");
  return { all, generated };
}

interface Verdicts {
  fast: string[];
  outcomes: string;
}

function verdicts(stdout: Buffer): Verdicts {
  const text = stdout.toString("latin1");
  const fast = text
    .split("\n")
    .filter((line) => line.startsWith(dir) && line.includes(" fast "))
    .map((line) => line.split(" ")[0]!);
  return { fast, outcomes: text };
}

function pathWith(awk: Awk): string {
  const bin = mkdtempSync(path.join(dir, `bin-${awk.name}-`));
  awk.install(bin);
  return `${bin}:${process.env.PATH ?? ""}`;
}

describe("the one-awk reading of the job file agrees with the line parser", () => {
  let program: BuiltProgram;
  let lists: { all: string; generated: string };
  const reference: Record<string, string[]> = {};
  beforeAll(async () => {
    program = await buildProgram(path.join(__dirname, "runner/programs/yaml-fields.ts"));
    lists = writeDocuments();
  }, 120_000);

  it("on Node the std always declines and the parser reads every document", () => {
    const out = verdicts(runOnNode(program, { args: [lists.all] }).stdout);
    expect(out.outcomes).not.toContain("DIFF");
    expect(out.fast).toEqual([]);
  });

  const shells = availableShells().filter((s) => s.byteStrings);
  const dash = Math.max(
    0,
    shells.findIndex((s) => s.name === "dash"),
  );
  const runs: { label: string; shellIndex: number; list: "all" | "generated"; awk?: Awk }[] = [
    ...shells.map((s, i) => ({ label: `[shell=${s.name}]`, shellIndex: i, list: "generated" as const })),
    ...availableAwks().map((awk) => ({ label: `[shell=${shells[dash]?.name ?? "dash"}] [awk=${awk.name}]`, shellIndex: dash, list: "all" as const, awk })),
  ];
  for (const run of runs) {
    it(`reads the same documents, to the byte ${run.label}`, () => {
      const shell = shells[run.shellIndex]!;
      const env = run.awk ? { ...process.env, PATH: pathWith(run.awk) } : process.env;
      const result = runOnShell(program, shell, { args: [lists[run.list]], env });
      expect(result.stderr.toString()).toBe("");
      const out = verdicts(result.stdout);
      expect(out.outcomes).not.toContain("DIFF");
      // Every awk and shell takes the same documents: none depends on a quirk.
      reference[run.list] ??= out.fast;
      expect(out.fast).toEqual(reference[run.list]);
      if (run.list === "all") {
        // Most of the corpus inside the subset is read by the awk, and nothing outside it.
        const acceptedFast = out.fast.filter((f) => path.basename(f).startsWith("accepted-")).length;
        expect(acceptedFast).toBeGreaterThan(accepted.length / 2);
        expect(out.fast.filter((f) => path.basename(f).startsWith("rejected-"))).toEqual([]);
      }
      // The generated documents exercise both ways.
      const generatedFast = out.fast.filter((f) => path.basename(f).startsWith("generated-")).length;
      expect(generatedFast).toBeGreaterThan(GENERATED / 5);
      expect(generatedFast).toBeLessThan(GENERATED);
    }, 120_000);
  }
});
