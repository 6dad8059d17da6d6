// A short round of the exit-status stress run (make stress runs 500 a
// shell): the runner exits with the job's own status on bash, dash and
// ksh93 while the machine is busy, with jobs that end as the sh build's
// one-second timers strike.
import { join } from "node:path";
import { expect, it } from "vitest";
import { stressExitStatus } from "../stress/exit-status";
import { ROOT } from "../support/root";

it("the job's status is the runner's, run after run under load (bash, dash, ksh93)", async () => {
  const results = await stressExitStatus(join(ROOT, "generated/solstice-runner.sh"), ["bash", "dash", "ksh93"], 12, 4, 1);
  for (const r of results) expect(r.wrong, r.shell).toEqual([]);
}, 300_000);
