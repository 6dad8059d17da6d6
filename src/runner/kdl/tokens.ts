// One value or name of a KDL document at the scanner: an identifier string,
// a number, a keyword (#true …), a quoted, raw or multi-line string.
import { CHAR, CLASS_END, CLASS_NEWLINE, CLASS_OTHER, CLASS_SPACE, classifyAt } from "./chars";
import { allBytesIn, asciiPrefix, dropPrefix } from "@solstice/std";
import { unescape } from "./escapes";
import { isNumber, looksNumeric } from "./numbers";
import { advance, allowed, classify, col, fail, failAt, line, looksAt, peek, peekAt, PRINTABLE_CLASS, take, takeSpan, type Scanner } from "./scanner";

export interface Token {
  /** "string", "number", "true", "false", "null", "inf", "-inf" or "nan". */
  kind: string;
  text: string;
  /** Set by the parser: a type annotation came before the token. */
  typed: boolean;
  line: number;
  col: number;
}

/** ASCII that ends a bare word (KDL 2.0); whitespace and newlines end it too. */
const NOT_IN_WORD = '\\/(){};[]"#=';
/** The same for KDL 1.0 (and `#`, which 1.0 allowed, but the readers of both versions refuse). */
const NOT_IN_WORD_V1 = '\\/(){}<>;[]=,"#';
export function isKeyword(word: string): boolean {
  switch (word) {
    case "true":
    case "false":
    case "null":
    case "inf":
    case "-inf":
    case "nan":
      return true;
    default:
      return false;
  }
}

/** Reads the token at the scanner into `t`; false (and the scanner failed) when there is none. */
export function readToken(s: Scanner, t: Token): boolean {
  t.line = line(s);
  t.col = col(s);
  t.kind = "string";
  t.text = "";
  // The common token, a plain ASCII identifier before a space or the
  // newline, in one native span; anything else goes the long way.
  const word = asciiPrefix(s.rest, s.v1 ? "kdl1-word" : "kdl-word");
  if (word !== "") {
    const after = dropPrefix(s.rest, word);
    if ((after.startsWith(" ") || after.startsWith("\n")) && !looksNumeric(word) && !isKeyword(word)) {
      s.rest = after;
      t.text = word;
      return true;
    }
  }
  const c = peek(s);
  if (c === '"') return readQuoted(s, t);
  if (!s.v1 && c === "#") {
    const next = peekAt(s, 1);
    if (next === '"' || next === "#") return readRaw(s, t);
    return readKeyword(s, t);
  }
  if (s.v1 && c === "r" && (peekAt(s, 1) === '"' || peekAt(s, 1) === "#")) return readRaw(s, t);
  return readWord(s, t);
}

/** The bare word at the scanner (no bytes when it starts with a non-word character). */
function scanWord(s: Scanner): string {
  const kind = s.v1 ? "kdl1-word" : "kdl-word";
  const stops = s.v1 ? NOT_IN_WORD_V1 : NOT_IN_WORD;
  let word = "";
  while (!s.failed) {
    word += takeSpan(s, kind);
    const c = peek(s);
    if (c === "" || c === " " || c === "\n" || stops.includes(c)) break;
    const cls = classify(s);
    if (cls !== CLASS_OTHER) {
      if (cls !== CLASS_SPACE && cls !== CLASS_NEWLINE && cls !== CLASS_END) allowed(s, cls);
      break;
    }
    word += take(s, CHAR.length);
  }
  return word;
}

function readKeyword(s: Scanner, t: Token): boolean {
  advance(s, 1);
  const word = scanWord(s);
  if (s.failed) return false;
  if (!isKeyword(word)) {
    failAt(s, word === "" ? "a '#' starts a keyword (#true, #false, #null, #inf, #-inf, #nan) or a raw string (#\"...\"#)" : "unknown keyword '#" + word + "'", t.line, t.col);
    return false;
  }
  t.kind = word;
  return true;
}

