// The runner's hand-written protobuf (src/std/stream-codec.ts) against the
// protocol's one source: docs/runner.proto as @grpc/proto-loader (protobufjs)
// reads it. Every message the runner sends decodes there to what was meant,
// and what the sink decodes by hand is what protobufjs encoded.
import { describe, expect, it } from "vitest";
import { decodeLastSeq, decodeLogEvent, encodeJobStatus, encodeLogEvent, encodeResumeRequest, logEventHead, logLineSize, writeLogLine } from "../src/std/stream-codec";
import { runnerService } from "../src/std/stream-proto";

const service = runnerService();
const numbers = [0, 1, 127, 128, 255, 16383, 16384, 2 ** 28 - 1, 2 ** 28, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 35 + 5, Date.now() * 1000, Number.MAX_SAFE_INTEGER];

describe("LogEvent", () => {
  it("encodes what protobufjs decodes, for every varint width, empty and non-UTF-8 fields", () => {
    for (const n of numbers) {
      const data = Buffer.from([0xff, 0x00, 0x0a, 0x41, 0xe9]);
      const bytes = encodeLogEvent(Buffer.from("run-\u00e9", "utf8"), { seq: n, timestampUs: n, stream: 2, step: Buffer.from("build step", "utf8"), data });
      expect(service.StreamLogs!.requestDeserialize(bytes)).toEqual({ run_id: "run-\u00e9", seq: n, timestamp_us: n, stream: 2, step: "build step", data });
    }
    const empty = encodeLogEvent(Buffer.alloc(0), { seq: 1, timestampUs: 0, stream: 0, step: Buffer.alloc(0), data: "" });
    expect(service.StreamLogs!.requestDeserialize(empty)).toEqual({ run_id: "", seq: 1, timestamp_us: 0, stream: 0, step: "", data: Buffer.alloc(0) });
    // A line as a byte string (one byte per character) is sent as those bytes.
    const line = encodeLogEvent(Buffer.from("r"), { seq: 2, timestampUs: 3, stream: 1, step: Buffer.alloc(0), data: "caf\u00c3\u00a9 \u00ff" });
    expect((service.StreamLogs!.requestDeserialize(line) as { data: Buffer }).data).toEqual(Buffer.from("caf\u00c3\u00a9 \u00ff", "latin1"));
  });

  it("a chunk's lines, each its shared head, seq and data, decode to the same events", () => {
    const long = "x".repeat(200) + "\u00ff";
    const text = `one\n\ncaf\u00c3\u00a9\n${long}\n`;
    for (const [runId, step] of [
      ["run-1", "build"],
      ["", ""],
      ["r".repeat(80), "s".repeat(70)],
    ] as const) {
      const head = logEventHead(Buffer.from(runId), 2 ** 50 + 3, 2, Buffer.from(step));
      let from = 0;
      for (const [i, line] of ["one", "", "caf\u00c3\u00a9", long].entries()) {
        const seq = [1, 127, 128, 2 ** 40][i]!;
        const size = logLineSize(head, seq, line.length);
        const out = Buffer.alloc(size + 2, 0xee);
        writeLogLine(out, 1, head, seq, text, from, from + line.length);
        from += line.length + 1;
        expect(out[0]).toBe(0xee);
        expect(out[size + 1]).toBe(0xee);
        const expected = { run_id: runId, seq, timestamp_us: 2 ** 50 + 3, stream: 2, step, data: Buffer.from(line, "latin1") };
        expect(service.StreamLogs!.requestDeserialize(out.subarray(1, size + 1))).toEqual(expected);
        expect(decodeLogEvent(out.subarray(1, size + 1))).toEqual(expected);
      }
    }
  });

  it("decodes (in the sink) what protobufjs encodes, skipping fields it does not know", () => {
    for (const n of numbers) {
      const event = { run_id: "run-\u00e9", seq: n, timestamp_us: n, stream: 3, step: "s\u2603", data: Buffer.from([0, 1, 0xfe]) };
      expect(decodeLogEvent(service.StreamLogs!.requestSerialize(event))).toEqual(event);
    }
    const unknown = Buffer.concat([Buffer.from([0x78, 0x05, 0x82, 0x01, 0x02, 0x61, 0x62]), service.StreamLogs!.requestSerialize({ seq: 7 })]);
    expect(decodeLogEvent(unknown)).toMatchObject({ seq: 7, run_id: "" });
    expect(() => decodeLogEvent(Buffer.from([0x32, 0x05, 0x61]))).toThrow(/truncated/);
  });
});

describe("the other messages", () => {
  it("ResumeRequest and JobStatus encode what protobufjs decodes", () => {
    expect(service.GetResumePoint!.requestDeserialize(encodeResumeRequest("run \u2603"))).toEqual({ run_id: "run \u2603" });
    const status = {
      run_id: "r1",
      status: 2,
      exit_code: 3,
      commit_sha: "a".repeat(40),
      started_at_us: Date.now() * 1000,
      finished_at_us: Date.now() * 1000 + 5,
      steps: [
        { name: "build", status: 1, exit_code: 0, duration_ms: 12 },
        { name: "", status: 0, exit_code: 0, duration_ms: 0 },
        { name: "neg", status: 5, exit_code: -1, duration_ms: 2 ** 40 },
      ],
      message: "it went \u2603",
      last_seq: 2 ** 33,
    };
    expect(service.ReportStatus!.requestDeserialize(encodeJobStatus(status))).toEqual(status);
    expect(service.ReportStatus!.requestDeserialize(encodeJobStatus({ ...status, steps: [], message: "", exit_code: 0 }))).toEqual({
      ...status,
      steps: [],
      message: "",
      exit_code: 0,
    });
  });

  it("ResumePoint and StreamLogsReply decode to protobufjs's last_seq", () => {
    for (const n of numbers) {
      expect(decodeLastSeq(service.GetResumePoint!.responseSerialize({ last_seq: n }))).toBe(n);
      expect(decodeLastSeq(service.StreamLogs!.responseSerialize({ last_seq: n }))).toBe(n);
    }
    expect(decodeLastSeq(Buffer.alloc(0))).toBe(0);
  });
});
