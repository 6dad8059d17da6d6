// What scenarios run against: repositories and temp dirs removed when the
// test file ends, and job files for them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, expect } from "vitest";
import { type MadeRepo, type RepoSpec, gitEnv, gitSync, makeRepo } from "../support/git-fixtures";

const made: MadeRepo[] = [];
const temps: string[] = [];
afterAll(() => {
  for (const r of made.splice(0)) r.cleanup();
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A repository (makeRepo) removed when the test file ends. */
export function repo(spec: RepoSpec): MadeRepo {
  const r = makeRepo(spec);
  made.push(r);
  return r;
}

/** A repository whose one commit holds .solstice/job.sh (executable unless said). */
export function jobRepo(script: string, opts: { executable?: boolean; files?: RepoSpec["files"] } = {}): MadeRepo {
  return repo({ files: { ".solstice/job.sh": { content: script, executable: opts.executable ?? true }, ...opts.files } });
}

/** A job file for a repository and commit, with more YAML after. */
export function jobFile(url: string, sha: string, more = ""): string {
  return `repo_url: ${url}\ncommit_sha: ${sha}\n${more}`;
}

/** A temp dir removed when the test file ends. */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `solstice-${prefix}-`));
  temps.push(d);
  return d;
}

/** A repository in SHA-256 object format (makeRepo makes SHA-1 ones). */
export function sha256Repo(): { url: string; sha: string } {
  const dir = join(tempDir("sha256"), "repo");
  gitSync(["init", "-q", "--object-format=sha256", "-b", "main", dir]);
  mkdirSync(join(dir, ".solstice"));
  writeFileSync(join(dir, ".solstice/job.sh"), '#!/bin/sh\necho "sha256 job at $SOLSTICE_COMMIT_SHA"\n', { mode: 0o755 });
  gitSync(["add", "."], { cwd: dir });
  gitSync(["commit", "-q", "-m", "one"], { cwd: dir, env: gitEnv() });
  const sha = gitSync(["rev-parse", "HEAD"], { cwd: dir });
  expect(sha).toMatch(/^[0-9a-f]{64}$/);
  return { url: pathToFileURL(dir).href, sha };
}
