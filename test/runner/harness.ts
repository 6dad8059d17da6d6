// Runs solstice-runner on its backends — the Node executable and the
// generated sh script under each shell — with one scenario's inputs, and
// compares what comes out: exit status, the job's stdout and stderr, and the
// runner's log events (parsed; timestamps and durations aside).
//
//   const s = await runScenario({ job: `repo_url: ${url}\ncommit_sha: ${sha}\n` });
//   expect(s.status).toBe(0);            // the same on every backend (checked)
//   expect(s.stdout).toBe("hello\n");
//
// A scenario is one test per shell it runs on, titled `TITLE [shell=NAME]`
// (the convention scripts/compat-table.mjs reads to build docs/compat.md):
//
//   scenario("the job's exit code is the runner's", async () => {
//     const s = await runScenario({ job: … });   // Node, and this test's shell
//   }, { allShells: true });
//
// The dash test runs Node and dash in the text and the JSON log format; the
// test of another shell runs Node and that shell (text). A scenario runs on
// dash only, unless it says allShells (the key ones) or the whole matrix is
// asked for: SOLSTICE_TEST_ALL_SHELLS=1. An allShells
// scenario's test also runs the compact build (compile --compact, made by
// `make compact` into dist/) under its shell, which must agree as well.
//
// Every run gets its own directory RUN (written {{RUN}} in inputs and in the
// normalised outputs): RUN/job.yaml, RUN/secrets.yaml, RUN/work (the
// workspace), RUN/home (HOME), RUN/out (SCENARIO_OUT, for jobs to leave
// files in), RUN/tmp (TMPDIR, which must be empty again afterwards).
//
// The parts: backends.ts (which builds and shells), run-once.ts (one run),
// log-events.ts (the log parsed), scenario.ts (scenarios and their checks),
// fixtures.ts (repositories, temp dirs, job files).
export * from "./backends";
export * from "./fixtures";
export * from "./log-events";
export * from "./run-once";
export * from "./scenario";
