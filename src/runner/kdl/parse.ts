// The KDL parser: KDL 2.0, and the spec's fallback to KDL 1.0 for a
// document that is not valid 2.0 but is valid 1.0 (a `/- kdl-version N`
// marker on the first line decides without trying). Nodes nest without
// recursion: an explicit stack holds the nodes whose children block is open.
import { allBytesIn, asciiPrefix, dropPrefix } from "@solstice/std";
import type { KdlDocument, KdlNode, KdlValue } from "./document";
import { CHAR, CLASS_NEWLINE } from "./chars";
import {
  advance,
  classify,
  col,
  fail,
  failAt,
  line,
  newScanner,
  peek,
  peekAt,
  PRINTABLE_CLASS,
  skipLineComment,
  skipLineSpace,
  skipNodeSpace,
  skipWs,
  type Scanner,
} from "./scanner";
import { isNumber, looksNumeric } from "./numbers";
import { isKeyword, readToken, type Token } from "./tokens";

/** Parses a whole document. */
export function parseKdl(text: string): KdlDocument {
  if (text === "") return parseKdlLines([]);
  const lines = text.split("\n");
  return parseKdlLines(text.endsWith("\n") ? lines.slice(0, lines.length - 1) : lines);
}

/** Parses a document given as its lines (as readLines gives them). */
export function parseKdlLines(lines: string[]): KdlDocument {
  return parseKdlVersion(lines, "");
}

/**
 * Parses as KDL `version` ("1" or "2"), or, for "", as the document's
 * version marker says, else as 2.0 and then as 1.0 when that fails.
 */
export function parseKdlVersion(lines: string[], version: string): KdlDocument {
  if (version !== "") return parseVersion(lines, version === "1");
  const marker = versionMarker(lines);
  if (marker === "1") return parseVersion(lines, true);
  const doc = parseVersion(lines, false);
  if (doc.ok || marker === "2") return doc;
  const old = parseVersion(lines, true);
  return old.ok ? old : doc;
}

/** "1" or "2" when the first line is a `/- kdl-version N` marker, else "". */
function versionMarker(lines: string[]): string {
  if (lines.length === 0) return "";
  let first = lines[0];
  if (first.startsWith("\xEF\xBB\xBF")) first = first.slice(3);
  const words = first.trim().split(" ");
  const parts: string[] = [];
  for (const w of words) {
    if (w !== "") parts.push(w);
  }
  if (parts.length === 3 && parts[0] === "/-" && parts[1] === "kdl-version" && (parts[2] === "1" || parts[2] === "2")) return parts[2];
  return "";
}

function newToken(): Token {
  return { kind: "", text: "", typed: false, line: 0, col: 0 };
}

function valueOf(t: Token, annotation: string, lineNo: number, colNo: number): KdlValue {
  return { kind: t.kind, text: t.text, annotation, typed: t.typed, line: lineNo, col: colNo };
}

/** Reads `(type)` at the scanner; the annotation, or "" with the scanner failed. */
function readAnnotation(s: Scanner, t: Token): string {
  advance(s, 1);
  if (!s.v1) skipNodeSpace(s);
  if (!readToken(s, t)) return "";
  if (t.kind !== "string") {
    failAt(s, "a type annotation is a string, as in (u8)", t.line, t.col);
    return "";
  }
  if (!s.v1) skipNodeSpace(s);
  if (peek(s) !== ")") {
    fail(s, "')' missing after the type annotation");
    return "";
  }
  advance(s, 1);
  return t.text;
}

/** Reads a value (with its type annotation, if any) into `t`; its annotation, or "" (check s.failed). */
function readValue(s: Scanner, t: Token): string {
  let annotation = "";
  const typed = peek(s) === "(";
  if (typed) {
    annotation = readAnnotation(s, t);
    if (s.failed) return "";
    if (!s.v1) skipNodeSpace(s);
  }
  readToken(s, t);
  t.typed = typed;
  return annotation;
}

/** Whether the scanner is at the end of a node: a newline, `;`, a `//` comment or the end. */
function atTerminator(s: Scanner): boolean {
  return isTerminator(s, peek(s));
}

/** atTerminator when the next byte, `c`, is known. */
function isTerminator(s: Scanner, c: string): boolean {
  if (c === ";" || c === "" || c === "\n") return true;
  if (c === "/") return peekAt(s, 1) === "/";
  if (allBytesIn(c, PRINTABLE_CLASS)) return false;
  return classify(s) === CLASS_NEWLINE;
}

function skipTerminator(s: Scanner): void {
  const c = peek(s);
  if (c === "\n") {
    advance(s, 1);
    return;
  }
  if (c === "/" && peekAt(s, 1) === "/") {
    skipLineComment(s);
    return;
  }
  if (c === "") return;
  if (c === ";") {
    advance(s, 1);
    return;
  }
  classify(s);
  advance(s, CHAR.length);
}

function skipSlashdash(s: Scanner): void {
  advance(s, 2);
  if (s.v1) {
    skipWs(s);
  } else {
    skipLineSpace(s);
  }
}

