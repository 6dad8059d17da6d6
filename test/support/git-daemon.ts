// `git daemon` on 127.0.0.1 serving every repository under a directory over
// git:// (protocol v0 and v2, as the client asks).
import { gitEnv } from "./git-env";
import { pickFreePort } from "./ports";
import { type ServerProcess, spawnServer, unrefServer } from "./server-process";

export interface GitServer {
  readonly kind: "git-daemon" | "smart-http" | "dumb-http";
  readonly baseDir: string;
  readonly port: number;
  /** URL of `<baseDir>/<repoName>`. */
  url(repoName: string): string;
  /** The server's own log (requests, errors), for assertions and debugging. */
  log(): string;
  /** Stops the server and everything it started; idempotent. */
  stop(): Promise<void>;
}

// The daemon is started through sh so that it dies with the test process:
// the watcher subshell reads the pipe from the test process and TERMs the
// daemon at EOF; the leader reaps both before it exits. `read` is a builtin,
// so the watcher is a single process the leader can kill and reap.
const TETHER = `
exec 3<&0
"$@" 3<&- &
child=$!
(while read -r _ <&3; do :; done; kill -TERM "$child" 2>/dev/null) &
watcher=$!
exec 3<&-
trap 'kill -TERM "$child" 2>/dev/null' TERM
while kill -0 "$child" 2>/dev/null; do wait "$child"; done
kill -TERM "$watcher" 2>/dev/null
wait "$watcher"
`;

export async function startGitDaemon(baseDir: string): Promise<GitServer> {
  let lastLog = "";
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await pickFreePort();
    const proc = spawnServer(
      "git daemon",
      "sh",
      [
        "-c",
        TETHER,
        "git-daemon-tether",
        "git",
        "daemon",
        "--export-all",
        `--base-path=${baseDir}`,
        "--listen=127.0.0.1",
        `--port=${port}`,
        "--reuseaddr",
        "--informative-errors",
        // --verbose is what makes the daemon say "Ready to rumble" once it listens.
        "--verbose",
      ],
      gitEnv(),
    );
    const state = await waitReady(proc);
    if (state === "ready") {
      unrefServer(proc);
      return {
        kind: "git-daemon",
        baseDir,
        port,
        url: (repoName) => `git://127.0.0.1:${port}/${repoName}`,
        log: () => proc.log.since(),
        stop: () => proc.stop(),
      };
    }
    lastLog = proc.log.since();
    await proc.stop();
    // Someone took the port between the check and the bind: try another.
    if (!/in use|unable to allocate any listen sockets/i.test(lastLog)) break;
  }
  throw new Error(`git daemon did not start:\n${lastLog}`);
}

function waitReady(proc: ServerProcess): Promise<"ready" | "exited" | "timeout"> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done("timeout"), 10_000);
    const onData = () => {
      if (proc.log.since().includes("Ready to rumble")) done("ready");
    };
    const done = (s: "ready" | "exited" | "timeout") => {
      clearTimeout(timer);
      proc.child.stderr!.off("data", onData);
      resolve(s);
    };
    proc.child.stderr!.on("data", onData);
    void proc.exited.then(() => done("exited"));
  });
}
