// @ts-check
// The HTTP git fixture server, run as its own process by http-servers.ts
// (plain JavaScript because Node 20 cannot run TypeScript directly).
//
//   node http-server.mjs '{"mode":"smart"|"dumb","root":DIR,"auth":{"user":U,"password":P}?,"v0":BOOL?}'
//
// Prints {"port":N} on stdout once listening on 127.0.0.1; logs requests to
// stderr; exits when stdin reaches EOF (the test process is gone or stopped
// us) or on SIGTERM, after killing and reaping its CGI children.
import { spawn } from "node:child_process";
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { join, resolve, sep } from "node:path";

/** @type {{ mode: "smart" | "dumb", root: string, auth?: { user: string, password: string }, v0?: boolean }} */
const config = JSON.parse(process.argv[2] ?? "{}");
const root = resolve(config.root);
/** @type {Set<import("node:child_process").ChildProcess>} */
const cgis = new Set();

/** @param {string} line */
const log = (line) => process.stderr.write(`${line}\n`);

/**
 * @param {import("node:http").IncomingMessage} req
 * @returns {string | undefined} the user, when credentials are needed and right
 */
function checkAuth(req) {
  if (!config.auth) return undefined;
  const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  if (!m) throw Object.assign(new Error("no credentials"), { status: 401 });
  const given = Buffer.from(m[1] ?? "", "base64").toString("utf8");
  if (given !== `${config.auth.user}:${config.auth.password}`) {
    throw Object.assign(new Error("wrong credentials"), { status: 401 });
  }
  return config.auth.user;
}

/**
 * Runs `git http-backend` as a CGI script, streaming both bodies.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {URL} url
 * @param {string | undefined} user
 */
function smart(req, res, url, user) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {
    ...process.env,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: "1",
    GATEWAY_INTERFACE: "CGI/1.1",
    SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
    SERVER_SOFTWARE: "solstice-git-fixture",
    REQUEST_METHOD: req.method ?? "GET",
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    REMOTE_ADDR: req.socket.remoteAddress ?? "127.0.0.1",
    CONTENT_TYPE: req.headers["content-type"] ?? "",
  };
  // Without CONTENT_LENGTH, http-backend reads the body to EOF, which is what
  // a chunked request (git's large POSTs) needs.
  if (req.headers["content-length"]) env.CONTENT_LENGTH = req.headers["content-length"];
  // git gzips large requests; http-backend inflates them itself when told.
  if (req.headers["content-encoding"]) env.HTTP_CONTENT_ENCODING = req.headers["content-encoding"];
  // Protocol v2 over HTTP is asked for with this header; without it the
  // server speaks v0.
  const gitProtocol = req.headers["git-protocol"];
  if (typeof gitProtocol === "string" && !config.v0) env.GIT_PROTOCOL = gitProtocol;
  if (user !== undefined) env.REMOTE_USER = user;

  const cgi = spawn("git", ["http-backend"], { env, stdio: ["pipe", "pipe", "pipe"] });
  cgis.add(cgi);
  cgi.on("exit", () => cgis.delete(cgi));
  cgi.on("error", (e) => log(`http-backend: ${e.message}`));
  cgi.stderr.on("data", (b) => process.stderr.write(`http-backend: ${b}`));
  cgi.stdin.on("error", () => {});
  req.pipe(cgi.stdin);

  /** @type {Buffer} */
  let head = Buffer.alloc(0);
  /** @param {Buffer} chunk */
  const onData = (chunk) => {
    head = Buffer.concat([head, chunk]);
    const crlf = head.indexOf("\r\n\r\n");
    const lf = head.indexOf("\n\n");
    const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : -1;
    if (end < 0) return;
    cgi.stdout.off("data", onData);
    let status = 200;
    /** @type {Record<string, string>} */
    const headers = {};
    for (const line of head.subarray(0, end).toString("latin1").split(/\r?\n/)) {
      const m = /^([^:]+):\s*(.*)$/.exec(line);
      if (!m || !m[1] || m[2] === undefined) continue;
      if (m[1].toLowerCase() === "status") status = Number.parseInt(m[2], 10);
      else headers[m[1]] = m[2];
    }
    const notes = [env.GIT_PROTOCOL, env.HTTP_CONTENT_ENCODING, req.headers["transfer-encoding"]].filter(Boolean);
    log(`${req.method} ${req.url} -> ${status}${notes.length ? ` (${notes.join(", ")})` : ""}`);
    res.writeHead(status, headers);
    res.write(head.subarray(end));
    cgi.stdout.pipe(res);
  };
  cgi.stdout.on("data", onData);
  cgi.stdout.on("end", () => {
    if (!res.headersSent) {
      log(`${req.method} ${req.url} -> 502 (http-backend wrote no headers)`);
      res.writeHead(502).end();
    }
  });
  res.on("close", () => {
    if (cgi.exitCode === null) cgi.kill("SIGKILL");
  });
}

/**
 * Plain static files: what a dumb-HTTP host (a web server over a directory of
 * bare repositories after `git update-server-info`) offers.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {URL} url
 */
function dumb(req, res, url) {
  const file = join(root, decodeURIComponent(url.pathname));
  let size = -1;
  if (file.startsWith(root + sep) && (req.method === "GET" || req.method === "HEAD")) {
    try {
      const st = statSync(file);
      if (st.isFile()) size = st.size;
    } catch {
      // 404 below
    }
  }
  log(`${req.method} ${req.url} -> ${size < 0 ? 404 : 200}`);
  if (size < 0) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("not found\n");
    return;
  }
  // Not the smart advertisement type, so git falls back to the dumb protocol.
  res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": size });
  if (req.method === "HEAD") res.end();
  else createReadStream(file).pipe(res);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  let user;
  try {
    user = checkAuth(req);
  } catch (e) {
    log(`${req.method} ${req.url} -> 401 (${/** @type {Error} */ (e).message})`);
    req.resume();
    res.writeHead(401, { "WWW-Authenticate": 'Basic realm="solstice-fixture"' }).end();
    return;
  }
  if (config.mode === "smart") smart(req, res, url, user);
  else dumb(req, res, url);
});

let closing = false;
function shutdown() {
  if (closing) return;
  closing = true;
  server.close();
  server.closeAllConnections();
  for (const c of cgis) c.kill("SIGKILL");
  // Exit once every CGI child has been reaped, so none is left to init.
  setInterval(() => {
    if (cgis.size === 0) process.exit(0);
  }, 5);
  setTimeout(() => process.exit(0), 2_000).unref();
}

process.on("SIGTERM", shutdown);
process.stdin.on("end", shutdown);
process.stdin.on("error", shutdown);
process.stdin.resume();

server.listen({ host: "127.0.0.1", port: 0 }, () => {
  const addr = server.address();
  if (addr && typeof addr === "object") process.stdout.write(`${JSON.stringify({ port: addr.port })}\n`);
});
