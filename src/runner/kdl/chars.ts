// What a character of a KDL document is, read from its UTF-8 bytes: the
// grammar's whitespace, newlines and disallowed code points include several
// multi-byte characters, and strings are byte strings here. ASCII is decided
// with native pattern tests; a byte above 0x7F is read with byteAt0 (one
// fork in sh), remembered, so a document costs at most one fork per
// distinct high byte.
import { byteAt0 } from "@solstice/std";

export const CLASS_OTHER = 0;
export const CLASS_SPACE = 1;
export const CLASS_NEWLINE = 2;
/** A disallowed literal code point (controls, direction marks, a BOM after the start). */
export const CLASS_DISALLOWED = 3;
/** Bytes that are not UTF-8. */
export const CLASS_INVALID = 4;
export const CLASS_END = 5;

/** Printable ASCII but the space: never special to the classification. */
const PRINTABLE = "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
/** ASCII controls that are not whitespace or newlines (tab, LF, VT, FF and CR are). */
const CONTROLS = "\x01\x02\x03\x04\x05\x06\x07\x08\x0E\x0F\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1A\x1B\x1C\x1D\x1E\x1F\x7F";

interface CharInfo {
  /** Byte length of the character last classified. */
  length: number;
  /** Its code point (ASCII and multi-byte alike; 0 when invalid). */
  code: number;
  /** High bytes seen so far, and their values, in the same order. */
  seen: string;
  values: number[];
}

/** Filled by classifyAt: the character's length and code point. */
export const CHAR: CharInfo = { length: 1, code: 0, seen: "", values: [] };

function highByte(c: string): number {
  const k = CHAR.seen.indexOf(c);
  if (k >= 0) return CHAR.values[k];
  const value = byteAt0(c);
  CHAR.seen += c;
  CHAR.values.push(value);
  return value;
}

/** The value of the continuation byte at text[i], or -1 when it is not one. */
function continuation(text: string, i: number): number {
  const c = text.charAt(i);
  if (c === "" || PRINTABLE.includes(c) || c === " " || c === "\t" || c === "\n" || c === "\r" || CONTROLS.includes(c) || c === "\x0B" || c === "\x0C") return -1;
  const value = highByte(c);
  return value >= 0x80 && value <= 0xbf ? value - 0x80 : -1;
}

/**
 * The class of the character at text[i] (CLASS_*); CHAR.length and CHAR.code
 * describe it. `v1` selects KDL 1.0's newlines (no VT). The disallowed code
 * points of 2.0 are refused in 1.0 documents too: the spec promises that both
 * readings agree where both succeed, and bidi controls hide text.
 */
export function classifyAt(text: string, i: number, v1: boolean): number {
  const c = text.charAt(i);
  CHAR.length = 1;
  if (c === "") {
    CHAR.code = 0;
    return CLASS_END;
  }
  if (PRINTABLE.includes(c)) {
    CHAR.code = 33;
    return CLASS_OTHER;
  }
  if (c === " " || c === "\t") {
    CHAR.code = c === " " ? 32 : 9;
    return CLASS_SPACE;
  }
  if (c === "\n" || c === "\x0C") {
    CHAR.code = c === "\n" ? 10 : 12;
    return CLASS_NEWLINE;
  }
  if (c === "\r") {
    CHAR.code = 13;
    if (text.charAt(i + 1) === "\n") CHAR.length = 2;
    return CLASS_NEWLINE;
  }
  if (c === "\x0B") {
    CHAR.code = 11;
    return v1 ? CLASS_OTHER : CLASS_NEWLINE;
  }
  if (CONTROLS.includes(c)) {
    CHAR.code = byteAt0(c);
    return CLASS_DISALLOWED;
  }
  return classifyHigh(text, i, highByte(c), v1);
}

function classifyHigh(text: string, i: number, lead: number, v1: boolean): number {
  CHAR.code = 0;
  if (lead < 0xc2 || lead > 0xf4) return CLASS_INVALID;
  const b1 = continuation(text, i + 1);
  if (b1 < 0) return CLASS_INVALID;
  if (lead < 0xe0) {
    CHAR.length = 2;
    CHAR.code = (lead - 0xc0) * 64 + b1;
    if (CHAR.code === 0x85) return CLASS_NEWLINE;
    if (CHAR.code === 0xa0) return CLASS_SPACE;
    return CLASS_OTHER;
  }
  const b2 = continuation(text, i + 2);
  if (b2 < 0) return CLASS_INVALID;
  if (lead < 0xf0) {
    const code = (lead - 0xe0) * 4096 + b1 * 64 + b2;
    if (code < 0x800 || (code >= 0xd800 && code <= 0xdfff)) return CLASS_INVALID;
    CHAR.length = 3;
    CHAR.code = code;
    return classifyCode(code, v1);
  }
  const b3 = continuation(text, i + 3);
  if (b3 < 0) return CLASS_INVALID;
  const code = (lead - 0xf0) * 262144 + b1 * 4096 + b2 * 64 + b3;
  if (code < 0x10000 || code > 0x10ffff) return CLASS_INVALID;
  CHAR.length = 4;
  CHAR.code = code;
  return CLASS_OTHER;
}

function classifyCode(code: number, v1: boolean): number {
  if (code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000) return CLASS_SPACE;
  if (code === 0x2028 || code === 0x2029) return CLASS_NEWLINE;
  if (code === 0xfeff) return CLASS_DISALLOWED;
  if (code === 0x200e || code === 0x200f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return CLASS_DISALLOWED;
  return CLASS_OTHER;
}
