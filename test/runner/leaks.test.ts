// The leak corpus (contract section 5): every way a job or the runner
// commonly prints a secret, on Node and the script on every shell (its
// compact build too), in both log formats; with each awk on dash (every
// shell with SOLSTICE_TEST_ALL_SHELLS=1). Each case is
// a line of the job (or of the runner's log) with its expected masked form;
// and whatever the expectations, no masked value and no encoded form of one
// may appear anywhere in what the runner printed: 0 leaks.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { base64Stable, secretMasks } from "../../src/runner/mask-forms";
import { availableAwks, type Awk } from "../support/awks";
import { DASH, eventOf, expectFinished, jobFile, jobRepo, runScenario, scenario, tempDir, type RunSpec, type Scenario } from "./harness";

const b64 = (value: string) => Buffer.from(value, "latin1").toString("base64");
/** What a job's `printf %s VALUE | base64` prints when VALUE follows `before` bytes. */
const b64After = (before: string, value: string) => b64(before + value);
const urlUpper = (value: string) => [...value].map((c) => (/[A-Za-z0-9\-._~]/.test(c) ? c : `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)).join("");
const urlLower = (value: string) => urlUpper(value).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
/** A single-quoted sh word. */
const sq = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

const SECRETS: Record<string, string> = {
  S_PLAIN: "plain-secret-value-42",
  S_META: "a&b\\c/d.e*f[g]h^i$j%k",
  S_QUOTES: 'he said "hi" \\ back',
  S_OUTER: "outer-INNER-part-99",
  S_INNER: "INNER-part",
  S_LEFT: "overlapAAAA",
  S_RIGHT: "AAAAlapping",
  S_WORD: "success",
  S_MULTI: "multi-line-one\nmulti-line-two",
  S_BYTES: "\xff\xferaw-bytes\x80\xc3",
  S_SHORT: "abc",
};
const ADDED = "added-at-run-time-7";
const ADDED_SHORT = "xyz";
const ADDED_ON_STDERR = "err-added-value-8";

/** The secrets file: NAME: "value", raw bytes as they are (latin1). */
function secretsFile(): string {
  return Object.entries(SECRETS)
    .map(([k, v]) => `${k}: "${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"\n`)
    .join("");
}

/** Every value that must never appear, and its forms (3-byte ones are not masked and are left out). */
function forbidden(): string[] {
  const values = [...Object.values(SECRETS), ADDED, ADDED_ON_STDERR].filter((v) => v.length >= 4);
  return [...new Set(values.flatMap((v) => secretMasks(v)))].filter((v) => !v.includes("\n"));
}

function expectNoLeaks(s: Scenario): void {
  for (const run of s.runs) {
    // The runner's own word "success" (S_WORD's value) stays in its last line: vocabulary is never masked.
    const printed = [run.stdout, ...run.stderrLines].join("\n").replace(/status=success|"status":"success"/g, "status");
    for (const value of forbidden()) {
      expect(printed.includes(value), `${run.backend} (${run.format}) printed ${JSON.stringify(value)}`).toBe(false);
    }
  }
}

interface Case {
  what: string;
  /** sh lines of the job. */
  job: string;
  /** What the job's stdout holds for it. */
  stdout: string;
  /** What its stderr holds. */
  stderr?: string;
}

const P = SECRETS.S_PLAIN!;
const long = "x".repeat(65536 - 10);
const CASES: Case[] = [
  { what: "at a line's start", job: 'echo "$S_PLAIN tail"', stdout: "*** tail\n" },
  { what: "at a line's end", job: 'echo "head $S_PLAIN"', stdout: "head ***\n" },
  { what: "a whole line", job: 'echo "$S_PLAIN"', stdout: "***\n" },
  { what: "twice, back to back", job: 'echo "$S_PLAIN$S_PLAIN"', stdout: "******\n" },
  { what: "split across writes with pauses", job: "printf 'pre plain-sec'; sleep 0.3; printf 'ret-val'; sleep 0.3; printf 'ue-42 post\\n'", stdout: "pre *** post\n" },
  { what: "on stderr", job: 'echo "err $S_PLAIN" >&2', stdout: "", stderr: "err ***\n" },
  { what: "regex and awk metacharacters", job: `printf '%s\\n' "m[$S_META]"`, stdout: "m[***]\n" },
  { what: "quotes and backslashes", job: `printf '%s\\n' "q<$S_QUOTES>"`, stdout: "q<***>\n" },
  { what: "one secret inside another", job: 'echo "o $S_OUTER i $S_INNER"', stdout: "o *** i ***\n" },
  { what: "two secrets overlapping", job: 'echo "v overlapAAAAlapping v"', stdout: "v *** v\n" },
  { what: "a secret equal to a log word", job: 'echo "result: $S_WORD"', stdout: "result: ***\n" },
  { what: "a multi-line value whole", job: 'printf "%s\\n" "$S_MULTI"', stdout: "***\n***\n" },
  { what: "a line of a multi-line value", job: 'echo "just multi-line-two here"', stdout: "just *** here\n" },
  { what: "bytes that are not UTF-8", job: `printf '%s\\n' "b:$S_BYTES:b"`, stdout: "b:***:b\n" },
  { what: "base64, alignment 0", job: `printf '%s\\n' ${sq(b64After("", P))}`, stdout: "***\n" },
  { what: "base64, alignment 1", job: `printf '%s\\n' ${sq(b64After("u", P))}`, stdout: `${b64After("u", P).replace(base64Stable(P, 1), "***")}\n` },
  { what: "base64, alignment 2", job: `printf '%s\\n' ${sq(b64After("us", P))}`, stdout: `${b64After("us", P).replace(base64Stable(P, 2), "***")}\n` },
  { what: "base64 as a job makes it", job: 'printf "user:%s" "$S_PLAIN" | base64', stdout: `${b64("user:" + P).replace(base64Stable(P, 2), "***")}\n` },
  {
    what: "base64 of a metacharacter secret",
    job: `printf '%s\\n' ${sq(b64(SECRETS.S_META!))}`,
    stdout: `${b64(SECRETS.S_META!).replace(base64Stable(SECRETS.S_META!, 0), "***")}\n`,
  },
  { what: "URL-encoded, upper-case hex", job: `printf '%s\\n' ${sq("p=" + urlUpper(SECRETS.S_META!))}`, stdout: "p=***\n" },
  { what: "URL-encoded, lower-case hex", job: `printf '%s\\n' ${sq("p=" + urlLower(SECRETS.S_QUOTES!))}`, stdout: "p=***\n" },
  { what: "an ::add-mask:: line is not printed", job: `echo "::add-mask::${ADDED}"`, stdout: "" },
  { what: "an added value, later on stdout", job: `echo "now ${ADDED}"`, stdout: "now ***\n" },
  // The sh build's two maskers are two processes: stderr's learns of a value added on stdout once
  // stdout's has read that line (docs/contract.md section 10, Masking), so the job waits until the
  // test has seen this case's heading on stdout, which stdout's masker printed after that line.
  {
    what: "an added value, later on stderr",
    job: `w=0; while [ ! -e "$SCENARIO_OUT/seen" ] && [ $w -lt 400 ]; do sleep 0.05; w=$((w + 1)); done; echo "now ${ADDED}" >&2`,
    stdout: "",
    stderr: "now ***\n",
  },
  { what: "an ::add-mask:: line on stderr, used there", job: `echo "::add-mask::err-added-value-8" >&2; echo "e err-added-value-8" >&2`, stdout: "", stderr: "e ***\n" },
  { what: "an added value's base64", job: `printf '%s\\n' ${sq(b64(ADDED))}`, stdout: `${b64(ADDED).replace(base64Stable(ADDED, 0), "***")}\n` },
  { what: "a 3-byte added value is refused (printed)", job: `echo "::add-mask::${ADDED_SHORT}"; echo "short ${ADDED_SHORT}"`, stdout: `short ${ADDED_SHORT}\n` },
  { what: "a 3-byte configured secret is not masked", job: 'echo "pin $S_SHORT"', stdout: "pin abc\n" },
  { what: "a set -x trace", job: '(set -x; : "$S_PLAIN") 2>&1', stdout: "+ : ***\n" },
  { what: "across a 64 KiB piece boundary of a long line", job: `printf '%s%s%s\\n' ${sq(long)} "$S_PLAIN" ${sq(long)}`, stdout: `${long}***${long}\n` },
  { what: "in an unfinished last line", job: 'printf "last %s" "$S_PLAIN"', stdout: "last ***\n" },
];

/** The corpus job and its inputs; with `awk`, that awk first on PATH. */
export function corpusSpec(awk?: Awk): RunSpec {
  const script = ["#!/bin/sh", ...CASES.map((c) => `echo "== ${c.what}"; echo "== ${c.what}" >&2\n${c.job}`)].join("\n") + "\n";
  const r = jobRepo(script);
  const env = awkEnv(awk);
  return {
    job: jobFile(r.fileUrl, r.head, `job_id: ${JSON.stringify(SECRETS.S_QUOTES)}\n`),
    secrets: "",
    env: env,
    prepare: (d) => writeFileSync(d.secretsFile, secretsFile(), "latin1"),
    onStdout: (chunk, d) => {
      const so = (printed.get(d.dir) ?? "") + chunk;
      printed.set(d.dir, so);
      if (so.includes("== an added value, later on stderr\n") && !existsSync(join(d.out, "seen"))) writeFileSync(join(d.out, "seen"), "");
    },
  };
}

/** What each run has printed on stdout so far, by its directory. */
const printed = new Map<string, string>();

async function runCorpus(options: { awk?: Awk } = {}): Promise<void> {
  const s = await runScenario(corpusSpec(options.awk), options.awk ? { backends: [DASH] } : {});
  expectFinished(s, "success", 0);
  // Case by case first: a failure names the case.
  const outParts = s.stdout.split(/^== /m).slice(1);
  CASES.forEach((c, i) => expect(`== ${outParts[i]}`, c.what).toBe(`== ${c.what}\n${c.stdout}`));
  expect(s.stdout).toBe(CASES.map((c) => `== ${c.what}\n${c.stdout}`).join(""));
  expect(s.stderr).toBe(CASES.map((c) => `== ${c.what}\n${c.stderr ?? ""}`).join(""));
  // The runner's own lines: a secret as job_id (quotes and a backslash, in text and JSON), the warnings.
  expect(eventOf(s, "job context read").fields.job_id).toBe("***");
  expect(eventOf(s, "secret is shorter than 4 characters and is not masked").fields).toEqual({ secret: "S_SHORT" });
  expect(s.events.some((e) => e.message.startsWith("::add-mask:: values shorter than 4"))).toBe(true);
  expectNoLeaks(s);
}

describe.concurrent("the leak corpus", () => {
  scenario(`${CASES.length} ways a job prints a secret: all masked, nothing leaks`, () => runCorpus(), { allShells: true });

  for (const awk of availableAwks()) {
    scenario(`the corpus with ${awk.name} as the masker's awk [awk=${awk.name}]`, () => runCorpus({ awk }));
  }

  scenario("a secret in git's error output and in the repository URL is masked in the runner's lines", async () => {
    const s = await runScenario({
      job: jobFile("http://user:plain-secret-value-42@127.0.0.1:9/repo.git", "0".repeat(40), "secrets:\n  S_PLAIN: plain-secret-value-42\n"),
    });
    expect(s.status).toBe(69);
    const text = s.runs.map((r) => r.stderrLines.join("\n")).join("\n");
    expect(text).not.toContain("plain-secret-value-42");
    expect(text).not.toContain(base64Stable("plain-secret-value-42", 0));
  });
});

