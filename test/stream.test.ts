// Log streaming and the final status over gRPC (contract section 9), against
// real servers on loopback: the sink (solstice-runner sink, its own
// process) and, where a server must misbehave, a bare grpc-js server here.
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { afterAll, describe, expect, it } from "vitest";
import { runnerService } from "../src/std/stream-proto";
import { availableShells } from "./support/shells";
import { downServerUrl } from "./support/git-fixtures";
import {
  ROOT,
  SCRIPT,
  cleanupAll,
  jobRepo,
  runRelay,
  runRunner,
  startRunner,
  startSink,
  storedEvents,
  storedLog,
  storedStatus,
  streamingWarnings,
  tempDir,
  unframed,
} from "./stream/support";

afterAll(cleanupAll);

/**
 * The console as far as the stream goes: up to `job finished`, the run's
 * last event (contract section 9). After it only a warning about a retry
 * may follow, printed while the log is delivered (the sink was down or, on
 * two busy cores, slow to answer): the console's alone, and never a loss.
 */
function streamedPart(consoleText: string): string {
  const lines = consoleText.split("\n");
  const end = lines.findIndex((l) => / INFO solstice_runner: job finished /.test(l)) + 1;
  expect(end).toBeGreaterThan(0);
  const after = lines.slice(end).filter((l) => l !== "");
  expect(after.filter((l) => streamingWarnings(l).length === 0 || /did not complete|cut short/.test(l))).toEqual([]);
  return lines.slice(0, end).join("\n") + "\n";
}

/** A bare grpc-js server that accepts every call and never answers StreamLogs or ReportStatus (nor reads the stream). */
async function neverAcknowledging(): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server();
  server.addService(runnerService(), {
    GetResumePoint: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => callback(null, { last_seq: 0 }),
    // Never reads, never replies: http/2 flow control holds the runner back.
    StreamLogs: () => {},
    ReportStatus: () => {},
  });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  return { server, port };
}

const FULL_MATRIX = process.env.CI === "true" || process.env.SOLSTICE_TEST_ALL_SHELLS === "1";
const SECRET = "hunter2-very-secret";
const TOKEN = "tok-0123456789abcdef";

const JOB = ["#!/bin/sh", "echo 'first line'", `echo "the secret is $API_KEY" >&2`, "printf 'no newline at the end'", "echo", "echo 'caf\u00e9 \u2603'", "exit 3", ""].join("\n");
const JOB_FILE = `secrets:\n  API_KEY: ${SECRET}\n`;

/** Every file the sink wrote, as one string. */
function everythingStored(dir: string): string {
  let all = "";
  for (const run of readdirSync(dir)) for (const file of readdirSync(join(dir, run))) all += readFileSync(join(dir, run, file), "latin1");
  return all;
}

/**
 * Each stream's lines in order, with their step (clock readings blanked):
 * how the job's stdout and stderr interleave is up to the scheduler, on
 * either build.
 */
function perStream(dir: string, runId: string): Record<string, string[]> {
  const lines = storedLog(dir, runId).split("\n");
  const out: Record<string, string[]> = {};
  storedEvents(dir, runId).forEach((e, i) => (out[e.stream] ??= []).push(`${e.step}|${timeless(lines[i]!)}`));
  return out;
}

/** A log line with its clock readings and durations blanked, to compare two runs. */
function timeless(log: string): string {
  return log
    .replace(/^\S+Z /gm, "T ")
    .replace(/duration_ms=\d+/g, "duration_ms=D")
    .replace(/workdir=\S+/g, "workdir=W");
}

