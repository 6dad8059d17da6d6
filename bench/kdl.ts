// Benchmark: parse time of a real-shaped workflow (about 1.2 KB, runner
// contract §4) and of a 20 KB one, on Node and on each installed shell, side
// by side. The time of the same program only reading the file is measured
// in the same run and taken off. Targets (docs/performance.md): 1.2 KB in
// at most 100 ms and 20 KB in at most 1 s on dash, ksh93, bash and busybox;
// the other shells are reported.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { availableShells } from "../test/support/shells";
import { buildProgram } from "../test/support/portable";
import { medianOf, ms, timeOnce } from "./stats";
import { workflowText } from "./workflows";

const TARGETS: Record<string, [number, number]> = { dash: [100, 1000], ksh93: [100, 1000], bash: [100, 1000], busybox: [100, 1000] };

export async function benchKdl(): Promise<boolean> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "solstice-bench-kdl-"));
  const small = path.join(dir, "small.kdl");
  const large = path.join(dir, "large.kdl");
  writeFileSync(small, workflowText(1230));
  writeFileSync(large, workflowText(20 * 1024));
  const program = await buildProgram(path.join(__dirname, "programs/parse-kdl.ts"));
  console.log(`\nParse a workflow.kdl (parse minus read; median of 3 for 1.2 KB, of 1 for 20 KB)`);
  console.log(`${"backend".padEnd(10)} ${"1.2 KB".padStart(10)} ${"20 KB".padStart(10)}  target`);
  let ok = true;
  // yash cannot hold the bytes portable code handles (docs/subset.md); the runner refuses it.
  const shells = availableShells().filter((s) => s.byteStrings);
  const backends = [{ name: "node", argv: [process.execPath, program.bundle] }, ...shells.map((s) => ({ name: s.name, argv: [...s.argv, program.script] }))];
  for (const backend of backends) {
    const cost = (file: string, runs: number): number => {
      const read = medianOf(runs, () => timeOnce([...backend.argv, "read", file]));
      const parse = medianOf(runs, () => timeOnce([...backend.argv, "parse", file]));
      return Math.max(0, parse - read);
    };
    const a = cost(small, 3);
    const b = cost(large, 1);
    const target = TARGETS[backend.name];
    let verdict = "(reported)";
    if (target) {
      verdict = a <= target[0] && b <= target[1] ? "ok" : `OVER ${target[0]} ms / ${target[1]} ms`;
      if (verdict !== "ok") ok = false;
    }
    console.log(`${backend.name.padEnd(10)} ${ms(a)} ${ms(b)}  ${verdict}`);
  }
  return ok;
}
