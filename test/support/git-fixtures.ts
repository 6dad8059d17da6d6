// Real git repositories and real git servers (127.0.0.1 only) for tests.
//
//   const repo = makeRepo({ commits: [{ files: { ".solstice/job.sh": { content: "echo hi\n", executable: true } }, label: "old" }, {}] });
//   const base = makeTempDir("srv");
//   publishBare(repo, base, "repo.git");
//   const server = await startSmartHttp(base);
//   ... fetch server.url("repo.git") at repo.commits.old ...
//   await server.stop(); repo.cleanup();
//
// Importing this module (rather than the files it re-exports) also prints
// the logs of this file's fixture servers when a test fails; servers are
// silent otherwise.
import { beforeEach } from "vitest";
import { knownServers } from "./server-process";

export { downServerUrl, pickFreePort } from "./ports";
export { type GitServer, startGitDaemon } from "./git-daemon";
export { type Credentials, type HttpGitServer, type HttpServerOptions, startDumbHttp, startSmartHttp } from "./http-servers";
export {
  type CommitSpec,
  type FileEntry,
  type FileTree,
  type MadeRepo,
  type MadeSubmodule,
  type PublishOptions,
  type RepoSpec,
  type SubmoduleSpec,
  makeRepo,
  makeTempDir,
  publishBare,
} from "./repo";
export { type HistoryRepo, type HistoryRepoOptions, makeHistoryRepo } from "./history-repo";
export { FIXTURE_AUTHOR, FIXTURE_EPOCH, type GitEnvOptions, GitError, type GitResult, type GitRunOptions, git, gitEnv, gitSync, runGit } from "./git-env";

beforeEach((ctx) => {
  for (const s of knownServers) if (s.stopped) knownServers.delete(s);
  const marks = new Map([...knownServers].map((s) => [s, s.log.mark()]));
  ctx.onTestFailed(() => {
    for (const s of knownServers) {
      const text = s.log.since(marks.get(s) ?? 0);
      if (text) console.error(`--- ${s.label} (pid ${s.child.pid}) log during "${ctx.task.name}" ---\n${text}`);
    }
  });
});
