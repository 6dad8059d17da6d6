// The per-target runners (make cross: generated/<target>/solstice-runner) on
// the local shells and awks that stand in for each target's guest
// (Cross.toml), compared with the Node build as in test/runner/harness.ts:
// a job's output, a masked secret, a failing job's status, a fetch from a
// git daemon on 127.0.0.1, and the target's own settings at work.
//
// The stand-in awk is the one the target's awk setting resolves to: for a
// name (awk), the `awk` of a directory first on PATH; for an absolute path
// (illumos' /usr/bin/awk), that path itself, the stand-in bound over it in a
// mount namespace of the run's own (unshare; needs root: without it those
// targets are skipped with a notice, failing under CI=true). The target's
// PATH directories (illumos' /usr/xpg4/bin, /usr/gnu/bin) do not exist here;
// the job is shown to get them first on its PATH all the same.
import { spawnSync } from "node:child_process";
import { accessSync, constants, copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTargets, type CrossTarget } from "../src/compiler/targets";
import { type Awk, KNOWN_AWKS, availableAwks } from "./support/awks";
import { type GitServer, type MadeRepo, publishBare, startGitDaemon } from "./support/git-fixtures";
import { KNOWN_SHELLS, type Shell, availableShells } from "./support/shells";
import { type Backend, type RunSpec, expectFinished, jobFile, jobRepo, runOnce, runScenario, tempDir } from "./runner/harness";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CROSS_TOML = join(ROOT, "Cross.toml");
const targets = readTargets(CROSS_TOML);
const inCI = process.env.CI === "true";

// Binding an awk over an absolute path needs a mount namespace.
const cannotBind = process.getuid?.() !== 0 ? "not root" : spawnSync("unshare", ["--mount", "true"]).status !== 0 ? "unshare --mount fails" : "";
const bindSkipped = targets.filter((t) => t.awk.startsWith("/")).map((t) => t.name);
if (cannotBind && bindSkipped.length > 0 && !inCI) {
  process.stderr.write(
    `\n*** NOTICE: the cross tests of ${bindSkipped.join(", ")} are SKIPPED (${cannotBind}): their awk is an absolute path, bound over in a mount namespace; run them as root\n\n`,
  );
}

/** The target's stand-ins that are installed; a name Cross.toml has wrong is an error, not a skip. */
function standIns(target: CrossTarget): { shells: Shell[]; awks: Awk[] } {
  for (const name of target.standInShells) {
    if (!KNOWN_SHELLS.includes(name))
      throw new Error(`Cross.toml: [target.${target.name}]: stand-in-shells names '${name}', which test/support/shells.ts does not know (it knows ${KNOWN_SHELLS.join(", ")})`);
  }
  for (const name of target.standInAwks) {
    if (!KNOWN_AWKS.includes(name))
      throw new Error(`Cross.toml: [target.${target.name}]: stand-in-awks names '${name}', which test/support/awks.ts does not know (it knows ${KNOWN_AWKS.join(", ")})`);
  }
  return {
    shells: availableShells().filter((s) => target.standInShells.includes(s.name)),
    awks: availableAwks().filter((a) => target.standInAwks.includes(a.name)),
  };
}

/**
 * How a run gets the stand-in as the target's awk: the runner's PATH, and
 * for an absolute awk path the namespace command that binds the stand-in
 * over it. A decoy `awk` first on PATH for such a target records any use:
 * the script must run the absolute path, never PATH's awk.
 */
interface AwkSetup {
  path: string;
  wrap: string[];
  /** The file the target's awk must be, byte for byte. */
  standIn: string;
  /** Where the decoy records a call; undefined when the awk is found on PATH. */
  decoyLog: string | undefined;
}

function awkSetup(target: CrossTarget, awk: Awk): AwkSetup {
  const own = tempDir("stand-in-awk");
  awk.install(own);
  const standIn = join(own, "awk");
  if (!target.awk.startsWith("/")) {
    // Under the name the target runs it by: Cross.toml's awk is a command name.
    if (target.awk !== "awk") copyFileSync(standIn, join(own, target.awk));
    return { path: `${own}:${process.env.PATH}`, wrap: [], standIn, decoyLog: undefined };
  }
  const decoy = tempDir("decoy-awk");
  const decoyLog = join(decoy, "called");
  writeFileSync(join(decoy, "awk"), `#!/bin/sh\necho "$*" >>'${decoyLog}'\nexit 2\n`, { mode: 0o755 });
  // mount follows the links at both ends: the stand-in's program is bound over what the target's path names.
  const wrap = ["unshare", "--mount", "--propagation", "private", "sh", "-c", 'mount --bind "$1" "$2" && shift 2 && exec "$@"', "sh", standIn, target.awk];
  return { path: `${decoy}:${process.env.PATH}`, wrap, standIn, decoyLog };
}

let server: GitServer;
let served: MadeRepo;
beforeAll(async () => {
  const base = tempDir("cross-srv");
  served = jobRepo('#!/bin/sh\necho "fetched over git://, at $SOLSTICE_COMMIT_SHA"\n');
  publishBare(served, base, "job.git");
  server = await startGitDaemon(base);
});
afterAll(async () => {
  await server?.stop();
});

