// Backslash escapes of quoted strings, resolved on a string's text after it
// was read (and, for multi-line strings, dedented): the text holds each
// escape as written, whitespace escapes already removed.
import { charFromByte } from "@solstice/std";

const HEX_DIGITS = "0123456789abcdefABCDEF";

export interface Unescaped {
  ok: boolean;
  text: string;
  error: string;
  /** Byte offset of the bad escape in the input. */
  at: number;
}

/** The UTF-8 bytes of a code point (a Unicode scalar value). */
export function utf8(code: number): string {
  if (code < 0x80) return charFromByte(code);
  if (code < 0x800) return charFromByte(0xc0 + Math.trunc(code / 64)) + charFromByte(0x80 + (code % 64));
  if (code < 0x10000) {
    return charFromByte(0xe0 + Math.trunc(code / 4096)) + charFromByte(0x80 + (Math.trunc(code / 64) % 64)) + charFromByte(0x80 + (code % 64));
  }
  return (
    charFromByte(0xf0 + Math.trunc(code / 262144)) +
    charFromByte(0x80 + (Math.trunc(code / 4096) % 64)) +
    charFromByte(0x80 + (Math.trunc(code / 64) % 64)) +
    charFromByte(0x80 + (code % 64))
  );
}

function simpleEscape(c: string, v1: boolean): string {
  switch (c) {
    case "n":
      return "\n";
    case "r":
      return "\r";
    case "t":
      return "\t";
    case "\\":
      return "\\";
    case '"':
      return '"';
    case "b":
      return charFromByte(8);
    case "f":
      return charFromByte(12);
    case "s":
      return v1 ? "" : " ";
    case "/":
      return v1 ? "/" : "";
    default:
      return "";
  }
}

/** Resolves the escapes of `text` (KDL 2.0's table, or 1.0's when `v1`). */
export function unescape(text: string, v1: boolean): Unescaped {
  const parts = text.split("\\");
  let out = parts[0];
  let at = parts[0].length;
  let k = 1;
  while (k < parts.length) {
    const part = parts[k];
    if (part === "") {
      // `\\`: the next piece is the escaped backslash's text.
      if (k + 1 >= parts.length) return { ok: false, text: "", error: "a backslash at the end of a string", at };
      out += "\\" + parts[k + 1];
      at += 2 + parts[k + 1].length;
      k += 2;
      continue;
    }
    const c = part.charAt(0);
    if (c === "u") {
      const close = part.indexOf("}");
      const digits = close > 2 ? part.slice(2, close) : "";
      if (!part.startsWith("u{") || close < 0 || digits.length > 6 || digits.length === 0) {
        return { ok: false, text: "", error: "a unicode escape is written \\u{1 to 6 hex digits}", at };
      }
      let code = 0;
      for (const d of digits) {
        const v = HEX_DIGITS.indexOf(d);
        if (v < 0 || d === "") return { ok: false, text: "", error: "a unicode escape is written \\u{1 to 6 hex digits}", at };
        code = code * 16 + (v < 16 ? v : v - 6);
      }
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        return { ok: false, text: "", error: "\\u{" + digits + "} is not a Unicode scalar value", at };
      }
      if (code === 0) return { ok: false, text: "", error: "\\u{0}: NUL cannot be held in a string here", at };
      out += utf8(code) + part.slice(close + 1);
    } else {
      const value = simpleEscape(c, v1);
      if (value === "")
        return { ok: false, text: "", error: "invalid escape: a backslash then " + c + " (a backslash escapes n, r, t, b, f, s, u{hex}, a quote or a backslash)", at };
      out += value + part.slice(1);
    }
    at += 1 + part.length;
    k++;
  }
  return { ok: true, text: out, error: "", at: 0 };
}
