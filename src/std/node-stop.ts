// Node side of stopping: the runner's stop signals (TERM, INT, HUP), and
// stopping a command's whole process group (TERM, then KILL after the
// grace period). The sh side is templates/prelude/stop.sh.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
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

/**
 * Why the job cannot have a process group of its own here, or "". Node
 * always gives it one (detached: setsid).
 */
export function processGroupProblem(): string {
  return "";
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

/**
 * The processes of a command: its process group, and, for the job, every
 * process whose environment holds the job's tracking entry — which finds
 * those that left the group (setsid, a daemon's double fork) on Linux,
 * through /proc, as GitHub's runner does with RUNNER_TRACKING_ID.
 */
export interface Processes {
  leader: number;
  /** "NAME=value" put into the job's environment; "" for none. */
  tracking: string;
  /** The leader's start time (startTime()): only processes started since can be the job's. */
  started: number;
}

const onLinux = existsSync("/proc/self/stat");

/** State, process group and start time (clock ticks since boot) of a process, from /proc; undefined when it is gone. */
/**
 * One buffer for every /proc/PID/stat read: a line of at most about 1 KB
 * (comm is 15 bytes at most), read whole by one read. readFileSync's stat
 * and second read made a scan of /proc 2–3 times slower (the scan runs
 * when each job ends).
 */
const statBuffer = Buffer.alloc(4096);

function readProcStat(pid: string | number): string {
  const fd = openSync(`/proc/${pid}/stat`, "r");
  try {
    return statBuffer.toString("latin1", 0, readSync(fd, statBuffer, 0, statBuffer.length, null));
  } finally {
    closeSync(fd);
  }
}

function procStat(pid: string | number): { state: string; group: number; started: number } | undefined {
  try {
    const stat = readProcStat(pid);
    // pid (comm) state ppid pgrp … starttime (the 22nd field); comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0]!, group: Number(fields[2]), started: Number(fields[19]) };
  } catch {
    return undefined;
  }
}

/** When the leader started, for Processes.started (0 where there is no /proc). */
export function startTime(leader: number): number {
  return onLinux ? (procStat(leader)?.started ?? 0) : 0;
}

function holdsEntry(pid: string, entry: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(entry);
  } catch {
    return false;
  }
}

/** Processes outside the group that carry the tracking entry and still run. */
function escapees(processes: Processes): number[] {
  if (!onLinux || processes.tracking === "") return [];
  const found: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(name);
    if (!stat || stat.state === "Z" || stat.group === processes.leader || stat.started < processes.started) continue;
    if (holdsEntry(name, processes.tracking)) found.push(Number(name));
  }
  return found;
}

/** Signal the processes; a group that is gone already is fine. */
export function signalProcesses(processes: Processes, signal: NodeJS.Signals): void {
  try {
    process.kill(-processes.leader, signal);
  } catch {
    // gone
  }
  for (const pid of escapees(processes)) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone meanwhile
    }
  }
}

/**
 * Whether one of the processes still runs. A killed process whose parent
 * is gone stays a zombie, still in its group, until init reaps it, which
 * some inits do only now and then: on Linux /proc tells the two apart;
 * elsewhere a zombie counts.
 */
export function processesAlive(processes: Processes): boolean {
  let groupExists = true;
  try {
    process.kill(-processes.leader, 0);
  } catch {
    groupExists = false;
  }
  if (!onLinux) return groupExists;
  if (groupExists) {
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      const stat = procStat(name);
      if (stat && stat.group === processes.leader && stat.state !== "Z") return true;
    }
  }
  return escapees(processes).length > 0;
}

/**
 * Stop the processes: TERM now, KILL after the grace period. Calling it
 * again changes nothing. `cancel()` forgets the KILL (they ended by
 * themselves).
 */
export function stopper(processes: Processes): { stop(): void; stopping(): boolean; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  return {
    stop() {
      if (started) return;
      started = true;
      signalProcesses(processes, "SIGTERM");
      timer = setTimeout(() => signalProcesses(processes, "SIGKILL"), graceMillis);
    },
    stopping: () => started,
    cancel() {
      if (timer) clearTimeout(timer);
    },
  };
}
