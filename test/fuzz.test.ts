// Differential fuzzing (docs/subset.md; the design's "Tests that make this
// trustworthy"): programs generated at random from the portable subset
// (test/fuzz/generate.ts) run on Node and on every installed shell, and each
// must print the same bytes, return the same status and write nothing on
// stderr everywhere. A divergence fails with the program shrunk to a small
// one that still diverges (test/fuzz/shrink.ts), printed in full: add it to
// test/conformance/programs/ and fix the compiler or the prelude.
//
//   FUZZ_RUNS   how many programs must run (default 600: with the compact
//               build on every shell, 2,000 took 7 min of CI's two cores)
//   FUZZ_SEED   the run's seed (default fixed, so a run is reproducible)
//   make fuzz N=20000 FUZZ_SEED=7   a longer campaign
//   node scripts/run-ts.mjs test/fuzz/repro.ts SEED INDEX   one program
import { rmSync } from "node:fs";
import { expect, it } from "vitest";
import { availableShells, withCompact } from "./support/shells";
import { campaign, checkStandalone, differs, fuzzDir, nodeWorker, type CampaignResult, type Divergence } from "./fuzz/harness";
import { workDir } from "./support/portable";
import { shrink } from "./fuzz/shrink";

const runs = Number(process.env.FUZZ_RUNS || "600");
const seed = Number(process.env.FUZZ_SEED || "20260611");
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) throw new Error("FUZZ_RUNS must be a positive integer and FUZZ_SEED an integer");
// Every shell runs the readable build and the compact one (NAME+compact).
const shells = withCompact(availableShells());
const shellNames = availableShells().map((s) => s.name);

function show(text: string): string {
  // Bytes as they are, but control characters (other than newline and tab) visible.
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

async function explain(d: Divergence): Promise<string> {
  const c = d.fuzzCase;
  const lines = [`program ${c.index} of seed ${seed}${c.bytes ? " (high bytes)" : ""} diverges on ${d.shells.join(", ")}`];
  const targets = shells.filter((s) => d.shells.includes(s.name));
  const alone = await checkStandalone(c.program, targets);
  const reproduces = alone.node && targets.some((s) => differs(alone.node!, alone.shells.get(s.name)!));
  if (!reproduces) {
    lines.push("(only inside its batch: the programs before it in the batch are part of the cause)", "--- Node:", show(d.node.stdout));
    for (const [name, r] of d.got) lines.push(`--- ${name}: status ${r.status}`, show(r.stdout), r.stderr ? `stderr: ${show(r.stderr)}` : "");
    lines.push("--- the program:", c.source, ...(c.lib === undefined ? [] : [`--- ${c.module}_lib.ts:`, c.lib]));
    return lines.join("\n");
  }
  const small = await shrink(
    c.program,
    targets.filter((s) => differs(alone.node!, alone.shells.get(s.name)!)),
    [`shrunk from fuzz program ${c.index} of seed ${seed}`],
    Number(process.env.FUZZ_SHRINK_SECONDS ?? "240"),
  );
  const again = await checkStandalone(small.program, shells);
  lines.push(`shrunk in ${small.checks} checks (${small.seconds.toFixed(0)} s); still diverges on ${small.shells.join(", ")}`, "--- the program:", small.source);
  lines.push(`--- Node: status ${again.node?.status}`, show(again.node?.stdout ?? ""));
  for (const s of shells) {
    const o = again.shells.get(s.name)!;
    if (again.node && differs(again.node, o)) lines.push(`--- ${s.name}: status ${o.status}`, show(o.stdout), o.stderr ? `stderr: ${show(o.stderr)}` : "");
  }
  return lines.join("\n");
}

function summary(r: CampaignResult): string {
  return (
    `fuzz: ${r.ran} programs (seed ${seed}) on Node and ${shells.length} shells (${shells.map((s) => s.name).join(", ")}), ` +
    `${r.shellRuns} shell runs in ${r.batches} scripts, ${r.seconds.total.toFixed(1)} s; ` +
    `${r.agreed} agreed, ${r.divergences.length} diverged, ${r.unreached} not reached; ` +
    `${r.discarded.length} more generated and replaced (type narrowing the generator does not model: a type error, or a never type)`
  );
}

it(
  `${runs} generated programs print the same on Node and on every shell, readable and compact builds (FUZZ_SEED=${seed}) [shells=${shellNames.join(",")}]`,
  async () => {
    const result = await campaign({ seed, runs, shells });
    process.stdout.write(`\n${summary(result)}\n`);
    // The generator keeps to the subset: the compiler refusing one of its programs is a bug on one side or the other.
    expect(result.refused.map((r) => r.error)).toEqual([]);
    // Generator slips (TypeScript narrowing it does not model) stay rare, or the campaign tests less than it says.
    expect(result.discarded.length).toBeLessThan(result.generated * 0.1);
    if (result.divergences.length > 0) {
      // Shrink a few, those that differ in where they fail first.
      const seen = new Set<string>();
      const reports: string[] = [];
      for (const d of result.divergences) {
        const key = d.shells.join(",");
        if (seen.has(key) || reports.length >= 3) continue;
        seen.add(key);
        reports.push(await explain(d));
      }
      nodeWorker.stop();
      expect.fail(`${summary(result)}\n(the programs and scripts are in ${fuzzDir})\n\n${reports.join("\n\n")}`);
    }
    expect(result.ran).toBeGreaterThanOrEqual(runs);
    expect(result.agreed).toBe(result.ran);
    rmSync(workDir, { recursive: true, force: true }); // thousands of files (fuzzDir is in it); kept when the run fails
  },
  600_000 + runs * 200,
);
