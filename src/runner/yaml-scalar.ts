// Scalars of the job-file YAML subset (contract section 2): plain,
// 'single-quoted' and "double-quoted" values that start and end on one line.
//
// Every function here works on one line's text, and a line may be long (a
// base64 secret). In sh, startsWith/endsWith/includes/indexOf, split, and
// slice(k) to the end are single native pattern operations; charAt and a
// slice(a, b) that keeps a short head of a long string cost time quadratic
// in its length on mksh and posh. So long text is classified with startsWith,
// cut with split and slice(k), and charAt only touches short pieces.
//
// Error texts never quote the value: it may be a secret.
import { byteAt0, charFromByte, hasControlBytes } from "@solstice/std";

export interface ScalarResult {
  ok: boolean;
  value: string;
  error: string;
}

// Bytes YAML forbids in a stream (c-printable), as far as a byte view can
// tell: C0 controls except tab and line breaks, and DEL. Carriage return is
// here too: readLines keeps the CR of a CRLF line, and yaml.ts strips that
// one before asking; any other CR sits inside a line.
const CONTROL_BYTES = "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0d\x0e\x0f" + "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f";
const HEX_DIGITS = "0123456789abcdefABCDEF";
const HEX_UPPER = "0123456789ABCDEF";
const SUPPORTED_ESCAPES = '\\\\ \\" \\n \\t \\r \\xXX and \\uXXXX';

function scalarOk(value: string): ScalarResult {
  return { ok: true, value: value, error: "" };
}

function scalarFail(error: string): ScalarResult {
  return { ok: false, value: "", error: error };
}

/** The first forbidden control byte in `text` (its code), or -1 if none. */
export function firstControlByte(text: string): number {
  // One pattern match for the usual line; the loop only names the byte.
  if (!hasControlBytes(text)) {
    return -1;
  }
  for (let k = 0; k < CONTROL_BYTES.length; k++) {
    if (text.includes(CONTROL_BYTES[k])) {
      return byteAt0(CONTROL_BYTES[k]);
    }
  }
  return -1;
}

/** `code` (0..255) as "0xNN", for messages about bytes that cannot be shown. */
export function hexByte(code: number): string {
  return "0x" + HEX_UPPER.charAt(Math.trunc(code / 16)) + HEX_UPPER.charAt(code % 16);
}

export function isBlank(c: string): boolean {
  return c === " " || c === "\t";
}

export function startsWithBlank(text: string): boolean {
  return text.startsWith(" ") || text.startsWith("\t");
}

/** `text` without leading spaces and tabs. */
export function stripBlanks(text: string): string {
  let out = text;
  while (startsWithBlank(out)) {
    out = out.slice(1);
  }
  return out;
}

/**
 * `text` without trailing spaces and tabs. Not String.trim: under Node that
 * also strips U+00A0, which in our byte view is the last byte of some UTF-8
 * characters (e.g. "\xC3\xA0"), and sh would not strip it.
 */
export function trimBlanksEnd(text: string): string {
  let out = text;
  while (out.endsWith(" ") || out.endsWith("\t")) {
    out = out.slice(0, out.length - 1);
  }
  return out;
}

/** True for "" or blanks, optionally followed by a # comment. */
export function isBlankOrComment(text: string): boolean {
  const rest = stripBlanks(text);
  return rest === "" || rest.startsWith("#");
}

/**
 * What may follow a scalar or a block header on its line: nothing, or
 * blanks and a comment. YAML needs a blank before the `#`.
 */
export function isCleanEnd(text: string): boolean {
  return text === "" || (startsWithBlank(text) && isBlankOrComment(text));
}

/** The value of `digits` read as hex, or -1 if it is not all hex digits. */
function hexValue(digits: string): number {
  if (digits === "") {
    return -1;
  }
  let value = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = HEX_DIGITS.indexOf(digits.charAt(i));
    if (d < 0) {
      return -1;
    }
    if (d >= 16) {
      d -= 6;
    }
    value = value * 16 + d;
  }
  return value;
}