describe("the Node build streams to the sink", () => {
  it("stores exactly the console's lines, masked, with seqs 1..n, the step name and the status", async () => {
    const repo = jobRepo(JOB);
    const sink = await startSink(tempDir("sink"));
    const run = await runRunner({ repo, runId: "node-1", job: JOB_FILE, env: { SOLSTICE_ORCHESTRATOR_ADDR: `127.0.0.1:${sink.port}`, SOLSTICE_RUNNER_TOKEN: TOKEN } });
    expect(run.status).toBe(3);
    expect(run.console).toContain("the secret is ***");
    expect(storedLog(sink.dir, "node-1")).toBe(run.console);
    const events = storedEvents(sink.dir, "node-1");
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.stream === "stdout").map((e) => e.step)).toEqual(["job.sh", "job.sh", "job.sh"]);
    expect(events.filter((e) => e.stream === "stderr").map((e) => e.step)).toEqual(["job.sh"]);
    const status = storedStatus(sink.dir, "node-1")!;
    expect(status).toMatchObject({ run_id: "node-1", status: "failure", exit_code: 3, commit_sha: repo.head, last_seq: events.length });
    expect(status.steps).toMatchObject([{ name: "job.sh", status: "failure", exit_code: 3 }]);
    expect(sink.output()).toMatch(/run node-1: failure exit_code=3 events=\d+/);
    // Neither the job's secret nor the runner's token is in anything the sink keeps.
    expect(everythingStored(sink.dir)).not.toContain(SECRET);
    expect(everythingStored(sink.dir)).not.toContain(TOKEN);
    await sink.stop();
  });

  it("a job that prints nothing: the runner's events and a success", async () => {
    const repo = jobRepo("#!/bin/sh\nexit 0\n");
    const sink = await startSink(tempDir("sink"));
    const run = await runRunner({ repo, runId: "quiet", env: { SOLSTICE_ORCHESTRATOR_ADDR: `127.0.0.1:${sink.port}`, SOLSTICE_LOG_FORMAT: "json" } });
    expect(run.status).toBe(0);
    expect(storedLog(sink.dir, "quiet")).toBe(run.console);
    expect(storedStatus(sink.dir, "quiet")).toMatchObject({ status: "success", exit_code: 0 });
    await sink.stop();
  });
});

describe("the runner's own gRPC client (node:http2) with a grpc-js server", () => {
  it("a bare grpc-js RunnerService gets every event in order, its resume point honoured, and the status", async () => {
    const received: { run_id: string; seq: number; stream: number; step: string; data: Buffer }[] = [];
    const reports: Record<string, unknown>[] = [];
    const tokens = new Set<string>();
    const server = new grpc.Server();
    server.addService(runnerService(), {
      // What it holds so far (the runner asks again after each StreamLogs call).
      GetResumePoint: (call: grpc.ServerUnaryCall<{ run_id: string }, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        tokens.add(String(call.metadata.get("authorization")[0]));
        callback(null, { last_seq: received.length });
      },
      StreamLogs: (call: grpc.ServerReadableStream<(typeof received)[number], unknown>, callback: grpc.sendUnaryData<unknown>) => {
        call.on("data", (event: (typeof received)[number]) => {
          if (event.seq === received.length + 1) received.push(event);
        });
        call.on("end", () => callback(null, { last_seq: received.length }));
      },
      ReportStatus: (call: grpc.ServerUnaryCall<Record<string, unknown>, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        reports.push(call.request);
        callback(null, {});
      },
    });
    const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
    const repo = jobRepo("#!/bin/sh\nseq 1 30000\necho done >&2\n");
    const run = await runRunner({ repo, runId: "interop", env: { SOLSTICE_ORCHESTRATOR_ADDR: `127.0.0.1:${port}`, SOLSTICE_RUNNER_TOKEN: TOKEN } });
    server.forceShutdown();
    expect(run.status).toBe(0);
    expect(streamingWarnings(run.console)).toEqual([]);
    expect(received.map((e) => e.seq)).toEqual(received.map((_, i) => i + 1));
    expect(received.map((e) => e.data.toString("latin1") + "\n").join("")).toBe(run.console);
    expect(new Set(received.map((e) => e.run_id))).toEqual(new Set(["interop"]));
    expect(received.filter((e) => e.stream === 1).length).toBe(30000);
    expect(received.find((e) => e.stream === 2)).toMatchObject({ step: "job.sh", data: Buffer.from("done") });
    expect(tokens).toEqual(new Set([`Bearer ${TOKEN}`]));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      run_id: "interop",
      status: 1,
      exit_code: 0,
      commit_sha: repo.head,
      last_seq: received.length,
      steps: [{ name: "job.sh", status: 1, exit_code: 0 }],
    });
  }, 120_000);
});

