// `make stress`: the exit-status stress run (test/stress/exit-status.ts),
// STRESS_RUNS (default 500) runs on each of bash, dash and ksh93 under load.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { stressExitStatus } from "../test/stress/exit-status";

// Run from the project's root (make stress): this file runs bundled under
// node_modules/.cache, so its own location does not lead to generated/.
const script = resolve("generated/solstice-runner.sh");
if (!existsSync(script)) {
  process.stderr.write(`stress: ${script} is missing: run make stress from the project's root\n`);
  process.exit(66);
}

const runs = Number(process.env.STRESS_RUNS ?? "500");
const results = await stressExitStatus(script, ["bash", "dash", "ksh93"], runs, 6, 2);
let wrong = 0;
for (const r of results) {
  process.stdout.write(`${r.shell}: ${r.runs} runs, ${r.wrong.length} wrong status\n`);
  for (const line of r.wrong) process.stdout.write(`  ${line}\n`);
  wrong += r.wrong.length;
}
process.exit(wrong === 0 ? 0 : 1);
