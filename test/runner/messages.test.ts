// Messages that say what is wrong and what to do (issue 10, item 2), the
// exact text on both builds: a .solstice/job.sh the runner will not run
// (a directory, a link to nothing, a link out of the checkout), a job file
// value starting "? ", and a workspace under a file.
import { existsSync, mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { errorMessage, expectFinished, jobFile, jobRepo, messages, repo, runScenario, scenario, tempDir } from "./harness";

/** The events of a fetch that worked and a job that was refused. */
const REFUSED = ["job context read", "fetching repository", "repository fetched"];

/** A script outside every checkout; the job leaves RUN/out/ran if it runs. */
const outside = tempDir("outside");
writeFileSync(join(outside, "job.sh"), '#!/bin/sh\necho "outside ran"\n: >"$SCENARIO_OUT/ran"\n', { mode: 0o755 });
const outsideReal = realpathSync(join(outside, "job.sh"));

function expectRefused(s: Awaited<ReturnType<typeof runScenario>>, message: string): void {
  expectFinished(s, "error", 66);
  expect(errorMessage(s)).toBe(message);
  expect(messages(s)).toEqual([...REFUSED, message, "job finished"]);
  expect(s.stdout).toBe("");
  for (const run of s.runs) expect(run.inspected, run.backend).toBe(false);
}

const ran = { inspect: (d: { out: string }) => existsSync(join(d.out, "ran")) };

describe.concurrent(".solstice/job.sh that is not a script of the checkout: refused, with its own message", () => {
  scenario(
    "job.sh is a directory",
    async () => {
      const r = repo({ files: { ".solstice/job.sh/run.sh": { content: '#!/bin/sh\n: >"$SCENARIO_OUT/ran"\n', executable: true } } });
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head), ...ran });
      expectRefused(s, "nothing to run: .solstice/job.sh is a directory, not a script; commit the job as the file .solstice/job.sh");
    },
    { allShells: true },
  );

  scenario(
    "job.sh is a link to a file that does not exist",
    async () => {
      const r = repo({ files: { ".solstice/job.sh": { symlink: "missing.sh" } } });
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head), ...ran });
      expectRefused(
        s,
        "nothing to run: .solstice/job.sh is a symbolic link to a file that does not exist in the checkout; point it at a script in the repository, or commit the script itself as .solstice/job.sh",
      );
    },
    { allShells: true },
  );

  scenario(
    "job.sh is a link to an absolute path out of the repository",
    async () => {
      const r = repo({ files: { ".solstice/job.sh": { symlink: join(outside, "job.sh") } } });
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head), ...ran });
      expectRefused(
        s,
        `refusing to run .solstice/job.sh: it leads to ${outsideReal}, outside the repository's checkout {{RUN}}/work; commit the script itself, or link to a file in the repository`,
      );
    },
    { allShells: true },
  );

  scenario("job.sh is a relative link that climbs out of the checkout", async () => {
    const r = repo({ files: { ".solstice/job.sh": { symlink: "../../escape.sh" } } });
    const s = await runScenario({
      job: jobFile(r.fileUrl, r.head),
      prepare: (d) => writeFileSync(join(d.dir, "escape.sh"), '#!/bin/sh\n: >"$SCENARIO_OUT/ran"\n', { mode: 0o755 }),
      ...ran,
    });
    expectRefused(
      s,
      "refusing to run .solstice/job.sh: it leads to {{RUN}}/escape.sh, outside the repository's checkout {{RUN}}/work; commit the script itself, or link to a file in the repository",
    );
  });

  scenario(".solstice itself is a link out of the repository", async () => {
    const r = repo({ files: { ".solstice": { symlink: outside } } });
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head), ...ran });
    expectRefused(
      s,
      `refusing to run .solstice/job.sh: it leads to ${outsideReal}, outside the repository's checkout {{RUN}}/work; commit the script itself, or link to a file in the repository`,
    );
  });

  scenario("job.sh is a link into .git, which is not the repository's content", async () => {
    const r = repo({ files: { ".solstice/job.sh": { symlink: "../.git/HEAD" } } });
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head), ...ran });
    expectRefused(
      s,
      "refusing to run .solstice/job.sh: it leads to {{RUN}}/work/.git/HEAD, outside the repository's checkout {{RUN}}/work; commit the script itself, or link to a file in the repository",
    );
  });

  scenario(
    "job.sh linked to a script in the repository (through a linked directory) runs",
    async () => {
      const r = repo({
        files: {
          "ci/scripts/run.sh": { content: '#!/bin/sh\necho "linked job ran in $PWD"\n', executable: true },
          "ci/current": { symlink: "scripts" },
          ".solstice/job.sh": { symlink: "../ci/current/run.sh" },
        },
      });
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head) });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("linked job ran in {{RUN}}/work\n");
    },
    { allShells: true },
  );
});

