// `make stress`: the exit-status stress run (test/stress/exit-status.ts),
// STRESS_RUNS (default 500) runs on each of bash, dash and ksh93 under load.
import { stressExitStatus } from "../test/stress/exit-status";

const runs = Number(process.env.STRESS_RUNS ?? "500");
const results = await stressExitStatus(["bash", "dash", "ksh93"], runs, 6, 2);
let wrong = 0;
for (const r of results) {
  process.stdout.write(`${r.shell}: ${r.runs} runs, ${r.wrong.length} wrong status\n`);
  for (const line of r.wrong) process.stdout.write(`  ${line}\n`);
  wrong += r.wrong.length;
}
process.exit(wrong === 0 ? 0 : 1);
