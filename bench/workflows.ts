// Workflows shaped like real Solstice CI ones (runner contract §4), of a
// chosen size, for the parse benchmark and the tests.

function job(k: number): string {
  return `    job id="build-${k}" runs_on="ubuntu-22.04" {
        timeout 3600
        env RUSTFLAGS="-D warnings" CARGO_TERM_COLOR="always"
        setup path=".solstice/setup-linux.sh"
        step name="Format" run="cargo fmt --all -- --check"
        step name="Clippy" run="cargo clippy --workspace --all-targets"
        step name="Test" run="cargo test --workspace" timeout=1800 continue_on_error=#true
        step name="Docs" workdir="docs" shell="bash" {
            env MODE="strict"
            run """
                make html
                make linkcheck
                """
        }
        /- step name="Bench" run="cargo bench"
        step name="Legacy" run=".solstice/job.sh" // the old entry point
        step name="Cleanup" run="rm -rf target/tmp" always=#true
    }
`;
}

/** A workflow of about `bytes` bytes: jobs like the real ones, as many as fit, then a job of short steps to fill up. */
export function workflowText(bytes: number): string {
  let text = `// Solstice CI workflow\nworkflow name="CI" {\n    env RUST_BACKTRACE="1"\n`;
  for (let k = 1; text.length + job(k).length + 2 <= bytes || k === 1; k++) text += job(k);
  let fill = `    job id="checks" runs_on="ubuntu-22.04" {\n`;
  for (let k = 1; text.length + fill.length + 50 <= bytes; k++) fill += `        step name="Check ${k}" run="make check-${k}"\n`;
  return text + fill + "    }\n}\n";
}
