// The runner's own log (contract section 6): one event a line on stderr, in
// the shape of Rust tracing-subscriber's default format, or as JSON. The
// message and every field value that can hold input are masked before the
// line is formatted (an escaped secret would no longer match); the runner's
// own vocabulary (level, target, field names, event names, status words,
// numbers it computes) is never masked, so a secret that equals one of its
// words cannot garble the log.
import { allBytesIn, env, hasControlBytes, hasEnv, maskLine, printErr, readClock, stderrIsTerminal, toInteger, utf8Lossy, withMasks } from "@solstice/std";

export interface LogField {
  key: string;
  value: string;
  /** Printed bare (and as a JSON number): integers only. */
  numeric: boolean;
  /** The value is a clock reading (millis); the field shows the time since then, from the event's own reading. */
  elapsed: boolean;
  /** One of the runner's own words (a status, an entry name), never input: not masked. */
  word: boolean;
}

export interface Logger {
  /** "text" or "json". */
  format: string;
  /** The most verbose level printed: 1 error … 5 trace. */
  threshold: number;
  color: boolean;
  /** Values replaced by *** in every line, longest first. */
  masks: string[];
}

const LEVELS = ["ERROR", "WARN", "INFO", "DEBUG", "TRACE"];
// tracing-subscriber's colours: red, yellow, green, blue, purple.
const COLORS = ["31", "33", "32", "34", "35"];
const ESC = "\x1b";

export function str(key: string, value: string): LogField {
  return { key: key, value: value, numeric: false, elapsed: false, word: false };
}

/** A field whose value is the runner's own word (a status, a step kind), not input: never masked. */
export function word(key: string, value: string): LogField {
  return { key: key, value: value, numeric: false, elapsed: false, word: true };
}

export function num(key: string, value: number): LogField {
  return { key: key, value: `${value}`, numeric: true, elapsed: false, word: false };
}

/** Milliseconds from `startMillis` (what a log call returned) to this event. */
export function since(key: string, startMillis: number): LogField {
  return { key: key, value: `${startMillis}`, numeric: true, elapsed: true, word: false };
}

/** 1..5 for error..trace; 0 for anything else. */
export function levelNumber(name: string): number {
  const names = ["error", "warn", "info", "debug", "trace"];
  for (let i = 0; i < names.length; i++) {
    if (names[i] === name) return i + 1;
  }
  return 0;
}

export function makeLogger(format: string, level: string, masks: string[]): Logger {
  const threshold = levelNumber(level);
  const color = format === "text" && stderrIsTerminal() && !hasEnv("NO_COLOR");
  return { format: format, threshold: threshold === 0 ? 3 : threshold, color: color, masks: masks };
}

/** The logger used before the context is read: text, info, from the environment where it says so. */
export function earlyLogger(): Logger {
  const format = env("SOLSTICE_LOG_FORMAT") === "json" ? "json" : "text";
  const level = levelNumber(env("SOLSTICE_LOG_LEVEL")) === 0 ? "info" : env("SOLSTICE_LOG_LEVEL");
  return makeLogger(format, level, []);
}

/**
 * Add values to mask, keeping the longest first so a secret inside another
 * never splits it (withMasks: one call for a whole list, one awk in sh).
 */
export function addMasks(log: Logger, values: string[]): void {
  if (values.length > 0) log.masks = withMasks(log.masks, values);
}

// The control bytes 0x01..0x1f, then DEL: the bytes JSON and the text
// format escape. NUL never reaches a portable string.
const CONTROLS = "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f";
const HEX = "0123456789abcdef";

function escapeControls(text: string): string {
  let out = text.replaceAll("\n", "\\n").replaceAll("\r", "\\r").replaceAll("\t", "\\t");
  for (let i = 0; i < CONTROLS.length; i++) {
    const c = CONTROLS.charAt(i);
    if (!out.includes(c)) continue;
    const code = i === CONTROLS.length - 1 ? 127 : i + 1;
    out = out.replaceAll(c, `\\u00${HEX.charAt(Math.trunc(code / 16))}${HEX.charAt(code % 16)}`);
  }
  return out;
}