/** The UTF-8 bytes of code point `cp` (1..0x10FFFF, not a surrogate). */
function utf8(cp: number): string {
  if (cp < 0x80) {
    return charFromByte(cp);
  }
  if (cp < 0x800) {
    return charFromByte(0xc0 + Math.trunc(cp / 64)) + charFromByte(0x80 + (cp % 64));
  }
  if (cp < 0x10000) {
    return charFromByte(0xe0 + Math.trunc(cp / 4096)) + charFromByte(0x80 + (Math.trunc(cp / 64) % 64)) + charFromByte(0x80 + (cp % 64));
  }
  return (
    charFromByte(0xf0 + Math.trunc(cp / 262144)) +
    charFromByte(0x80 + (Math.trunc(cp / 4096) % 64)) +
    charFromByte(0x80 + (Math.trunc(cp / 64) % 64)) +
    charFromByte(0x80 + (cp % 64))
  );
}

function nulError(how: string): string {
  return `${how} in a double-quoted value is a NUL byte, which environment variables ` + "and sh strings cannot hold; remove it";
}

function escapeName(c: string): string {
  const code = byteAt0(c);
  if (code > 32 && code < 127) {
    return "\\" + c;
  }
  return `a backslash followed by byte ${hexByte(code)}`;
}

interface EscapeResult {
  ok: boolean;
  error: string;
  /** The bytes the escape stands for. */
  value: string;
  /** Index of the part that holds the text after the escape. */
  at: number;
  /** That text: the part without the escape. */
  rest: string;
}

function escapeOk(value: string, at: number, rest: string): EscapeResult {
  return { ok: true, error: "", value: value, at: at, rest: rest };
}

function escapeFail(error: string): EscapeResult {
  return { ok: false, error: error, value: "", at: 0, rest: "" };
}

/**
 * The escape at the start of parts[k], where `parts` is a double-quoted
 * value split at its backslashes. An escaped backslash shows up as an empty
 * part: the next separator is the escaped byte, so all of parts[k + 1] is
 * plain text. \xXX and \uXXXX are code points, as YAML defines them, and
 * become UTF-8 ("\xE9" is the two bytes of U+00E9), as YAML libraries do.
 */
function decodeEscape(parts: string[], k: number): EscapeResult {
  const part = parts[k];
  if (part === "") {
    if (k + 1 >= parts.length) {
      return escapeFail("a backslash at the end of the line (a line continuation) is not supported; " + "keep a double-quoted value on one line, or use a | block scalar");
    }
    return escapeOk("\\", k + 1, parts[k + 1]);
  }
  const esc = part.charAt(0);
  switch (esc) {
    case '"':
      return escapeOk('"', k, part.slice(1));
    case "n":
      return escapeOk("\n", k, part.slice(1));
    case "t":
      return escapeOk("\t", k, part.slice(1));
    case "r":
      return escapeOk("\r", k, part.slice(1));
    case "0":
      return escapeFail(nulError("\\0"));
    case "x":
    case "u":
      break;
    default:
      return escapeFail(`unsupported escape ${escapeName(esc)} in a double-quoted value; ` + `the supported escapes are ${SUPPORTED_ESCAPES}`);
  }
  const width = esc === "x" ? 2 : 4;
  const digits = part.length > width ? part.slice(1, 1 + width) : "";
  let cp = hexValue(digits);
  if (cp < 0) {
    return escapeFail(`\\${esc} in a double-quoted value must be followed by exactly ${String(width)} hex digits`);
  }
  if (cp === 0) {
    return escapeFail(nulError(`\\${esc}${digits}`));
  }
  if (cp >= 0xdc00 && cp <= 0xdfff) {
    return escapeFail(`\\u${digits} is a lone low surrogate, not a character; ` + "write the character as \\uXXXX of its code point, or as UTF-8 text");
  }
  if (cp < 0xd800 || cp > 0xdbff) {
    return escapeOk(utf8(cp), k, part.slice(1 + width));
  }
  // JSON writes characters beyond U+FFFF as a surrogate pair: \uD83D\uDE00.
  const next = part.length === 5 && k + 1 < parts.length ? parts[k + 1] : "";
  const low = next.startsWith("u") && next.length >= 5 ? hexValue(next.slice(1, 5)) : -1;
  if (low < 0xdc00 || low > 0xdfff) {
    return escapeFail(`\\u${digits} is a high surrogate without a following \\uDC00-\\uDFFF; ` + "write the pair in full, or the character as UTF-8 text");
  }
  cp = 0x10000 + (cp - 0xd800) * 1024 + (low - 0xdc00);
  return escapeOk(utf8(cp), k + 1, next.slice(5));
}