describe.concurrent("a large multi-line secret", () => {
  // 100 KB of 64-byte lines (Linux passes at most 128 KiB in one variable):
  // its lines and encoded forms are some 750 KB of pattern, past what one
  // V8 regular expression compiles (the Node masker crashed from 50 KB).
  const lines = ["-----BEGIN TEST KEY-----"];
  for (let k = 0; lines.length < 1560; k++) lines.push(Buffer.from(`large secret line ${k} `.padEnd(48, "x"), "latin1").toString("base64"));
  lines.push("-----END TEST KEY-----");
  const key = lines.join("\n");
  scenario(
    "its lines and its base64 are masked, and the job runs",
    async () => {
      const r = jobRepo("#!/bin/sh\nprintf '%s\\n' \"$BIG_KEY\" | sed -n '1,3p;1500p'\nprintf '%s' \"$BIG_KEY\" | base64 | tr -d '\\n'\necho\necho done\n");
      // The job id is one of the key's lines: the runner's own line masks it
      // against the whole set (some 700 KB of values).
      const s = await runScenario({
        job: jobFile(r.fileUrl, r.head, `secrets:\n  BIG_KEY: |-\n${lines.map((l) => `    ${l}\n`).join("")}`),
        env: { SOLSTICE_JOB_ID: lines[7]! },
      });
      expectFinished(s, "success", 0);
      expect(eventOf(s, "job context read").fields.job_id).toBe("***");
      for (const run of s.runs) {
        expect(run.stdout, run.backend).toMatch(/^\*\*\*\n\*\*\*\n\*\*\*\n\*\*\*\n.*\ndone\n$/);
        const printed = [run.stdout, ...run.stderrLines].join("\n");
        for (const line of [lines[1]!, lines[7]!, lines[1499]!, b64(key).slice(0, 64), b64(key).slice(-200, -8)]) expect(printed, run.backend).not.toContain(line);
      }
    },
    // On every shell: mksh and posh ran a printf per mask (7,000 processes,
    // over a minute) and could not run one for the 133 KB base64 forms;
    // zsh took 54 s to join the values in one word.
    { allShells: true },
  );
});