describe("the one-file Node bundle streams (make bundle: no node_modules, the sender thread inside)", () => {
  it("alone in a directory, it gives the sink exactly its console's lines and the status", async () => {
    const dir = tempDir("bundle");
    // No extension, as a guest installs it: the file is the same whatever module format the bundle uses.
    const bundle = join(dir, "alone", "solstice-runner");
    const build = spawnSync(process.execPath, [join(ROOT, "scripts/bundle.mjs"), bundle], { encoding: "utf8" });
    expect(build.status, build.stderr).toBe(0);
    expect(readFileSync(bundle, "latin1")).not.toMatch(/grpc-js|proto-loader|protobufjs/);
    const repo = jobRepo(JOB);
    const sink = await startSink(tempDir("sink"));
    const run = await runRunner({
      repo,
      runId: "bundled",
      job: JOB_FILE,
      argv: [process.execPath, bundle],
      env: { SOLSTICE_ORCHESTRATOR_ADDR: `127.0.0.1:${sink.port}`, SOLSTICE_RUNNER_TOKEN: TOKEN },
    });
    expect(run.status).toBe(3);
    expect(streamingWarnings(run.console)).toEqual([]);
    expect(storedLog(sink.dir, "bundled")).toBe(run.console);
    const events = storedEvents(sink.dir, "bundled");
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(storedStatus(sink.dir, "bundled")).toMatchObject({ run_id: "bundled", status: "failure", exit_code: 3, commit_sha: repo.head, last_seq: events.length });
    expect(everythingStored(sink.dir)).not.toContain(SECRET);
    await sink.stop();
  }, 120_000);
});

