// Small clean-ups on a lowered function that make the output read like
// hand-written sh. Each keeps the meaning exactly.
import type { Cond, Part, Stmt, Word } from "./ir";

function partNames(part: Part, out: string[]): void {
  if (part.kind === "var" || part.kind === "len") out.push(part.name);
  else if (part.kind === "strip") {
    out.push(part.name);
    part.pattern.forEach((p) => partNames(p, out));
  } else if (part.kind === "arith") {
    const walk = (a: import("./ir").Arith): void => {
      if (a.kind === "ref") out.push(a.name);
      else if (a.kind === "bin") {
        walk(a.left);
        walk(a.right);
      } else if (a.kind === "neg") walk(a.operand);
    };
    walk(part.expr);
  }
}

function wordNames(word: Word, out: string[]): void {
  word.forEach((p) => partNames(p, out));
}

function condNames(cond: Cond, out: string[]): void {
  if (cond.kind === "cmd") cond.words.forEach((w) => wordNames(w, out));
  else if (cond.kind === "not") condNames(cond.cond, out);
  else if (cond.kind === "seq") {
    readNames(cond.pre, out);
    condNames(cond.cond, out);
  } else if (cond.kind === "and" || cond.kind === "or") {
    condNames(cond.left, out);
    condNames(cond.right, out);
  }
}

/** Every variable name read anywhere in these statements, with repeats. */
function readNames(stmts: Stmt[], out: string[] = []): string[] {
  for (const s of stmts) {
    switch (s.kind) {
      case "assign":
        wordNames(s.value, out);
        break;
      case "cmd":
        s.words.forEach((w) => wordNames(w, out));
        break;
      case "readIndirect":
        wordNames(s.source, out);
        break;
      case "writeIndirect":
        wordNames(s.target, out);
        wordNames(s.value, out);
        break;
      case "if":
        condNames(s.cond, out);
        readNames(s.then, out);
        readNames(s.else, out);
        break;
      case "while":
        condNames(s.cond, out);
        readNames(s.body, out);
        break;
      case "case":
        wordNames(s.subject, out);
        s.arms.forEach((a) => {
          a.patterns.forEach((p) => wordNames(p, out));
          readNames(a.body, out);
        });
        break;
      case "exit":
        wordNames(s.status, out);
        break;
      default:
        break;
    }
  }
  return out;
}

const isSingleVar = (word: Word, name?: string): word is [Part & { kind: "var" }] => word.length === 1 && word[0]!.kind === "var" && (name === undefined || word[0]!.name === name);

const ENDS_FLOW = new Set<Stmt["kind"]>(["return", "exit", "break", "continue"]);

/** A value the printer can hand to eval as it is (printer.ts, printEvalValue). */
function isEvalValue(word: Word): boolean {
  if (word.length !== 1) return false;
  const part = word[0]!;
  return part.kind === "var" || part.kind === "arith" || (part.kind === "lit" && /^(?:[A-Za-z0-9_]*|-[0-9]+)$/.test(part.text));
}

type Arith = import("./ir").Arith;

/**
 * `word` with the variable `name` read as `value` instead (a variable, a
 * number or literal text), and how many reads were replaced; undefined
 * where a read cannot take it (a number's length, text in arithmetic).
 */
function substituted(word: Word, name: string, value: Part, count: { n: number }): Word | undefined {
  const inArith = (a: Arith): Arith | undefined => {
    if (a.kind === "ref" && a.name === name) {
      count.n++;
      if (value.kind === "var") return { kind: "ref", name: value.name };
      if (value.kind === "arith") return value.expr;
      return undefined;
    }
    if (a.kind === "bin") {
      const left = inArith(a.left);
      const right = inArith(a.right);
      return left && right ? { ...a, left, right } : undefined;
    }
    if (a.kind === "neg") {
      const operand = inArith(a.operand);
      return operand && { ...a, operand };
    }
    return a;
  };
  const out: Word = [];
  for (const part of word) {
    if (part.kind === "var" && part.name === name) {
      count.n++;
      out.push(value);
    } else if (part.kind === "len" && part.name === name) {
      if (value.kind !== "var") return undefined;
      count.n++;
      out.push({ kind: "len", name: value.name });
    } else if (part.kind === "arith") {
      const expr = inArith(part.expr);
      if (!expr) return undefined;
      out.push({ kind: "arith", expr });
    } else if (part.kind === "strip") {
      if (part.name === name) return undefined;
      const pattern = substituted(part.pattern, name, value, count);
      if (!pattern) return undefined;
      out.push({ ...part, pattern });
    } else out.push(part);
  }
  return out;
}

