// Prints the shell IR as POSIX sh. This is the only place that decides how a
// word is quoted, so no caller can forget to quote an expansion.
import type { Arith, CaseArm, Cond, FunctionDef, Part, Stmt, Word } from "./ir";
import { RESERVED } from "./names";

const BARE_SAFE = /^[A-Za-z0-9_./,+@%:=-]+$/;
const IDENTIFIER_CHARS = /^[A-Za-z0-9_]*$/;

/**
 * How statements are laid out: the readable script indents two spaces and
 * keeps the comments; the compact one (compile --compact) neither.
 */
export interface Layout {
  indent: string;
  comments: boolean;
}
export const READABLE: Layout = { indent: "  ", comments: true };
export const COMPACT: Layout = { indent: "", comments: false };

/** Text that may stand inside double quotes unchanged. */
function isDoubleQuoteSafe(text: string): boolean {
  return !/[$`"\\]/.test(text);
}

function singleQuote(text: string): string {
  // A backslash just before the closing quote reads like an escaped quote
  // (shellcheck SC1003): print trailing backslashes outside the quotes.
  const trailing = /\\+$/.exec(text)?.[0] ?? "";
  if (trailing !== "") {
    const rest = text.slice(0, text.length - trailing.length);
    return (rest === "" ? "" : singleQuote(rest)) + "\\\\".repeat(trailing.length);
  }
  if (!text.includes("'")) return `'${text}'`;
  if (isDoubleQuoteSafe(text)) return `"${text}"`;
  // The only way to put ' inside single quotes is to close, escape, reopen.
  return `'${text.split("'").join(`'\\''`)}'`;
}

function printArith(expr: Arith, nested = false): string {
  switch (expr.kind) {
    case "num":
      return expr.value < 0 ? `(${expr.value})` : String(expr.value);
    case "ref":
      return expr.name;
    case "neg":
      return `-(${printArith(expr.operand)})`;
    case "bin": {
      const text = `${printArith(expr.left, true)} ${expr.op} ${printArith(expr.right, true)}`;
      return nested ? `(${text})` : text;
    }
  }
}

/** An expansion inside double quotes; `next` is the text that follows it. */
function expansion(part: Part, next: string): string {
  switch (part.kind) {
    case "var":
      // Braces only where the next character would otherwise join the name,
      // and for positional parameters past 9 ($10 is ${1} then "0").
      return /^[A-Za-z0-9_[]/.test(next) || /^[0-9]{2,}$/.test(part.name) ? `\${${part.name}}` : `$${part.name}`;
    case "len":
      return `\${#${part.name}}`;
    case "arith":
      return `$((${printArith(part.expr)}))`;
    case "args":
      return "$@";
    case "strip":
      return `\${${part.name}${part.op}${printWord(part.pattern, "pattern")}}`;
    default:
      throw new Error(`internal: ${part.kind} is not an expansion`);
  }
}

type WordContext = "arg" | "assign" | "pattern";

/**
 * The literal text printed right after part i, which decides whether a
 * variable there needs braces. Empty literal parts print nothing, so they
 * are skipped: in `${x}${""}y` the y still follows $x.
 */
function textAfter(word: Word, i: number): string {
  for (let j = i + 1; j < word.length; j++) {
    const part = word[j]!;
    if (part.kind === "lit" && part.text === "") continue;
    return part.kind === "lit" ? part.text : "";
  }
  return "";
}

export function printWord(word: Word, context: WordContext = "arg"): string {
  const only = word.length === 1 ? word[0]! : undefined;
  if (word.length === 0) return "''";
  // posh (and old shells) call "$@" unset under set -u when there are no arguments.
  if (only?.kind === "args") return '${1+"$@"}';
  if (only?.kind === "strip" && context !== "assign") throw new Error("internal: ${x#p} outside an assignment");
  if (context === "assign" && only && only.kind !== "lit" && only.kind !== "glob") {
    // An assignment's value is not split or globbed: `x=$y` needs no quotes.
    return expansion(only, "");
  }
  // `x=then` or `f set` is valid sh but reads like a keyword or a command
  // (shellcheck SC1010, SC2209): quote such words. true/false read as what they are.
  if (only?.kind === "lit" && context !== "pattern" && RESERVED.has(only.text) && only.text !== "true" && only.text !== "false") {
    return singleQuote(only.text);
  }
  let out = "";
  let run: string[] = []; // pieces of an open double-quoted run
  const closeRun = () => {
    if (run.length > 0) out += `"${run.join("")}"`;
    run = [];
  };
  for (let i = 0; i < word.length; i++) {
    const part = word[i]!;
    const nextPart = word[i + 1];
    const nextText = textAfter(word, i);
    if (part.kind === "glob") {
      if (context !== "pattern") throw new Error("internal: glob part outside a pattern");
      closeRun();
      out += part.text;
    } else if (part.kind === "lit") {
      if (part.text === "") continue;
      const expansionFollows = nextPart !== undefined && nextPart.kind !== "lit" && nextPart.kind !== "glob";
      if (isDoubleQuoteSafe(part.text) && (run.length > 0 || (expansionFollows && !BARE_SAFE.test(part.text)))) run.push(part.text);
      else if (BARE_SAFE.test(part.text) && run.length === 0) out += part.text;
      else {
        closeRun();
        out += singleQuote(part.text);
      }
    } else {
      run.push(expansion(part, nextText));
    }
  }
  closeRun();
  return out === "" ? "''" : out;
}

/** The text of an eval string naming a variable: `${h}_n`, `${h}_${i}`. */
function printIndirectName(source: Word): string {
  return source
    .map((part) => {
      if (part.kind === "lit") {
        if (!IDENTIFIER_CHARS.test(part.text)) throw new Error(`internal: unsafe name part ${JSON.stringify(part.text)}`);
        return part.text;
      }
      if (part.kind === "var") return `\${${part.name}}`;
      if (part.kind === "arith") {
        if (part.expr.kind === "num" && part.expr.value >= 0) return String(part.expr.value);
        if (part.expr.kind === "ref") return `\${${part.expr.name}}`;
        return `$((${printArith(part.expr)}))`;
      }
      throw new Error(`internal: ${part.kind} in an indirect name`);
    })
    .join("");
}

/** A value handed to eval: only a variable reference (eval sees `$v`, never its bytes) or digits. */
function printEvalValue(value: Word): string {
  if (value.length === 1) {
    const part = value[0]!;
    if (part.kind === "var") return `\\$${part.name}`;
    if (part.kind === "arith") return `$((${printArith(part.expr)}))`;
    if (part.kind === "lit" && /^(?:[A-Za-z0-9_]*|-[0-9]+)$/.test(part.text)) return part.text;
  }
  throw new Error("internal: eval value must be a variable, arithmetic or a plain token");
}

/** A simple command; the brackets of a test command print bare. */
function printCommand(words: Word[]): string {
  const isTest = words.length >= 2 && isLit(words[0]!, "[") && isLit(words[words.length - 1]!, "]");
  return words.map((w, i) => (isTest && (i === 0 || i === words.length - 1) ? (w[0] as { text: string }).text : printWord(w))).join(" ");
}

function isLit(word: Word, text: string): boolean {
  return word.length === 1 && word[0]!.kind === "lit" && word[0]!.text === text;
}

function printCond(cond: Cond, depth: number, layout: Layout): string {
  const group = (c: Cond) => (c.kind === "seq" ? printCond(c, depth, layout) : `{ ${printCond(c, depth, layout)}; }`);
  switch (cond.kind) {
    case "true":
      return ":";
    case "false":
      return "false";
    case "cmd":
      return printCommand(cond.words);
    case "not":
      return cond.cond.kind === "cmd" ? `! ${printCond(cond.cond, depth, layout)}` : `! ${group(cond.cond)}`;
    case "and":
    case "or": {
      // && and || have equal precedence in sh; group any other list on the left and all lists on the right.
      const op = cond.kind === "and" ? "&&" : "||";
      const isList = (c: Cond) => c.kind === "and" || c.kind === "or";
      const left = isList(cond.left) && cond.left.kind !== cond.kind ? group(cond.left) : printCond(cond.left, depth, layout);
      const right = isList(cond.right) ? group(cond.right) : printCond(cond.right, depth, layout);
      return `${left} ${op} ${right}`;
    }
    case "seq": {
      // A brace group over lines: its statements, then the test whose status it has.
      const lines: string[] = [];
      printBody(cond.pre, depth + 1, lines, layout);
      lines.push(layout.indent.repeat(depth + 1) + printCond(cond.cond, depth + 1, layout));
      return `{\n${lines.join("\n")}\n${layout.indent.repeat(depth)}}`;
    }
  }
}

function printBody(stmts: Stmt[], depth: number, lines: string[], layout: Layout): void {
  if (stmts.filter((s) => s.kind !== "comment").length === 0) lines.push(layout.indent.repeat(depth) + ":");
  for (let i = 0; i < stmts.length; i++) {
    const stmt = stmts[i]!;
    if (stmt.kind === "writeIndirect" && stmts[i + 1]?.kind === "writeIndirect") {
      // Fields written one after another: one eval. Its text is expanded
      // once, before any of them is assigned; that is the same, since no
      // name or value in it is a field's variable (those are read by eval
      // only, into other variables).
      const writes: string[] = [];
      while (stmts[i]?.kind === "writeIndirect") {
        const w = stmts[i] as Stmt & { kind: "writeIndirect" };
        writes.push(`${printIndirectName(w.target)}=${printEvalValue(w.value)}`);
        i++;
      }
      i--;
      lines.push(`${layout.indent.repeat(depth)}eval "${writes.join(" ")}"`);
    } else printStmt(stmt, depth, lines, layout);
  }
}

function printCaseArm(arm: CaseArm, depth: number, lines: string[], layout: Layout): void {
  const pad = layout.indent.repeat(depth);
  lines.push(`${pad}${arm.patterns.map((p) => printWord(p, "pattern")).join(" | ")})`);
  printBody(arm.body, depth + 1, lines, layout);
  lines.push(`${pad}${layout.indent};;`);
}

function printStmt(stmt: Stmt, depth: number, lines: string[], layout: Layout): void {
  const pad = layout.indent.repeat(depth);
  switch (stmt.kind) {
    case "assign":
      lines.push(`${pad}${stmt.name}=${printWord(stmt.value, "assign")}`);
      return;
    case "cmd":
      lines.push(pad + printCommand(stmt.words));
      return;
    case "readIndirect":
      // An assignment's value is neither split nor globbed: no quotes needed inside.
      lines.push(`${pad}eval "${stmt.name}=\\\${${printIndirectName(stmt.source)}}"`);
      return;
    case "writeIndirect":
      lines.push(`${pad}eval "${printIndirectName(stmt.target)}=${printEvalValue(stmt.value)}"`);
      return;
    case "if": {
      lines.push(`${pad}if ${printCond(stmt.cond, depth, layout)}; then`);
      printBody(stmt.then, depth + 1, lines, layout);
      let rest = stmt.else;
      // else { if … } prints as elif, so chains stay flat.
      while (rest.length === 1 && rest[0]!.kind === "if") {
        const inner = rest[0]!;
        lines.push(`${pad}elif ${printCond(inner.cond, depth, layout)}; then`);
        printBody(inner.then, depth + 1, lines, layout);
        rest = inner.else;
      }
      if (rest.length > 0) {
        lines.push(`${pad}else`);
        printBody(rest, depth + 1, lines, layout);
      }
      lines.push(`${pad}fi`);
      return;
    }
    case "while":
      if (stmt.cond.kind === "seq") {
        // The loop's test is a list: its statements, then the test whose status decides.
        lines.push(`${pad}while`);
        printBody(stmt.cond.pre, depth + 1, lines, layout);
        lines.push(`${pad}${layout.indent}${printCond(stmt.cond.cond, depth + 1, layout)}`);
        lines.push(`${pad}do`);
      } else lines.push(`${pad}while ${printCond(stmt.cond, depth, layout)}; do`);
      printBody(stmt.body, depth + 1, lines, layout);
      lines.push(`${pad}done`);
      return;
    case "case":
      lines.push(`${pad}case ${printWord(stmt.subject)} in`);
      for (const arm of stmt.arms) printCaseArm(arm, depth + 1, lines, layout);
      lines.push(`${pad}esac`);
      return;
    case "break":
      lines.push(`${pad}break`);
      return;
    case "continue":
      lines.push(`${pad}continue`);
      return;
    case "return":
      lines.push(`${pad}return ${stmt.status}`);
      return;
    case "exit":
      lines.push(`${pad}exit ${printWord(stmt.status)}`);
      return;
    case "comment":
      if (!layout.comments) return;
      for (const line of stmt.text.split("\n")) lines.push(`${pad}# ${line}`.trimEnd());
      return;
  }
}

export function printStatements(stmts: Stmt[], layout: Layout = READABLE): string {
  const lines: string[] = [];
  for (const stmt of stmts) printStmt(stmt, 0, lines, layout);
  return lines.join("\n");
}

export function printFunction(fn: FunctionDef, layout: Layout = READABLE): string {
  const lines: string[] = [];
  if (layout.comments) for (const line of fn.comment.split("\n")) lines.push(`# ${line}`.trimEnd());
  lines.push(`${fn.name}() {`);
  printBody(fn.body, 1, lines, layout);
  lines.push("}");
  return lines.join("\n");
}
