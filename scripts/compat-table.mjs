// Writes the compatibility page (docs/compat.md, by `make compat`; dist/compat.md, by
// `make test`) from the results `make test` leaves (vitest's JSON)
// and the installed versions of the shells, awks and git. A test says what
// it ran on in its title — [shell=NAME], [shells=A,B], [awk=NAME],
// [target=TRIPLE], anywhere in its full name — and belongs to the suite of
// the file it is in (SUITES). Tests with no such tag are not counted here.
// Only a run of the whole suite is a record: when a test file is missing
// from the results (a filtered run), the page is left as it is.
// usage: node scripts/compat-table.mjs RESULTS.json OUT.md
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const [resultsFile, outFile] = process.argv.slice(2);
if (!resultsFile || !outFile) {
  process.stderr.write("usage: node scripts/compat-table.mjs RESULTS.json OUT.md\n");
  process.exit(64);
}

/** The suite of a test file (relative to the root), first match wins; new files under test/runner/ count as runner scenarios. */
const SUITES = [
  [/^test\/conformance\.test\.ts$/, "conformance corpus"],
  [/^test\/fuzz\.test\.ts$/, "fuzz"],
  [/^test\/runner\/awk\.test\.ts$/, "awk matrix"],
  [/^test\/runner\//, "runner scenarios"],
  [/^test\/guest\//, "guest test"],
  [/^test\/cross\.test\.ts$/, "cross targets"],
  [/./, "other"],
];

// What the page says of each shell and awk beyond the numbers: fixed text, kept here.
const SHELLS = {
  dash: "dash",
  bash: "bash `--posix`",
  busybox: "busybox ash",
  mksh: "mksh",
  ksh93: "ksh93 (illumos' `/bin/sh`)",
  yash: "yash",
  posh: "posh",
  zsh: "zsh (sh emulation)",
};
const AWKS = {
  mawk: "mawk (Debian's default awk)",
  gawk: "gawk",
  "original-awk": "original-awk (BWK awk, what illumos' nawk descends from)",
  busybox: "busybox awk",
  "nawk-simulated": "an awk without `fflush()` (illumos' nawk before 2021), simulated over original-awk",
};
const NOTES = {
  "shell:yash": "**unsupported**: refused at start (exit 70), see below",
  "awk:mawk": "run with `-W interactive`, without which it holds piped lines back",
  "awk:nawk-simulated": 'flushes with `system("")`',
};
const YASH = `**yash** keeps strings as characters of its locale, not bytes: under
\`LC_ALL=C\` (which the script sets, so lengths and patterns count bytes
everywhere else) it cannot hold a byte above 0x7F at all — \`read\` fails and
values are cut short — and under a UTF-8 locale it counts characters. A
UTF-8 secret would go unmasked, so the runner refuses yash with exit 70 and
that reason, before reading any input (\`test/runner/shells.test.ts\`).
\`--help\` and \`--version\` still answer. Its conformance tests with bytes
above 0x7F are skipped; the runner scenarios do not run on it.`;

function testFiles(dir) {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(path.join(dir, e.name)) : e.name.endsWith(".test.ts") ? [path.join(dir, e.name)] : [],
  );
}

/** [{ suite, fullName, status }] of a run of the whole suite, or undefined (with the reason on stderr). */
function readResults() {
  let results;
  try {
    results = JSON.parse(readFileSync(resultsFile, "utf8"));
  } catch (error) {
    process.stderr.write(`compat-table: no test results in ${resultsFile} (${error.message}); ${outFile} is left as it is\n`);
    return undefined;
  }
  const ran = new Set(results.testResults.map((f) => path.relative(ROOT, f.name)));
  const notRun = testFiles("test").filter((f) => !ran.has(f));
  if (notRun.length > 0) {
    process.stderr.write(`compat-table: ${resultsFile} is not a run of the whole suite (missing ${notRun.join(", ")}); ${outFile} is left as it is\n`);
    return undefined;
  }
  return results.testResults.flatMap((f) => {
    const file = path.relative(ROOT, f.name);
    const suite = SUITES.find(([pattern]) => pattern.test(file))[1];
    return f.assertionResults.map((a) => ({ suite, fullName: a.fullName, status: a.status === "passed" || a.status === "failed" ? a.status : "skipped" }));
  });
}

/** What a test's title says it ran on: [["shell","dash"], ["awk","mawk"], …]. */
function tags(fullName) {
  return [...fullName.matchAll(/\[(shells?|awk|target)=([^\]\s]+)\]/g)].flatMap(([, kind, value]) =>
    kind === "shells" ? value.split(",").map((name) => ["shell", name]) : [[kind, value]],
  );
}

/** counts.get("shell:dash").get("fuzz") = { passed, failed, skipped } */
function count(tests) {
  const counts = new Map();
  for (const t of tests) {
    for (const [kind, name] of tags(t.fullName)) {
      const key = `${kind}:${name}`;
      if (!counts.has(key)) counts.set(key, new Map());
      const bySuite = counts.get(key);
      if (!bySuite.has(t.suite)) bySuite.set(t.suite, { passed: 0, failed: 0, skipped: 0 });
      bySuite.get(t.suite)[t.status]++;
    }
  }
  return counts;
}

function cell(c) {
  if (!c) return "—";
  const parts = [c.failed && `**${c.failed} failed**`, c.passed && `${c.passed} passed`, c.skipped && `${c.skipped} skipped`].filter(Boolean);
  return parts.join(", ");
}

