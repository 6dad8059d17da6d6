// Issue 9, item 1 (and issue 10's environment rules): no name or value from
// the job file is ever code, and every name the contract allows reaches the
// job unchanged — the script's own variable names, the names shells keep for
// themselves, values with shell syntax in them. The job starts in the
// workspace with PWD set to it, whatever PATH its env sets, and cannot set
// the runner's own variables.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { eventOf, expectFinished, jobFile, jobRepo, messages, runScenario, scenario } from "./harness";

/**
 * A job that prints the named variables as NAME=[value], one a line: an awk
 * program, so that no shell of the job's own reads (and mends) them.
 */
function printer(names: string[]): string {
  return `#!/usr/bin/awk -f\nBEGIN { n = split("${names.join(" ")}", names, " "); for (i = 1; i <= n; i++) print names[i] "=[" (names[i] in ENVIRON ? ENVIRON[names[i]] : "UNSET") "]" }\n`;
}

const INTERNAL = ["__ex_spec", "__ex_n", "__ex_i", "__ex_argv", "__ex_env", "__en_n", "__en_cwd", "__r", "__scratch", "__cmd_tracking", "__sc_prefix", "__stop_signal"];
const RESERVED = ["UID", "EUID", "PPID", "status", "argv", "path", "BASHPID", "RANDOM", "LINENO", "SECONDS", "IFS", "PS4", "ENV", "OPTIND", "__proto__", "constructor"];

describe.concurrent("the job's environment", () => {
  scenario(
    "names the script uses itself reach the job unchanged, and their values are never run",
    async () => {
      const names = [...INTERNAL, "CI_AFTER"];
      const r = jobRepo(printer([...names, "CI"]));
      const env = INTERNAL.map((n) => (n === "__en_n" ? `  ${n}: '0'` : `  ${n}: '$(touch {{RUN}}/out/pwned-${n}) \`touch {{RUN}}/out/tick\`'`)).join("\n");
      const s = await runScenario({
        job: jobFile(r.fileUrl, r.head, `env:\n${env}\n  CI_AFTER: still-here\n`),
        inspect: (dirs) => readdirSync(dirs.out),
      });
      expectFinished(s, "success", 0);
      const expected = INTERNAL.map((n) => (n === "__en_n" ? `${n}=[0]` : `${n}=[$(touch {{RUN}}/out/pwned-${n}) \`touch {{RUN}}/out/tick\`]`));
      expect(s.stdout).toBe([...expected, "CI_AFTER=[still-here]", "CI=[true]", ""].join("\n"));
      for (const run of s.runs) expect(run.inspected, run.backend).toEqual([]);
    },
    { allShells: true },
  );

  scenario(
    "names shells keep for themselves (UID, PPID, status, argv, IFS, ...) reach the job as given",
    async () => {
      const r = jobRepo(printer(RESERVED));
      const env = RESERVED.map((n, i) => `  ${n}: 'value ${i}; $(exit 3)'`).join("\n");
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head, `env:\n${env}\n`) });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe(RESERVED.map((n, i) => `${n}=[value ${i}; $(exit 3)]\n`).join(""));
    },
    { allShells: true },
  );

  scenario(
    "secrets with hostile names and values reach the job unchanged, and are masked",
    async () => {
      const r = jobRepo(`#!/bin/sh\n[ "$__ex_arg" = 'a "b" $(c) \`d\` \\e' ] && echo same-arg\n[ "$UID" = "uid-secret-value" ] && echo same-uid\n`);
      const s = await runScenario({
        job: jobFile(r.fileUrl, r.head),
        secrets: `__ex_arg: 'a "b" $(c) \`d\` \\e'\nUID: uid-secret-value\n`,
      });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("same-arg\nsame-uid\n");
    },
    { allShells: true },
  );

  scenario(
    "multi-line values and values with = and newlines reach the job byte for byte",
    async () => {
      const r = jobRepo(`#!/bin/sh\nprintf '%s|' "$MULTI" "$EQ" "$EMPTY"; echo\n`);
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head, `env:\n  MULTI: "one\\ntwo=2\\n  three"\n  EQ: a=b=c\n  EMPTY: ''\n`) });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("one\ntwo=2\n  three|a=b=c||\n");
    },
    { allShells: true },
  );

  scenario(
    "a PATH the job's env sets applies to the job only: the runner still finds env, setsid and git",
    async () => {
      const r = jobRepo(`#!/bin/sh\necho "PATH=$PATH"\n`);
      for (const path of ["/nonexistent", ""]) {
        const s = await runScenario({ job: jobFile(r.fileUrl, r.head, `env:\n  PATH: '${path}'\n`) });
        expectFinished(s, "success", 0);
        expect(s.stdout).toBe(`PATH=${path}\n`);
      }
    },
    { allShells: true },
  );

  scenario(
    "a job.sh without a shebang, executable or not, runs under /bin/sh with a bare PATH",
    async () => {
      const r = jobRepo(`echo "ran in $PWD"\n`, { executable: false });
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head, `env:\n  PATH: /nonexistent\n`) });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("ran in {{RUN}}/work\n");
    },
    { allShells: true },
  );

  scenario(
    "the job starts in the workspace with PWD set to it, whatever the runner's own directory and PWD",
    async () => {
      const r = jobRepo(`#!/bin/sh\necho "$PWD"\n/bin/pwd\n`);
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head, "env:\n  PWD: /tmp\n"), env: { PWD: "/" } });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("{{RUN}}/work\n{{RUN}}/work\n");
      expect(eventOf(s, "PWD is set by the runner; the job file's value is not used").level).toBe("WARN");
    },
    { allShells: true },
  );

  scenario(
    "SOLSTICE_TRACKING_ID and SOLSTICE_RUNNER_TOKEN cannot be set from the job file",
    async () => {
      const r = jobRepo(
        `#!/bin/sh\necho "tracking=\${SOLSTICE_TRACKING_ID:+set}" "token=\${SOLSTICE_RUNNER_TOKEN-unset}"\ncase $SOLSTICE_TRACKING_ID in mine) echo escaped;; esac\n`,
      );
      const s = await runScenario({
        job: jobFile(r.fileUrl, r.head, "env:\n  SOLSTICE_TRACKING_ID: mine\nsecrets:\n  SOLSTICE_RUNNER_TOKEN: job-token-1234\n"),
        env: { SOLSTICE_RUNNER_TOKEN: "runner-token-5678" },
      });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("tracking=set token=unset\n");
      expect(messages(s)).toContain("SOLSTICE_TRACKING_ID is set by the runner; the job file's value is not used");
      expect(messages(s)).toContain("SOLSTICE_RUNNER_TOKEN is set by the runner; the job file's value is not used");
    },
    { allShells: true },
  );

  scenario(
    "a workspace path with = in it still runs the job",
    async () => {
      const r = jobRepo(`#!/bin/sh\necho "in $PWD"\n`);
      const s = await runScenario({
        job: jobFile(r.fileUrl, r.head),
        env: { SOLSTICE_WORKDIR: "{{RUN}}/a=b/work" },
        inspect: (dirs) => existsSync(join(dirs.dir, "a=b/work/.solstice/job.sh")),
      });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("in {{RUN}}/a=b/work\n");
    },
    { allShells: true },
  );
});
