// What passes through the runner as data (contract sections 1, 3 and 5):
// values full of shell syntax reach the job byte for byte and are never
// evaluated; secrets are masked (***) in the job's output and the runner's
// own lines; the job's output is streamed line by line, large output and
// any bytes arrive intact. Both backends, compared as in harness.ts.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { eventOf, expectFinished, jobFile, jobRepo, repo, runScenario, scenario, tempDir } from "./harness";

/** A value that any shell evaluation would change, or use to run commands; each line tagged. */
function nasty(tag: string): string {
  return (
    `${tag} $(touch "$SCENARIO_OUT/pwned-${tag}-dollar") \`touch "$SCENARIO_OUT/pwned-${tag}-tick"\` ` +
    `'single' "double" ; touch "$SCENARIO_OUT/pwned-${tag}-semi" \\ \\n $HOME * ~ %s %n ${"$"}{x:-y}\n` +
    `${tag} second line\twith a tab & | > <`
  );
}

/** A YAML double-quoted scalar (the subset's escapes: \\ \" \n \t). */
function yamlQuoted(value: string): string {
  return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n").replaceAll("\t", "\\t")}"`;
}

/** A job that leaves each named variable's value in $SCENARIO_OUT/NAME, byte for byte. */
function dumpJob(names: string[]): string {
  return `#!/bin/sh\n${names.map((n) => `printf '%s' "$${n}" >"$SCENARIO_OUT/${n}"\n`).join("")}echo dumped\n`;
}

function readOut(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), "latin1")]));
}

describe.concurrent("values are data", () => {
  // Each pair passed at once, not appended one at a time (set -- "$@" PAIR
  // was quadratic: 11,000 pairs took dash 15 s and bash 70 s to start the job).
  scenario("11,000 env entries reach the job, the last one as written", async () => {
    const entries = Array.from({ length: 11_000 }, (_, k) => `  BULK_${k}: 'value ${k} $(x) ''q'''\n`).join("");
    const r = jobRepo("#!/bin/sh\nenv | grep -c '^BULK_'\nprintf '%s\\n' \"$BULK_10999\"\n");
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head, `env:\n${entries}`) });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("11000\nvalue 10999 $(x) 'q'\n");
  });

  scenario("env, secrets, the secrets file and the runner's environment reach the job byte for byte, never evaluated", async () => {
    const names = ["FROM_ENV", "FROM_SECRET", "FROM_SECRETS_FILE", "FROM_RUNNER", "SINGLE", "BLOCK"];
    const r = jobRepo(dumpJob(names));
    const block = "first $(line)\n  indented `x`\nlast;\n";
    const s = await runScenario({
      job: jobFile(
        r.fileUrl,
        r.head,
        `env:\n  FROM_ENV: ${yamlQuoted(nasty("env"))}\n  SINGLE: 'it''s $(not) run'\n` +
          `secrets:\n  FROM_SECRET: ${yamlQuoted(nasty("secret"))}\n  BLOCK: |\n    first $(line)\n      indented \`x\`\n    last;\n`,
      ),
      secrets: `FROM_SECRETS_FILE: ${yamlQuoted(nasty("file"))}\n`,
      env: { FROM_RUNNER: nasty("runner") },
      inspect: (d) => readOut(d.out),
    });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("dumped\n");
    const want = {
      FROM_ENV: nasty("env"),
      FROM_SECRET: nasty("secret"),
      FROM_SECRETS_FILE: nasty("file"),
      FROM_RUNNER: nasty("runner"),
      SINGLE: "it's $(not) run",
      BLOCK: block,
    };
    for (const run of s.runs) expect(run.inspected, run.backend).toEqual(want);
  });

  scenario("a job id full of shell syntax is logged quoted, the same in text and JSON, and reaches the job", async () => {
    const id = `build $(touch "$SCENARIO_OUT/pwned") \`id\` 'q' "dq" ; \\ =x`;
    const r = jobRepo(dumpJob(["SOLSTICE_JOB_ID"]));
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env: { SOLSTICE_JOB_ID: id }, inspect: (d) => readOut(d.out) });
    expectFinished(s, "success", 0);
    expect(eventOf(s, "job context read").fields.job_id).toBe(id);
    for (const run of s.runs) expect(run.inspected, run.backend).toEqual({ SOLSTICE_JOB_ID: id });
  });

  scenario("a repository path with spaces, quotes and $(...) is fetched as it is", async () => {
    const r = repo({ name: `it's a "repo" $(touch pwned) ;x`, files: { ".solstice/job.sh": { content: "#!/bin/sh\necho fetched\n", executable: true } } });
    const url = `file://${r.path}`;
    const s = await runScenario({ job: `repo_url: ${yamlQuoted(url)}\ncommit_sha: ${r.head}\n`, inspect: (d) => readdirSync(d.dir).sort() });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("fetched\n");
    expect(eventOf(s, "fetching repository").fields.repo_url).toBe(url);
    expect(existsSync(join(r.root, "pwned"))).toBe(false);
    for (const run of s.runs) expect(run.inspected, run.backend).toEqual(["home", "job.yaml", "out", "tmp", "work"]);
  });
});

