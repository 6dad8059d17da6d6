// Reproduce and shrink one fuzz program by hand:
//   node scripts/run-ts.mjs test/fuzz/repro.ts SEED INDEX [--no-shrink]
// prints the program, what Node and each shell made of it (run on its own),
// then the smallest program that still diverges.
import { availableShells } from "../support/shells";
import { checkStandalone, differs, makeCase } from "./harness";
import { shrink } from "./shrink";

const [seedText, indexText, ...flags] = process.argv.slice(2);
if (seedText === undefined || indexText === undefined) {
  process.stderr.write("usage: node scripts/run-ts.mjs test/fuzz/repro.ts SEED INDEX [--no-shrink] [--bytes-share=0.25]\n");
  process.exit(64);
}
const share = Number(flags.find((f) => f.startsWith("--bytes-share="))?.split("=")[1] ?? "0.25");
const c = makeCase(Number(seedText), Number(indexText), share);
const shells = availableShells().filter((s) => s.byteStrings || !c.bytes);
process.stdout.write(`${c.source}\n${c.lib === undefined ? "" : `// ---- ${c.module}_lib.ts\n${c.lib}\n`}`);
const result = await checkStandalone(c.program, shells);
if (!result.compiled) {
  process.stdout.write(`does not compile:\n${result.error}\n`);
  process.exit(1);
}
const node = result.node!;
process.stdout.write(`--- node: status ${node.status}\n${node.stdout}${node.stderr ? `stderr: ${node.stderr}` : ""}\n`);
const failing = shells.filter((s) => differs(node, result.shells.get(s.name)!));
for (const s of failing) {
  const o = result.shells.get(s.name)!;
  process.stdout.write(`--- ${s.name}: status ${o.status}\n${o.stdout}${o.stderr ? `stderr: ${o.stderr}` : ""}\n`);
}
if (failing.length === 0) process.stdout.write("every shell agrees with Node\n");
else if (!flags.includes("--no-shrink")) {
  const small = await shrink(c.program, failing, [`shrunk from fuzz program ${c.index} of seed ${seedText}`]);
  process.stdout.write(`=== shrunk in ${small.checks} checks, ${small.seconds.toFixed(1)} s; diverges on ${small.shells.join(", ")}\n${small.source}\n`);
  const again = await checkStandalone(small.program, shells);
  process.stdout.write(`--- node: status ${again.node!.status}\n${again.node!.stdout}\n`);
  for (const s of shells) {
    const o = again.shells.get(s.name)!;
    if (differs(again.node!, o)) process.stdout.write(`--- ${s.name}: status ${o.status}\n${o.stdout}${o.stderr ? `stderr: ${o.stderr}` : ""}\n`);
  }
}