/**
 * `s` reading the variable `name` as `value`, where s expands that read
 * before it runs anything (a command's words, an if's first test, a case's
 * subject, an assignment's value, an eval's text); undefined where it
 * cannot, or reads it elsewhere.
 */
function readingAs(s: Stmt, name: string, value: Part): Stmt | undefined {
  const count = { n: 0 };
  const sub = (w: Word) => substituted(w, name, value, count);
  const firstTest = (c: Cond): Cond | undefined => {
    if (c.kind === "cmd") {
      const words = c.words.map(sub);
      return words.every((w) => w !== undefined) ? { kind: "cmd", words: words as Word[] } : undefined;
    }
    if (c.kind === "not") {
      const inner = firstTest(c.cond);
      return inner && { kind: "not", cond: inner };
    }
    if (c.kind === "and" || c.kind === "or") {
      const left = firstTest(c.left);
      return left && { ...c, left };
    }
    return c;
  };
  // An eval's variable name takes literal text only of name characters (printer.ts, printIndirectName).
  const nameSafe = value.kind !== "lit" || /^[A-Za-z0-9_]*$/.test(value.text);
  let out: Stmt | undefined;
  switch (s.kind) {
    case "assign": {
      const v = sub(s.value);
      out = v && { ...s, value: v };
      break;
    }
    case "cmd": {
      const words = s.words.map(sub);
      out = words.every((w) => w !== undefined) ? { kind: "cmd", words: words as Word[] } : undefined;
      break;
    }
    case "if": {
      const cond = firstTest(s.cond);
      out = cond && { ...s, cond };
      break;
    }
    case "case": {
      const subject = sub(s.subject);
      out = subject && { ...s, subject };
      break;
    }
    case "readIndirect": {
      if (!nameSafe) break;
      const source = sub(s.source);
      out = source && { ...s, source };
      break;
    }
    case "writeIndirect": {
      if (!nameSafe) break;
      const target = sub(s.target);
      const v = sub(s.value);
      out = target && v && isEvalValue(v) ? { ...s, target, value: v } : undefined;
      break;
    }
    case "exit": {
      const status = sub(s.status);
      out = status && { ...s, status };
      break;
    }
    default:
      break;
  }
  return count.n === 1 ? out : undefined;
}

/**
 * `stmts` with the assignment to `from` that ends every path through them
 * (the last statement, or the last of each branch of a last if) made to
 * `to`; undefined where a path does not end so.
 */
function assignedLast(stmts: Stmt[], from: string, to: string): Stmt[] | undefined {
  const last = stmts[stmts.length - 1];
  if (last?.kind === "assign" && last.name === from) return [...stmts.slice(0, -1), { ...last, name: to }];
  if (last?.kind !== "if") return undefined;
  const then = assignedLast(last.then, from, to);
  const otherwise = assignedLast(last.else, from, to);
  return then && otherwise && [...stmts.slice(0, -1), { ...last, then, else: otherwise }];
}

/**
 * A temporary (`isTemp`) read nowhere but in the next statement is not
 * made: `t=$__r; f "$t"` → `f "$__r"`, `t=0; eval "${h}_f=\$t"` →
 * `eval "${h}_f=0"`, `eval "t=…"; x=$t` → `eval "x=…"`; so a call's result
 * goes straight to what wants it.
 * `if false; then …; fi` and `if :; then A; else B; fi` keep only the branch
 * that runs (`return false` lowers to the former), and nothing follows a
 * return, exit, break or continue in the same list.
 */
