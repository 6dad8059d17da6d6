// The runner's log as events: a text or JSON log line parsed (the JSON
// line's shape checked against the contract), timestamps and durations
// normalised so that runs compare.
import { expect } from "vitest";

export interface LogEvent {
  level: string;
  message: string;
  /** Values as text; duration_ms is "<ms>" (checked to be a number first). */
  fields: Record<string, string>;
}

const TEXT_EVENT = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{6})?Z) (ERROR| WARN| INFO|DEBUG|TRACE) solstice_runner: (.*)$/s;
const FIELD = / ([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|[^ "]+)/y;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{6})?Z$/;

function parseFields(text: string, start: number): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  let pos = start;
  while (pos < text.length) {
    FIELD.lastIndex = pos;
    const m = FIELD.exec(text);
    if (!m) return undefined;
    fields[m[1]!] = m[2]!.startsWith('"') ? (JSON.parse(m[2]!) as string) : m[2]!;
    pos = FIELD.lastIndex;
  }
  return fields;
}

function normaliseFields(fields: Record<string, string>, line: string): Record<string, string> {
  const out = { ...fields };
  if ("duration_ms" in out) {
    expect(out.duration_ms, `duration_ms in: ${line}`).toMatch(/^\d+$/);
    out.duration_ms = "<ms>";
  }
  return out;
}

/** git and curl put elapsed times into their messages ("after 0 ms"). */
function normaliseMessage(text: string): string {
  return text.replace(/after \d+ ms/g, "after <n> ms");
}

/** A text-format line as an event; undefined for a line that is not one. */
export function parseTextEvent(line: string): LogEvent | undefined {
  const m = TEXT_EVENT.exec(line);
  if (!m) return undefined;
  const rest = m[3]!;
  // The message ends where the rest of the line parses as fields.
  for (let i = 0; i <= rest.length; i++) {
    if (i < rest.length && rest[i] !== " ") continue;
    const fields = parseFields(rest, i);
    if (fields) {
      return {
        level: m[2]!.trim(),
        message: normaliseMessage(rest.slice(0, i)),
        fields: mapValues(normaliseFields(fields, line), normaliseMessage),
      };
    }
  }
  throw new Error(`unparsable log line: ${line}`);
}

function mapValues(r: Record<string, string>, f: (v: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, f(v)]));
}

/**
 * A JSON-format line as an event, checking the contract's shape
 * {"timestamp","level","fields":{"message",...},"target":"solstice_runner"};
 * undefined for a line that does not start as a JSON object (job output).
 */
export function parseJsonEvent(line: string): LogEvent | undefined {
  if (!line.startsWith('{"')) return undefined;
  // The line must be valid JSON as UTF-8 text too, not only as bytes.
  expect(() => JSON.parse(Buffer.from(line, "latin1").toString("utf8")), line).not.toThrow();
  const value = JSON.parse(line) as Record<string, unknown>;
  expect(Object.keys(value), line).toEqual(["timestamp", "level", "fields", "target"]);
  expect(value.timestamp, line).toMatch(TIMESTAMP);
  expect(["ERROR", "WARN", "INFO", "DEBUG", "TRACE"], line).toContain(value.level);
  expect(value.target, line).toBe("solstice_runner");
  const fields = value.fields as Record<string, unknown>;
  expect(Object.keys(fields)[0], line).toBe("message");
  const text: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (k === "message") continue;
    expect(["string", "number"], `${k} in ${line}`).toContain(typeof v);
    if (typeof v === "number") expect(Number.isInteger(v), line).toBe(true);
    text[k] = String(v);
  }
  expect(typeof fields.message, line).toBe("string");
  return {
    level: value.level as string,
    message: normaliseMessage(fields.message as string),
    fields: mapValues(normaliseFields(text, line), normaliseMessage),
  };
}
/** The messages of the events, in order. */
export function messages(s: { events: LogEvent[] }): string[] {
  return s.events.map((e) => e.message);
}

/** The one event with this message (fails when there is none). */
export function eventOf(s: { events: LogEvent[] }, message: string): LogEvent {
  const found = s.events.find((e) => e.message === message);
  expect(found, `no "${message}" event in ${JSON.stringify(messages(s))}`).toBeDefined();
  return found!;
}
