// Node side of stopping: the runner's stop signals (TERM, INT, HUP), and
// stopping a command's whole process group (TERM, then KILL after the
// grace period). The sh side is templates/prelude/stop.sh.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { constants as osConstants } from "node:os";

const STOP_SIGNALS: NodeJS.Signals[] = ["SIGTERM", "SIGINT", "SIGHUP"];

let received = 0;
let graceMillis = 10_000;
const listeners = new Set<() => void>();

/**
 * From now on TERM, INT and HUP no longer end the runner: the first one is
 * remembered (stopSignal()), the running command's process group is
 * stopped, and waits end early. Later signals change nothing.
 */
export function watchStopSignals(graceSeconds: number): void {
  graceMillis = graceSeconds * 1000;
  for (const name of STOP_SIGNALS) {
    process.on(name, () => {
      if (received !== 0) return;
      received = osConstants.signals[name];
      for (const listener of [...listeners]) listener();
    });
  }
}

/** The number of the first stop signal the runner got, or 0. */
export function stopSignal(): number {
  return received;
}

/** Call `listener` when a stop signal arrives (at once if one has); returns the way to stop listening. */
export function onStop(listener: () => void): () => void {
  if (received !== 0) {
    listener();
    return () => {};
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function graceSeconds(): number {
  return graceMillis / 1000;
}

/** Signal a whole process group; a group that is gone already is fine. */
export function signalGroup(leader: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-leader, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a process of the group is still running. A killed process whose
 * parent is gone stays a zombie, still in its group, until init reaps it,
 * which some inits do only now and then: on Linux /proc tells the two
 * apart; elsewhere a zombie counts.
 */
export function groupAlive(leader: number): boolean {
  try {
    process.kill(-leader, 0);
  } catch {
    return false;
  }
  if (!existsSync("/proc/self/stat")) return true;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "latin1");
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === leader && fields[0] !== "Z") return true;
  }
  return false;
}

/**
 * Stop a process group: TERM now, KILL after the grace period for whatever
 * is left. Calling it again changes nothing. `cancel()` forgets the KILL
 * (the group ended by itself).
 */
export function groupStopper(leader: number): { stop(): void; stopping(): boolean; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  return {
    stop() {
      if (started) return;
      started = true;
      signalGroup(leader, "SIGTERM");
      timer = setTimeout(() => signalGroup(leader, "SIGKILL"), graceMillis);
    },
    stopping: () => started,
    cancel() {
      if (timer) clearTimeout(timer);
    },
  };
}