/** A string as a JSON string literal; bytes from 0x80 up pass through (formatEvent makes the line valid UTF-8). */
export function jsonString(text: string): string {
  let out = text;
  if (out.includes("\\")) out = out.replaceAll("\\", "\\\\");
  if (out.includes('"')) out = out.replaceAll('"', '\\"');
  if (hasControlBytes(out)) out = escapeControls(out);
  return `"${out}"`;
}

/** A field value in the text format: bare, or quoted when it has spaces, quotes or control bytes. */
export function textValue(field: LogField): string {
  if (field.numeric) return field.value;
  const value = field.value;
  const needsQuotes = value === "" || value.includes(" ") || value.includes('"') || value.includes("=") || value.includes("\\") || hasControlBytes(value);
  return needsQuotes ? jsonString(value) : value;
}

export function formatEvent(log: Logger, level: number, message: string, fields: LogField[], when: string): string {
  const name = LEVELS[level - 1];
  if (log.format === "json") {
    let out = `{"timestamp":${jsonString(when)},"level":"${name}","fields":{"message":${jsonString(message)}`;
    for (const field of fields) out += `,${jsonString(field.key)}:${field.numeric ? field.value : jsonString(field.value)}`;
    out += `},"target":"solstice_runner"}`;
    // Valid UTF-8 whatever bytes the input had: each ill-formed part becomes
    // U+FFFD (contract, Logs). With its control bytes escaped, a line of
    // printable ASCII needs no closer look (in sh, utf8Lossy is a process).
    return allBytesIn(out, " -~") ? out : utf8Lossy(out);
  }
  let label = name.length < 5 ? ` ${name}` : name;
  if (log.color) label = `${ESC}[${COLORS[level - 1]}m${label}${ESC}[0m`;
  // A newline or control byte in a message (an input quoted in an error)
  // must not start a line of its own that reads as another event.
  let out = `${when} ${label} solstice_runner: ${hasControlBytes(message) ? escapeControls(message) : message}`;
  for (const field of fields) out += ` ${field.key}=${textValue(field)}`;
  return out;
}

/**
 * Print the event if its level is enabled; either way, return the clock
 * reading it was stamped with (milliseconds since the runner started), so
 * callers measure durations from one event to another without reading the
 * clock twice (in sh every reading is a process).
 */
export function logEvent(log: Logger, level: number, message: string, fields: LogField[]): number {
  return logAt(log, level, level <= log.threshold, message, fields);
}

/** The last event, `job finished`: printed at every log level. */
export function logFinal(log: Logger, message: string, fields: LogField[]): number {
  return logAt(log, 3, true, message, fields);
}

function logAt(log: Logger, level: number, enabled: boolean, message: string, fields: LogField[]): number {
  const clock = readClock();
  if (!enabled) return clock.millis;
  for (const field of fields) {
    if (field.elapsed) {
      field.value = `${clock.millis - toInteger(field.value)}`;
      field.elapsed = false;
    }
  }
  const masked: LogField[] = [];
  for (const field of fields) {
    const value = field.numeric || field.word ? field.value : maskLine(field.value, log.masks);
    masked.push({ key: field.key, value: value, numeric: field.numeric, elapsed: false, word: field.word });
  }
  const text = EVENT_NAMES.includes(message) ? message : maskLine(message, log.masks);
  printErr(formatEvent(log, level, text, masked, clock.timestamp));
  return clock.millis;
}

/** The runner's fixed event messages: its vocabulary, printed as they are. Any other message may hold input and is masked. */
const EVENT_NAMES = [
  "job context read",
  "fetching repository",
  "repository fetched",
  "reusing the existing checkout",
  "replacing the existing checkout",
  "fetch failed, retrying",
  "running the job",
  "step started",
  "step finished",
  "running workflow job",
  "step summary",
  "job finished",
  "the runner got a stop signal; the job was stopped",
];

export function logError(log: Logger, message: string, fields: LogField[]): number {
  return logEvent(log, 1, message, fields);
}

export function logWarn(log: Logger, message: string, fields: LogField[]): number {
  return logEvent(log, 2, message, fields);
}

export function logInfo(log: Logger, message: string, fields: LogField[]): number {
  return logEvent(log, 3, message, fields);
}

export function logDebug(log: Logger, message: string, fields: LogField[]): number {
  return logEvent(log, 4, message, fields);
}
