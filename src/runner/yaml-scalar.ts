// Scalars of the job-file YAML subset (contract section 2): plain,
// 'single-quoted' and "double-quoted" values that start and end on one line.
//
// Every function here works on one line's text. Long values (a base64 key on
// one line) are cut with indexOf/slice, never walked a byte at a time,
// because a byte walk is quadratic in the sh backend.
//
// Error texts never quote the value: it may be a secret.
import { byteAt0, charFromByte } from "@solstice/std";

export interface ScalarResult {
  ok: boolean;
  value: string;
  error: string;
}

// Bytes YAML forbids in a stream (c-printable), as far as a byte view can
// tell: C0 controls except tab and line breaks, and DEL. Carriage return is
// here too: readLines keeps the CR of a CRLF line, and yaml.ts strips that
// one before asking; any other CR sits inside a line.
const CONTROL_BYTES =
  "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0d\x0e\x0f" +
  "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f";
const HEX_DIGITS = "0123456789abcdefABCDEF";
const HEX_UPPER = "0123456789ABCDEF";
const SUPPORTED_ESCAPES = "\\\\ \\\" \\n \\t \\r \\xXX and \\uXXXX";

function scalarOk(value: string): ScalarResult {
  return { ok: true, value: value, error: "" };
}

function scalarFail(error: string): ScalarResult {
  return { ok: false, value: "", error: error };
}

/** The first forbidden control byte in `text` (its code), or -1 if none. */
export function firstControlByte(text: string): number {
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

/** The index of the first byte at or after `from` that is not a space or tab. */
export function skipBlanks(text: string, from: number): number {
  let i = from;
  while (i < text.length && isBlank(text.charAt(i))) {
    i++;
  }
  return i;
}

/**
 * `text` without trailing spaces and tabs. Not String.trim: under Node that
 * also strips U+00A0, which in our byte view is the last byte of some UTF-8
 * characters (e.g. "\xC3\xA0"), and sh would not strip it.
 */
export function trimBlanksEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isBlank(text.charAt(end - 1))) {
    end--;
  }
  return text.slice(0, end);
}

/** True for "" or blanks, optionally followed by a # comment. */
export function isBlankOrComment(text: string): boolean {
  const i = skipBlanks(text, 0);
  return i === text.length || text.charAt(i) === "#";
}

/**
 * What may follow a scalar or a block header on its line: nothing, or
 * blanks and a comment. YAML needs a blank before the `#`.
 */
export function isCleanEnd(text: string): boolean {
  return text === "" || (isBlank(text.charAt(0)) && isBlankOrComment(text));
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
    return (
      charFromByte(0xe0 + Math.trunc(cp / 4096)) +
      charFromByte(0x80 + (Math.trunc(cp / 64) % 64)) +
      charFromByte(0x80 + (cp % 64))
    );
  }
  return (
    charFromByte(0xf0 + Math.trunc(cp / 262144)) +
    charFromByte(0x80 + (Math.trunc(cp / 4096) % 64)) +
    charFromByte(0x80 + (Math.trunc(cp / 64) % 64)) +
    charFromByte(0x80 + (cp % 64))
  );
}

function nulError(how: string): string {
  return (
    `${how} in a double-quoted value is a NUL byte, which environment variables ` +
    "and sh strings cannot hold; remove it"
  );
}

function escapeName(c: string): string {
  const code = byteAt0(c);
  if (code > 32 && code < 127) {
    return "\\" + c;
  }
  return `a backslash followed by byte ${hexByte(code)}`;
}

/**
 * A "double-quoted" value; `text` starts at the opening quote. \xXX and
 * \uXXXX are code points, as YAML defines them, so they become UTF-8 bytes
 * ("\xE9" is the two bytes of U+00E9), matching what YAML libraries produce.
 */
