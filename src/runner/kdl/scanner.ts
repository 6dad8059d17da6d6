// The KDL scanner's position in a document held as lines: the parser reads
// one line at a time (each with its "\n" put back, so the end of a line is a
// newline like any other) and scans bytes only within that line, which keeps
// the cost linear on every shell (docs/subset.md). Multi-line constructs
// (block comments, multi-line strings, line continuations) carry on to the
// next line through `advance`. Also here: whitespace, newlines and comments.
import { allBytesIn, asciiPrefix, dropPrefix } from "@solstice/std";
import { CHAR, CLASS_DISALLOWED, CLASS_END, CLASS_INVALID, CLASS_NEWLINE, CLASS_OTHER, CLASS_SPACE, classifyAt } from "./chars";

export interface Scanner {
  lines: string[];
  /** Index of the current line. */
  li: number;
  /** The current line and its newline; "" past the end of the document. */
  cur: string;
  /** What is left of `cur` to read. */
  rest: string;
  eof: boolean;
  /** Reading as KDL 1.0. */
  v1: boolean;
  failed: boolean;
  error: string;
  errorLine: number;
  errorCol: number;
  /** Set by the parser: whitespace was consumed after the last entry (looking for its '='). */
  pendingSpace: boolean;
}

export function newScanner(lines: string[], v1: boolean): Scanner {
  const s: Scanner = { lines, li: -1, cur: "", rest: "", eof: false, v1, failed: false, error: "", errorLine: 0, errorCol: 0, pendingSpace: false };
  nextLine(s);
  if (s.rest.startsWith("\xEF\xBB\xBF")) s.rest = s.rest.slice(3);
  return s;
}

function nextLine(s: Scanner): void {
  s.li++;
  if (s.li < s.lines.length) {
    s.cur = s.lines[s.li] + "\n";
  } else {
    s.cur = "";
    s.eof = true;
  }
  s.rest = s.cur;
}

export function peek(s: Scanner): string {
  return s.rest.charAt(0);
}

export function peekAt(s: Scanner, k: number): string {
  return s.rest.charAt(k);
}

/** Whether the current line continues with `text` at the scanner. */
export function looksAt(s: Scanner, text: string): boolean {
  return s.rest.startsWith(text);
}

/** Moves n bytes on; past the end of the line, to the start of the next. */
export function advance(s: Scanner, n: number): void {
  s.rest = s.rest.slice(n);
  if (s.rest === "" && !s.eof) nextLine(s);
}

/** Moves on over the bytes of `kind` (see asciiPrefix), never leaving the line; the bytes. */
export function takeSpan(s: Scanner, kind: string): string {
  const span = asciiPrefix(s.rest, kind);
  if (span !== "") s.rest = dropPrefix(s.rest, span);
  return span;
}

/** The next n bytes of the line, consumed (n never reaches the line's newline). */
export function take(s: Scanner, n: number): string {
  const text = s.rest.slice(0, n);
  s.rest = dropPrefix(s.rest, text);
  return text;
}

export function line(s: Scanner): number {
  return s.eof ? s.lines.length + 1 : s.li + 1;
}

export function col(s: Scanner): number {
  return s.eof ? 1 : s.cur.length - s.rest.length + 1;
}

export function failAt(s: Scanner, message: string, lineNo: number, colNo: number): void {
  if (s.failed) return;
  s.failed = true;
  s.error = message;
  s.errorLine = lineNo;
  s.errorCol = colNo;
}

export function fail(s: Scanner, message: string): void {
  if (s.eof && s.lines.length > 0) {
    // Past the last line: point just after it.
    failAt(s, message, s.lines.length, s.lines[s.lines.length - 1].length + 1);
    return;
  }
  failAt(s, message, line(s), col(s));
}

/**
 * Printable ASCII but the space and '!' (which a portable class cannot
 * hold), as allBytesIn reads a class: the bytes a fast path can take as
 * ordinary at once; '!' goes the long way, to the same result.
 */
export const PRINTABLE_CLASS = '"-~';

/** The class of the character at the scanner (CLASS_*); CHAR.length is its length. */
export function classify(s: Scanner): number {
  const c = s.rest.charAt(0);
  if (c !== "" && allBytesIn(c, PRINTABLE_CLASS)) {
    // Most bytes of a document: no need to look further.
    CHAR.length = 1;
    CHAR.code = 33;
    return CLASS_OTHER;
  }
  return classifyAt(s.rest, 0, s.v1);
}