/** A "double-quoted" value; `text` starts at the opening quote. */
export function parseDoubleQuoted(text: string): ScalarResult {
  const parts = text.slice(1).split("\\");
  let out = "";
  let k = 0;
  let rest = parts[0];
  while (true) {
    const quote = rest.indexOf('"');
    if (quote >= 0) {
      let after = rest.slice(quote + 1);
      for (let j = k + 1; j < parts.length; j++) {
        after += "\\" + parts[j];
      }
      if (!isCleanEnd(after)) {
        return scalarFail('unexpected text after the closing "; only a comment (" # ...") may follow a quoted value');
      }
      return scalarOk(out + rest.slice(0, quote));
    }
    out += rest;
    k++;
    if (k >= parts.length) {
      return scalarFail(
        'the double-quoted value has no closing " on this line; a quoted value must end on ' + "the line it starts on (write a line break as \\n, or use a | block scalar)",
      );
    }
    const escape = decodeEscape(parts, k);
    if (!escape.ok) {
      return scalarFail(escape.error);
    }
    out += escape.value;
    k = escape.at;
    rest = escape.rest;
  }
}

/**
 * A 'single-quoted' value; `text` starts at the opening quote. Split at the
 * quotes, an empty part between two separators is a doubled quote ('').
 */
export function parseSingleQuoted(text: string): ScalarResult {
  const parts = text.slice(1).split("'");
  let out = parts[0];
  let k = 1;
  while (k < parts.length) {
    if (parts[k] === "" && k + 1 < parts.length) {
      out += "'" + parts[k + 1];
      k += 2;
      continue;
    }
    if (!isCleanEnd(parts.slice(k).join("'"))) {
      return scalarFail('unexpected text after the closing \'; only a comment (" # ...") may follow a quoted ' + "value (write a quote inside it as '')");
    }
    return scalarOk(out);
  }
  return scalarFail(
    "the single-quoted value has no closing ' on this line; a quoted value must end on " + "the line it starts on (write a quote inside it as '', or use a | block scalar)",
  );
}

/**
 * A plain value; `text` starts at its first byte, which the caller has
 * checked is no YAML indicator. YAML ends it at " #" or tab-# (a comment)
 * and drops trailing blanks.
 */
export function parsePlain(text: string): ScalarResult {
  let end = text.length;
  const hashAfterSpace = text.indexOf(" #");
  if (hashAfterSpace >= 0) {
    end = hashAfterSpace;
  }
  const hashAfterTab = text.indexOf("\t#");
  if (hashAfterTab >= 0 && hashAfterTab < end) {
    end = hashAfterTab;
  }
  const value = trimBlanksEnd(text.slice(0, end));
  if (value.includes(": ") || value.includes(":\t") || value.endsWith(":")) {
    return scalarFail('a plain value cannot contain ": " or end with ":" (YAML would read a nested mapping); ' + "put the value in quotes");
  }
  return scalarOk(value);
}
