// scenario() and runScenario(): one test per shell, the same inputs run on
// Node and the script, the outcomes checked to agree; and the checks most
// scenarios make of the agreed outcome.
import { AsyncLocalStorage } from "node:async_hooks";
import { expect, it } from "vitest";
import { type Backend, DASH, FULL_MATRIX, NODE, compactOf, otherShells } from "./backends";
import { type LogEvent, messages } from "./log-events";
import { type Outcome, type RunSpec, runOnce } from "./run-once";

export interface ScenarioOptions {
  /**
   * Also run on every other installed shell: for scenario(), a test of its
   * own for each; for runScenario() outside one, in the same test. The whole
   * matrix (FULL_MATRIX) turns this on for every scenario.
   */
  allShells?: boolean;
}

/** The shell of the scenario() test running now, and the compact build under it (allShells scenarios). */
const scenarioShell = new AsyncLocalStorage<{ shell: Backend; compact: Backend | undefined }>();
/**
 * One test per shell the scenario runs on (dash, and with allShells or the
 * whole matrix every other shell that can run the runner), titled
 * `TITLE [shell=NAME]`; runScenario() inside runs Node and that shell.
 */
export function scenario(title: string, body: () => Promise<void>, options: ScenarioOptions = {}): void {
  const shells = options.allShells || FULL_MATRIX ? [DASH, ...otherShells()] : [DASH];
  const compact = options.allShells === true;
  for (const shell of shells) it(`${title} [shell=${shell.name}]`, () => scenarioShell.run({ shell, compact: compact ? compactOf(shell) : undefined }, body));
}

/** A scenario's agreed outcome: what every backend gave, checked to be the same. */
export interface Scenario {
  status: number | null;
  stdout: string;
  stderr: string;
  events: LogEvent[];
  node: Outcome;
  /** The script's run (text log) under the test's shell, or the first of the backends asked for. */
  shell: Outcome;
  runs: Outcome[];
}

function summary(o: Outcome) {
  return { status: o.status, stdout: o.stdout, stderr: o.stderr, events: o.events };
}

/** What runScenario runs: Node's text run first, then the script's runs. */
function plan(options: ScenarioOptions & { backends?: Backend[] }): [Backend, "text" | "json"][] {
  if (options.backends) return [NODE, ...options.backends].map((b) => [b, "text"]);
  const store = scenarioShell.getStore();
  const shell = store?.shell;
  if (shell && options.allShells !== undefined) throw new Error("inside scenario(), say allShells to scenario() (it makes one test per shell), not to runScenario()");
  const plain: [Backend, "text" | "json"][] = [
    [NODE, "text"],
    [shell ?? DASH, "text"],
  ];
  // The JSON log format is the same code on every shell: dash proves it.
  if ((shell ?? DASH) === DASH) plain.push([NODE, "json"], [DASH, "json"]);
  if (store?.compact) plain.push([store.compact, "text"]);
  if (!shell && (options.allShells || FULL_MATRIX)) for (const b of otherShells()) plain.push([b, "text"]);
  return plain;
}

/**
 * Runs `spec` on Node and the script, at once (the compact build after
 * them), and checks they agree:
 * same exit status, same job stdout and stderr, same log events. Inside
 * scenario(): Node and the test's shell (dash: in both log formats).
 * Outside: Node and dash in both formats, and every other shell when asked
 * (in the same test). `backends`: Node and these instead (text format),
 * e.g. a per-target script under its stand-in shell.
 */
export async function runScenario(spec: RunSpec, options: ScenarioOptions & { backends?: Backend[] } = {}): Promise<Scenario> {
  // The compact build runs after the others, not beside them: two cores, and
  // the stopping scenarios time what they run.
  const compact = scenarioShell.getStore()?.compact;
  const planned = plan(options);
  const together = planned.filter(([b]) => b !== compact);
  const runs = await Promise.all(together.map(([b, f]) => runOnce(b, f, spec)));
  for (const [b, f] of planned.filter(([b]) => b === compact)) runs.push(await runOnce(b, f, spec));
  const node = runs[0]!;
  for (const run of runs) {
    expect(run.signal, `${run.backend} (${run.format}) died of a signal`).toBeNull();
  }
  for (const run of runs.slice(1)) {
    expect(summary(run), `${run.backend} (${run.format} log) differs from node (text log)`).toEqual(summary(node));
  }
  return { status: node.status, stdout: node.stdout, stderr: node.stderr, events: node.events, node, shell: runs[1]!, runs };
}
/** The last event, which must be "job finished" with this status and exit code. */
export function expectFinished(s: Scenario, status: string, exitCode: number): void {
  expect(s.status).toBe(exitCode);
  const last = s.events[s.events.length - 1];
  expect(last, "the last event").toEqual({
    level: "INFO",
    message: "job finished",
    fields: { status, exit_code: String(exitCode), duration_ms: "<ms>" },
  });
}

/** The first ERROR event's message (fails when there is none). */
export function errorMessage(s: Scenario): string {
  const found = s.events.find((e) => e.level === "ERROR");
  expect(found, `no ERROR event in ${JSON.stringify(messages(s))}`).toBeDefined();
  return found!.message;
}