interface Frame {
  node: number;
  /** The node is dropped (slashdashed, or inside a dropped block). */
  dropped: boolean;
  /** The node had a children block that was not slashdashed. */
  realChildren: boolean;
  /** The block's nodes are dropped (the node is, or the block is slashdashed). */
  childrenDropped: boolean;
  line: number;
  col: number;
}

/**
 * The value of a plain property at the start of `text` (see readPlainProperty):
 * its kind and text in `found`, and what follows it; "" when there is none.
 */
function plainValue(text: string, found: KdlValue): string {
  if (text.startsWith('"')) {
    if (text.startsWith('"""')) return "";
    const body = text.slice(1);
    const quoted = asciiPrefix(body, "quoted");
    const after = dropPrefix(body, quoted);
    if (!after.startsWith('"')) return "";
    found.kind = "string";
    found.text = quoted;
    return after.slice(1);
  }
  const keyword = text.startsWith("#");
  const word = asciiPrefix(keyword ? text.slice(1) : text, "kdl-word");
  const after = dropPrefix(keyword ? text.slice(1) : text, word);
  // The word must end here: anything else may carry it on (a byte above 0x7F).
  if (word === "" || !(after.startsWith(" ") || after.startsWith("\n"))) return "";
  if (keyword) {
    if (!isKeyword(word)) return "";
    found.kind = word;
    found.text = "";
  } else if (looksNumeric(word)) {
    if (!isNumber(word)) return "";
    found.kind = "number";
    found.text = word;
  } else {
    if (isKeyword(word)) return "";
    found.kind = "string";
    found.text = word;
  }
  return after;
}

/**
 * Reads the common property `key="text"`, `key=word` or `key=#keyword` (KDL
 * 2.0, plain ASCII, no escapes, no spaces around '=') with a few native
 * spans instead of a step per token. True when it did; false, with the
 * scanner untouched, for any other entry, which readEntry then reads (and
 * reports when it is wrong) as the grammar says.
 */
function readPlainProperty(s: Scanner, node: KdlNode, dropped: boolean): boolean {
  if (s.v1) return false;
  const after = plainProperty(s.rest, s.li + 1, col(s), node, dropped);
  if (after === "") return false;
  s.rest = after;
  s.pendingSpace = false;
  return true;
}

/**
 * The plain property at the start of `text` (at lineNo:colNo), added to
 * `node` unless dropped; what follows it, or "" (nothing added) when the
 * entry is not a plain property.
 */
function plainProperty(text: string, lineNo: number, colNo: number, node: KdlNode, dropped: boolean): string {
  const key = asciiPrefix(text, "kdl-word");
  if (key === "" || looksNumeric(key) || isKeyword(key)) return "";
  const afterKey = dropPrefix(text, key);
  if (!afterKey.startsWith("=")) return "";
  const value: KdlValue = { kind: "", text: "", annotation: "", typed: false, line: lineNo, col: colNo + key.length + 1 };
  const after = plainValue(afterKey.slice(1), value);
  if (after !== "" && !dropped) node.props.push({ key, value, line: lineNo, col: colNo });
  return after;
}

/**
 * After a node's name or entry, with spaces next (KDL 2.0): reads the run of
 * plain properties that follows, each after its spaces, in one loop over
 * the line with no scanner step between them. Stops before the spaces of
 * anything else. True when it read at least one.
 */
function readPlainProperties(s: Scanner, node: KdlNode, dropped: boolean): boolean {
  let rest = s.rest;
  let count = 0;
  while (true) {
    const gap = asciiPrefix(rest, "space");
    if (gap === "") break;
    const entry = dropPrefix(rest, gap);
    const after = plainProperty(entry, s.li + 1, s.cur.length - entry.length + 1, node, dropped);
    if (after === "") break;
    rest = after;
    count++;
  }
  if (count === 0) return false;
  s.rest = rest;
  s.pendingSpace = false;
  return true;
}

/** Reads an argument or a property of `node` (not kept when `dropped`). */
function readEntry(s: Scanner, t: Token, node: KdlNode, dropped: boolean): void {
  if (readPlainProperty(s, node, dropped)) return;
  const entryLine = line(s);
  const entryCol = col(s);
  s.pendingSpace = false;
  if (peek(s) === "(") {
    const annotation = readValue(s, t);
    if (s.failed) return;
    if (!dropped) node.args.push(valueOf(t, annotation, entryLine, entryCol));
    const after = s.v1 ? false : skipNodeSpace(s);
    if (peek(s) === "=") {
      failAt(s, "a property's key has no type annotation (write key=(type)value)", entryLine, entryCol);
      return;
    }
    s.pendingSpace = after;
    return;
  }
  if (!readToken(s, t)) return;
  const after = s.v1 ? false : skipNodeSpace(s);
  if (peek(s) !== "=") {
    t.typed = false;
    if (!dropped) node.args.push(valueOf(t, "", entryLine, entryCol));
    s.pendingSpace = after;
    return;
  }
  if (t.kind !== "string") {
    failAt(s, "a property's key is a string", t.line, t.col);
    return;
  }
  const key = t.text;
  advance(s, 1);
  if (!s.v1) skipNodeSpace(s);
  const valueLine = line(s);
  const valueCol = col(s);
  if (atTerminator(s) || peek(s) === "}") {
    fail(s, "a value is missing after '" + key + "='");
    return;
  }
  const annotation = readValue(s, t);
  if (s.failed) return;
  if (!dropped) node.props.push({ key, value: valueOf(t, annotation, valueLine, valueCol), line: entryLine, col: entryCol });
}

