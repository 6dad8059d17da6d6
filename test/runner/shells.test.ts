// A shell that cannot run the runner correctly is refused at start, with the
// reason, before anything is read or fetched — never a wrong result.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { availableShells } from "../support/shells";
import { SCRIPT, parseTextEvent } from "./harness";

const refused = availableShells().filter((s) => !s.byteStrings);

describe.skipIf(refused.length === 0)("shells the runner refuses", () => {
  it.each(refused.map((s) => s.name))("exit 70, saying why, before reading any input [shell=%s]", (name) => {
    const shell = refused.find((s) => s.name === name)!;
    const result = spawnSync(shell.argv[0]!, [...shell.argv.slice(1), SCRIPT], {
      env: { PATH: process.env.PATH, SOLSTICE_JOB_FILE: "/nonexistent/job.yaml" },
      encoding: "latin1",
    });
    expect(result.status).toBe(70);
    expect(result.stdout).toBe("");
    const events = result.stderr.trimEnd().split("\n").map(parseTextEvent);
    expect(events.map((e) => e?.message)).toEqual([expect.stringMatching(/^this shell cannot run solstice-runner: yash .* cannot hold bytes above 0x7F/), "job finished"]);
    expect(events[1]?.fields).toMatchObject({ status: "error", exit_code: "70" });
  });

  it.each(refused.map((s) => s.name))("--version still answers [shell=%s]", (name) => {
    const shell = refused.find((s) => s.name === name)!;
    const result = spawnSync(shell.argv[0]!, [...shell.argv.slice(1), SCRIPT, "--version"], { encoding: "latin1" });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^solstice-runner \d+\.\d+\.\d+\n$/);
  });
});
