// Benchmark program: read a KDL file line by line and, with "parse",
// parse it (the runner's reading: 2.0, else 1.0); prints the node count.
// "read" alone is the baseline, so parse − read is the parser's own time.
import { print, readLines } from "@solstice/std";
import { parseKdlLines } from "../../src/runner/kdl/parse";

export async function main(args: string[]): Promise<number> {
  const lines = readLines(args[1]);
  if (args[0] !== "parse") {
    print(`${lines.length} lines`);
    return 0;
  }
  const doc = parseKdlLines(lines);
  print(doc.ok ? `${doc.nodes.length} nodes` : `error ${doc.line}:${doc.col}: ${doc.error}`);
  return doc.ok ? 0 : 1;
}