export function parseDoubleQuoted(text: string): ScalarResult {
  let out = "";
  let pos = 1;
  while (true) {
    const quote = text.indexOf('"', pos);
    const slash = text.indexOf("\\", pos);
    if (quote < 0 && slash < 0) {
      return scalarFail(
        'the double-quoted value has no closing " on this line; a quoted value must end on ' +
          "the line it starts on (write a line break as \\n, or use a | block scalar)",
      );
    }
    if (slash < 0 || (quote >= 0 && quote < slash)) {
      if (!isCleanEnd(text.slice(quote + 1))) {
        return scalarFail(
          'unexpected text after the closing "; only a comment (" # ...") may follow a quoted value',
        );
      }
      return scalarOk(out + text.slice(pos, quote));
    }
    out += text.slice(pos, slash);
    const esc = text.charAt(slash + 1);
    pos = slash + 2;
    if (esc === "x" || esc === "u") {
      const width = esc === "x" ? 2 : 4;
      let cp = hexValue(text.slice(pos, pos + width));
      if (cp < 0 || pos + width > text.length) {
        return scalarFail(
          `\\${esc} in a double-quoted value must be followed by exactly ${String(width)} hex digits`,
        );
      }
      pos += width;
      if (cp === 0) {
        return scalarFail(nulError(`\\${esc}${esc === "x" ? "00" : "0000"}`));
      }
      if (cp >= 0xdc00 && cp <= 0xdfff) {
        return scalarFail(
          "\\u" + text.slice(pos - 4, pos) + " is a lone low surrogate, not a character; " +
            "write the character as \\uXXXX of its code point, or as UTF-8 text",
        );
      }
      if (cp >= 0xd800 && cp <= 0xdbff) {
        // JSON writes characters beyond U+FFFF as a surrogate pair.
        const low = text.slice(pos, pos + 2) === "\\u" ? hexValue(text.slice(pos + 2, pos + 6)) : -1;
        if (low < 0xdc00 || low > 0xdfff) {
          return scalarFail(
            "\\u" + text.slice(pos - 4, pos) + " is a high surrogate without a following " +
              "\\uDC00-\\uDFFF; write the pair in full, or the character as UTF-8 text",
          );
        }
        cp = 0x10000 + (cp - 0xd800) * 1024 + (low - 0xdc00);
        pos += 6;
      }
      out += utf8(cp);
      continue;
    }
    switch (esc) {
      case "\\":
        out += "\\";
        break;
      case '"':
        out += '"';
        break;
      case "n":
        out += "\n";
        break;
      case "t":
        out += "\t";
        break;
      case "r":
        out += "\r";
        break;
      case "0":
        return scalarFail(nulError("\\0"));
      case "":
        return scalarFail(
          "a backslash at the end of the line (a line continuation) is not supported; " +
            "keep a double-quoted value on one line, or use a | block scalar",
        );
      default:
        return scalarFail(
          `unsupported escape ${escapeName(esc)} in a double-quoted value; ` +
            `the supported escapes are ${SUPPORTED_ESCAPES}`,
        );
    }
  }
}

/** A 'single-quoted' value; `text` starts at the opening quote. */
export function parseSingleQuoted(text: string): ScalarResult {
  let out = "";
  let pos = 1;
  while (true) {
    const quote = text.indexOf("'", pos);
    if (quote < 0) {
      return scalarFail(
        "the single-quoted value has no closing ' on this line; a quoted value must end on " +
          "the line it starts on (write a quote inside it as '', or use a | block scalar)",
      );
    }
    if (text.charAt(quote + 1) === "'") {
      out += text.slice(pos, quote + 1);
      pos = quote + 2;
      continue;
    }
    if (!isCleanEnd(text.slice(quote + 1))) {
      return scalarFail(
        "unexpected text after the closing '; only a comment (\" # ...\") may follow a quoted " +
          "value (write a quote inside it as '')",
      );
    }
    return scalarOk(out + text.slice(pos, quote));
  }
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
    return scalarFail(
      'a plain value cannot contain ": " or end with ":" (YAML would read a nested mapping); ' +
        "put the value in quotes",
    );
  }
  return scalarOk(value);
}
