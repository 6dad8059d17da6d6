// The mask set built in bulk (secretMasksOf, withMasks; src/std/node-mask.ts
// and templates/prelude/mask.sh) is the one the runner built value by value
// before: secretMasks of each secret (src/runner/mask-forms.ts), added one
// at a time to a list kept longest first. Random secrets of every kind
// (empty, short, multi-line, any byte but NUL, one over 64 KB) give the same
// bytes on Node, on every shell and under every awk.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prng as random } from "../support/random";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { secretMasks } from "../../src/runner/mask-forms";
import { availableAwks } from "../support/awks";
import { buildProgram, runOnNode, runOnShell, workDir, type BuiltProgram } from "../support/portable";
import { availableShells } from "../support/shells";

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
// The separator of the program's input file (test/runner/programs/mask-set.ts).
const SEPARATOR = 0x1f;

function secrets(count: number): string[] {
  const next = random(20261201);
  const int = (n: number) => Math.floor(next() * n);
  // Any byte but NUL and the separator; line breaks often.
  const anyByte = () => {
    const pick = int(10);
    if (pick === 0) return 10;
    const b = 1 + int(255);
    return b === SEPARATOR ? 0x41 : b;
  };
  const bytes = (n: number, byte: () => number) => Buffer.from(Array.from({ length: n }, byte)).toString("latin1");
  const pemLike = (lines: number) =>
    ["-----BEGIN KEY-----", ...Array.from({ length: lines }, () => bytes(64, () => BASE64.charCodeAt(int(64)))), "-----END KEY-----", ""].join("\n");
  const out: string[] = ["", "ab", "abcd", "abcde", "abcdef", "line\n\nab\nline\nlonger line"];
  while (out.length < count) {
    const kind = int(10);
    if (kind < 2) out.push(bytes(int(4), anyByte));
    else if (kind < 4) out.push(bytes(4 + int(3), anyByte));
    else if (kind < 6) out.push(bytes(7 + int(60), anyByte));
    else if (kind < 8) out.push(bytes(20 + int(400), anyByte));
    else if (kind === 8 && out.length > 10) {
      // A repeat, a line of another secret, or one of its encoded forms.
      const other = out[int(out.length)]!;
      const forms = secretMasks(other);
      out.push(forms.length > 0 ? forms[int(forms.length)]! : other);
    } else out.push(bytes(int(40), () => BASE64.charCodeAt(int(64))) + "\n" + bytes(int(40), anyByte));
  }
  // Over 64 KB: a PEM-like key (its lines give some 7,000 masks; one such
  // value, as the shells take seconds each on it).
  out.splice(50, 0, pemLike(1030));
  return out;
}

/** The runner's list before: each value added on its own, kept longest first. */
function addMask(masks: string[], value: string): string[] {
  if (value === "" || masks.includes(value)) return masks;
  const at = masks.findIndex((m) => value.length > m.length);
  return at < 0 ? [...masks, value] : [...masks.slice(0, at), value, ...masks.slice(at)];
}

function expected(all: string[], firstCount: number): string {
  const masksOf = (values: string[]) => [...new Set(values.flatMap((v) => secretMasks(v)))];
  let list: string[] = [];
  for (const value of masksOf(all.slice(0, firstCount))) list = addMask(list, value);
  for (const value of masksOf(all.slice(firstCount))) list = addMask(list, value);
  let last = list;
  for (const value of ["", "abc", "short", all[0]!]) last = addMask(last, value);
  const show = (values: string[]) => values.map((v) => `${v}\x1f`).join("") + "\n";
  let fromNothing: string[] = [];
  for (const value of ["", "abc"]) fromNothing = addMask(fromNothing, value);
  return show(masksOf(all)) + show(list) + show(last) + show(masksOf([])) + show([]) + show(fromNothing);
}

const SECRETS = secrets(60);
const FIRST = 30;
const file = path.join(workDir, "mask-set-secrets.bin");
// Without the 64 KB key: the slower shells take 15 s to a minute over this
// program's loops through its 7,000 masks (the runner's own set-up for such
// a key: zsh 7 s, the others 1.5 s at most), so they build the others' set.
const SMALL = SECRETS.filter((s) => s.length < 65_536);
const smallFile = path.join(workDir, "mask-set-small.bin");
const SLOW_SHELLS = ["busybox", "mksh", "posh", "zsh"];
const latin1 = (b: Buffer) => b.toString("latin1");
let program: BuiltProgram;
let want: string;
let wantSmall: string;

beforeAll(async () => {
  writeFileSync(file, Buffer.from(SECRETS.join("\x1f"), "latin1"));
  writeFileSync(smallFile, Buffer.from(SMALL.join("\x1f"), "latin1"));
  program = await buildProgram(path.join(__dirname, "programs/mask-set.ts"));
  want = expected(SECRETS, FIRST);
  wantSmall = expected(SMALL, FIRST);
}, 120_000);

describe("the mask set built in bulk", () => {
  it("holds what the reference holds: values over 64 KB, multi-line ones, bytes over 0x7F", () => {
    expect(SECRETS.some((s) => s.length > 65_536 && s.split("\n").length > 1000)).toBe(true);
    expect(SECRETS.some((s) => /[\x80-\xff]/.test(s) && /[\x01-\x09]/.test(s))).toBe(true);
    expect(want.length).toBeGreaterThan(100_000);
  });

  it("on Node", () => {
    expect(latin1(runOnNode(program, { args: [file, `${FIRST}`] }).stdout) === want).toBe(true);
  });

  for (const shell of availableShells().filter((s) => s.byteStrings)) {
    it(`on the script [shell=${shell.name}]`, () => {
      const slow = SLOW_SHELLS.includes(shell.name);
      const got = runOnShell(program, shell, { args: [slow ? smallFile : file, `${FIRST}`] });
      expect(latin1(got.stderr)).toBe("");
      expect(latin1(got.stdout) === (slow ? wantSmall : want)).toBe(true);
    });
  }

  for (const awk of availableAwks()) {
    it(`under dash with its awk [awk=${awk.name}]`, () => {
      const bin = path.join(workDir, `awk-${awk.name}`);
      mkdirSync(bin, { recursive: true });
      awk.install(bin);
      const dash = availableShells().find((s) => s.name === "dash")!;
      const got = runOnShell(program, dash, { args: [file, `${FIRST}`], env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
      expect(latin1(got.stderr)).toBe("");
      expect(latin1(got.stdout) === want).toBe(true);
    });
  }
});