function sh(script, ...args) {
  try {
    return execFileSync("sh", ["-c", script, "sh", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

/** "dash 0.5.12-2": the Debian package that holds the command, or its --version line; "" when it is not installed. */
function packageOf(command) {
  const found = sh('command -v "$1"', command);
  if (!found.startsWith("/")) return "";
  const real = sh('readlink -f "$1"', found);
  // With merged /usr, dpkg knows /bin/dash where the file is /usr/bin/dash.
  for (const file of [real, real.replace(/^\/usr\/bin\//, "/bin/"), found]) {
    const pkg = sh('dpkg-query -S "$1" 2>/dev/null | head -n 1 | cut -d: -f1', file);
    if (pkg) return `${pkg} ${sh("dpkg-query -W -f '${Version}' \"$1\"", pkg)}`;
  }
  return sh('"$1" --version 2>&1 | head -n 1', command) || command;
}

function table(kind, known, suites, counts) {
  const names = [...new Set([...Object.keys(known), ...[...counts.keys()].filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(kind.length + 1))])];
  const shown = suites.filter((s) => names.some((n) => counts.get(`${kind}:${n}`)?.has(s)));
  const rows = names.map((name) => {
    const bySuite = counts.get(`${kind}:${name}`) ?? new Map();
    const installed = name === "nawk-simulated" ? "—" : packageOf(name) || "not installed";
    const failed = [...bySuite.values()].some((c) => c.failed > 0);
    const note = NOTES[`${kind}:${name}`];
    let status = bySuite.size === 0 ? "not tested here" : failed ? "**failing**" : "supported";
    if (note) status = note.startsWith("**") ? note : `${status}: ${note}`;
    return [known[name] ?? name, installed, ...shown.map((s) => cell(bySuite.get(s))), status];
  });
  const header = [kind, "Debian package", ...shown, "status"];
  return [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

function targetTable(tests) {
  const targets = new Map();
  for (const t of tests) {
    const target = tags(t.fullName).find(([k]) => k === "target")?.[1];
    if (!target) continue;
    if (!targets.has(target)) targets.set(target, { counts: { passed: 0, failed: 0, skipped: 0 }, standIns: new Set() });
    const entry = targets.get(target);
    entry.counts[t.status]++;
    const on = tags(t.fullName)
      .filter(([k]) => k !== "target")
      .map(([, v]) => v);
    if (on.length) entry.standIns.add(on.join(" + "));
  }
  const rows = [...targets].map(([name, e]) => `| ${name} | ${[...e.standIns].join(", ")} | ${cell(e.counts)} |`);
  return ["| target | stand-ins (shell + awk) | tests |", "| --- | --- | --- |", ...rows].join("\n");
}

/** Whether every runner scenario ran on every shell that ran any (SOLSTICE_TEST_ALL_SHELLS=1 does that; otherwise only the key ones do). */
function wholeMatrix(counts) {
  const total = (c) => (c ? c.passed + c.failed + c.skipped : 0);
  const runs = Object.keys(SHELLS)
    .filter((n) => n !== "yash")
    .map((n) => total(counts.get(`shell:${n}`)?.get("runner scenarios")))
    .filter((t) => t > 0);
  return runs.every((t) => t === runs[0]);
}

const tests = readResults();
if (!tests) process.exit(0);
const counts = count(tests);
const suites = SUITES.map(([, s]) => s);
const system = sh(". /etc/os-release && printf '%s' \"$PRETTY_NAME\"") || "this machine";
const page = `# Where the sh build is proven

<!-- Generated by scripts/compat-table.mjs: do not edit by hand. -->

What the test suites ran the generated scripts with on the last full
\`make test\`, on ${system}, and what passed, by the installed
package. \`make compat\` alone rewrites this page, from the results of the
last run of the whole suite (dist/test-results.json) and the installed
packages; \`make test\` leaves its copy in dist/compat.md.

A test counts for what its title names: \`[shell=NAME]\`, \`[shells=A,B]\`,
\`[awk=NAME]\`, \`[target=TRIPLE]\`. Its suite is its file: the conformance
corpus (test/conformance/programs/, each program on Node and every shell),
the differential fuzzer (test/fuzz/: one test, thousands of generated
programs on every shell; on yash only those whose strings are ASCII), the
runner scenarios (test/runner/, each compared with the Node build; on
shells other than dash only the key ones unless the whole matrix runs, as
in CI), the awk matrix (test/runner/awk.test.ts: masking, streaming, long
lines and any bytes through each awk), the minimal guest (test/guest/:
busybox and git alone in a chroot) and the cross targets
(test/cross.test.ts: each generated/<target>/solstice-runner on its
stand-ins).

The KDL parser's standing on the official KDL test suite, backend by
backend and case by case, is in docs/kdl.md.

## Shells

${wholeMatrix(counts) ? "In this run every runner scenario ran on every shell." : "In this run the runner scenarios ran on dash, and only the key ones on the other shells (SOLSTICE_TEST_ALL_SHELLS=1 runs them all)."}

${table("shell", SHELLS, suites, counts)}

${YASH}

## awks

The sh build's masker runs \`awk\` from PATH, or the awk its target names
(Cross.toml). Every suite but the awk matrix and the cross targets runs
with the system's \`awk\`.

${table("awk", AWKS, suites, counts)}

## Guest targets (Cross.toml)

${targetTable(tests)}

## git

${packageOf("git") || "git: not installed"}, on every test; the guest test proves what git
needs inside a guest (docs/guest-requirements.md).
`;
writeFileSync(outFile, page);
process.stdout.write(`${outFile} written from ${resultsFile}\n`);
