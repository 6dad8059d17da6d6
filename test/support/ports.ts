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

/**
 * A random currently-free port in [10000, ephemeral range) for a server to
 * bind; callers still retry if the bind fails.
 */
export function pickFreePort(): Promise<number> {
  return pickIn(10_000, ephemeralLow());
}

async function pickIn(low: number, high: number): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (await isFree(port)) return port;
  }
  throw new Error("no free port on 127.0.0.1");
}

/**
 * A URL whose host refuses connections (nothing listens on the port), for
 * "server is down" tests: the client fails at once with ECONNREFUSED. The
 * port is below 10000, where no fixture server of a parallel test binds.
 */
export async function downServerUrl(scheme: "http" | "https" | "git" = "http", repoName = "repo.git"): Promise<string> {
  return `${scheme}://127.0.0.1:${await pickIn(2_000, 10_000)}/${repoName}`;
}