describe.concurrent("secrets are masked", () => {
  scenario(
    "secrets of the job file and of the secrets file are masked in the job's stdout and stderr",
    async () => {
      const r = jobRepo('#!/bin/sh\necho "token=$API_TOKEN; key=$DEPLOY_KEY."\necho "err $API_TOKEN$DEPLOY_KEY" >&2\necho \'literal tok-1234-secret too\'\n');
      const s = await runScenario({
        job: jobFile(r.fileUrl, r.head, "secrets:\n  API_TOKEN: tok-1234-secret\n"),
        secrets: "DEPLOY_KEY: 'dk-$(9876)'\n",
      });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("token=***; key=***.\nliteral *** too\n");
      expect(s.stderr).toBe("err ******\n");
    },
    { allShells: true },
  );

  scenario("a multi-line secret is masked whole and line by line", async () => {
    const r = jobRepo('#!/bin/sh\nprintf "%s\\n" "$SSH_KEY"\necho "middle: line-two-of-key."\n');
    const s = await runScenario({
      job: jobFile(r.fileUrl, r.head, "secrets:\n  SSH_KEY: |\n    -----BEGIN KEY-----\n    line-two-of-key\n    abc\n    -----END KEY-----\n"),
    });
    expectFinished(s, "success", 0);
    // "abc" is under 4 characters: that one line is not masked on its own.
    expect(s.stdout).toBe("***\n***\nabc\n***\n\nmiddle: ***.\n");
  });

  scenario("a secret shorter than 4 characters is not masked, and the warning names it but not its value", async () => {
    const r = jobRepo('#!/bin/sh\necho "pin=$PIN"\n');
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head, "secrets:\n  PIN: x9z\n") });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("pin=x9z\n");
    const warning = eventOf(s, "secret is shorter than 4 characters and is not masked");
    expect(warning).toEqual({ level: "WARN", message: "secret is shorter than 4 characters and is not masked", fields: { secret: "PIN" } });
    expect(s.node.stderrLines.join("\n")).not.toContain("x9z");
  });

  scenario("when one secret contains another, the longer is masked whole", async () => {
    const r = jobRepo('#!/bin/sh\necho "$OUTER / $INNER"\n');
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head, "secrets:\n  INNER: pass\n  OUTER: my-pass-word\n") });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("*** / ***\n");
  });

  scenario("a secret the job writes in pieces, with pauses, is still masked", async () => {
    const r = jobRepo("#!/bin/sh\nprintf 'before sec'\nsleep 0.2\nprintf 'ret-val'\nsleep 0.2\nprintf 'ue after\\n'\n");
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head, "secrets:\n  S: secret-value\n") });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("before *** after\n");
  });

  scenario("secrets are masked in the runner's own log lines", async () => {
    const r = jobRepo('#!/bin/sh\necho "id: $SOLSTICE_JOB_ID"\n');
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head, "job_id: deploy-hunter22-prod\nsecrets:\n  PW: hunter22\n") });
    expectFinished(s, "success", 0);
    expect(eventOf(s, "job context read").fields.job_id).toBe("deploy-***-prod");
    expect(s.stdout).toBe("id: deploy-***-prod\n");
    for (const run of s.runs) expect(run.stderrLines.join("\n")).not.toContain("hunter22");
  });

  scenario("the runner token is masked and kept from the job", async () => {
    const r = jobRepo('#!/bin/sh\necho "token: ${SOLSTICE_RUNNER_TOKEN-not set}"\necho "typed: rt-0123456789"\n');
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head), env: { SOLSTICE_RUNNER_TOKEN: "rt-0123456789" } });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("token: not set\ntyped: ***\n");
  });

  scenario("a UTF-8 secret is masked, the text around it intact", async () => {
    const r = jobRepo('#!/bin/sh\necho "ü→$PW←ü"\n');
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head, "secrets:\n  PW: pässwörd-€\n") });
    expectFinished(s, "success", 0);
    expect(Buffer.from(s.stdout, "latin1").toString("utf8")).toBe("ü→***←ü\n");
  });
});