export function foldResultCopies(body: Stmt[], isTemp: (name: string) => boolean): Stmt[] {
  const counts = new Map<string, number>();
  for (const name of readNames(body)) counts.set(name, (counts.get(name) ?? 0) + 1);
  /** The statement that makes the temporary s reads once, and s, as one statement (or none: a copy to itself). */
  const merged = (prev: Stmt | undefined, s: Stmt): Stmt[] | undefined => {
    // `if c; then t=a; else t=b; fi; x=$t` (a ternary) → `if c; then x=a; else x=b; fi`.
    if (prev?.kind === "if" && s.kind === "assign" && isSingleVar(s.value) && isTemp(s.value[0].name) && counts.get(s.value[0].name) === 1) {
      return assignedLast([prev], s.value[0].name, s.name);
    }
    if (!prev || (prev.kind !== "assign" && prev.kind !== "readIndirect") || !isTemp(prev.name) || counts.get(prev.name) !== 1) return undefined;
    if (prev.kind === "readIndirect") return s.kind === "assign" && isSingleVar(s.value, prev.name) ? [{ ...prev, name: s.name }] : undefined;
    if (prev.value.length !== 1) return undefined;
    const value = prev.value[0]!;
    if (value.kind !== "var" && value.kind !== "arith" && value.kind !== "lit") return undefined;
    const s2 = readingAs(s, prev.name, value);
    if (!s2) return undefined;
    // `return f(x)`: the result is in __r already.
    return s2.kind === "assign" && isSingleVar(s2.value, s2.name) ? [] : [s2];
  };
  const fold = (stmts: Stmt[]): Stmt[] => {
    const out: Stmt[] = [];
    for (const next of stmts) {
      let s = next;
      const both = merged(out[out.length - 1], s);
      if (both) {
        out.pop();
        if (both.length === 0) continue;
        s = both[0]!; // and cleaned up as any other
      }
      const prev = out[out.length - 1];
      // `__r=$__r` (a call's result returned as it is) does nothing.
      if (s.kind === "assign" && isSingleVar(s.value, s.name)) continue;
      if (prev && ENDS_FLOW.has(prev.kind) && s.kind !== "comment") continue;
      if (s.kind === "if" && (s.cond.kind === "true" || s.cond.kind === "false")) {
        for (const taken of fold(s.cond.kind === "true" ? s.then : s.else)) out.push(taken);
        continue;
      }
      if (s.kind === "if") out.push({ ...s, cond: foldCond(s.cond), then: fold(s.then), else: fold(s.else) });
      else if (s.kind === "while") out.push({ ...s, cond: foldCond(s.cond), body: fold(s.body) });
      else if (s.kind === "case") out.push({ ...s, arms: s.arms.map((a) => ({ ...a, body: fold(a.body) })) });
      else out.push(s);
    }
    return out;
  };
  const foldCond = (c: Cond): Cond => {
    if (c.kind === "seq") {
      const pre = fold(c.pre);
      const cond = foldCond(c.cond);
      // The group's last statement makes what its test reads: as for a statement after it.
      const test: Stmt = { kind: "if", cond, then: [], else: [] };
      const both = merged(pre[pre.length - 1], test);
      if (both?.length === 1 && both[0]!.kind === "if") return pre.length === 1 ? both[0].cond : { kind: "seq", pre: pre.slice(0, -1), cond: both[0].cond };
      return { kind: "seq", pre, cond };
    }
    if (c.kind === "not") return { ...c, cond: foldCond(c.cond) };
    if (c.kind === "and" || c.kind === "or") return { ...c, left: foldCond(c.left), right: foldCond(c.right) };
    return c;
  };
  return fold(body);
}

/**
 * The `return 0` that ends a function whose status nobody reads (one that
 * returns a value in __r, or nothing) goes: falling off its end is the
 * same. Also at the ends of a last if's branches and a last case's arms.
 */
export function dropTailReturns(body: Stmt[]): Stmt[] {
  let end = body.length;
  while (end > 0 && body[end - 1]!.kind === "comment") end--;
  const last = body[end - 1];
  if (!last) return body;
  const rest = body.slice(end);
  if (last.kind === "return" && last.status === 0) return [...body.slice(0, end - 1), ...rest];
  if (last.kind === "if") return [...body.slice(0, end - 1), { ...last, then: dropTailReturns(last.then), else: dropTailReturns(last.else) }, ...rest];
  if (last.kind === "case") return [...body.slice(0, end - 1), { ...last, arms: last.arms.map((a) => ({ ...a, body: dropTailReturns(a.body) })) }, ...rest];
  return body;
}