describe("nothing lost, nothing twice", () => {
  it("the sink killed and restarted 5 times while the job writes 100,000 lines: 0 lost, 0 duplicated", async () => {
    const repo = jobRepo(
      ["#!/bin/sh", "i=0", "while [ $i -lt 10 ]; do", "  seq $((i * 10000 + 1)) $((i * 10000 + 10000)) | sed 's/^/line /'", "  sleep 0.25", "  i=$((i + 1))", "done", ""].join(
        "\n",
      ),
    );
    const dir = tempDir("sink");
    let sink = await startSink(dir);
    const port = sink.port;
    const running = runRunner({ repo, runId: "restarts", env: { SOLSTICE_ORCHESTRATOR_ADDR: `127.0.0.1:${port}`, SOLSTICE_REPORT_DEADLINE: "110" } });
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 350));
      await sink.stop("SIGKILL");
      await new Promise((r) => setTimeout(r, 100));
      sink = await startSink(dir, port);
    }
    const run = await running;
    expect(run.status).toBe(0);
    const log = storedLog(dir, "restarts");
    const stored = log.split("\n").filter((l) => l.startsWith("line "));
    expect(stored.length).toBe(100000);
    expect(new Set(stored).size).toBe(100000);
    expect(log).toBe(streamedPart(run.console));
    const events = storedEvents(dir, "restarts");
    expect(events.every((e, i) => e.seq === i + 1)).toBe(true);
    expect(storedStatus(dir, "restarts")).toMatchObject({ status: "success", last_seq: events.length });
    await sink.stop();
  }, 180_000);

  // 100 Node processes, each fetching with git, load two cores for a minute
  // or two: the whole count in CI (and when asked), 20 otherwise.
  const RUNNERS = FULL_MATRIX ? 100 : 20;
  it(`${RUNNERS} runners at once into one sink: each log complete`, async () => {
    const repo = jobRepo('#!/bin/sh\nfor i in 1 2 3 4 5 6 7 8 9 10; do echo "$SOLSTICE_JOB_ID line $i"; done\n');
    const sink = await startSink(tempDir("sink"));
    const runs = await Promise.all(
      Array.from({ length: RUNNERS }, (_, i) => runRunner({ repo, runId: `many-${i}`, job: `job_id: job-${i}\n`, env: { SOLSTICE_ORCHESTRATOR_ADDR: `127.0.0.1:${sink.port}` } })),
    );
    runs.forEach((run, i) => {
      expect(run.status).toBe(0);
      expect(storedLog(sink.dir, `many-${i}`)).toBe(streamedPart(run.console));
      expect(
        storedLog(sink.dir, `many-${i}`)
          .split("\n")
          .filter((l) => l.startsWith(`job-${i} line `)).length,
      ).toBe(10);
      expect(storedStatus(sink.dir, `many-${i}`)).toMatchObject({ status: "success" });
    });
    expect(
      sink
        .output()
        .split("\n")
        .filter((l) => l.startsWith("run many-")).length,
    ).toBe(RUNNERS);
    await sink.stop();
  }, 600_000);

  it("a server that accepts but never acknowledges: memory stays bounded and the job ends on time", async () => {
    const { server, port } = await neverAcknowledging();
    const repo = jobRepo("#!/bin/sh\nseq 1 200000 | sed 's/$/ some more text to make each line about sixty bytes long/'\n");
    const run = await runRunner({ repo, runId: "stuck", measureMemory: true, env: { SOLSTICE_ORCHESTRATOR_ADDR: `127.0.0.1:${port}`, SOLSTICE_REPORT_DEADLINE: "4" } });
    server.forceShutdown();
    expect(run.status).toBe(0);
    expect(run.console.split("\n").filter((l) => l.endsWith("sixty bytes long")).length).toBe(200000);
    expect(streamingWarnings(run.console).length).toBe(1);
    expect(streamingWarnings(run.console)[0]).toContain(`127.0.0.1:${port}`);
    // ~13 MB of events went to the spool, not to memory.
    expect(run.peakKb).toBeGreaterThan(0);
    expect(run.peakKb).toBeLessThan(120 * 1024);
    expect(run.ms).toBeLessThan(60_000);
  }, 120_000);

  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
    it(`a stop signal (${signal}) while waiting for a server that never acknowledges: acted on at once, 128+N, a last line saying what was not delivered`, async () => {
      const { server, port } = await neverAcknowledging();
      const repo = jobRepo("#!/bin/sh\nseq 1 1000\n");
      const runner = startRunner({ repo, runId: `stopped-${signal}`, env: { SOLSTICE_ORCHESTRATOR_ADDR: `127.0.0.1:${port}`, SOLSTICE_REPORT_DEADLINE: "60" } });
      const waitingSince = Date.now();
      while (!/job finished status=success/.test(runner.console()) && Date.now() - waitingSince < 60_000) await new Promise((r) => setTimeout(r, 50));
      // Well into the wait for the server.
      await new Promise((r) => setTimeout(r, 500));
      const sent = Date.now();
      runner.child.kill(signal);
      const run = await runner.done;
      const took = Date.now() - sent;
      server.forceShutdown();
      expect(run.status).toBe(128 + constants.signals[signal]);
      const lines = run.console.trimEnd().split("\n");
      expect(lines.filter((l) => l.endsWith("1000"))).toEqual(["1000"]);
      expect(lines.at(-1)).toMatch(new RegExp(`WARN solstice_runner: log streaming to 127\\.0\\.0\\.1:${port} cut short by ${signal}: the server holds 0 of \\d+ log events`));
      expect(lines.at(-2)).toMatch(/job finished status=success exit_code=0/);
      expect(took).toBeLessThan(1000);
    }, 120_000);
  }

  it("a server that is down throughout: output and status unchanged, one warning, exit within the deadline", async () => {
    const repo = jobRepo(JOB);
    const port = new URL(await downServerUrl()).port;
    const plain = await runRunner({ repo, runId: "down", job: JOB_FILE });
    const run = await runRunner({ repo, runId: "down", job: JOB_FILE, env: { SOLSTICE_ORCHESTRATOR_ADDR: `127.0.0.1:${port}`, SOLSTICE_REPORT_DEADLINE: "3" } });
    expect(run.status).toBe(plain.status);
    const warnings = streamingWarnings(run.console);
    expect(warnings.length).toBe(1);
    expect(warnings[0]).toContain(`127.0.0.1:${port}`);
    expect(
      timeless(
        run.console
          .split("\n")
          .filter((l) => !warnings.includes(l))
          .join("\n"),
      ),
    ).toBe(timeless(plain.console));
    expect(run.ms).toBeLessThan(plain.ms + 3000 + 5000);
  }, 120_000);
});

