// Ports on 127.0.0.1 for servers that cannot report the port they bound
// (git daemon), and for a port nothing listens on.
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/**
 * Where the kernel hands out ports for port-0 binds and outgoing connections.
 * Choosing below it means no other test's server or client connection is
 * given "our" port between the check and the bind.
 */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    if (Number.isInteger(low) && low > 12_000) return low;
  } catch {
    // not Linux: use the IANA dynamic range's start
  }
  return 49_152;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen({ host: "127.0.0.1", port, exclusive: true }, () => s.close(() => resolve(true)));
  });
}

/** A random currently-free port below the ephemeral range. Callers still retry if the bind fails. */
export async function pickFreePort(): Promise<number> {
  const low = 10_000;
  const high = ephemeralLow();
  for (let i = 0; i < 50; i++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (await isFree(port)) return port;
  }
  throw new Error("no free port on 127.0.0.1");
}

/**
 * A URL whose host refuses connections (nothing listens on the port), for
 * "server is down" tests: the client fails at once with ECONNREFUSED.
 */
export async function downServerUrl(scheme: "http" | "https" | "git" = "http", repoName = "repo.git"): Promise<string> {
  return `${scheme}://127.0.0.1:${await pickFreePort()}/${repoName}`;
}