function readWord(s: Scanner, t: Token): boolean {
  const word = scanWord(s);
  if (s.failed) return false;
  if (word === "") {
    const c = peek(s);
    fail(s, c === "" ? "unexpected end of the document" : "unexpected '" + c + "'");
    return false;
  }
  // KDL 1.0 allowed `.5` as an identifier; read as 2.0 does, so both versions agree where both succeed.
  const numeric = looksNumeric(word);
  if (numeric) {
    if (!isNumber(word)) {
      failAt(s, "'" + word + "' is not a number (and a string cannot start like one: quote it)", t.line, t.col);
      return false;
    }
    t.kind = "number";
    t.text = word;
    return true;
  }
  if (isKeyword(word)) {
    if (s.v1 && (word === "true" || word === "false" || word === "null")) {
      t.kind = word;
      return true;
    }
    {
      failAt(s, "'" + word + "' is a keyword: write #" + word + ', or "' + word + '" for the string', t.line, t.col);
      return false;
    }
  }
  t.text = word;
  return true;
}

/** Reads `"…"` (or a `"""` multi-line string in KDL 2.0). */
function readQuoted(s: Scanner, t: Token): boolean {
  if (!s.v1 && looksAt(s, '"""')) return readMultiLine(s, t, 0);
  advance(s, 1);
  let text = "";
  let escapes = false;
  while (!s.failed) {
    text += takeSpan(s, "quoted");
    const c = peek(s);
    if (c === '"') {
      advance(s, 1);
      break;
    }
    if (c === "\\") {
      const next = classifyAt(s.rest, 1, s.v1);
      if (!s.v1 && (next === CLASS_SPACE || next === CLASS_NEWLINE)) {
        advance(s, 1);
        skipEscapedWhitespace(s);
        continue;
      }
      escapes = true;
      text += take(s, next === CLASS_END || next === CLASS_NEWLINE ? 1 : 1 + CHAR.length);
      continue;
    }
    const cls = classify(s);
    if (cls === CLASS_END) {
      failAt(s, "unclosed string: '\"' missing", t.line, t.col);
      return false;
    }
    if (cls === CLASS_NEWLINE) {
      if (!s.v1) {
        fail(s, 'a quoted string ends on its line (write \\n, or use a """ multi-line string)');
        return false;
      }
      // KDL 1.0 strings hold newlines as written.
      text += s.rest.slice(0, CHAR.length);
      advance(s, CHAR.length);
      continue;
    }
    if (!allowed(s, cls)) return false;
    text += take(s, CHAR.length);
  }
  if (s.failed) return false;
  return finishEscapes(s, t, text, escapes);
}

function finishEscapes(s: Scanner, t: Token, text: string, escapes: boolean): boolean {
  if (!escapes) {
    t.text = text;
    return true;
  }
  const result = unescape(text, s.v1);
  if (!result.ok) {
    failAt(s, result.error, t.line, t.col);
    return false;
  }
  t.text = result.text;
  return true;
}

/** After a `\` followed by whitespace: skips whitespace and newlines, across lines. */
function skipEscapedWhitespace(s: Scanner): void {
  while (!s.failed) {
    const cls = classify(s);
    if (cls !== CLASS_SPACE && cls !== CLASS_NEWLINE) return;
    advance(s, CHAR.length);
  }
}

