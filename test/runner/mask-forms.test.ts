// The encoded forms a secret is masked in (src/runner/mask-forms.ts): right
// by RFC 4648 and RFC 3986 (checked against Node's Buffer), the same in the
// sh build (the compiled code under each shell) and in the awk masker's own
// encoder for ::add-mask:: values (under each awk).
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base64Stable, encodedForms, secretMasks, urlEncoded } from "../../src/runner/mask-forms";
import { availableAwks } from "../support/awks";
import { buildProgram, runOnNode, runOnShell, workDir, type BuiltProgram } from "../support/portable";
import { availableShells } from "../support/shells";

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const latin1 = (b: Buffer) => b.toString("latin1");

/** Values with every kind of byte: ASCII, metacharacters, UTF-8, invalid UTF-8, each length mod 3. */
const VALUES = [
  "abcd",
  "abcde",
  "hunter22",
  "s3cr3t-P@ss/w0rd+&=%",
  "a&b\\c/d.e*f[g]h^i$j%k",
  "caf\xc3\xa9-passw\xc3\xb6rd",
  "\xff\xfe\x80raw-bytes\x01",
  "'quoted' \"double\" `tick`",
  "x".repeat(100),
  "0123456789",
];

describe("encoded forms", () => {
  it("each base64 form is what any longer encoded text holding the value contains, at its alignment", () => {
    for (const value of VALUES) {
      const bytes = Buffer.from(value, "latin1");
      for (let before = 0; before < 6; before++) {
        for (let after = 0; after < 4; after++) {
          const text = Buffer.concat([Buffer.alloc(before, 0x41 + before), bytes, Buffer.alloc(after, 0x7a)]).toString("base64");
          expect(text.includes(base64Stable(value, before % 3)), `${JSON.stringify(value)} after ${before} bytes`).toBe(true);
        }
      }
      // The form leaves out only what the neighbours share: at most 3 characters before, 1 after.
      expect(base64Stable(value, 0).length).toBe(Math.floor((bytes.length * 8) / 6));
    }
  });

  it("URL encoding follows RFC 3986 (encodeURIComponent also keeps ! ' ( ) *, which the RFC reserves)", () => {
    for (const value of VALUES.filter((v) => /^[\x00-\x7f]*$/.test(v))) {
      const want = encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
      expect(urlEncoded(value, "0123456789ABCDEF")).toBe(want);
    }
    expect(urlEncoded("\xc3\xa9 \xff", "0123456789abcdef")).toBe("%c3%a9%20%ff");
  });

  it("forms shorter than 6 characters and repeats are left out; values under 4 bytes give nothing", () => {
    expect(secretMasks("abc")).toEqual([]);
    expect(encodedForms("abcd")).toEqual([]);
    expect(encodedForms("abcde")).toEqual(["YWJjZG", "FiY2Rl", "hYmNkZ"]);
    expect(secretMasks("plainvalue")).toEqual(["plainvalue", base64Stable("plainvalue", 0), base64Stable("plainvalue", 1), base64Stable("plainvalue", 2)]);
    expect(secretMasks("first line\nab\nthird")).toEqual(expect.arrayContaining(["first line\nab\nthird", "first line", "third"]));
    expect(secretMasks("first line\nab\nthird")).not.toContain("ab");
  });
});

describe("both builds derive the same masks", () => {
  let program: BuiltProgram;
  const file = path.join(workDir, "mask-values.txt");
  beforeAll(async () => {
    program = await buildProgram(path.join(__dirname, "programs/mask-forms.ts"));
    writeFileSync(file, VALUES.join("\n") + "\n", "latin1");
  }, 120_000);

  it("Node's masks are secretMasks'", () => {
    const out = latin1(runOnNode(program, { args: [file] }).stdout);
    expect(out).toBe(VALUES.map((v) => secretMasks(v).join("\n") + "\n--\n").join(""));
  });

  for (const shell of availableShells().filter((s) => s.byteStrings)) {
    it(`the compiled code gives the same [shell=${shell.name}]`, () => {
      const node = latin1(runOnNode(program, { args: [file] }).stdout);
      expect(latin1(runOnShell(program, shell, { args: [file] }).stdout)).toBe(node);
    });
  }

  const prelude = readFileSync(path.join(__dirname, "../../templates/prelude/mask.sh"), "utf8");
  for (const awk of availableAwks()) {
    it(`the awk masker's encoder gives the same [awk=${awk.name}]`, () => {
      // The masker's functions, fed one value a line: the value and its forms, as add_mask would add them.
      const script = `${prelude}\nprintf '%s\\n' "$__mask_functions" >"$1"\n`;
      const programFile = path.join(workDir, `mask-functions-${awk.name}.awk`);
      execFileSync("sh", ["-c", script, "sh", programFile]);
      const body = '{ n = 0; split("", have); add_value($0); encoded_forms($0); for (i = 1; i <= n; i++) print masks[i]; print "--" }';
      const argv = awk.name === "busybox" ? ["busybox", "awk"] : [awk.command];
      const out = execFileSync(argv[0]!, [...argv.slice(1), readFileSync(programFile, "utf8") + body, file], {
        env: { ...process.env, LC_ALL: "C", __mask_file: "/dev/null" },
      });
      expect(latin1(out)).toBe(VALUES.map((v) => secretMasks(v).join("\n") + "\n--\n").join(""));
    });
  }
});

describe("::add-mask:: values last into later steps", () => {
  let program: BuiltProgram;
  beforeAll(async () => {
    program = await buildProgram(path.join(__dirname, "programs/two-steps.ts"));
  }, 120_000);

  const check = (stdout: string, stderr: string) => {
    expect(stdout).toBe("one ***\ntwo ***\n");
    expect(stderr).toContain("two *** ***");
    expect(stderr).toContain("value=***");
    expect(stdout + stderr).not.toContain("carried-value-9");
  };
  it("on Node", () => {
    const r = runOnNode(program);
    check(latin1(r.stdout), latin1(r.stderr));
  });
  for (const shell of availableShells().filter((s) => s.byteStrings)) {
    it(`on the script [shell=${shell.name}]`, () => {
      const r = runOnShell(program, shell);
      check(latin1(r.stdout), latin1(r.stderr));
    });
  }
});