/** PATH with `awk` first on it, for the script's masker; undefined for the machine's own. */
function awkEnv(awk?: Awk): Record<string, string> | undefined {
  if (!awk) return undefined;
  const bin = tempDir("awk");
  awk.install(bin);
  return { PATH: `${bin}:${process.env.PATH}` };
}

describe.concurrent("unfinished lines", () => {
  // The job prints a progress line without a newline, then waits (up to 10 s)
  // for a file the test makes once that text is on the console.
  const wait =
    'i=0\nwhile [ ! -e "$SCENARIO_OUT/go" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done\n' +
    'if [ -e "$SCENARIO_OUT/go" ]; then echo " released"; else echo " never released"; fi\n';
  async function unfinished(awk?: Awk): Promise<void> {
    const r = jobRepo(`#!/bin/sh\nprintf 'progress 50%% plain-secret-value-42 plain-sec'\n${wait}printf 'ret-value-42 done\\n'\n`);
    // Each run (Node, then the script on each shell) in its own directory.
    const seen = new Map<string, string>();
    const atRelease = new Map<string, string>();
    const s = await runScenario(
      {
        job: jobFile(r.fileUrl, r.head, "secrets:\n  S_PLAIN: plain-secret-value-42\n"),
        env: awkEnv(awk),
        onStdout: (chunk, d) => {
          const so = (seen.get(d.dir) ?? "") + chunk;
          seen.set(d.dir, so);
          if (so.includes("progress 50% ***") && !existsSync(join(d.out, "go"))) {
            atRelease.set(d.dir, so);
            writeFileSync(join(d.out, "go"), "");
          }
        },
      },
      awk ? { backends: [DASH] } : {},
    );
    expectFinished(s, "success", 0);
    // On the console before its newline came, without "plain-sec" (it could still have become the secret);
    // once " released" showed it was not, it followed.
    expect(atRelease.size).toBe(s.runs.length);
    for (const text of atRelease.values()) expect(text).toBe("progress 50% *** ");
    expect(s.stdout).toBe("progress 50% *** plain-sec released\nret-value-42 done\n");
  }
  scenario("reach the console at once, a tail that could be a secret held back", () => unfinished(), { allShells: true });
  for (const awk of availableAwks()) {
    scenario(`reach the console at once with ${awk.name} as the masker's awk [awk=${awk.name}]`, () => unfinished(awk));
  }
});

describe.concurrent("long lines", () => {
  // 6 MB on one line, secrets in it and across 64 KiB boundaries: mawk 1.3.4 -W interactive
  // took 34 s to read such a line before the script's maskers got it a read at a time.
  const filler = "y".repeat(3_000_000);
  async function longLine(awk?: Awk): Promise<void> {
    const r = jobRepo(`#!/bin/sh\nf=$(head -c ${filler.length} /dev/zero | tr '\\0' y)\nprintf '%s%s%s%s\\n' "$f" "$S_PLAIN" "$f" "$S_PLAIN"\necho after\n`);
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head, "secrets:\n  S_PLAIN: plain-secret-value-42\n"), env: awkEnv(awk) }, awk ? { backends: [DASH] } : {});
    expectFinished(s, "success", 0);
    expect(s.stdout.length).toBe(2 * filler.length + 6 + 1 + 6);
    expect(s.stdout === `${filler}***${filler}***\nafter\n`).toBe(true);
  }
  scenario("a 6 MB line is masked whole", () => longLine(), { allShells: true });
  for (const awk of availableAwks()) {
    scenario(`a 6 MB line is masked whole with ${awk.name} as the masker's awk [awk=${awk.name}]`, () => longLine(awk));
  }
});
