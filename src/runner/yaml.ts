// The job-file YAML subset of the runner contract, section 2: one top-level
// block mapping of `key: value` lines, one level of nested mapping under the
// keys the caller names (env and secrets for the job file, none for the
// secrets file), scalars that sit on one line, and literal block scalars
// `|` / `|-`. Everything else YAML has is refused with `line N: <what>`,
// so the sh and Node backends can never disagree about a document.
//
// Input is the file's lines (readLines): the parser scans bytes only inside
// one line, because scanning a whole file byte by byte is quadratic in sh.
// A line can still be long (a base64 secret), so lines are classified with
// startsWith and cut with indexOf/split/slice(k); see yaml-scalar.ts.
// Error texts name keys but never values: the secrets file goes through here.
import { allBytesIn, byteAt0, firstOccurrences, readLines, yamlFields } from "@solstice/std";
import {
  firstControlByte,
  hexByte,
  isBlank,
  isBlankOrComment,
  isCleanEnd,
  parseDoubleQuoted,
  parsePlain,
  parseSingleQuoted,
  startsWithBlank,
  stripBlanks,
  trimBlanksEnd,
} from "./yaml-scalar";
import { countSpaces, readBlock, tabAfter } from "./yaml-block";
import { isName } from "./context-check";

export interface YamlPair {
  key: string;
  value: string;
  line: number;
}

/** A key holding a nested mapping (only keys the caller allows). */
export interface YamlMap {
  key: string;
  line: number;
  pairs: YamlPair[];
  /**
   * The index of the first pair whose key is not a variable name (isName),
   * -1 when every key is one: the runner's env and secrets names are
   * checked as the mapping is read, not in a loop after it (a loop over
   * 11,000 keys cost dash 1.3 s).
   */
  firstNonName: number;
  /**
   * The bytes of the longest pair as NAME=value (0 for none): the runner
   * refuses one past what Linux passes to a program, found here for the
   * same reason.
   */
  longestPair: number;
}

export interface YamlDoc {
  ok: boolean;
  /** `line N: <what>`; "" when ok. */
  error: string;
  /** N of the error; 0 when ok. */
  errorLine: number;
  /** Top-level keys with scalar values, in file order. */
  entries: YamlPair[];
  /** Top-level keys holding a nested mapping, in file order. */
  maps: YamlMap[];
}

/**
 * The keys of one mapping in the order they were read, for the duplicate
 * check after the parse: a check at each key would compare it with every
 * earlier one, quadratic in a large file (issue 9), where one
 * firstOccurrences over all keys is linear.
 */
interface KeyScope {
  /** "" for the top level, else the key holding the nested mapping. */
  mapKey: string;
  keys: string[];
  lines: number[];
}

// Longer keys are refused before their bytes are checked one by one.
const KEY_MAX = 256;
const KEY_FIRST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
const KEY_REST = KEY_FIRST + "-.";
const BOM = "\xEF\xBB\xBF";
const TAB_INDENT = "tab used for indentation; YAML indents with spaces only";

// What the line before an indented line was, to explain why the indentation
// is wrong there.
const AFTER_NOTHING = "nothing";
const AFTER_VALUE = "value";
const AFTER_EMPTY = "empty";
const AFTER_BLOCK = "block";

interface KeyResult {
  ok: boolean;
  error: string;
  key: string;
  /** The line after the key's colon. */
  rest: string;
}

interface ValueResult {
  ok: boolean;
  error: string;
  /** AFTER_EMPTY (nothing after the colon), AFTER_VALUE or AFTER_BLOCK. */
  kind: string;
  value: string;
  /** For a block scalar: `|-` rather than `|`. */
  strip: boolean;
}

export function emptyYamlDoc(): YamlDoc {
  return { ok: true, error: "", errorLine: 0, entries: [], maps: [] };
}

/** Fails `doc`; parseYaml drops what was read before it returns. */
function docFail(doc: YamlDoc, line: number, what: string): YamlDoc {
  doc.ok = false;
  doc.errorLine = line;
  doc.error = `line ${String(line)}: ${what}`;
  return doc;
}