function parseVersion(lines: string[], v1: boolean): KdlDocument {
  const s = newScanner(lines, v1);
  const doc: KdlDocument = { ok: true, nodes: [], top: [], error: "", line: 0, col: 0 };
  const t = newToken();
  // A dropped node is parsed into this scratch node, never into doc.
  const scratch: KdlNode = { name: "", annotation: "", typed: false, args: [], props: [], children: [], parent: -1, line: 0, col: 0 };
  const frames: Frame[] = [];
  let depth = 0;
  let inNode = false;
  let node = scratch;
  let nodeIndex = -1;
  let dropped = false;
  let hadChildren = false;
  let realChildren = false;
  let spaced = false;
  while (!s.failed) {
    if (!inNode) {
      skipLineSpace(s);
      if (s.failed) break;
      const c = peek(s);
      if (c === "") {
        if (depth > 0) failAt(s, "unclosed children block: '}' missing", frames[depth - 1].line, frames[depth - 1].col);
        break;
      }
      if (c === "}") {
        if (depth === 0) {
          fail(s, "unexpected '}': no children block is open");
          break;
        }
        depth--;
        const f = frames[depth];
        nodeIndex = f.node;
        dropped = f.dropped;
        realChildren = f.realChildren;
        node = nodeIndex >= 0 ? doc.nodes[nodeIndex] : scratch;
        hadChildren = true;
        inNode = true;
        spaced = false;
        advance(s, 1);
        if (s.v1) skipWs(s);
        continue;
      }
      dropped = depth > 0 && frames[depth - 1].childrenDropped;
      let first = c;
      if (c === "/" && peekAt(s, 1) === "-") {
        skipSlashdash(s);
        dropped = true;
        first = peek(s);
      }
      const nodeLine = line(s);
      const nodeCol = col(s);
      let annotation = "";
      const typed = first === "(";
      if (typed) {
        annotation = readAnnotation(s, t);
        if (s.failed) break;
        if (!v1) skipNodeSpace(s);
      }
      if (!readToken(s, t)) break;
      if (t.kind !== "string") {
        failAt(s, "a node name is a string; " + (t.kind === "number" ? "quote a number to use it as a name" : "#" + t.kind + " is a value"), t.line, t.col);
        break;
      }
      if (dropped) {
        node = scratch;
        nodeIndex = -1;
      } else {
        const parent = depth > 0 ? frames[depth - 1].node : -1;
        node = { name: t.text, annotation, typed, args: [], props: [], children: [], parent, line: nodeLine, col: nodeCol };
        nodeIndex = doc.nodes.length;
        doc.nodes.push(node);
        if (parent >= 0) {
          doc.nodes[parent].children.push(nodeIndex);
        } else {
          doc.top.push(nodeIndex);
        }
      }
      inNode = true;
      hadChildren = false;
      realChildren = false;
      spaced = false;
      continue;
    }
    // Inside a node, after its name or an entry.
    if (!v1 && !hadChildren && readPlainProperties(s, node, dropped)) {
      spaced = false;
      continue;
    }
    if (skipNodeSpace(s)) spaced = true;
    if (s.failed) break;
    const c = peek(s);
    if (isTerminator(s, c)) {
      skipTerminator(s);
      inNode = false;
      continue;
    }
    if (c === "}") {
      inNode = false;
      continue;
    }
    if (v1 && hadChildren) {
      fail(s, "a node ends after its children block");
      break;
    }
    let slashed = false;
    let next = c;
    if (c === "/" && peekAt(s, 1) === "-") {
      skipSlashdash(s);
      if (s.failed) break;
      slashed = true;
      spaced = true;
      next = peek(s);
    }
    if (next === "{") {
      if (v1 && hadChildren) {
        fail(s, "a node has one children block");
        break;
      }
      if (!slashed && realChildren) {
        fail(s, "a node has one children block (slashdash /- the others)");
        break;
      }
      if (!slashed) realChildren = true;
      frames[depth] = { node: nodeIndex, dropped, realChildren, childrenDropped: dropped || slashed, line: line(s), col: col(s) };
      depth++;
      advance(s, 1);
      inNode = false;
      continue;
    }
    if (hadChildren) {
      fail(s, "arguments and properties come before the children block");
      break;
    }
    if (!spaced) {
      fail(s, "a space is missing before this argument or property");
      break;
    }
    readEntry(s, t, node, dropped || slashed);
    spaced = s.pendingSpace;
  }
  if (s.failed) {
    return { ok: false, nodes: [], top: [], error: s.error, line: s.errorLine, col: s.errorCol };
  }
  return doc;
}
