// What the final status is made of, read from the runner's own log events
// as they are printed (contract section 6: text or JSON): the commit from
// "job context read", each step from "step finished", the ending from "job
// finished", the message from the last error. The Node build and the relay
// read the same lines this way, so both report the same status.
import { STATUS_NAMES, STATUS_TEXT } from "./stream-enums";
import { type JobStatusMessage } from "./stream-sender";

export interface RunnerEvent {
  level: string;
  message: string;
  fields: Map<string, string>;
}

const TEXT_EVENT = /^\S+ +(ERROR|WARN|INFO|DEBUG|TRACE) solstice_runner: (.*)$/;
// Strip tracing-subscriber's colours, when the console is a terminal.
const COLOR = /\x1b\[[0-9;]*m/g;

/** One text-format field value: bare up to a space, or a JSON string. */
function textFields(rest: string): { message: string; fields: Map<string, string> } {
  const fields = new Map<string, string>();
  const fieldStart = / ([A-Za-z_][A-Za-z0-9_]*)=/g;
  // The message ends where the fields begin: the last run of key=value pairs that parses to the end.
  let best = rest.length;
  let parsed = new Map<string, string>();
  for (let match = fieldStart.exec(rest); match; match = fieldStart.exec(rest)) {
    const attempt = parseFields(rest.slice(match.index));
    if (attempt) {
      best = match.index;
      parsed = attempt;
      break;
    }
  }
  for (const [k, v] of parsed) fields.set(k, v);
  return { message: rest.slice(0, best), fields };
}

function parseFields(text: string): Map<string, string> | undefined {
  const fields = new Map<string, string>();
  let at = 0;
  while (at < text.length) {
    const key = /^ ([A-Za-z_][A-Za-z0-9_]*)=/.exec(text.slice(at));
    if (!key) return undefined;
    at += key[0].length;
    if (text[at] === '"') {
      let end = at + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      if (end >= text.length) return undefined;
      try {
        fields.set(key[1]!, JSON.parse(text.slice(at, end + 1)) as string);
      } catch {
        return undefined;
      }
      at = end + 1;
    } else {
      const end = text.indexOf(" ", at);
      const stop = end < 0 ? text.length : end;
      fields.set(key[1]!, text.slice(at, stop));
      at = stop;
    }
  }
  return fields;
}

/** A runner log line as an event, or undefined for anything else (usage text, a shell's complaint). */
export function parseRunnerLine(line: string): RunnerEvent | undefined {
  if (line.startsWith("{")) {
    try {
      const json = JSON.parse(line) as { level?: string; fields?: Record<string, unknown>; target?: string };
      if (json.target !== "solstice_runner" || !json.fields || typeof json.level !== "string") return undefined;
      const fields = new Map<string, string>();
      for (const [k, v] of Object.entries(json.fields)) if (k !== "message") fields.set(k, String(v));
      return { level: json.level, message: String(json.fields.message ?? ""), fields };
    } catch {
      return undefined;
    }
  }
  const text = TEXT_EVENT.exec(line.includes("\x1b") ? line.replace(COLOR, "") : line);
  if (!text) return undefined;
  const { message, fields } = textFields(text[2]!);
  return { level: text[1]!, message, fields };
}

function statusNumber(name: string | undefined): number {
  return name !== undefined && name in STATUS_NAMES ? STATUS_NAMES[name]! : 0;
}

/** Exit code → status, for a run whose "job finished" event was not printed (a quieter log level). */
function statusFromExit(code: number): number {
  if (code === 0) return STATUS_NAMES.success!;
  if (code === 124) return STATUS_NAMES.timed_out!;
  if (code > 128 && code < 160) return STATUS_NAMES.cancelled!;
  if (code >= 64 && code <= 78) return STATUS_NAMES.error!;
  return STATUS_NAMES.failure!;
}

export class RunSummary {
  commitSha = "";
  startedAtUs = 0;
  finishedAtUs = 0;
  steps: JobStatusMessage["steps"] = [];
  status = 0;
  exitCode = -1;
  lastError = "";
  /** The step the runner is in, as its events say ("" outside steps). */
  private inStep = "";

  /** The step the runner is in, as its events say ("" outside steps). */
  currentStep(): string {
    return this.inStep;
  }

  /** The run has ended: its "job finished" event was seen. */
  finished(): boolean {
    return this.status !== 0;
  }

  /**
   * Read one runner line printed at `timeUs`; returns the step it belongs
   * to by the events: "step started" opens one, "step finished" closes it
   * after itself.
   */
  observe(line: string, timeUs: number): string {
    if (this.startedAtUs === 0) this.startedAtUs = timeUs;
    this.finishedAtUs = timeUs;
    const event = parseRunnerLine(line);
    if (!event) return this.inStep;
    if (event.level === "ERROR") this.lastError = event.message;
    if (event.message === "job context read") this.commitSha = event.fields.get("commit") ?? "";
    if (event.message === "step started") this.inStep = event.fields.get("step") ?? "";
    const step = this.inStep;
    if (event.message === "step finished") {
      const code = Number(event.fields.get("exit_code") ?? "0");
      this.steps.push({ name: event.fields.get("step") ?? "", status: code === 0 ? 1 : 2, exit_code: code, duration_ms: Number(event.fields.get("duration_ms") ?? "0") });
      this.inStep = "";
    }
    if (event.message === "job finished") {
      this.status = statusNumber(event.fields.get("status"));
      this.exitCode = Number(event.fields.get("exit_code") ?? "-1");
    }
    return step;
  }

  /** The JobStatus; `exitCode` is the runner's own, used when no "job finished" was seen. */
  message(runId: string, lastSeq: number, exitCode: number): JobStatusMessage {
    const code = this.exitCode >= 0 ? this.exitCode : exitCode;
    const status = this.status !== 0 ? this.status : statusFromExit(code);
    // The last step of a run that timed out or was stopped ended that way.
    const steps = this.steps.map((s) => ({ ...s }));
    const last = steps[steps.length - 1];
    if (last && (status === STATUS_NAMES.timed_out || status === STATUS_NAMES.cancelled)) last.status = status;
    return {
      run_id: runId,
      status,
      exit_code: code,
      commit_sha: this.commitSha,
      started_at_us: this.startedAtUs,
      finished_at_us: this.finishedAtUs,
      steps,
      message: status === STATUS_NAMES.error ? this.lastError : "",
      last_seq: lastSeq,
    };
  }
}

export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? `${status}`;
}