function newScope(mapKey: string): KeyScope {
  return { mapKey: mapKey, keys: [], lines: [] };
}

function addKey(scope: KeyScope, key: string, line: number): void {
  scope.keys.push(key);
  scope.lines.push(line);
}

/**
 * Fails `doc` at the first key (by line) that repeats one before it in its
 * mapping, when that line comes no later than the error `doc` already has:
 * the key's check came first on its line when keys were checked one by one,
 * and the messages stay as they were. All scopes go to one
 * firstOccurrences, each key prefixed with its scope's number (keys hold no
 * space).
 */
function failAtFirstDuplicate(doc: YamlDoc, scopes: KeyScope[]): void {
  const tagged: string[] = [];
  const scopeOf: number[] = [];
  const indexIn: number[] = [];
  for (let s = 0; s < scopes.length; s++) {
    for (let k = 0; k < scopes[s].keys.length; k++) {
      tagged.push(`${String(s)} ${scopes[s].keys[k]}`);
      scopeOf.push(s);
      indexIn.push(k);
    }
  }
  if (tagged.length < 2) {
    return;
  }
  const first = firstOccurrences(tagged);
  let best = -1;
  let bestLine = 0;
  for (let t = 0; t < tagged.length; t++) {
    const line = scopes[scopeOf[t]].lines[indexIn[t]];
    if (first[t] !== t && (best < 0 || line < bestLine)) {
      best = t;
      bestLine = line;
    }
  }
  if (best < 0 || (!doc.ok && bestLine > doc.errorLine)) {
    return;
  }
  const scope = scopes[scopeOf[best]];
  const key = scope.keys[indexIn[best]];
  const firstLine = scope.lines[indexIn[first[best]]];
  const under = scope.mapKey === "" ? "" : ` under '${scope.mapKey}'`;
  docFail(doc, bestLine, `duplicate key '${key}'${under} (first at line ${String(firstLine)}); keep only one of them`);
}

/** Index of `key` in `pairs`, or -1. */
export function findPair(pairs: YamlPair[], key: string): number {
  for (let i = 0; i < pairs.length; i++) {
    if (pairs[i].key === key) {
      return i;
    }
  }
  return -1;
}

/** Index of the nested mapping `key` in `doc.maps`, or -1. */
export function findMap(doc: YamlDoc, key: string): number {
  for (let i = 0; i < doc.maps.length; i++) {
    if (doc.maps[i].key === key) {
      return i;
    }
  }
  return -1;
}

/** The nested mapping `key`; an empty one when the document has none. */
export function mapOf(doc: YamlDoc, key: string): YamlMap {
  const index = findMap(doc, key);
  return index < 0 ? { key: key, line: 0, pairs: [], firstNonName: -1, longestPair: 0 } : doc.maps[index];
}

/** The pairs of the nested mapping `key`; [] when the document has none. */
export function mapPairs(doc: YamlDoc, key: string): YamlPair[] {
  return mapOf(doc, key).pairs;
}

/** Whether `text` is `c` alone or `c` and a blank: the indicator, not a plain value. */
function isIndicator(text: string, c: string): boolean {
  return text === c || text.startsWith(c + " ") || text.startsWith(c + "\t");
}

/** A value starting "? " or ": ": YAML reads an explicit key or an empty key there, not text. */
function indicatorProblem(indicator: string): string {
  if (indicator === "?") return "'? ' starts an explicit mapping key (? key), which is not supported; to have a value starting with '?', put it in quotes";
  return "': ' cannot start a value (YAML reads a mapping with an empty key); to have a value starting with ':', put it in quotes";
}

function keyFail(error: string): KeyResult {
  return { ok: false, error: error, key: "", rest: "" };
}

function describeByte(c: string): string {
  const code = byteAt0(c);
  return code > 32 && code < 127 ? `'${c}'` : code === 32 ? "a space" : `byte ${hexByte(code)}`;
}

