// Whether a process a test started still runs, for the checks that a job
// left nothing behind.
import { readFileSync } from "node:fs";

/** Whether a process is running; a zombie waiting for its parent or init to reap it is not. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    // pid (comm) state …; comm may hold spaces and parentheses.
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}
