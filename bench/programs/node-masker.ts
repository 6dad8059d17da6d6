// The Node build's masker over stdin, as runStreaming drives it (64 KiB
// reads, each pushed through at once), output to stdout. Masks: one a
// line in the file named by argv[2], each with its encoded forms. Prints
// to stderr the peak RSS (KiB) and, with "latency", nothing else: the
// benchmark reads its output as it comes.
import { readFileSync, readSync, writeSync } from "node:fs";
import { secretMasks } from "../../src/runner/mask-forms";
import { JobOutput, MaskSet } from "../../src/std/node-masker";

const values = readFileSync(process.argv[2]!, "latin1")
  .split("\n")
  .filter((v) => v !== "");
const set = new MaskSet(values.flatMap((v) => secretMasks(v)));
const write = (text: string) => {
  const bytes = Buffer.from(text, "latin1");
  let off = 0;
  while (off < bytes.length) off += writeSync(1, bytes, off);
};
const out = new JobOutput(set, write, (v) => set.add(v));
const buffer = Buffer.alloc(65536);
for (;;) {
  let n = 0;
  try {
    n = readSync(0, buffer, 0, buffer.length, null);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EAGAIN") continue;
    throw error;
  }
  if (n === 0) break;
  out.push(buffer.toString("latin1", 0, n));
}
out.end();
process.stderr.write(`rss_kib=${process.resourceUsage().maxRSS}\n`);