/** Reads `key:` at column `indent`; `line` is known not to be blank. */
function parseKey(line: string, indent: number): KeyResult {
  const body = line.slice(indent);
  if (isIndicator(body, "-")) {
    return keyFail("sequences ('- item') are not supported; write each entry as key: value");
  }
  if (isIndicator(body, "?")) {
    return keyFail("complex keys ('? key') are not supported; write key: value");
  }
  if (body.startsWith("[") || body.startsWith("{")) {
    return keyFail("flow collections ([...] and {...}) are not supported; write one key: value per line");
  }
  if (body.startsWith("&") || body.startsWith("*") || body.startsWith("!")) {
    return keyFail("anchors (&), aliases (*) and tags (!) are not supported; write the key out plainly");
  }
  if (body.startsWith('"') || body.startsWith("'")) {
    return keyFail("quoted keys are not supported; write the key without quotes");
  }
  const colon = body.indexOf(":");
  if (colon < 0) {
    return keyFail("expected 'key: value', found no ':'; a value cannot continue onto the next line");
  }
  if (colon > KEY_MAX) {
    return keyFail(`the key before ':' is longer than ${String(KEY_MAX)} bytes; use a shorter key`);
  }
  // split, not slice(0, colon): a short head of a long line is slow in sh.
  const key = trimBlanksEnd(body.split(":")[0]);
  if (key === "") {
    return keyFail("the key before ':' is empty; write key: value");
  }
  // The usual key is checked by one pattern match; the loop only names the byte.
  if (allBytesIn(key, "A-Za-z0-9_.-") && !key.startsWith("-") && !key.startsWith(".")) {
    return keyRest(body, colon, key);
  }
  if (!KEY_FIRST.includes(key.charAt(0))) {
    return keyFail(`a key cannot start with ${describeByte(key.charAt(0))}; keys start with a letter, a digit or '_'`);
  }
  for (let i = 1; i < key.length; i++) {
    if (!KEY_REST.includes(key.charAt(i))) {
      return keyFail(`a key cannot contain ${describeByte(key.charAt(i))}; keys are letters, digits, '_', '-' and '.'` + (isBlank(key.charAt(i)) ? " (is a ': ' missing?)" : ""));
    }
  }
  return keyRest(body, colon, key);
}

/** The rest of a `key:` line once the key is known good. */
function keyRest(body: string, colon: number, key: string): KeyResult {
  const rest = body.slice(colon + 1);
  if (rest !== "" && !startsWithBlank(rest)) {
    return keyFail(`missing space after '${key}:'; write '${key}: value'`);
  }
  return { ok: true, error: "", key: key, rest: rest };
}

function valueFail(error: string): ValueResult {
  return { ok: false, error: error, kind: AFTER_EMPTY, value: "", strip: false };
}

function valueOk(kind: string, value: string, strip: boolean): ValueResult {
  return { ok: true, error: "", kind: kind, value: value, strip: strip };
}

/** The YAML indicator `text` starts with, or "" for any other byte. */
function firstIndicator(text: string): string {
  const indicators = "|>[]{},%@`&*!-?:";
  for (let i = 0; i < indicators.length; i++) {
    if (text.startsWith(indicators.charAt(i))) {
      return indicators.charAt(i);
    }
  }
  return "";
}