/** Fails on a disallowed or invalid character class; true when the class is usable. */
export function allowed(s: Scanner, cls: number): boolean {
  if (cls === CLASS_DISALLOWED) {
    fail(s, "disallowed character (code point " + hex(CHAR.code) + "); write it as a \\u{...} escape in a quoted string");
    return false;
  }
  if (cls === CLASS_INVALID) {
    fail(s, "bytes that are not UTF-8; KDL documents are UTF-8 text");
    return false;
  }
  return true;
}

const HEX = "0123456789ABCDEF";

function hex(code: number): string {
  let out = "";
  let n = code;
  while (n > 0 || out.length < 4) {
    out = HEX.charAt(n % 16) + out;
    n = Math.trunc(n / 16);
  }
  return "U+" + out;
}

/** Consumes one newline at the scanner (CRLF is one). */
export function skipNewline(s: Scanner): void {
  classify(s);
  advance(s, CHAR.length);
}

/** Skips a `/* … *\/` comment (nested ones too) that starts at the scanner. */
function skipBlockComment(s: Scanner): void {
  const startLine = line(s);
  const startCol = col(s);
  let depth = 1;
  advance(s, 2);
  while (!s.failed) {
    takeSpan(s, "comment");
    const c = peek(s);
    if (c === "/" && peekAt(s, 1) === "*") {
      depth++;
      advance(s, 2);
    } else if (c === "*" && peekAt(s, 1) === "/") {
      depth--;
      advance(s, 2);
      if (depth === 0) return;
    } else {
      const cls = classify(s);
      if (cls === CLASS_END) {
        failAt(s, "unclosed block comment: '*/' missing", startLine, startCol);
        return;
      }
      if (!allowed(s, cls)) return;
      advance(s, CHAR.length);
    }
  }
}

/** Skips a `//` comment and the newline that ends it. */
export function skipLineComment(s: Scanner): void {
  advance(s, 2);
  while (!s.failed) {
    takeSpan(s, "text");
    const cls = classify(s);
    if (cls === CLASS_END) return;
    if (cls === CLASS_NEWLINE) {
      advance(s, CHAR.length);
      return;
    }
    if (!allowed(s, cls)) return;
    advance(s, CHAR.length);
  }
}

/** Skips whitespace and block comments (the grammar's `ws*`); true when any. */
export function skipWs(s: Scanner): boolean {
  let any = false;
  while (!s.failed) {
    if (takeSpan(s, "space") !== "") any = true;
    const c = peek(s);
    if (c === "/" && peekAt(s, 1) === "*") {
      skipBlockComment(s);
      any = true;
    } else if (c === "" || c === "\n" || c === "\r" || allBytesIn(c, PRINTABLE_CLASS)) {
      return any;
    } else if (classify(s) === CLASS_SPACE) {
      advance(s, CHAR.length);
      any = true;
    } else {
      return any;
    }
  }
  return any;
}

/** Skips whitespace and line continuations (`node-space*`); true when any. */
export function skipNodeSpace(s: Scanner): boolean {
  // Mostly called where a token or a newline follows at once.
  const c = peek(s);
  if (c === "\n" || (c !== "/" && c !== "\\" && allBytesIn(c, PRINTABLE_CLASS))) return false;
  if (c === " ") {
    // Spaces, then mostly a token or the newline.
    takeSpan(s, "space");
    const after = peek(s);
    if (after === "\n" || (after !== "/" && after !== "\\" && allBytesIn(after, PRINTABLE_CLASS))) return true;
  }
  let any = c === " ";
  while (!s.failed) {
    if (skipWs(s)) any = true;
    if (peek(s) !== "\\") return any;
    // A line continuation: `\`, whitespace, then a comment or the newline.
    advance(s, 1);
    skipWs(s);
    if (looksAt(s, "//")) {
      skipLineComment(s);
    } else {
      const cls = classify(s);
      if (cls === CLASS_NEWLINE) {
        advance(s, CHAR.length);
      } else if (cls !== CLASS_END || s.v1) {
        fail(s, "a backslash outside a string continues the line: only whitespace or a comment may follow it");
        return any;
      }
    }
    any = true;
  }
  return any;
}

/** Skips whitespace, newlines, comments and line continuations (`line-space*`); true when any. */
export function skipLineSpace(s: Scanner): boolean {
  let any = false;
  while (!s.failed) {
    if (skipNodeSpace(s)) any = true;
    const c = peek(s);
    if (c === "\n") {
      advance(s, 1);
      any = true;
    } else if (c === "/" && peekAt(s, 1) === "/") {
      skipLineComment(s);
      any = true;
    } else if (c === "" || allBytesIn(c, PRINTABLE_CLASS)) {
      return any;
    } else if (classify(s) === CLASS_NEWLINE) {
      advance(s, CHAR.length);
      any = true;
    } else {
      return any;
    }
  }
  return any;
}
