// The differential input fuzzer (issue 10, item 5): generated job files,
// secrets files, runner environments, command lines and workspaces, valid
// and broken (test/runner/input-fuzz.ts), each run through the Node build
// and the sh build, which must agree on the exit status, the job's output,
// the log events and every message's text. As the compiler's fuzzer does
// for programs (test/fuzz.test.ts).
//
//   SOLSTICE_INPUT_FUZZ_RUNS   inputs per run (default 300, issue 10; make fuzz: 2,000)
//   SOLSTICE_INPUT_FUZZ_SEED   the seed (default 1); a failure names it
//   SOLSTICE_INPUT_FUZZ_JOBS   inputs run at once (default 3)
//
// The sh build runs under dash; under CI=true (or SOLSTICE_TEST_ALL_SHELLS=1)
// one input in three also runs under one more shell, taking them in turn. What the
// fuzzer found is kept as fixed cases in input-fuzz-found.test.ts.
import { describe, expect, it } from "vitest";
import { type FuzzInput, generate, random, toSpec, workflowVariants } from "./input-fuzz";
import { gitSync } from "../support/git-fixtures";
import { type Backend, type Outcome, DASH, FULL_MATRIX, NODE, otherShells, repo, runOnce } from "./harness";

const RUNS = Number(process.env.SOLSTICE_INPUT_FUZZ_RUNS ?? "300");
const SEED = Number(process.env.SOLSTICE_INPUT_FUZZ_SEED ?? "1");
const JOBS = Number(process.env.SOLSTICE_INPUT_FUZZ_JOBS ?? "3");
/** SOLSTICE_INPUT_FUZZ_VERBOSE=1: each input's status and error message, as it ends. */
const VERBOSE = process.env.SOLSTICE_INPUT_FUZZ_VERBOSE === "1";
const MORE_SHELLS = FULL_MATRIX || process.env.CI === "true";

/** The job: what it was given, on both streams, and an exit status the job file may set. */
export const FUZZ_JOB = `#!/bin/sh
/usr/bin/env | /bin/grep -a '^FZ_\\|^fz_\\|^_FZ' | LC_ALL=C /usr/bin/sort
echo "pwd=$PWD ci=$CI args=$#"
echo "to stderr: \${FZ_A-unset}" >&2
exit "\${FZ_EXIT:-0}"
`;

function summary(o: Outcome) {
  return { status: o.status, signal: o.signal, stdout: o.stdout, stderr: o.stderr, events: o.events };
}

describe("the input fuzzer: both builds agree on every input", () => {
  it(`${RUNS} generated inputs (seed ${SEED}): the same status, output, events and messages on Node and sh`, async () => {
    // The default branch: job.sh alone. Branch wf: a commit per workflow variant.
    const variants = workflowVariants();
    const r = repo({
      commits: [
        { label: "plain", files: { ".solstice/job.sh": { content: FUZZ_JOB, executable: true } } },
        ...variants.map((text, i) => ({ label: `wf${i}`, branch: "wf", ...(i === 0 ? { from: "plain" } : {}), files: { ".solstice/workflow.kdl": text } })),
      ],
    });
    const targets = {
      url: r.fileUrl,
      head: r.commits.plain!,
      tree: gitSync(["rev-parse", `${r.commits.plain}^{tree}`], { cwd: r.path }),
      workflows: variants.map((_, i) => r.commits[`wf${i}`]!),
    };
    const rand = random(SEED);
    const inputs: FuzzInput[] = Array.from({ length: RUNS }, () => generate(rand, targets));
    const extra = MORE_SHELLS ? otherShells() : [];
    const disagreements: string[] = [];
    /** Per kind of input, how many ended with each status: the inputs reach where they are meant to. */
    const kinds: Record<string, Record<string, number>> = {};
    let next = 0;
    const worker = async () => {
      while (next < inputs.length) {
        const index = next++;
        const input = inputs[index]!;
        const backends: Backend[] = [DASH];
        // One input in three: the other shells in turn (about 100 inputs among them, +1/3 of the time).
        if (extra.length > 0 && index % 3 === 0) backends.push(extra[(index / 3) % extra.length]!);
        const spec = toSpec(input);
        try {
          const [node, ...shells] = await Promise.all([NODE, ...backends].map((b) => runOnce(b, input.format, spec)));
          const statuses = (kinds[input.kind] ??= {});
          statuses[String(node!.status)] = (statuses[String(node!.status)] ?? 0) + 1;
          if (VERBOSE) process.stderr.write(`#${index} ${input.kind} ${node!.status}: ${node!.events.find((e) => e.level === "ERROR")?.message ?? ""}\n`);
          for (const sh of shells) {
            try {
              expect(summary(sh)).toEqual(summary(node!));
            } catch (error) {
              disagreements.push(`input #${index} (seed ${SEED}, ${input.kind}) on ${sh.backend}: ${JSON.stringify(input)}\n${(error as Error).message}`);
            }
          }
        } catch (error) {
          disagreements.push(`input #${index} (seed ${SEED}, ${input.kind}): ${JSON.stringify(input)}\n${(error as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: JOBS }, worker));
    process.stderr.write(`input fuzzer: ${RUNS} inputs, seed ${SEED}; exit statuses by kind of input: ${JSON.stringify(kinds)}\n`);
    expect(disagreements.join("\n\n")).toBe("");
  }, 600_000);
});