/** The value after `key:`; a block scalar's lines are read by readBlock. */
function parseValue(rest: string): ValueResult {
  const v = stripBlanks(rest);
  if (v === "" || v.startsWith("#")) {
    return valueOk(AFTER_EMPTY, "", false);
  }
  if (v.startsWith('"') || v.startsWith("'")) {
    const scalar = v.startsWith('"') ? parseDoubleQuoted(v) : parseSingleQuoted(v);
    return scalar.ok ? valueOk(AFTER_VALUE, scalar.value, false) : valueFail(scalar.error);
  }
  // The first byte decides the style; charAt would be slow on a long value.
  const first = firstIndicator(v);
  switch (first) {
    case "|":
      return parseBlockHeader(v);
    case ">":
      return valueFail("folded block scalars (>) are not supported; use a literal block scalar (|)");
    case "[":
    case "{":
      return valueFail("flow collections ([...] and {...}) are not supported; put the value in quotes");
    case "]":
    case "}":
    case ",":
    case "%":
    case "@":
    case "`":
      return valueFail(`a plain value cannot start with '${first}'; put the value in quotes`);
    case "&":
      return valueFail("anchors (&name) are not supported; write the value out (quote it if it starts with &)");
    case "*":
      return valueFail("aliases (*name) are not supported; write the value out (quote it if it starts with *)");
    case "!":
      return valueFail("tags (!tag) are not supported; remove the tag, every value is a string (or quote it)");
    case "-":
      if (isIndicator(v, first)) {
        return valueFail("sequences ('- item') are not supported; write the value itself, or quote it");
      }
      break;
    case "?":
    case ":":
      if (v === first) return valueFail(`a value cannot be a lone '${first}'; put it in quotes`);
      if (isIndicator(v, first)) return valueFail(indicatorProblem(first));
      break;
    default:
      break;
  }
  const plain = parsePlain(v);
  return plain.ok ? valueOk(AFTER_VALUE, plain.value, false) : valueFail(plain.error);
}

function parseBlockHeader(v: string): ValueResult {
  let header = v.slice(1);
  let strip = false;
  if (header.startsWith("-")) {
    strip = true;
    header = header.slice(1);
  }
  if (isCleanEnd(header)) {
    return valueOk(AFTER_BLOCK, "", strip);
  }
  if (header.startsWith("+")) {
    return valueFail("keep chomping (|+) is not supported; use | (one final newline) or |- (none)");
  }
  if ("0123456789".includes(header.slice(0, 1))) {
    return valueFail("indentation indicators (|2) are not supported; indent the block's first line as much as the others");
  }
  return valueFail("unexpected text after the block scalar header; write | or |- alone (a comment may follow after a space)");
}

function indentationError(after: string, key: string, owner: string): string {
  if (after === AFTER_BLOCK) {
    return `this line is indented less than the block scalar of '${key}' above it; ` + "indent every line of a | block at least as much as its first line";
  }
  if (after === AFTER_VALUE) {
    return `unexpected indentation: the value of '${key}' cannot continue on the next line; ` + "keep it on one line, or use a | block scalar";
  }
  if (after === AFTER_EMPTY) {
    return `unexpected indentation under '${key}': ${owner}; ` + `write '${key}: value' on one line (quote the value if needed)`;
  }
  return "unexpected indentation: top-level keys start in column 1";
}

function nestingRule(mapKeys: string[]): string {
  if (mapKeys.length === 0) {
    return "nested mappings are not allowed in this file";
  }
  return `only ${mapKeys.join(" and ")} may hold nested entries`;
}

/**
 * The index of a line of blanks starting with a tab among the blank and
 * comment lines from `i` on, or -1. After `key:` with no value, YAML parsers
 * read such a tab as the indentation of what comes next, and refuse it.
 */
function tabBlankAfterEmpty(lines: string[], i: number): number {
  let j = i;
  while (j < lines.length && isBlankOrComment(lines[j])) {
    if (lines[j].startsWith("\t") && stripBlanks(lines[j]) === "") {
      return j;
    }
    j++;
  }
  return -1;
}

/** Index of the first line with content (not blank, not a comment), or lines.length. */
function nextContentLine(lines: string[], from: number): number {
  let i = from;
  while (i < lines.length && isBlankOrComment(lines[i])) {
    i++;
  }
  return i;
}

/**
 * The lines without a leading byte order mark and without the CR of CRLF
 * line ends. A control byte anywhere fails `doc` (YAML forbids them, and a
 * stray one is usually a damaged file).
 */
