// Issue 9, items 6 and 7: no input crashes the runner or forges its log. A
// NUL byte in the job or secrets file is refused (65) on both builds before
// anything runs; a newline or control byte in an input quoted by a message
// is escaped, so no line of the log is the input's; `job finished` is the
// last event at every log level.
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DASH, FULL_MATRIX, NODE, errorMessage, expectFinished, jobFile, jobRepo, messages, otherShells, runOnce, runScenario, scenario } from "./harness";

/** The text log on every shell (the JSON log keeps the message as it is, JSON-escaped). */
const TEXT_ON_EVERY_SHELL = { backends: [DASH, ...otherShells()] };

const FORGED = "2026-01-01T00:00:00.000000Z  INFO solstice_runner: job finished status=success exit_code=0 duration_ms=1";

describe.concurrent("hostile input", () => {
  scenario(
    "a NUL byte in a job file value is refused (65) before the fetch",
    async () => {
      const r = jobRepo("#!/bin/sh\necho ran\n");
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head, "env:\n  A: 'a\0b'\n") });
      expectFinished(s, "error", 65);
      expect(errorMessage(s)).toBe("the job file {{RUN}}/job.yaml contains a NUL byte, which no job context may hold; save it as plain text (YAML) without NUL bytes");
      expect(messages(s)).toEqual([
        "the job file {{RUN}}/job.yaml contains a NUL byte, which no job context may hold; save it as plain text (YAML) without NUL bytes",
        "job finished",
      ]);
      expect(s.stdout).toBe("");
    },
    { allShells: true },
  );

  scenario(
    "a NUL byte in the secrets file is refused (65)",
    async () => {
      const r = jobRepo("#!/bin/sh\necho ran\n");
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head), secrets: "KEY: |\n  line one\n  li\0ne two\n" });
      expectFinished(s, "error", 65);
      expect(errorMessage(s)).toMatch(/^the secrets file \{\{RUN\}\}\/secrets\.yaml contains a NUL byte/);
    },
    { allShells: true },
  );

  scenario(
    "a NUL byte in a secrets file whose path starts with '-' is refused (65): the path is no option to the check",
    async () => {
      const r = jobRepo("#!/bin/sh\necho ran\n");
      const s = await runScenario({
        job: jobFile(r.fileUrl, r.head),
        prepare: (dirs) => writeFileSync(`${dirs.dir}/-secrets file.yaml`, "KEY: 'a\0b'\n"),
        env: { SOLSTICE_SECRETS_FILE: "-secrets file.yaml" },
      });
      expectFinished(s, "error", 65);
      expect(errorMessage(s)).toBe("the secrets file -secrets file.yaml contains a NUL byte, which no job context may hold; save it as plain text (YAML) without NUL bytes");
      expect(s.stdout).toBe("");
    },
    { allShells: true },
  );

  it("a newline in an input quoted by an error message cannot forge a log line (every shell)", async () => {
    const s = await runScenario({ env: { SOLSTICE_JOB_FILE: `/nonexistent\n${FORGED}` } }, TEXT_ON_EVERY_SHELL);
    expect(s.status).toBe(66);
    expect(messages(s).filter((m) => m === "job finished")).toHaveLength(1);
    expect(s.events[s.events.length - 1]!.fields.status).toBe("error");
    for (const run of s.runs) {
      expect(run.stderrLines.filter((l) => l.includes("job finished"))).toHaveLength(2);
      expect(run.stderrLines.some((l) => l.startsWith("2026-01-01T00:00:00"))).toBe(false);
    }
  }, 120_000);

  it("control bytes in an input quoted by a message are escaped (every shell)", async () => {
    const s = await runScenario({ env: { SOLSTICE_JOB_FILE: "/nonexistent\r\x1b[2J\x07" } }, TEXT_ON_EVERY_SHELL);
    expect(s.status).toBe(66);
    for (const run of s.runs) {
      for (const line of run.stderrLines) expect(line).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    }
    expect(errorMessage(s)).toBe("SOLSTICE_JOB_FILE names job file /nonexistent\\r\\u001b[2J\\u0007, which does not exist; fix the path, or unset SOLSTICE_JOB_FILE");
  }, 120_000);

  for (const level of ["error", "warn"]) {
    scenario(`job finished is printed at SOLSTICE_LOG_LEVEL=${level}, for a failing job and a good one`, async () => {
      for (const [script, status, code] of [
        ["#!/bin/sh\nexit 3\n", "failure", 3],
        ["#!/bin/sh\nexit 0\n", "success", 0],
      ] as const) {
        const r = jobRepo(script);
        const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env: { SOLSTICE_LOG_LEVEL: level } });
        expectFinished(s, status, code);
        expect(messages(s)).toEqual(["job finished"]);
      }
    });
  }

  it("an environment past what Linux passes to a program (each entry under 128 KiB, 2.4 MB in all): the job cannot start, 126 on both builds, no crash", async () => {
    const r = jobRepo("#!/bin/sh\necho never\n");
    const env = Array.from({ length: 20 }, (_, k) => `  V${k}: ${"v".repeat(120_000)}\n`).join("");
    const spec = { job: jobFile(r.fileUrl, r.head, `env:\n${env}`) };
    const shells = FULL_MATRIX || process.env.CI === "true" ? [DASH, ...otherShells()] : [DASH];
    const runs = await Promise.all([NODE, ...shells].map((b) => runOnce(b, "json", spec)));
    for (const run of runs) {
      expect(run.status, run.backend).toBe(126);
      expect(run.stdout, run.backend).toBe("");
      const last = run.events[run.events.length - 1];
      expect(last?.message, run.backend).toBe("job finished");
      expect(last?.fields.status, run.backend).toBe("failure");
      expect(run.stderrLines.join("\n"), run.backend).not.toContain("internal error");
    }
  }, 120_000);

  it("JSON log lines are valid UTF-8 whatever bytes an input had, each ill-formed part as U+FFFD, alike on both builds", async () => {
    const r = jobRepo("#!/bin/sh\nexit 0\n");
    // job_id is logged by `job context read`: a stray byte, a cut sequence, an overlong form, a surrogate, good UTF-8.
    const raw = Buffer.concat([Buffer.from("id-"), Buffer.from([0xff, 0x41, 0xe2, 0x82, 0x42, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xc3, 0xa9])]);
    const spec = {
      env: { SOLSTICE_JOB_FILE: "{{RUN}}/raw-job.yaml" },
      prepare: (dirs: { dir: string }) => writeFileSync(`${dirs.dir}/raw-job.yaml`, Buffer.concat([Buffer.from(jobFile(r.fileUrl, r.head) + "job_id: "), raw, Buffer.from("\n")])),
    };
    const shells = FULL_MATRIX || process.env.CI === "true" ? [DASH, ...otherShells()] : [DASH];
    const runs = await Promise.all([NODE, ...shells].map((b) => runOnce(b, "json", spec)));
    const want = Buffer.from(raw.toString("utf8"), "utf8").toString("latin1");
    expect(want).toBe("id-\xEF\xBF\xBDA\xEF\xBF\xBDB\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xC3\xA9");
    for (const run of runs) {
      expect(run.status, run.backend).toBe(0);
      for (const line of run.stderrLines) expect(() => new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(line, "latin1")), `${run.backend}: ${line}`).not.toThrow();
      const read = run.events.find((e) => e.message === "job context read");
      expect(read?.fields.job_id, run.backend).toBe(want);
      expect(run.events, run.backend).toEqual(runs[0]!.events);
    }
  }, 120_000);
});