describe.concurrent("other messages", () => {
  scenario(
    "a job file value starting '? ' is named for what YAML reads there",
    async () => {
      const r = repo({ files: { "README.md": "x\n" } });
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head, "env:\n  FOO: ? x\n") });
      expectFinished(s, "error", 65);
      expect(errorMessage(s)).toBe(
        "job file {{RUN}}/job.yaml: line 4: '? ' starts an explicit mapping key (? key), which is not supported; to have a value starting with '?', put it in quotes",
      );
    },
    { allShells: true },
  );

  scenario(
    "a workspace under a file: 73, naming the file and the fix",
    async () => {
      const r = repo({ files: { "README.md": "x\n" } });
      const s = await runScenario({
        job: jobFile(r.fileUrl, r.head),
        env: { SOLSTICE_WORKDIR: "{{RUN}}/some/file/work" },
        prepare: (d) => {
          mkdirSync(join(d.dir, "some"));
          writeFileSync(join(d.dir, "some/file"), "in the way\n");
        },
      });
      expectFinished(s, "error", 73);
      expect(errorMessage(s)).toBe(
        "cannot create the workspace {{RUN}}/some/file/work: {{RUN}}/some/file exists and is not a directory; remove or rename {{RUN}}/some/file, or set SOLSTICE_WORKDIR to another path",
      );
      expect(messages(s)).toEqual(["job context read", "fetching repository", errorMessage(s), "job finished"]);
    },
    { allShells: true },
  );
});

describe.concurrent("what runs .solstice/job.sh", () => {
  const interpreterGone = (interpreter: string) =>
    `cannot run .solstice/job.sh: its #! line names the interpreter ${interpreter}, which is not an executable file on this machine; install it, or change the #! line (a job.sh without one runs under /bin/sh)`;

  scenario(
    "a #! interpreter that is not on the machine: one message, 127, the job never starts",
    async () => {
      const r = jobRepo("#!/nonexistent/bin/interp -x\necho ran\n");
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head) });
      expectFinished(s, "error", 127);
      expect(errorMessage(s)).toBe(interpreterGone("/nonexistent/bin/interp"));
      expect(messages(s)).toEqual([...REFUSED, interpreterGone("/nonexistent/bin/interp"), "job finished"]);
      expect(s.stdout + s.stderr).toBe("");
    },
    { allShells: true },
  );

  scenario("a #! line ending in CR (a CRLF file) says so", async () => {
    const r = jobRepo("#!/bin/sh\r\necho ran\r\n");
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head) });
    expectFinished(s, "error", 127);
    expect(errorMessage(s)).toBe(
      "cannot run .solstice/job.sh: its #! line ends in a carriage return (the file has CRLF line ends), so the system looks for an interpreter whose name ends in one; save the file with LF line ends",
    );
  });

  scenario(
    "an executable job.sh without #! runs under /bin/sh, not the runner's shell",
    async () => {
      const r = jobRepo('echo "shell: $(readlink /proc/$$/exe)"\n');
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head) });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe(`shell: ${realpathSync("/bin/sh")}\n`);
    },
    { allShells: true },
  );
});
