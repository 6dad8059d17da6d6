// Writing `git fast-import` streams. Both fixture builders use fast-import
// rather than `git add`/`git commit`: one process makes any number of commits,
// file modes (executable, symlink, gitlink) and dates are stated exactly, and
// the resulting SHAs depend on nothing but the stream.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gitEnv, gitSync } from "./git-env";

export type Bytes = string | Uint8Array;

/** A path for an `M`/`D` line; always C-quoted so spaces and leading quotes need no special case. */
export function quotePath(path: string): string {
  if (path === "" || /[\x00-\x1f\x7f]/.test(path) || path.startsWith("/") || path.split("/").includes("..")) {
    throw new Error(`unusable path for a fixture file: ${JSON.stringify(path)}`);
  }
  // With control characters excluded, JSON's escapes (\\ and \") are C's.
  return JSON.stringify(path);
}

/** `data <n>` followed by the bytes, as one chunk. */
export function dataCmd(content: Bytes): Buffer {
  const body = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
  return Buffer.concat([Buffer.from(`data ${body.length}\n`), body, Buffer.from("\n")]);
}

export function identLine(role: "author" | "committer" | "tagger", name: string, email: string, epoch: number): string {
  return `${role} ${name} <${email}> ${epoch} +0000\n`;
}

function readMarks(file: string): Map<number, string> {
  const marks = new Map<number, string>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /^:(\d+) ([0-9a-f]{40,64})$/.exec(line);
    if (m) marks.set(Number(m[1]), m[2]!);
  }
  rmSync(file);
  return marks;
}

function fastImportArgs(marksFile: string): string[] {
  return ["fast-import", "--quiet", "--done", `--export-marks=${marksFile}`];
}

/** Imports a whole stream held in memory into the repository whose git dir is `gitDir`; returns mark → SHA. */
export function fastImportSync(gitDir: string, stream: Buffer): Map<number, string> {
  const marksFile = join(gitDir, "fixture-marks");
  gitSync(["--git-dir", gitDir, ...fastImportArgs(marksFile)], { input: stream });
  return readMarks(marksFile);
}

/** Imports a stream produced lazily (honouring the pipe's backpressure); returns mark → SHA. */
export async function fastImport(gitDir: string, chunks: Iterable<Bytes>): Promise<Map<number, string>> {
  const marksFile = join(gitDir, "fixture-marks");
  const child = spawn("git", ["--git-dir", gitDir, ...fastImportArgs(marksFile)], {
    env: gitEnv(),
    stdio: ["pipe", "ignore", "pipe"],
  });
  const stderr: Buffer[] = [];
  child.stderr.on("data", (b: Buffer) => stderr.push(b));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  // If fast-import dies mid-stream, writing fails with EPIPE; its stderr says why.
  child.stdin.on("error", () => {});
  let gone = false;
  const closed = exited.then(() => {
    gone = true;
  });
  for (const chunk of chunks) {
    if (!child.stdin.write(chunk)) await Promise.race([once(child.stdin, "drain"), closed]);
    if (gone) break;
  }
  child.stdin.end();
  const code = await exited;
  if (code !== 0) throw new Error(`git fast-import failed (exit ${code}):\n${Buffer.concat(stderr).toString()}`);
  return readMarks(marksFile);
}
