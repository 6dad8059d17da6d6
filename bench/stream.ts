// Log streaming's cost (contract section 9), side by side in one run: the
// Node build running a job that prints BENCH_STREAM_LINES short lines
// (default 1,000,000) without streaming, then streaming to a sink on
// 127.0.0.1. Wall time is the runner's whole run, its wait for the sink to
// hold every event included. Latency: after each block of lines the job
// pauses 0.3 s (the runner catches up with the console) and prints a probe
// stamped with the time; the bench reads the runner's stdout as it comes.
// Targets: at most 1.3x the wall time, probes on the console within 50 ms,
// peak RSS under 100 MB.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { makeRepo } from "../test/support/repo";

const ROOT = path.resolve(__dirname, "..");
const LINES = Number(process.env.BENCH_STREAM_LINES ?? "1000000");
const PROBES = 20;

interface Measure {
  wallMs: number;
  /** The runner's CPU time, user + system (its threads and the job's processes it waited for). */
  cpuS: number;
  peakMb: number;
  latencies: number[];
  status: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

async function runOnce(dir: string, repo: { fileUrl: string; head: string }, env: Record<string, string>): Promise<Measure> {
  const timeFile = path.join(dir, `time-${Date.now()}`);
  writeFileSync(path.join(dir, "secrets.yaml"), "");
  writeFileSync(path.join(dir, "job.yaml"), "");
  const started = performance.now();
  const child = spawn("/usr/bin/time", ["-f", "%M %U %S", "-o", timeFile, process.execPath, path.join(ROOT, "bin/solstice-runner.mjs")], {
    stdio: ["ignore", "pipe", "ignore"],
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      SOLSTICE_JOB_FILE: path.join(dir, "job.yaml"),
      SOLSTICE_SECRETS_FILE: path.join(dir, "secrets.yaml"),
      SOLSTICE_REPO_URL: repo.fileUrl,
      SOLSTICE_COMMIT_SHA: repo.head,
      SOLSTICE_WORKDIR: path.join(dir, `work-${Date.now()}`),
      SOLSTICE_RUN_ID: `bench-${Date.now()}`,
      ...env,
    },
  });
  const latencies: number[] = [];
  let partial = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    const now = Date.now() * 1000 + Math.floor((performance.now() % 1) * 1000);
    const text = partial + chunk.toString("latin1");
    const lines = text.split("\n");
    partial = lines.pop()!;
    for (const line of lines) if (line.startsWith("probe ")) latencies.push((now - Number(line.slice(6)) / 1000) / 1000);
  });
  const status = await new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
  const wallMs = performance.now() - started;
  const [peakKb, user, system] = existsSync(timeFile) ? readFileSync(timeFile, "utf8").trim().split("\n").pop()!.split(" ").map(Number) : [NaN, NaN, NaN];
  return { wallMs, cpuS: user! + system!, peakMb: peakKb! / 1024, latencies, status };
}

/** user + system CPU seconds of a live process, from /proc. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export async function benchStream(): Promise<boolean> {
  const per = Math.ceil(LINES / PROBES);
  const job = [
    "#!/bin/sh",
    "i=0",
    `while [ $i -lt ${PROBES} ]; do`,
    `  seq $((i * ${per} + 1)) $((i * ${per} + ${per}))`,
    "  sleep 0.3",
    '  echo "probe $(date +%s%N)"',
    "  i=$((i + 1))",
    "done",
    "",
  ].join("\n");
  const repo = makeRepo({ files: { ".solstice/job.sh": { content: job, executable: true } } });
  const dir = mkdtempSync(path.join(tmpdir(), "solstice-bench-stream-"));
  const sink = spawn(process.execPath, [path.join(ROOT, "bin/solstice-runner.mjs"), "sink", "--listen", "127.0.0.1:0", "--dir", path.join(dir, "sink")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let sinkOut = "";
  sink.stdout!.on("data", (c: Buffer) => (sinkOut += c.toString()));
  const port = await new Promise<number>((resolve) => {
    const poll = setInterval(() => {
      const m = /127\.0\.0\.1:(\d+)/.exec(sinkOut);
      if (m) {
        clearInterval(poll);
        resolve(Number(m[1]));
      }
    }, 20);
  });
  try {
    process.stdout.write(`stream: a job printing ${LINES} lines, Node build, without and with streaming to a sink on 127.0.0.1\n`);
    const plain = await runOnce(dir, repo, {});
    const streamed = await runOnce(dir, repo, { SOLSTICE_ORCHESTRATOR_ADDR: `127.0.0.1:${port}`, SOLSTICE_REPORT_DEADLINE: "1200" });
    const stored = readFileSync(path.join(dir, "sink", sinkOut.match(/run (bench-\d+)/)?.[1] ?? "none", "log"), "latin1").split("\n").length - 1;
    const ratio = streamed.wallMs / plain.wallMs;
    const worstLatency = Math.max(...streamed.latencies);
    const row = (name: string, m: Measure) =>
      `  ${name.padEnd(16)} wall ${(m.wallMs / 1000).toFixed(2).padStart(7)} s  CPU ${m.cpuS.toFixed(2).padStart(6)} s  peak RSS ${m.peakMb.toFixed(1).padStart(6)} MB  console latency p50 ${percentile(m.latencies, 50).toFixed(1)} ms, max ${Math.max(...m.latencies).toFixed(1)} ms\n`;
    process.stdout.write(row("without", plain));
    process.stdout.write(row("streaming", streamed));
    const sinkCpu = cpuSeconds(sink.pid!);
    process.stdout.write(`  the sink (its own process): ${stored} events stored, ${sinkCpu.toFixed(2)} s CPU in all (${Math.round(stored / sinkCpu)} events per CPU second)\n`);
    process.stdout.write(
      `  events stored by the sink: ${stored}; wall time ratio ${ratio.toFixed(2)}x (target <= 1.3x); max latency ${worstLatency.toFixed(1)} ms (target <= 50 ms); peak RSS ${streamed.peakMb.toFixed(1)} MB (target < 100 MB)\n`,
    );
    return plain.status === 0 && streamed.status === 0 && ratio <= 1.3 && worstLatency <= 50 && streamed.peakMb < 100;
  } finally {
    sink.kill("SIGTERM");
    repo.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}