for (const target of targets)
  describe(target.name, () => {
    const { shells, awks } = standIns(target);
    const needsBind = target.awk.startsWith("/");
    // A copy, as the harness takes of the plain script: `make generate` may rewrite the file mid-run.
    const generated = join(ROOT, "generated", target.name, "solstice-runner");
    let script = "";
    beforeAll(() => {
      script = join(tempDir("cross-script"), "solstice-runner");
      copyFileSync(generated, script);
    });

    it(`${generated.slice(ROOT.length)} is executable, its shebang the target's shell [target=${target.name}]`, () => {
      accessSync(generated, constants.X_OK);
      expect(readFileSync(generated, "latin1").split("\n", 1)[0]).toBe(`#!${target.shell}`);
    });

    const combos = shells.flatMap((shell) => awks.map((awk) => ({ shell, awk })));
    for (const { shell, awk } of combos)
      describe.skipIf(needsBind && cannotBind !== "" && !inCI).concurrent(`[target=${target.name}] [shell=${shell.name}] [awk=${awk.name}]`, () => {
        let setup: AwkSetup;
        let backend: Backend;
        beforeAll(() => {
          if (needsBind && cannotBind) throw new Error(`CI=true, but ${target.name}'s awk (${target.awk}) cannot be bound over: ${cannotBind}`);
          setup = awkSetup(target, awk);
          backend = { name: `${target.name} on ${shell.name}`, argv: [...shell.argv, script] };
        });
        const run = (spec: RunSpec) => runScenario({ ...spec, env: { PATH: setup.path, ...spec.env }, wrap: () => setup.wrap }, { backends: [backend] });

        it("the target's awk is the stand-in here", () => {
          // What the script's $__awk resolves to, where and as the runs see it (the namespace, the PATH).
          const resolve = needsBind ? 'cmp "$1" "$2"' : 'cmp "$(command -v "$1")" "$2"';
          const argv = [...setup.wrap, "sh", "-c", resolve, "sh", target.awk, setup.standIn];
          const check = spawnSync(argv[0]!, argv.slice(1), { env: { PATH: setup.path }, encoding: "utf8" });
          expect(check.status, check.stdout + check.stderr).toBe(0);
        });

        it("runs a job, its stdout and stderr as it wrote them", async () => {
          const r = jobRepo('#!/bin/sh\necho "hello from $SOLSTICE_COMMIT_SHA"\necho "a warning" >&2\nprintf "no newline"\n');
          const s = await run({ job: jobFile(r.fileUrl, r.head) });
          expectFinished(s, "success", 0);
          expect(s.stdout).toBe(`hello from ${r.head}\nno newline\n`);
          expect(s.stderr).toBe("a warning\n");
        });

        it("masks a secret in the job's stdout and stderr", async () => {
          const r = jobRepo('#!/bin/sh\necho "token: $API_TOKEN."\necho "err $API_TOKEN" >&2\n');
          const s = await run({ job: jobFile(r.fileUrl, r.head, "secrets:\n  API_TOKEN: t0ken-for-the-guest\n") });
          expectFinished(s, "success", 0);
          expect(s.stdout).toBe("token: ***.\n");
          expect(s.stderr).toBe("err ***\n");
          for (const o of s.runs) expect(o.stderrLines.join("\n"), o.backend).not.toContain("t0ken-for-the-guest");
        });

        it("exits with a failing job's code", async () => {
          const r = jobRepo("#!/bin/sh\necho before\nexit 42\n");
          const s = await run({ job: jobFile(r.fileUrl, r.head) });
          expectFinished(s, "failure", 42);
          expect(s.stdout).toBe("before\n");
        });

        it("fetches over git:// from a git daemon on 127.0.0.1", async () => {
          const s = await run({ job: jobFile(server.url("job.git"), served.head) });
          expectFinished(s, "success", 0);
          expect(s.stdout).toBe(`fetched over git://, at ${served.head}\n`);
        });

        it("puts the target's directories first on PATH, the job's too, and masks with the target's awk", async () => {
          // Only the target's script: the Node build has no target, so its PATH differs on purpose.
          const r = jobRepo('#!/bin/sh\necho "PATH=$PATH"\necho "masked: $API_TOKEN"\n');
          const o = await runOnce(backend, "text", {
            job: jobFile(r.fileUrl, r.head, "secrets:\n  API_TOKEN: t0ken-for-the-guest\n"),
            env: { PATH: setup.path },
            wrap: () => setup.wrap,
          });
          expect(o.status, o.stderr).toBe(0);
          const prefix = target.path.map((dir) => `${dir}:`).join("");
          expect(o.stdout).toBe(`PATH=${prefix}${setup.path}\nmasked: ***\n`);
          if (setup.decoyLog) expect(existsSync(setup.decoyLog), "the script ran PATH's awk, not the target's").toBe(false);
        });
      });
  });
