// The job-file YAML subset parser, checked against the `yaml` package as an
// oracle: whatever the subset accepts must mean the same as in real YAML.
// The failsafe schema keeps every scalar a string, which is what the subset
// produces (typing timeout and submodules is context.ts's job).
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import YAML from "yaml";
import { findMap, findPair, mapPairs, parseYaml, type YamlDoc } from "../src/runner/yaml";
import { linesOf } from "./support/text";
import { accepted, rejected } from "./support/yaml-corpus";

const JOB_MAPS = ["env", "secrets"];

function parse(text: string, mapKeys: string[] = JOB_MAPS): YamlDoc {
  return parseYaml(linesOf(text), mapKeys);
}

function utf8(portable: string): string {
  return Buffer.from(portable, "latin1").toString("utf8");
}

/** Our document in the shape yaml.parse gives (failsafe: empty value is ""). */
function asObject(doc: YamlDoc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of doc.entries) out[e.key] = utf8(e.value);
  for (const m of doc.maps) {
    if (m.pairs.length === 0) {
      out[m.key] = "";
      continue;
    }
    const inner: Record<string, string> = {};
    for (const p of m.pairs) inner[p.key] = utf8(p.value);
    out[m.key] = inner;
  }
  return out;
}

function oracle(text: string): unknown {
  const value: unknown = YAML.parse(text, { schema: "failsafe", uniqueKeys: true });
  // A document of nothing (or only "---") is an empty mapping to us.
  return value === null || value === undefined || value === "" ? {} : value;
}

function expectAgrees(text: string, mapKeys: string[] = JOB_MAPS): YamlDoc {
  const doc = parse(text, mapKeys);
  expect(doc.error).toBe("");
  expect(doc.ok).toBe(true);
  expect(asObject(doc)).toEqual(oracle(text));
  return doc;
}

describe("accepted documents agree with yaml.parse", () => {
  test("there are at least 60", () => {
    expect(accepted.length).toBeGreaterThanOrEqual(60);
  });
  test.each(accepted)("%s", (_name, text) => {
    expectAgrees(text);
  });
});

describe("secrets file (no nested keys)", () => {
  test("env is a plain secret name there", () => {
    const doc = expectAgrees("env: x\nsecrets: y\nTOKEN: |\n  z\n", []);
    expect(doc.maps).toEqual([]);
    expect(doc.entries.map((e) => e.key)).toEqual(["env", "secrets", "TOKEN"]);
  });
  test("nesting is refused there", () => {
    expect(parse("A:\n  B: x\n", []).error).toBe(
      "line 2: unexpected indentation under 'A': nested mappings are not allowed in this file, " +
        "and its value belongs on its line; write 'A: value' on one line (quote the value if needed)",
    );
  });
});

describe("lines and lookups", () => {
  const doc = parse("# c\nrepo_url: x\n\nenv:\n  A: |\n    1\n    2\n  B: y\nsecrets:\n  S: z\njob_id: j\n");
  test("top-level entries carry their line", () => {
    expect(doc.entries).toEqual([
      { key: "repo_url", value: "x", line: 2 },
      { key: "job_id", value: "j", line: 11 },
    ]);
  });
  test("nested entries carry their line", () => {
    expect(mapPairs(doc, "env")).toEqual([
      { key: "A", value: "1\n2\n", line: 5 },
      { key: "B", value: "y", line: 8 },
    ]);
    expect(doc.maps[findMap(doc, "secrets")].line).toBe(9);
    expect(mapPairs(doc, "nothing")).toEqual([]);
    expect(findPair(doc.entries, "job_id")).toBe(1);
    expect(findPair(doc.entries, "env")).toBe(-1);
  });
  test("each mapping knows its first key that is not a variable name", () => {
    expect(doc.maps[findMap(doc, "env")].firstNonName).toBe(-1);
    const odd = parseYaml(["env:", "  A: x", "  1B: y", "  c.d: z", "secrets:", "  OK: v", "  my-key: w"], ["env", "secrets"]);
    expect(odd.maps[findMap(odd, "env")].firstNonName).toBe(1);
    expect(odd.maps[findMap(odd, "secrets")].firstNonName).toBe(1);
  });
  test("each mapping knows the bytes of its longest pair as NAME=value", () => {
    const sized = parseYaml(["env:", "  A: x", "  LONGER: 12345", "secrets:", "env2: y"], ["env", "secrets"]);
    expect(sized.maps[findMap(sized, "env")].longestPair).toBe("LONGER=12345".length);
    expect(sized.maps[findMap(sized, "secrets")].longestPair).toBe(0);
  });
  test("values are byte strings", () => {
    const d = parse('a: "\\u00e9"\nb: \u00e9\n');
    expect(d.entries[0].value).toBe("\xc3\xa9");
    expect(d.entries[1].value).toBe("\xc3\xa9");
  });
});

