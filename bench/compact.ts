// The compact build (compile --compact, for cloud-init user-data) against
// the readable one: bytes, gzipped bytes (target: the compact runner at most
// 16 KiB gzipped, EC2's user-data limit) and dash's parse time (`dash -n`,
// minus that of an empty script; target: at most 3 ms).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { interleavedMedians, ms, timeOnce } from "./stats";

const ROOT = path.resolve(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? "9");
const GZIP_TARGET = 16 * 1024;
const PARSE_TARGET_MS = 3;

export async function benchCompact(): Promise<boolean> {
  const readable = path.join(ROOT, "generated/solstice-runner.sh");
  const compact = path.join(ROOT, "dist/solstice-runner.compact.sh");
  const built = spawnSync(process.execPath, [path.join(ROOT, "bin/solstice-runner.mjs"), "compile", "--compact", path.join(ROOT, "src/runner/main.ts"), "-o", compact], {
    stdio: "inherit",
  });
  if (built.status !== 0) throw new Error("compile --compact failed");
  const temp = mkdtempSync(path.join(tmpdir(), "bench-compact-"));
  const empty = path.join(temp, "empty.sh");
  writeFileSync(empty, "");
  const [none, readableParse, compactParse] = interleavedMedians(RUNS * 3, [
    () => timeOnce(["dash", "-n", empty]),
    () => timeOnce(["dash", "-n", readable]),
    () => timeOnce(["dash", "-n", compact]),
  ]) as [number, number, number];
  rmSync(temp, { recursive: true, force: true });
  const sizes = (file: string) => {
    const text = readFileSync(file);
    return { raw: text.length, gzipped: gzipSync(text, { level: 9 }).length };
  };
  const r = sizes(readable);
  const c = sizes(compact);
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`.padStart(10);
  const parseOk = compactParse - none <= PARSE_TARGET_MS;
  const sizeOk = c.gzipped <= GZIP_TARGET;
  console.log(`\nThe compact build (median of ${RUNS * 3} for parse times)`);
  console.log(`                 bytes      gzip -9   dash -n over an empty script`);
  console.log(`readable    ${kib(r.raw)}   ${kib(r.gzipped)}   ${ms(readableParse - none)}`);
  console.log(`compact     ${kib(c.raw)}   ${kib(c.gzipped)}   ${ms(compactParse - none)}`);
  console.log(`targets: compact gzipped <= 16 KiB: ${sizeOk ? "ok" : "MISSED"}; dash parse <= ${PARSE_TARGET_MS} ms: ${parseOk ? "ok" : "MISSED"}`);
  return sizeOk && parseOk;
}