function prepareLines(input: string[], doc: YamlDoc): string[] {
  const lines: string[] = [];
  for (let i = 0; i < input.length; i++) {
    let line = input[i];
    if (i === 0 && line.startsWith(BOM)) {
      line = line.slice(BOM.length);
    }
    if (line.endsWith("\r")) {
      line = line.slice(0, line.length - 1);
    }
    const control = firstControlByte(line);
    if (control === 13) {
      docFail(doc, i + 1, "carriage return inside the line; save the file with plain line ends");
      return [];
    }
    if (control >= 0) {
      docFail(doc, i + 1, `control character ${hexByte(control)}; remove it, or write it as an escape in a double-quoted value`);
      return [];
    }
    lines.push(line);
  }
  return lines;
}

/**
 * The entries of `map`, from line index `start` (just after its `key:`
 * line) up to the next line in column 1. Returns the index of that line;
 * on an error, fails `doc` and returns -1.
 */
function readNested(lines: string[], start: number, map: YamlMap, doc: YamlDoc, scope: KeyScope): number {
  let i = nextContentLine(lines, start);
  const nestedIndent = i < lines.length ? countSpaces(lines[i]) : 0;
  let after = AFTER_NOTHING;
  let lastKey = "";
  while (i < lines.length) {
    const line = lines[i];
    const lineNo = i + 1;
    const spaces = countSpaces(line);
    if (tabAfter(line, spaces)) {
      docFail(doc, lineNo, TAB_INDENT);
      return -1;
    }
    if (spaces === 0) {
      break;
    }
    if (spaces > nestedIndent) {
      docFail(doc, lineNo, indentationError(after, lastKey, `deeper nesting is not supported under '${map.key}'`));
      return -1;
    }
    if (spaces < nestedIndent) {
      docFail(
        doc,
        lineNo,
        `this line is indented ${String(spaces)} spaces but the entries of '${map.key}' above are ` + `indented ${String(nestedIndent)}; indent all entries of '${map.key}' alike`,
      );
      return -1;
    }
    const entry = parseKey(line, spaces);
    if (!entry.ok) {
      docFail(doc, lineNo, entry.error);
      return -1;
    }
    addKey(scope, entry.key, lineNo);
    const value = parseValue(entry.rest);
    if (!value.ok) {
      docFail(doc, lineNo, value.error);
      return -1;
    }
    lastKey = entry.key;
    after = value.kind;
    let text = value.value;
    i++;
    if (value.kind === AFTER_BLOCK) {
      const block = readBlock(lines, i, spaces, value.strip);
      if (!block.ok) {
        docFail(doc, block.errorLine, block.error);
        return -1;
      }
      text = block.value;
      i = block.next;
    }
    const tabLine = value.kind === AFTER_EMPTY ? tabBlankAfterEmpty(lines, i) : -1;
    if (tabLine >= 0) {
      docFail(doc, tabLine + 1, TAB_INDENT);
      return -1;
    }
    if (map.firstNonName < 0 && !isName(entry.key)) {
      map.firstNonName = map.pairs.length;
    }
    const size = entry.key.length + 1 + text.length;
    if (size > map.longestPair) {
      map.longestPair = size;
    }
    map.pairs.push({ key: entry.key, value: text, line: lineNo });
    i = nextContentLine(lines, i);
  }
  return i;
}

/**
 * Parses the file at `path` (readable, checked by the caller) as parseYaml
 * does. The std may read a simple document in one pass (yamlFields: one awk
 * in the sh build, where this parser is slow on a large file); whatever it
 * declines is read line by line and parsed here, which also gives every
 * error message.
 */
export function parseYamlFile(path: string, mapKeys: string[]): YamlDoc {
  const read = yamlFields(path, mapKeys);
  if (read.taken) {
    return { ok: true, error: "", errorLine: 0, entries: read.entries, maps: read.maps };
  }
  return parseYaml(readLines(path), mapKeys);
}

