// Benchmark: parse time of the job context (runner contract §1-2: the job
// file and the secrets file, issue 9) on Node and on each installed shell.
// The start-up of the same program (it names the files, reads nothing) is
// measured in the same run and taken off. (Until 2026-12-02 the baseline
// read both files with readLines, which the parse does not do in sh: that
// took 2.9 s off dash's figure.) Target (docs/performance.md): a 1 MB job file
// holding a 500 KB multi-line secret, with a 100 KB secrets file, in at
// most 1 s on dash, ksh93, bash and busybox; the other shells are reported.
// The 1 MB files are parsed only where 100 KB ones took under the target
// (on a shell that misses it by far they would run for minutes).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { availableShells } from "../test/support/shells";
import { buildProgram } from "../test/support/portable";
import { jobFileText, secretsFileText } from "./context-files";
import { ms, timeOnce } from "./stats";

const TARGET_MS = 1000;
const TARGET_SHELLS = ["dash", "ksh93", "bash", "busybox"];

export async function benchContext(): Promise<boolean> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "solstice-bench-context-"));
  const small = { job: path.join(dir, "small-job.yaml"), secrets: path.join(dir, "small-secrets.yaml") };
  const large = { job: path.join(dir, "large-job.yaml"), secrets: path.join(dir, "large-secrets.yaml") };
  writeFileSync(small.job, jobFileText(100 * 1024, 50 * 1024));
  writeFileSync(small.secrets, secretsFileText(10 * 1024));
  writeFileSync(large.job, jobFileText(1024 * 1024, 500 * 1024));
  writeFileSync(large.secrets, secretsFileText(100 * 1024));
  const program = await buildProgram(path.join(__dirname, "programs/parse-context.ts"));
  console.log(`\nParse the job context (parse minus start-up; one run each): job file 100 KB (50 KB secret) + secrets 10 KB, and 1 MB (500 KB secret) + 100 KB`);
  console.log(`${"backend".padEnd(10)} ${"100 KB".padStart(10)} ${"1 MB".padStart(10)}  target`);
  let ok = true;
  // yash cannot hold the bytes portable code handles (docs/subset.md); the runner refuses it.
  const shells = availableShells().filter((s) => s.byteStrings);
  const backends = [{ name: "node", argv: [process.execPath, program.bundle] }, ...shells.map((s) => ({ name: s.name, argv: [...s.argv, program.script] }))];
  for (const backend of backends) {
    // The 500 KB secret is read whole, then refused (Linux passes at most 128 KiB in one variable): status 3.
    const cost = (files: { job: string; secrets: string }, parsed = 0): number => {
      const start = timeOnce([...backend.argv, "start", files.job, files.secrets], { timeout: 600_000 });
      const parse = timeOnce([...backend.argv, "parse", files.job, files.secrets], { timeout: 600_000 }, parsed);
      return Math.max(0, parse - start);
    };
    const a = cost(small);
    const b = a <= TARGET_MS ? cost(large, 3) : -1;
    const shown = b < 0 ? "not run".padStart(10) : ms(b);
    let verdict = "(reported)";
    if (backend.name === "node" || TARGET_SHELLS.includes(backend.name)) {
      verdict = b >= 0 && b <= TARGET_MS ? "ok" : `OVER ${TARGET_MS} ms for 1 MB`;
      if (verdict !== "ok") ok = false;
    }
    console.log(`${backend.name.padEnd(10)} ${ms(a)} ${shown}  ${verdict}`);
  }
  rmSync(dir, { recursive: true, force: true });
  return ok;
}
