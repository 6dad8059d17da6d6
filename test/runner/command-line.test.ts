// The command line (contract section 8; docs/contract.md, "The command
// line"): the same answers on Node and on every shell, read the GNU way.
// And the inputs the help lists are those README.md and docs/contract.md
// list: one list in code (src/runner/variables.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { RUNNER_VARIABLES } from "../../src/runner/variables";
import type { MadeRepo } from "../support/git-fixtures";
import { DASH, expectFinished, jobFile, jobRepo, otherShells, runOnce, runScenario, scenario } from "./harness";
import { ROOT } from "../support/root";

const HINT = "; run solstice-runner --help for usage\n";

let r: MadeRepo;
beforeAll(() => {
  r = jobRepo('#!/bin/sh\necho "job ran"\n');
});

describe.concurrent("the command line, on both builds", () => {
  scenario(
    "--version prints the version and exits 0, without reading any input",
    async () => {
      const s = await runScenario({ args: ["--version"] });
      expect(s.status).toBe(0);
      expect(s.stdout).toBe("solstice-runner 0.1.0\n");
      expect(s.stderr).toBe("");
      expect(s.events).toEqual([]);
      const short = await runScenario({ args: ["-V"] });
      expect(short.stdout).toBe(s.stdout);
    },
    { allShells: true },
  );

  scenario(
    "--help lists every input variable and the job file's keys, and exits 0",
    async () => {
      const s = await runScenario({ args: ["--help"] });
      expect(s.status).toBe(0);
      expect(s.stderr).toBe("");
      expect(s.events).toEqual([]);
      for (const variable of RUNNER_VARIABLES) expect(s.stdout).toContain(`  ${variable.name}  `);
      for (const key of ["repo_url", "commit_sha", "job_id", "run_id", "timeout", "submodules", "env", "secrets"]) expect(s.stdout).toContain(key);
      expect(s.stdout).toContain("Developer commands (compile, exec) are in the Node executable (bin/solstice-runner.mjs)");
    },
    { allShells: true },
  );

  // The first of --help and --version decides; either wins over anything else.
  const helpAnyway: string[][] = [
    ["-h"],
    ["help"],
    ["help", "run"],
    ["help", "help"],
    ["run", "--help"],
    ["--bogus", "--help"],
    ["--help", "--version"],
    ["--help", "extra"],
    ["-hV"],
    ["extra", "-h"],
  ];
  for (const args of helpAnyway) {
    scenario(`${JSON.stringify(args)} prints the help`, async () => {
      const [help, s] = await Promise.all([runScenario({ args: ["--help"] }), runScenario({ args, job: jobFile(r.fileUrl, r.head) })]);
      expect(s.status).toBe(0);
      expect(s.stdout).toBe(help.stdout);
      expect(s.stderr).toBe("");
      expect(s.events).toEqual([]);
    });
  }

  for (const args of [["--version", "--help"], ["-V", "--bogus"], ["-Vh"], ["run", "-V"]]) {
    scenario(`${JSON.stringify(args)} prints the version`, async () => {
      const s = await runScenario({ args, job: jobFile(r.fileUrl, r.head) });
      expect(s.status).toBe(0);
      expect(s.stdout).toBe("solstice-runner 0.1.0\n");
    });
  }

  for (const args of [["--"], ["run"], ["--", "run"]]) {
    scenario(`${JSON.stringify(args)} runs the job`, async () => {
      const s = await runScenario({ args, job: jobFile(r.fileUrl, r.head) });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("job ran\n");
    });
  }

  const usageErrors: [string[], string][] = [
    [["--bogus"], "unknown option '--bogus'"],
    [["-x"], "unknown option '-x'"],
    [["--help=yes"], "unknown option '--help=yes'"],
    [["--bogus", "--other"], "unknown option '--bogus'"],
    [["run-it"], "unknown command 'run-it'"],
    [["-"], "unknown command '-'"],
    [["help", "bogus"], "unknown command 'bogus'"],
    [["--", "--help"], "unknown command '--help'"],
    [["run", "extra"], "unexpected argument 'extra' after 'run'"],
    [["help", "run", "extra"], "unexpected argument 'extra' after 'help'"],
  ];
  for (const [args, error] of usageErrors) {
    scenario(
      `usage error for ${JSON.stringify(args)}: 64 and one line`,
      async () => {
        const s = await runScenario({ args, job: jobFile(r.fileUrl, r.head) });
        expect(s.status).toBe(64);
        expect(s.stdout).toBe("");
        expect(s.stderr).toBe(`solstice-runner: ${error}${HINT}`);
        expect(s.events).toEqual([]);
      },
      { allShells: args[0] === "help" },
    );
  }
});

describe.concurrent("the sh build has the job commands only", () => {
  for (const args of [
    ["compile", "x.ts"],
    ["exec", "x.ts"],
    ["help", "compile"],
  ]) {
    it(`${JSON.stringify(args)} says the Node executable has it (every shell)`, async () => {
      const command = args[0] === "help" ? args[1]! : args[0]!;
      for (const shell of [DASH, ...otherShells()]) {
        const o = await runOnce(shell, "text", { args });
        expect(o.status, shell.name).toBe(64);
        expect(o.stdout, shell.name).toBe("");
        expect(o.stderr, shell.name).toBe(`solstice-runner: '${command}' is a developer command of the Node executable (bin/solstice-runner.mjs), not of this build${HINT}`);
      }
    });
  }
});

/** The variable names and defaults of the first table after `heading` in a Markdown file. */
function variableTable(file: string, heading: string): { name: string; fallback: string }[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const start = text.indexOf(`\n${heading}\n`);
  expect(start, `${file} has no "${heading}"`).toBeGreaterThanOrEqual(0);
  const lines = text.slice(start).split("\n");
  const first = lines.findIndex((l) => l.startsWith("| variable |"));
  const rows: { name: string; fallback: string }[] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith("|")) break;
    const cells = line.split("|").map((c) => c.trim());
    const name = /^`([A-Z_]+)`$/.exec(cells[1]!)?.[1];
    expect(name, `${file}: ${line}`).toBeDefined();
    const fallback = /^`([^`]*)`$/.exec(cells[cells.length - 2]!)?.[1] ?? "";
    rows.push({ name: name!, fallback });
  }
  return rows;
}

describe("the inputs: one list, in --help, README.md and docs/contract.md", () => {
  const expected = RUNNER_VARIABLES.map((v) => ({ name: v.name, fallback: v.fallback }));

  it("README.md's Inputs table lists them, in the same order, with the same defaults", () => {
    expect(variableTable("README.md", "### Inputs")).toEqual(expected);
  });

  it("docs/contract.md's Environment table (section 1) lists them, in the same order, with the same defaults", () => {
    expect(variableTable("docs/contract.md", "### Environment")).toEqual(expected);
  });

  it("--help lists them, in the same order, with the same defaults", async () => {
    const o = await runOnce(DASH, "text", { args: ["--help"] });
    const listed = o.stdout.split("\n").filter((l) => /^ {2}SOLSTICE_/.test(l));
    expect(listed.map((l) => l.trim().split(/\s+/)[0])).toEqual(expected.map((v) => v.name));
    for (const [i, v] of expected.entries()) {
      if (v.fallback === "") expect(listed[i]).not.toContain("(default");
      else expect(listed[i]).toMatch(new RegExp(`\\(default ${v.fallback.replace(/[./]/g, "\\$&")}\\)$`));
    }
  });
});