describe("security", () => {
  it("a wrong token: a warning naming the address, the job's result unchanged, no hang", async () => {
    const repo = jobRepo(JOB);
    const sink = await startSink(tempDir("sink"), 0, ["--token", TOKEN]);
    const run = await runRunner({
      repo,
      runId: "wrong-token",
      job: JOB_FILE,
      env: { SOLSTICE_ORCHESTRATOR_ADDR: `127.0.0.1:${sink.port}`, SOLSTICE_RUNNER_TOKEN: "not-the-token", SOLSTICE_REPORT_DEADLINE: "30" },
    });
    expect(run.status).toBe(3);
    const warnings = streamingWarnings(run.console);
    expect(warnings.length).toBe(1);
    expect(warnings[0]).toContain(`127.0.0.1:${sink.port}`);
    expect(warnings[0]).toContain("token");
    expect(run.console).not.toContain("not-the-token");
    expect(run.ms).toBeLessThan(20_000);
    expect(storedLog(sink.dir, "wrong-token")).toBe("");
    await sink.stop();
  }, 120_000);

  it("TLS with a CA made now: the log arrives; a server the CA did not sign gets a warning, not a hang", async () => {
    const dir = tempDir("tls");
    const ssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
    const makeCa = (name: string) => ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.pem`, "-days", "1", "-subj", `/CN=${name}`);
    makeCa("ca");
    makeCa("other-ca");
    ssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
    writeFileSync(join(dir, "san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    ssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "1", "-extfile", "san.ext");
    const sink = await startSink(tempDir("sink"), 0, ["--tls-cert", join(dir, "server.pem"), "--tls-key", join(dir, "server.key"), "--token", TOKEN]);
    const repo = jobRepo(JOB);
    const env = { SOLSTICE_ORCHESTRATOR_ADDR: `127.0.0.1:${sink.port}`, SOLSTICE_RUNNER_TOKEN: TOKEN, SOLSTICE_REPORT_DEADLINE: "20" };
    const run = await runRunner({ repo, runId: "tls", job: JOB_FILE, env: { ...env, SOLSTICE_ORCHESTRATOR_CA: join(dir, "ca.pem") } });
    expect(run.status).toBe(3);
    expect(storedLog(sink.dir, "tls")).toBe(run.console);
    expect(storedStatus(sink.dir, "tls")).toMatchObject({ status: "failure" });
    const wrong = await runRunner({ repo, runId: "tls-wrong", job: JOB_FILE, env: { ...env, SOLSTICE_ORCHESTRATOR_CA: join(dir, "other-ca.pem") } });
    expect(wrong.status).toBe(3);
    const warnings = streamingWarnings(wrong.console);
    expect(warnings.length).toBe(1);
    expect(warnings[0]).toContain(`127.0.0.1:${sink.port}`);
    expect(warnings[0]).toMatch(/TLS|certificate/);
    expect(wrong.ms).toBeLessThan(15_000);
    await sink.stop();
  }, 150_000);
});

describe("the sink", () => {
  it("ignores repeats and refuses a gap with a clear status", async () => {
    const sink = await startSink(tempDir("sink"));
    const Client = grpc.makeGenericClientConstructor(runnerService(), "RunnerService");
    const client = new Client(`127.0.0.1:${sink.port}`, grpc.credentials.createInsecure()) as unknown as Record<string, Function>;
    const send = (seqs: number[]) =>
      new Promise<{ error: grpc.ServiceError | null; reply: { last_seq: number } }>((resolve) => {
        const call = client.StreamLogs!.call(client, (error: grpc.ServiceError | null, reply: { last_seq: number }) => resolve({ error, reply }));
        for (const seq of seqs) call.write({ run_id: "gaps", seq, timestamp_us: 1, stream: 1, step: "", data: Buffer.from(`line ${seq}`) });
        call.end();
      });
    expect((await send([1, 2, 3])).reply.last_seq).toBe(3);
    expect((await send([2, 3, 4])).reply.last_seq).toBe(4);
    const gap = await send([6]);
    expect(gap.error?.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(gap.error?.details).toMatch(/seq 6 arrived where seq 5 was due/);
    expect(storedLog(sink.dir, "gaps")).toBe("line 1\nline 2\nline 3\nline 4\n");
    (client as unknown as grpc.Client).close();
    await sink.stop();
  });
});

const shells = availableShells().filter((s) => s.byteStrings && (FULL_MATRIX || s.name === "dash"));

describe("the sh build, relayed from its framed console", () => {
  for (const shell of shells) {
    it(`gives the sink the same lines and status as the Node build streaming directly [shell=${shell.name}]`, async () => {
      const repo = jobRepo(JOB);
      const sink = await startSink(tempDir("sink"));
      const framing = { SOLSTICE_CONSOLE_FRAMING: "1" };
      const node = await runRunner({ repo, runId: `direct-${shell.name}`, job: JOB_FILE, env: { SOLSTICE_ORCHESTRATOR_ADDR: `127.0.0.1:${sink.port}`, ...framing } });
      const sh = await runRunner({ repo, runId: `relayed-${shell.name}`, job: JOB_FILE, argv: [...shell.argv, SCRIPT], env: framing });
      expect(sh.status).toBe(3);
      // Both builds frame the same way; the Node build streams the lines unframed.
      expect(node.console).toMatch(/^\[sr:direct-\S+:r:1\] /);
      expect(storedLog(sink.dir, `direct-${shell.name}`)).toBe(unframed(node.console));
      const capture = join(tempDir("console"), "console");
      writeFileSync(capture, `[    0.000000] Linux version 6.1 (kernel noise)\ncloud-init: something\n${sh.console}login: `, "latin1");
      const relayed = await runRelay(sink.port, capture);
      expect(relayed.said).toContain("no framed line missing");
      expect(relayed.status).toBe(0);
      expect(storedLog(sink.dir, `relayed-${shell.name}`)).toBe(unframed(sh.console));
      expect(perStream(sink.dir, `relayed-${shell.name}`)).toEqual(perStream(sink.dir, `direct-${shell.name}`));
      const strip = (s: Record<string, unknown>) => ({
        status: s.status,
        exit_code: s.exit_code,
        commit_sha: s.commit_sha,
        last_seq: s.last_seq,
        steps: (s.steps as { name: string; status: string }[]).map((x) => [x.name, x.status]),
      });
      expect(strip(storedStatus(sink.dir, `relayed-${shell.name}`)!)).toEqual(strip(storedStatus(sink.dir, `direct-${shell.name}`)!));
      expect(everythingStored(sink.dir)).not.toContain(SECRET);
      await sink.stop();
    }, 150_000);
  }

  it("the relay says which framed seqs never arrived", async () => {
    const sink = await startSink(tempDir("sink"));
    const lines = [
      "[sr:lossy:r:1] 2026-01-01T00:00:00.000000Z  INFO solstice_runner: step started step=job.sh index=1",
      "[sr:lossy:o1:1] one",
      "[sr:lossy:o1:4] four",
      "[sr:lossy:e1:1] err",
      "[sr:lossy:r:3] 2026-01-01T00:00:01.000000Z  INFO solstice_runner: job finished status=success exit_code=0 duration_ms=5",
    ];
    const capture = join(tempDir("console"), "console");
    writeFileSync(capture, lines.join("\n") + "\n");
    const relayed = await runRelay(sink.port, capture);
    expect(relayed.status).toBe(1);
    expect(relayed.said).toContain("never arrived: o1:2-3 r:2");
    expect(storedLog(sink.dir, "lossy")).toBe(
      "2026-01-01T00:00:00.000000Z  INFO solstice_runner: step started step=job.sh index=1\none\nfour\nerr\n2026-01-01T00:00:01.000000Z  INFO solstice_runner: job finished status=success exit_code=0 duration_ms=5\n",
    );
    expect(storedStatus(sink.dir, "lossy")).toMatchObject({ status: "success", exit_code: 0, last_seq: 5 });
    await sink.stop();
  });
});