describe("rejected documents", () => {
  test("there are at least 30", () => {
    expect(rejected.length).toBeGreaterThanOrEqual(30);
  });
  test.each(rejected)("%s", (_name, text, message) => {
    const doc = parse(text);
    expect(doc.ok).toBe(false);
    expect(doc.error).toBe(message);
    expect(doc.errorLine).toBe(Number(message.slice(5, message.indexOf(":"))));
    expect(doc.entries).toEqual([]);
    expect(doc.maps).toEqual([]);
  });
});

describe("error messages never show values", () => {
  const secret = "hunter2-very-secret";
  const docs = [`TOKEN: "${secret}\n`, `TOKEN: '${secret}\n`, `TOKEN: ${secret}: x\n`, `TOKEN: "${secret}\\q"\n`, `${secret}\n`, `TOKEN: |\n    ${secret}\n  ${secret}\n`];
  test.each(docs)("%j", (text) => {
    const doc = parse(text, []);
    expect(doc.ok).toBe(false);
    expect(doc.error).not.toContain("hunter2");
  });
});

// Generated documents: values of every style, rendered from random strings.
describe("generated documents agree with yaml.parse", () => {
  const printable = fc.oneof(
    fc.constantFrom(" ", "#", ":", "'", '"', "\\", "-", "|", "\t", "\u00e9", "\u65e5", "x", "0"),
    fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }),
  );
  const text = fc.array(printable, { maxLength: 20 }).map((parts) => parts.join(""));

  function doubleQuoted(s: string): string {
    let out = '"';
    for (const ch of s) {
      const code = ch.codePointAt(0) ?? 0;
      if (ch === '"') out += '\\"';
      else if (ch === "\\") out += "\\\\";
      else if (ch === "\n") out += "\\n";
      else if (ch === "\t") out += "\\t";
      else if (code > 0x7f && code <= 0xff) out += "\\x" + code.toString(16).padStart(2, "0");
      else if (code > 0xff && code <= 0xffff) out += "\\u" + code.toString(16).padStart(4, "0");
      else out += ch;
    }
    return out + '"';
  }

  test("quoted scalars", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const doc = `a: ${doubleQuoted(a)}\nb: '${b.replaceAll("'", "''")}'\nenv:\n  X: ${doubleQuoted(b)}\n`;
        expectAgrees(doc);
      }),
      { numRuns: 300 },
    );
  });

  test("literal block scalars", () => {
    const blockLine = fc.oneof(
      fc.constant(""),
      fc.constantFrom(" ", "  ", "     "),
      text.filter((s) => !s.includes("\n")),
    );
    fc.assert(
      fc.property(fc.array(blockLine, { minLength: 0, maxLength: 6 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.boolean(), (body, indent, strip, nested) => {
        const pad = " ".repeat(indent + (nested ? 2 : 0));
        const lines = body.map((l) => (l.trim() === "" ? l : pad + l));
        const header = nested ? `env:\n  K: |${strip ? "-" : ""}\n` : `K: |${strip ? "-" : ""}\n`;
        const docText = header + lines.join("\n") + "\nlast: x\n";
        const doc = parse(docText);
        let expected: unknown;
        try {
          expected = oracle(docText);
        } catch {
          expected = "refused";
        }
        if (!doc.ok) {
          // We may refuse where the yaml package does not only for what
          // YAML 1.2 forbids and the package lets through: a line indented
          // less than the block's first line (yaml reads ' :' there as a
          // key-less entry), or a tab where indentation is expected.
          const leading = (l: string) => l.length - l.trimStart().length;
          const content = lines.filter((l) => l.trim() !== "");
          const lessIndented = content.some((l) => leading(l) < leading(content[0]));
          expect(expected === "refused" || lessIndented || body.some((l) => l.includes("\t"))).toBe(true);
          return;
        }
        expect(asObject(doc)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  test("whatever the parser accepts, yaml.parse reads the same way", () => {
    const fragment = fc.constantFrom(
      "a",
      "b",
      "env",
      "secrets",
      "K",
      ":",
      ": ",
      " ",
      "  ",
      "\t",
      "#",
      " #",
      "'",
      "''",
      '"',
      "\\",
      "\\n",
      "\\x41",
      "\\u00e9",
      "|",
      "|-",
      ">",
      "-",
      "- ",
      "---",
      "&",
      "*",
      "!",
      "[",
      "{",
      ",",
      "x y",
      "\u00e9",
    );
    const line = fc.array(fragment, { maxLength: 6 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const docText = lines.join("\n") + "\n";
        const doc = parse(docText);
        if (!doc.ok) return;
        expect(asObject(doc)).toEqual(oracle(docText));
      }),
      { numRuns: 3000 },
    );
  });
});