/**
 * Parses a document of the subset. `mapKeys` are the top-level keys whose
 * value is a nested mapping (["env", "secrets"] for the job file, [] for
 * the secrets file); any other key must have a scalar value.
 */
export function parseYaml(input: string[], mapKeys: string[]): YamlDoc {
  const doc = emptyYamlDoc();
  const scopes: KeyScope[] = [newScope("")];
  parseLines(input, mapKeys, doc, scopes);
  failAtFirstDuplicate(doc, scopes);
  if (!doc.ok) {
    doc.entries = [];
    doc.maps = [];
  }
  return doc;
}

/** The parse without the duplicate check: each mapping's keys go to `scopes` (the top level's first). */
function parseLines(input: string[], mapKeys: string[], doc: YamlDoc, scopes: KeyScope[]): YamlDoc {
  const lines = prepareLines(input, doc);
  if (!doc.ok) {
    return doc;
  }
  let started = false;
  let after = AFTER_NOTHING;
  let lastKey = "";
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const lineNo = i + 1;
    if (isBlankOrComment(line)) {
      i++;
      continue;
    }
    if (line.startsWith("---") && isCleanEnd(line.slice(3))) {
      if (started) {
        return docFail(doc, lineNo, "a second document (---) is not supported; the file holds one mapping");
      }
      started = true;
      i++;
      continue;
    }
    if (line.startsWith("--- ") || line.startsWith("---\t")) {
      return docFail(doc, lineNo, "content after '---' is not supported; start the mapping on the next line");
    }
    if (line.startsWith("...") && isCleanEnd(line.slice(3))) {
      return docFail(doc, lineNo, "the document end marker '...' is not supported; remove it");
    }
    if (line.startsWith("%")) {
      return docFail(doc, lineNo, "directives (%YAML, %TAG) are not supported; remove the line");
    }
    started = true;
    const indent = countSpaces(line);
    if (tabAfter(line, indent)) {
      return docFail(doc, lineNo, TAB_INDENT);
    }
    if (indent > 0) {
      return docFail(doc, lineNo, indentationError(after, lastKey, `${nestingRule(mapKeys)}, and its value belongs on its line`));
    }
    const key = parseKey(line, 0);
    if (!key.ok) {
      return docFail(doc, lineNo, key.error);
    }
    addKey(scopes[0], key.key, lineNo);
    if (mapKeys.includes(key.key) && !isBlankOrComment(key.rest)) {
      return docFail(doc, lineNo, `'${key.key}' must be a nested mapping: write '${key.key}:' alone on its line, ` + "then each NAME: value on its own line, indented below it");
    }
    const value = parseValue(key.rest);
    if (!value.ok) {
      return docFail(doc, lineNo, value.error);
    }
    lastKey = key.key;
    after = value.kind;
    if (mapKeys.includes(key.key)) {
      const mapTab = tabBlankAfterEmpty(lines, i + 1);
      if (mapTab >= 0) {
        return docFail(doc, mapTab + 1, TAB_INDENT);
      }
      const map: YamlMap = { key: key.key, line: lineNo, pairs: [], firstNonName: -1, longestPair: 0 };
      doc.maps.push(map);
      const scope = newScope(key.key);
      scopes.push(scope);
      i = readNested(lines, i + 1, map, doc, scope);
      if (!doc.ok) {
        return doc;
      }
      after = AFTER_NOTHING;
      continue;
    }
    let text = value.value;
    i++;
    if (value.kind === AFTER_BLOCK) {
      const block = readBlock(lines, i, 0, value.strip);
      if (!block.ok) {
        return docFail(doc, block.errorLine, block.error);
      }
      text = block.value;
      i = block.next;
    }
    const tabLine = value.kind === AFTER_EMPTY ? tabBlankAfterEmpty(lines, i) : -1;
    if (tabLine >= 0) {
      return docFail(doc, tabLine + 1, TAB_INDENT);
    }
    doc.entries.push({ key: key.key, value: text, line: lineNo });
  }
  return doc;
}