/** Reads `#"…"#`, `##"…"##`, … (KDL 2.0) or `r"…"`, `r#"…"#` (KDL 1.0). */
function readRaw(s: Scanner, t: Token): boolean {
  if (s.v1) advance(s, 1);
  let hashes = "";
  while (peek(s) === "#") {
    hashes += "#";
    advance(s, 1);
  }
  if (peek(s) !== '"') {
    failAt(s, 'a raw string is written #"..."#', t.line, t.col);
    return false;
  }
  if (!s.v1 && looksAt(s, '"""')) return readMultiLine(s, t, hashes.length);
  advance(s, 1);
  const close = '"' + hashes;
  let text = "";
  while (!s.failed) {
    text += takeSpan(s, "quoted");
    if (looksAt(s, close)) {
      advance(s, close.length);
      t.text = text;
      return true;
    }
    const c = peek(s);
    if (c === '"' || c === "\\") {
      text += take(s, 1);
      continue;
    }
    const cls = classify(s);
    if (cls === CLASS_END) {
      failAt(s, "unclosed raw string: '" + close + "' missing", t.line, t.col);
      return false;
    }
    if (cls === CLASS_NEWLINE) {
      if (!s.v1) {
        fail(s, 'a raw string ends on its line (use #""" for a multi-line one)');
        return false;
      }
      text += s.rest.slice(0, CHAR.length);
      advance(s, CHAR.length);
      continue;
    }
    if (!allowed(s, cls)) return false;
    text += take(s, CHAR.length);
  }
  return false;
}

/** Whether `text` is only literal whitespace. */
function allSpace(text: string): boolean {
  // Most lines: blank, or indented plain text.
  const rest = dropPrefix(text, asciiPrefix(text, "space"));
  if (rest === "") return true;
  if (allBytesIn(rest.charAt(0), PRINTABLE_CLASS)) return false;
  let k = 0;
  while (k < rest.length) {
    const cls = classifyAt(rest, k, false);
    if (cls !== CLASS_SPACE) return false;
    k += CHAR.length;
  }
  return true;
}

/**
 * Reads a multi-line string `"""` … `"""` (raw when `hashes` > 0, closed by
 * `"""` and as many `#`). Whitespace escapes are resolved first, then the
 * lines are dedented by the last line's whitespace, then other escapes.
 */
function readMultiLine(s: Scanner, t: Token, hashes: number): boolean {
  const raw = hashes > 0;
  let close = '"""';
  for (let k = 0; k < hashes; k++) close += "#";
  advance(s, 3);
  if (classify(s) !== CLASS_NEWLINE) {
    fail(s, 'a multi-line string starts with a newline right after its \'"""\'');
    return false;
  }
  advance(s, CHAR.length);
  const lines: string[] = [];
  let current = "";
  let escapes = false;
  while (!s.failed) {
    current += takeSpan(s, "quoted");
    if (looksAt(s, close)) {
      advance(s, close.length);
      break;
    }
    const c = peek(s);
    if (c === '"' || (c === "\\" && raw)) {
      current += take(s, 1);
      continue;
    }
    if (c === "\\") {
      const next = classifyAt(s.rest, 1, false);
      if (next === CLASS_SPACE || next === CLASS_NEWLINE) {
        advance(s, 1);
        skipEscapedWhitespace(s);
        continue;
      }
      escapes = true;
      if (next === CLASS_END) {
        current += take(s, 1);
        continue;
      }
      current += take(s, 1 + CHAR.length);
      continue;
    }
    const cls = classify(s);
    if (cls === CLASS_END) {
      failAt(s, "unclosed multi-line string: '" + close + "' missing", t.line, t.col);
      return false;
    }
    if (cls === CLASS_NEWLINE) {
      lines.push(current);
      current = "";
      advance(s, CHAR.length);
      continue;
    }
    if (!allowed(s, cls)) return false;
    current += take(s, CHAR.length);
  }
  if (s.failed) return false;
  if (!allSpace(current)) {
    fail(s, 'the closing \'"""\' of a multi-line string stands on a line of its own (only whitespace before it)');
    return false;
  }
  let text = "";
  for (let k = 0; k < lines.length; k++) {
    let body = lines[k];
    if (allSpace(body)) {
      body = "";
    } else if (body.startsWith(current)) {
      body = body.slice(current.length);
    } else {
      failAt(s, "line " + String(t.line + k + 1) + " of a multi-line string does not start with the closing line's whitespace", t.line, t.col);
      return false;
    }
    text += k === 0 ? body : "\n" + body;
  }
  return finishEscapes(s, t, text, escapes);
}