describe.concurrent("output", () => {
  scenario(
    "the job's stdout and stderr lines arrive as it writes them, not when it ends",
    async () => {
      // The job waits (up to 20 s) for a file the test makes only once it has
      // seen the job's first line: held-back output would make it wait in vain.
      const wait = (file: string) =>
        `i=0\nwhile [ ! -e "$SCENARIO_OUT/${file}" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done\n` +
        `if [ -e "$SCENARIO_OUT/${file}" ]; then echo "released by ${file}"; else echo "never released by ${file}"; fi\n`;
      const r = jobRepo(`#!/bin/sh\necho "first out"\n${wait("go-out")}echo "first err" >&2\n${wait("go-err")}`);
      const release = (file: string, line: string) => (chunk: string, d: { out: string }) => {
        if (chunk.includes(line) && !existsSync(join(d.out, file))) writeFileSync(join(d.out, file), "");
      };
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head), onStdout: release("go-out", "first out\n"), onStderr: release("go-err", "first err\n") });
      expectFinished(s, "success", 0);
      expect(s.stdout).toBe("first out\nreleased by go-out\nreleased by go-err\n");
      expect(s.stderr).toBe("first err\n");
      for (const run of s.runs) expect(run.firstStdoutBeforeExitMs, run.backend).toBeGreaterThan(0);
    },
    { allShells: true },
  );

  scenario("with an awk that has no fflush() (as illumos' nawk), lines still arrive as the job writes them [awk=nawk-simulated]", async () => {
    // A stand-in awk: any program calling fflush is a syntax error, as on
    // nawk; anything else runs on the BWK awk, nawk's relative.
    const bin = tempDir("no-fflush-awk");
    const log = join(bin, "programs.log");
    writeFileSync(
      join(bin, "awk"),
      `#!/bin/sh
for arg in "$@"; do printf '%s\n---\n' "$arg" >>"${log}"; done
` +
        `case "$*" in *fflush*) echo "awk: calling undefined function fflush" >&2; exit 2 ;; esac
exec original-awk "$@"
`,
      { mode: 0o755 },
    );
    const wait = `i=0\nwhile [ ! -e "$SCENARIO_OUT/go" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done\n`;
    const r = jobRepo(`#!/bin/sh\necho "first out"\n${wait}echo "after the release"\n`);
    const s = await runScenario({
      job: jobFile(r.fileUrl, r.head, "secrets:\n  TOKEN: masked-in-the-output\n"),
      env: { PATH: `${bin}:${process.env.PATH}` },
      onStdout: (chunk, d) => {
        if (chunk.includes("first out\n") && !existsSync(join(d.out, "go"))) writeFileSync(join(d.out, "go"), "");
      },
    });
    expectFinished(s, "success", 0);
    expect(s.stdout).toBe("first out\nafter the release\n");
    for (const run of s.runs) expect(run.firstStdoutBeforeExitMs, run.backend).toBeGreaterThan(0);
    // The sh build asked, was refused, and flushed with system("") instead.
    const programs = readFileSync(log, "utf8");
    expect(programs).toContain("BEGIN { fflush() }");
    expect(programs).toContain('system("")');
  });

  scenario("5 MB of output passes intact, in order", async () => {
    const r = jobRepo(
      '#!/bin/sh\nawk \'BEGIN { for (i = 0; i < 55000; i++) printf "line %06d %s\\n", i, "abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz0123456789-abcdefghij" }\'\necho done >&2\n',
    );
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head, "secrets:\n  S: not-in-the-output\n") });
    expectFinished(s, "success", 0);
    let want = "";
    for (let i = 0; i < 55000; i++) want += `line ${String(i).padStart(6, "0")} abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz0123456789-abcdefghij\n`;
    expect(want.length).toBeGreaterThan(5_000_000);
    expect(s.stdout.length).toBe(want.length);
    expect(s.stdout === want).toBe(true);
    expect(s.stderr).toBe("done\n");
  });

  scenario("a 1 MB line, and a last line without a newline (which gets one)", async () => {
    const r = jobRepo(
      '#!/bin/sh\nawk \'BEGIN { for (i = 0; i < 16384; i++) printf "%s", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"; printf "\\n" }\'\nprintf \'no newline at the end\'\n',
    );
    const s = await runScenario({ job: jobFile(r.fileUrl, r.head) });
    expectFinished(s, "success", 0);
    expect(s.stdout === `${"0123456789abcdef".repeat(4 * 16384)}\nno newline at the end\n`).toBe(true);
  });

  scenario(
    "UTF-8 text, invalid UTF-8, carriage returns and control bytes pass through intact",
    async () => {
      const r = jobRepo(
        "#!/bin/sh\nprintf 'h\\303\\251llo w\\303\\266rld \\342\\234\\223 \\346\\227\\245\\346\\234\\254 \\360\\237\\216\\211\\n'\n" +
          "printf 'invalid \\377\\376 bytes\\n'\nprintf 'progress 10%%\\rprogress 100%%\\n'\nprintf 'bell \\007 escape \\033[31mred\\033[0m\\n' >&2\n",
      );
      const s = await runScenario({ job: jobFile(r.fileUrl, r.head) });
      expectFinished(s, "success", 0);
      const bytes = Buffer.from(s.stdout, "latin1");
      expect(bytes.toString("utf8").split("\n")[0]).toBe("héllo wörld ✓ 日本 🎉");
      expect(s.stdout.split("\n")[1]).toBe("invalid \xff\xfe bytes");
      expect(s.stdout.split("\n")[2]).toBe("progress 10%\rprogress 100%");
      expect(s.stderr).toBe("bell \x07 escape \x1b[31mred\x1b[0m\n");
    },
    { allShells: true },
  );
});
