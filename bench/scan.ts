// Benchmark: a portable program scans every byte of a 10 KB text file read
// line by line, on Node and on each installed shell. Target: under 0.5 s
// on every backend (docs/performance.md).
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { availableShells } from "../test/support/shells";
import { buildProgram } from "../test/support/portable";
import { medianOf, ms, timeOnce } from "./stats";

const TARGET_MS = 500;

function textFile(dir: string): string {
  // Lines like a config file: about 100 bytes each, quotes here and there.
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 10 * 1024; i++) {
    const line = `key_${i} = "value number ${i}" # a comment with "quoted" words and more text, ok`;
    lines.push(line);
    size += line.length + 1;
  }
  const file = path.join(dir, "input.txt");
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

export async function benchScan(): Promise<boolean> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "solstice-bench-scan-"));
  const input = textFile(dir);
  const program = await buildProgram(path.join(__dirname, "programs/count-quotes.ts"));
  const node = medianOf(3, () => timeOnce([process.execPath, "-e", "0"]));
  console.log(`\nScan a 10 KB file byte by byte (median of 3; node -e 0 takes ${ms(node).trim()})`);
  console.log(`${"backend".padEnd(10)} ${"for-of".padStart(10)} ${"line[i]".padStart(10)}`);
  let ok = true;
  const backends = [{ name: "node", argv: [process.execPath, program.bundle] }, ...availableShells().map((s) => ({ name: s.name, argv: [...s.argv, program.script] }))];
  for (const backend of backends) {
    const iterate = medianOf(3, () => timeOnce([...backend.argv, "iterate", input]));
    const index = medianOf(3, () => timeOnce([...backend.argv, "index", input]));
    const verdict = iterate < TARGET_MS && index < TARGET_MS ? "ok" : `OVER ${TARGET_MS} ms`;
    if (verdict !== "ok") ok = false;
    console.log(`${backend.name.padEnd(10)} ${ms(iterate)} ${ms(index)}  ${verdict}`);
  }
  return ok;
}
