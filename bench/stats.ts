// Timing helpers for the benchmarks: medians of repeated runs of a command.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";

/** Wall time of one run; `expected` is the exit status it must end with. */
export function timeOnce(argv: string[], options: SpawnSyncOptions = {}, expected = 0): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0]!, argv.slice(1), { stdio: ["pipe", "ignore", "pipe"], input: "", timeout: 120_000, ...options });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw result.error;
  if (result.status !== expected) throw new Error(`${argv.join(" ")} exited ${result.status}: ${String(result.stderr).slice(-500)}`);
  return elapsed;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median of `runs` timings of `measure`, after one warm-up. */
export function medianOf(runs: number, measure: () => number): number {
  measure();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(measure());
  return median(samples);
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`.padStart(10);
}

/**
 * Medians of several measurements taken in turns (a, b, c, a, b, c, …), after
 * one warm-up round, so drift in the machine's load falls on all of them alike.
 */
export function interleavedMedians(runs: number, measures: (() => number)[]): number[] {
  for (const measure of measures) measure();
  const samples: number[][] = measures.map(() => []);
  for (let i = 0; i < runs; i++) measures.forEach((measure, k) => samples[k]!.push(measure()));
  return samples.map(median);
}
