// Smart and dumb HTTP git servers on 127.0.0.1 (the server itself is
// http-server.mjs, run as a separate process: see server-process.ts for why).
import { fileURLToPath } from "node:url";
import type { GitServer } from "./git-daemon";
import { gitEnv } from "./git-env";
import { spawnServer, unrefServer } from "./server-process";

export interface Credentials {
  user: string;
  password: string;
}

export interface HttpServerOptions {
  /** Require HTTP basic auth with exactly these credentials (401 otherwise). */
  auth?: Credentials;
  /**
   * Smart HTTP only. `false`: answer in protocol v0 even to a client asking
   * for v2, like a server older than git 2.18 (or one that drops the
   * Git-Protocol header): fetching a SHA no ref points at is then refused.
   */
  protocolV2?: boolean;
}

export interface HttpGitServer extends GitServer {
  readonly kind: "smart-http" | "dumb-http";
  /**
   * URL of `<baseDir>/<repoName>`. When the server requires auth, the URL
   * carries its credentials (percent-encoded) unless `credentials` says
   * otherwise: other ones (wrong-password tests) or `null` for none.
   */
  url(repoName: string, credentials?: Credentials | null): string;
}

const SCRIPT = fileURLToPath(new URL("./http-server.mjs", import.meta.url));

/** `git http-backend` behind a CGI bridge: protocol v0 and v2, gzip request bodies, any reachable SHA (v2). */
export function startSmartHttp(baseDir: string, opts: HttpServerOptions = {}): Promise<HttpGitServer> {
  return startHttp("smart", baseDir, opts);
}

/**
 * Static files only. git then uses the dumb protocol: it cannot fetch a
 * commit by SHA unless a ref points at it, and cannot fetch shallow.
 */
export function startDumbHttp(baseDir: string, opts: HttpServerOptions = {}): Promise<HttpGitServer> {
  return startHttp("dumb", baseDir, opts);
}

async function startHttp(mode: "smart" | "dumb", baseDir: string, opts: HttpServerOptions): Promise<HttpGitServer> {
  const proc = spawnServer(`${mode} http`, process.execPath, [SCRIPT, JSON.stringify({ mode, root: baseDir, auth: opts.auth, v0: opts.protocolV2 === false })], gitEnv());
  const port = await new Promise<number | undefined>((resolve) => {
    let out = "";
    const timer = setTimeout(() => resolve(undefined), 10_000);
    proc.child.stdout!.on("data", (b: Buffer) => {
      out += b.toString();
      const m = /^\{"port":(\d+)\}\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    void proc.exited.then(() => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
  if (port === undefined) {
    await proc.stop();
    throw new Error(`${mode} HTTP git server did not start:\n${proc.log.since()}`);
  }
  unrefServer(proc);
  const kind = mode === "smart" ? "smart-http" : "dumb-http";
  return {
    kind,
    baseDir,
    port,
    url: (repoName, credentials = opts.auth ?? null) => {
      const userinfo = credentials ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@` : "";
      return `http://${userinfo}127.0.0.1:${port}/${repoName}`;
    },
    log: () => proc.log.since(),
    stop: () => proc.stop(),
  };
}
