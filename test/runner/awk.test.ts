// The sh build's masker is awk: the same scenarios with each awk a guest may
// have as `awk` (test/support/awks.ts), first on PATH. Each must mask,
// stream line by line, and pass long lines and any bytes through intact.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { type Awk, availableAwks } from "../support/awks";
import { expectFinished, jobFile, jobRepo, runScenario, scenario, tempDir } from "./harness";

function pathWith(awk: Awk): string {
  const bin = tempDir("awk");
  awk.install(bin);
  return `${bin}:${process.env.PATH}`;
}

for (const awk of availableAwks())
  describe.concurrent(`the masker under ${awk.name} [awk=${awk.name}]`, () => {
    scenario(`masks secrets, streams lines as written, keeps long lines and bytes`, async () => {
      // The job waits (up to 20 s) for a file the test makes once it has seen
      // the first line; a held-back line leaves it "never released".
      const wait =
        'i=0\nwhile [ ! -e "$SCENARIO_OUT/go" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done\n' +
        'if [ -e "$SCENARIO_OUT/go" ]; then echo released; else echo never released; fi\n';
      const long = "0123456789abcdef".repeat(8192);
      const r = jobRepo(
        `#!/bin/sh\necho "first: the token is $TOKEN"\n${wait}` +
          `printf '%s\\n' "${long}"\nprintf 'caf\\303\\251 \\377\\r tab\\there\\n'\necho "err $TOKEN" >&2\nprintf 'no newline'\n`,
      );
      const s = await runScenario({
        job: jobFile(r.fileUrl, r.head, "secrets:\n  TOKEN: t0ken-value-123\n"),
        env: { PATH: pathWith(awk) },
        onStdout: (chunk, d) => {
          if (chunk.includes("first: ") && !existsSync(join(d.out, "go"))) writeFileSync(join(d.out, "go"), "");
        },
      });
      expectFinished(s, "success", 0);
      expect(s.stdout.startsWith("first: the token is ***\nreleased\n")).toBe(true);
      expect(s.stdout === `first: the token is ***\nreleased\n${long}\ncaf\xc3\xa9 \xff\r tab\there\nno newline\n`).toBe(true);
      expect(s.stderr).toBe("err ***\n");
      for (const run of s.runs) expect(run.firstStdoutBeforeExitMs, run.backend).toBeGreaterThan(0);
    });
  });
