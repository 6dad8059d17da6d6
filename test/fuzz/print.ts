// The fuzzer's program tree → portable TypeScript source. Besides the
// syntax, this is where a program is kept inside what docs/subset.md defines
// at run time, whatever the tree holds (the shrinker cuts trees freely):
//  - every number expression stays within ±2,147,483,647: operands whose
//    product or sum could leave that range are reduced `% 40009` first, and
//    every number stored (variables, parameters, results, elements, fields)
//    is reduced to |n| ≤ 40008, so that ++/-- (bounded by the run's length,
//    see generate.ts) leave it below 46,341, whose square still fits;
//  - divisors are never zero (`nz(d)`, or `(d !== 0 ? d : 7)`);
//  - s[i] and a[i] read inside the string or array (a length test, and the
//    index reduced modulo the length), or inside a scan loop over it;
//  - stored strings are at most 40 bytes and arrays at most 8 elements, so
//    a program's work and output stay small on the slowest shells.
import {
  REC_FIELDS,
  elemTy,
  isArr,
  isPure,
  mentions,
  typeOf,
  type Case,
  type Constant,
  type Expr,
  type Func,
  type Place,
  type Program,
  type RetTy,
  type Stmt,
  type Ty,
} from "./ast";

export const MAX_INT = 2147483647;
/** Stored numbers are reduced modulo this. */
export const STORE_MOD = 40009;
/** What a stored number may have become after ++/--: 40008 plus at most 6,300 steps of a run. */
export const READ_BOUND = 46336;
export const STR_MAX = 40;
export const ARR_MAX = 8;
/** A string expression that could be longer is cut to STR_MAX first. */
const BIG_STR = 600;

interface Bound {
  num: number; // numbers: the largest magnitude
  len: number; // strings: the longest length; numbers and booleans: the longest text
  cnt: number; // arrays: the most elements
}

interface P {
  s: string;
  atom: boolean; // may stand as a receiver or operand without parentheses
  b: Bound;
}

const ZERO: Bound = { num: 0, len: 0, cnt: 0 };

function textLen(num: number): number {
  return String(Math.trunc(num)).length + 1;
}

export function tyText(ty: RetTy): string {
  return ty;
}

/** The longest text of an element of an array of this type. */
function elemLen(ty: Ty): number {
  if (ty === "string[]") return STR_MAX;
  if (ty === "number[]") return textLen(READ_BOUND);
  return 5;
}

function storedBound(ty: RetTy): Bound {
  switch (ty) {
    case "number":
      return { num: READ_BOUND, len: textLen(READ_BOUND), cnt: 0 };
    case "string":
      return { num: 0, len: STR_MAX, cnt: 0 };
    case "boolean":
      return { num: 0, len: 5, cnt: 0 };
    case "void":
    case "Rec":
      return ZERO;
    default:
      return { num: 0, len: 0, cnt: ARR_MAX };
  }
}

const paren = (p: P): string => (p.atom ? p.s : `(${p.s})`);

/** A string literal in the quotes q (0 "…", 1 '…', 2 `…`). */
export function strLit(v: string, q: 0 | 1 | 2, u = false): string {
  const quote = q === 0 ? '"' : q === 1 ? "'" : "`";
  let out = quote;
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    const code = c.charCodeAt(0);
    if (c === "\\") out += "\\\\";
    else if (c === quote) out += "\\" + c;
    else if (q === 2 && c === "$" && v[i + 1] === "{") out += "\\$";
    else if (c === "\n")
      out += q === 2 && i % 2 === 0 ? "\n" : "\\n"; // a template may hold the newline itself
    else if (c === "\t") out += q === 2 ? "\t" : "\\t";
    else if (c === "\r")
      out += "\\r"; // never raw: a template turns CR into LF
    else if (code < 0x20 || code === 0x7f) out += "\\x" + code.toString(16).padStart(2, "0");
    else if (code > 0x7f) out += u ? "\\u00" + code.toString(16).toUpperCase() : "\\x" + code.toString(16).toUpperCase();
    else out += c;
  }
  return out + quote;
}

function tmplText(v: string): string {
  const inner = strLit(v, 2);
  return inner.slice(1, -1);
}

function numLit(v: number, f: 0 | 1 | 2 | 3 | 4 | 5 = 0): P {
  let s = String(v);
  if (f === 1 && v >= 0) s = "0x" + v.toString(16);
  else if (f === 2 && v >= 1000) s = String(v).replace(/\B(?=(\d{3})+$)/g, "_");
  else if (f === 3 && v >= 0) s = "0o" + v.toString(8);
  else if (f === 4 && v >= 0) s = "0b" + v.toString(2);
  else if (f === 5 && v > 0 && v % 10 === 0) s = `${v / 10}e1`;
  return { s, atom: v >= 0, b: { num: Math.abs(v), len: textLen(v), cnt: 0 } };
}

export class Printer {
  private lines: string[] = [];
  /** Helper functions the program needs (nz). */
  readonly helpers = new Set<string>();

  // ------------------------------------------------------------ expressions

  /** Reduce a number modulo STORE_MOD when it could exceed `limit`. */
  private wrapNum(p: P, limit = STORE_MOD - 1): P {
    if (p.b.num <= limit) return p;
    return { s: `${paren(p)} % ${STORE_MOD}`, atom: false, b: { num: STORE_MOD - 1, len: textLen(STORE_MOD), cnt: 0 } };
  }

  private clipStr(p: P, max = STR_MAX): P {
    if (p.b.len <= max) return p;
    return { s: `${paren(p)}.slice(0, ${max})`, atom: true, b: { num: 0, len: max, cnt: 0 } };
  }

  /** A value about to be stored somewhere of type ty. */
  stored(e: Expr, ty: RetTy): P {
    const p = this.expr(e);
    if (ty === "number") return this.wrapNum(p);
    if (ty === "string") return this.clipStr(p);
    if (isArr(ty) && p.b.cnt > ARR_MAX) return { s: `${paren(p)}.slice(0, ${ARR_MAX})`, atom: true, b: { ...p.b, cnt: ARR_MAX } };
    return p;
  }

  private divisor(e: Expr, inl: boolean | undefined): string {
    if (e.k === "num") return e.v === 0 ? "1" : paren(numLit(e.v, e.f));
    const p = this.expr(e);
    if (inl && isPure(e)) return `(${p.s} !== 0 ? ${p.s} : 7)`;
    this.helpers.add("nz");
    return `nz(${p.s})`;
  }

  /** ((i % n) + n) % n: an index reduced into 0 … n − 1 (n = a length, not 0). */
  private reduced(i: Expr, len: string): string {
    const p = this.wrapNum(this.expr(i), MAX_INT - 1000);
    return `((${paren(p)} % ${len}) + ${len}) % ${len}`;
  }

  expr(e: Expr): P {
    switch (e.k) {
      case "str":
        return { s: strLit(e.v, e.q, e.u), atom: true, b: { num: 0, len: e.v.length, cnt: 0 } };
      case "num":
        return numLit(e.v, e.f);
      case "bool":
        return { s: String(e.v), atom: true, b: { num: 0, len: 5, cnt: 0 } };
      case "var": {
        const b = storedBound(e.ty);
        if (e.bound !== undefined) return { s: e.name, atom: true, b: { num: e.bound, len: textLen(e.bound), cnt: 0 } };
        return { s: e.name, atom: true, b };
      }
      case "call": {
        const args = e.args.map((a, i) => this.stored(a, argTypes.get(e.fn)?.[i] ?? typeOfArg(a)).s);
        const call = `${e.fn}(${args.join(", ")})`;
        // A function's number result was stored (reduced) by its return.
        const b = e.ty === "number" ? { num: STORE_MOD - 1, len: textLen(STORE_MOD), cnt: 0 } : storedBound(e.ty);
        return { s: e.aw ? `(await ${call})` : call, atom: true, b };
      }
      case "arith":
        return this.arith(e);
      case "neg": {
        const p = this.expr(e.e);
        return { s: p.atom && !p.s.startsWith("-") ? `-${p.s}` : `-(${p.s})`, atom: false, b: p.b };
      }
      case "concat": {
        let l = this.expr(e.l);
        let r = this.expr(e.r);
        if (l.b.len + r.b.len > BIG_STR) {
          l = this.clipStr(l);
          r = this.clipStr(r);
        }
        return { s: `${l.atom ? l.s : `(${l.s})`} + ${paren(r)}`, atom: false, b: { num: 0, len: l.b.len + r.b.len, cnt: 0 } };
      }
      case "tmpl": {
        let len = 0;
        let s = "`";
        for (const part of e.parts) {
          if (typeof part === "string") {
            s += tmplText(part);
            len += part.length;
          } else {
            const p = this.clipStr(this.expr(part));
            s += "${" + p.s + "}";
            len += p.b.len;
          }
        }
        return { s: s + "`", atom: true, b: { num: 0, len, cnt: 0 } };
      }
      case "tostr": {
        const p = this.expr(e.e);
        return { s: `String(${p.s})`, atom: true, b: { num: 0, len: p.b.len, cnt: 0 } };
      }
      case "cmp": {
        const l = this.expr(e.l);
        const r = this.expr(e.r);
        return { s: `${paren(l)} ${e.op} ${paren(r)}`, atom: false, b: { num: 0, len: 5, cnt: 0 } };
      }
      case "and":
      case "or": {
        const l = this.expr(e.l);
        const r = this.expr(e.r);
        return { s: `${paren(l)} ${e.k === "and" ? "&&" : "||"} ${paren(r)}`, atom: false, b: { num: 0, len: 5, cnt: 0 } };
      }
      case "not": {
        const p = this.expr(e.e);
        return { s: `!${paren(p)}`, atom: true, b: { num: 0, len: 5, cnt: 0 } };
      }
      case "tern": {
        const c = this.expr(e.c);
        const a = this.expr(e.a);
        const b = this.expr(e.b);
        return {
          s: `${paren(c)} ? ${paren(a)} : ${paren(b)}`,
          atom: false,
          b: { num: Math.max(a.b.num, b.b.num), len: Math.max(a.b.len, b.b.len), cnt: Math.max(a.b.cnt, b.b.cnt) },
        };
      }
      case "len": {
        const p = this.expr(e.e);
        const n = isArr(typeOfArg(e.e)) ? p.b.cnt : p.b.len;
        return { s: `${paren(p)}.length`, atom: true, b: { num: n, len: textLen(n), cnt: 0 } };
      }
      case "smeth":
        return this.strMethod(e);
      case "sidx": {
        const s = this.expr(e.s);
        const len = `${paren(s)}.length`;
        return { s: `${len} > 0 ? ${paren(s)}[${this.reduced(e.i, len)}] : ""`, atom: false, b: { num: 0, len: 1, cnt: 0 } };
      }
      case "sraw":
        return { s: `${e.s}[${e.i}]`, atom: true, b: { num: 0, len: 1, cnt: 0 } };
      case "arr": {
        const el = elemTy(e.ty);
        const items = e.elems.map((x) => this.stored(x, el).s);
        return { s: `[${items.join(", ")}]`, atom: true, b: { num: 0, len: 0, cnt: e.elems.length } };
      }
      case "aidx": {
        const a = this.expr(e.a);
        const len = `${paren(a)}.length`;
        const el = elemTy(e.ty);
        const dflt = el === "string" ? '""' : el === "number" ? "0" : el === "boolean" ? "false" : '{ s: "", n: 0, b: false, xs: [""] }';
        return { s: `${len} > 0 ? ${paren(a)}[${this.reduced(e.i, len)}] : ${dflt}`, atom: false, b: storedBound(el) };
      }
      case "araw":
        return { s: `${e.a}[${e.i}]`, atom: true, b: storedBound(elemTy(e.ty)) };
      case "ameth":
        return this.arrMethod(e);
      case "push": {
        const a = this.expr(e.a);
        const ty = typeOfArg(e.a);
        const v = this.stored(e.e, isArr(ty) ? elemTy(ty) : "string");
        return { s: `${paren(a)}.length < ${ARR_MAX} ? ${paren(a)}.push(${v.s}) : ${paren(a)}.length`, atom: false, b: { num: ARR_MAX + 1, len: 2, cnt: 0 } };
      }
      case "rec": {
        const fields = e.fields.map(({ f, e: v }) => {
          const ty = REC_FIELDS.find((x) => x.name === f)!.ty;
          if (e.short && v.k === "var" && v.name === f) return f;
          return `${f}: ${this.stored(v, ty).s}`;
        });
        return { s: `{ ${fields.join(", ")} }`, atom: false, b: ZERO };
      }
      case "field": {
        const p = this.expr(e.e);
        return { s: `${paren(p)}.${e.f}`, atom: true, b: storedBound(REC_FIELDS.find((x) => x.name === e.f)!.ty) };
      }
      case "env":
        if (e.has) return { s: `hasEnv(${strLit(e.name, 0)})`, atom: true, b: { num: 0, len: 5, cnt: 0 } };
        return { s: `env(${strLit(e.name, 0)}).slice(0, ${STR_MAX})`, atom: true, b: { num: 0, len: STR_MAX, cnt: 0 } };
      case "std": {
        const p = this.expr(e.arg);
        return { s: `${e.fn}(${p.s})`, atom: true, b: e.fn === "toInteger" ? { num: MAX_INT, len: 11, cnt: 0 } : { num: 0, len: 5, cnt: 0 } };
      }
    }
  }

  private arith(e: Expr & { k: "arith" }): P {
    let l = this.expr(e.l);
    if (e.op === "%" || e.op === "/") {
      const d = this.divisor(e.r, e.inl);
      if (e.op === "%") return { s: `${paren(l)} % ${d}`, atom: false, b: l.b };
      return { s: `Math.trunc(${paren(l)} / ${d})`, atom: true, b: l.b };
    }
    let r = this.expr(e.r);
    const fits = () => (e.op === "*" ? l.b.num * r.b.num : l.b.num + r.b.num) <= MAX_INT;
    if (!fits()) {
      if (l.b.num >= r.b.num) l = this.wrapNum(l);
      else r = this.wrapNum(r);
    }
    if (!fits()) {
      l = this.wrapNum(l);
      r = this.wrapNum(r);
    }
    const num = e.op === "*" ? l.b.num * r.b.num : l.b.num + r.b.num;
    return { s: `${paren(l)} ${e.op} ${paren(r)}`, atom: false, b: { num, len: textLen(num), cnt: 0 } };
  }

  private strMethod(e: Expr & { k: "smeth" }): P {
    let recv = this.expr(e.recv);
    const call = (args: string[]) => `${paren(recv)}.${e.m}(${args.join(", ")})`;
    const nums = () => e.args.map((a) => this.wrapNum(this.expr(a), MAX_INT).s);
    switch (e.m) {
      case "slice":
        return { s: call(nums()), atom: true, b: { num: 0, len: recv.b.len, cnt: 0 } };
      case "charAt":
        return { s: call(nums()), atom: true, b: { num: 0, len: 1, cnt: 0 } };
      case "trim":
        return { s: call([]), atom: true, b: recv.b };
      case "indexOf": {
        const [t, from] = e.args;
        const args = [this.expr(t!).s];
        if (from) args.push(this.expr(from).s);
        return { s: call(args), atom: true, b: { num: recv.b.len, len: textLen(recv.b.len), cnt: 0 } };
      }
      case "startsWith":
      case "endsWith":
      case "includes":
        return { s: call([this.expr(e.args[0]!).s]), atom: true, b: { num: 0, len: 5, cnt: 0 } };
      case "split": {
        recv = this.clipStr(recv);
        const sep = this.expr(e.args[0]!);
        return { s: call([sep.s]), atom: true, b: { num: 0, len: 0, cnt: recv.b.len + 1 } };
      }
      case "replaceAll": {
        const [a, b] = e.args;
        const search = this.expr(a!);
        let rep = this.expr(b!);
        // Per match: the replacement, where each "$" may expand to the whole text ($` or $').
        const dollars = b!.k === "str" ? b!.v.split("$").length - 1 : rep.b.len;
        const bound = () => recv.b.len + recv.b.len * (rep.b.len + dollars * recv.b.len);
        if (bound() > BIG_STR) recv = this.clipStr(recv, 12);
        if (bound() > BIG_STR) rep = this.clipStr(rep, 4);
        const dollars2 = b!.k === "str" ? dollars : rep.b.len;
        const len = recv.b.len + recv.b.len * (rep.b.len + dollars2 * recv.b.len);
        return { s: call([search.s, rep.s]), atom: true, b: { num: 0, len, cnt: 0 } };
      }
    }
  }

  private arrMethod(e: Expr & { k: "ameth" }): P {
    const recv = this.expr(e.recv);
    const ty = typeOfArg(e.recv);
    const call = (args: string[]) => `${paren(recv)}.${e.m}(${args.join(", ")})`;
    switch (e.m) {
      case "join": {
        const sep = this.clipStr(this.expr(e.args[0]!));
        const n = recv.b.cnt;
        const el = isArr(ty) ? elemLen(ty as Ty) : STR_MAX;
        return { s: call([sep.s]), atom: true, b: { num: 0, len: n * el + Math.max(0, n - 1) * sep.b.len, cnt: 0 } };
      }
      case "includes":
        return { s: call([this.expr(e.args[0]!).s]), atom: true, b: { num: 0, len: 5, cnt: 0 } };
      case "slice":
        return { s: call(e.args.map((a) => this.wrapNum(this.expr(a), MAX_INT).s)), atom: true, b: recv.b };
    }
  }

  // ------------------------------------------------------------ statements

  private emit(depth: number, text: string): void {
    this.lines.push("  ".repeat(depth) + text);
  }

  private place(p: Place): { pre: string; target: string; close: string } {
    switch (p.k) {
      case "var":
        return { pre: "", target: p.name, close: "" };
      case "fld":
        return { pre: "", target: `${paren(this.expr(p.r))}.${p.f}`, close: "" };
      case "elem": {
        const a = paren(this.expr(p.a));
        if (p.app) return { pre: `if (${a}.length < ${ARR_MAX}) { `, target: `${a}[${a}.length]`, close: " }" };
        return { pre: `if (${a}.length > 0) { `, target: `${a}[${this.reduced(p.i, `${a}.length`)}]`, close: " }" };
      }
    }
  }

  private placeType(p: Place): Ty {
    if (p.k === "var") return p.ty;
    if (p.k === "elem") return elemTy(p.ty);
    return REC_FIELDS.find((f) => f.name === p.f)!.ty;
  }

  private block(stmts: Stmt[], depth: number): void {
    for (const s of stmts) this.stmt(s, depth);
  }

  stmt(s: Stmt, d: number): void {
    switch (s.k) {
      case "decl": {
        if (s.late && s.kind === "let") {
          this.emit(d, `let ${s.name}: ${tyText(s.ty)};`);
          this.emit(d, `if (${this.expr(s.late.c).s}) {`);
          this.emit(d + 1, `${s.name} = ${this.stored(s.init, s.ty).s};`);
          this.emit(d, "} else {");
          this.emit(d + 1, `${s.name} = ${this.stored(s.late.other, s.ty).s};`);
          this.emit(d, "}");
          return;
        }
        const v = this.stored(s.init, s.ty);
        this.emit(d, `${s.kind} ${s.name}${s.annot ? `: ${tyText(s.ty)}` : ""} = ${v.s};`);
        return;
      }
      case "set": {
        const pl = this.place(s.place);
        const v = this.stored(s.e, this.placeType(s.place));
        this.emit(d, `${pl.pre}${pl.target} = ${v.s};${pl.close}`);
        return;
      }
      case "cset":
        this.compound(s, d);
        return;
      case "inc": {
        const pl = this.place(s.place);
        this.emit(d, `${pl.pre}${s.prefix ? s.op + pl.target : pl.target + s.op};${pl.close}`);
        return;
      }
      case "expr": {
        if (s.e.k === "push") {
          const a = paren(this.expr(s.e.a));
          const ty = typeOfArg(s.e.a);
          const v = this.stored(s.e.e, isArr(ty) ? elemTy(ty) : "string");
          this.emit(d, `if (${a}.length < ${ARR_MAX}) ${a}.push(${v.s});`);
          return;
        }
        const p = this.expr(s.e);
        this.emit(d, `${p.s.startsWith("(await ") ? p.s.slice(1, -1) : p.s};`);
        return;
      }
      case "out":
        this.emit(d, `${s.fn}(${this.expr(s.e).s});`);
        return;
      case "if": {
        this.emit(d, `if (${this.expr(s.c).s}) {`);
        this.block(s.then, d + 1);
        let rest = s.else;
        while (rest && rest.length === 1 && rest[0]!.k === "if") {
          const inner = rest[0] as Stmt & { k: "if" };
          this.emit(d, `} else if (${this.expr(inner.c).s}) {`);
          this.block(inner.then, d + 1);
          rest = inner.else;
        }
        if (rest) {
          this.emit(d, "} else {");
          this.block(rest, d + 1);
        }
        this.emit(d, "}");
        return;
      }
      case "while": {
        const c = s.c ? this.expr(s.c) : undefined;
        const test = c ? (s.form === 1 ? `${paren(c)} && ${s.ctr} < ${s.n}` : `${s.ctr} < ${s.n} && ${paren(c)}`) : `${s.ctr} < ${s.n}`;
        const step = s.form === 2 ? `${s.ctr} = ${s.ctr} + 1;` : `${s.ctr}++;`;
        this.emit(d, `let ${s.ctr} = 0;`);
        if (s.doWhile) {
          this.emit(d, "do {");
          this.emit(d + 1, step);
          this.block(s.body, d + 1);
          this.emit(d, `} while (${test});`);
        } else {
          this.emit(d, `while (${test}) {`);
          this.emit(d + 1, step);
          this.block(s.body, d + 1);
          this.emit(d, "}");
        }
        return;
      }
      case "for": {
        const init = `let ${s.v} = ${s.from}${s.w ? `, ${s.w} = 0` : ""}`;
        let test = s.down ? `${s.v} ${s.incl ? ">=" : ">"} ${s.to}` : `${s.v} ${s.incl ? "<=" : "<"} ${s.to}`;
        if (s.c) test += ` && ${paren(this.expr(s.c))}`;
        let update = s.step === 1 ? (s.down ? `${s.v}--` : `${s.v}++`) : `${s.v} ${s.down ? "-=" : "+="} ${s.step}`;
        if (s.w) update += `, ${s.w}--`;
        this.emit(d, `for (${init}; ${test}; ${update}) {`);
        this.block(s.body, d + 1);
        this.emit(d, "}");
        return;
      }
      case "forof": {
        let p = this.expr(s.e);
        if (s.elem === "char") p = this.clipStr(p);
        this.emit(d, `for (const ${s.v} of ${p.s}) {`);
        this.block(s.body, d + 1);
        this.emit(d, "}");
        return;
      }
      case "scan":
        this.emit(d, s.rev ? `for (let ${s.v} = ${s.s}.length - 1; ${s.v} >= 0; ${s.v}--) {` : `for (let ${s.v} = 0; ${s.v} < ${s.s}.length; ${s.v}++) {`);
        this.block(s.body, d + 1);
        this.emit(d, "}");
        return;
      case "switch": {
        this.emit(d, `switch (${this.expr(s.e).s}) {`);
        const clauses: { c: Case; isDefault: boolean }[] = s.cases.map((c) => ({ c, isDefault: false }));
        if (s.def) clauses.splice(Math.min(s.defAt, clauses.length), 0, { c: s.def, isDefault: true });
        for (const { c, isDefault } of clauses) this.clause(c, isDefault, d + 1);
        this.emit(d, "}");
        return;
      }
      case "break":
        this.emit(d, "break;");
        return;
      case "continue":
        this.emit(d, "continue;");
        return;
      case "return": {
        if (!s.e) {
          this.emit(d, "return;");
          return;
        }
        const v = this.stored(s.e, this.returnType).s;
        this.emit(d, `return ${s.bare && /^\(await [^]*\)$/.test(v) ? v.slice("(await ".length, -1) : v};`);
        return;
      }
    }
  }

  private clause(c: Case, isDefault: boolean, d: number): void {
    for (const l of c.labels) this.emit(d, `case ${this.expr(l).s}:`);
    if (isDefault) this.emit(d, "default:");
    const end =
      c.end === "break" ? "break;" : c.end === "continue" ? "continue;" : c.end === "return" ? (c.ret ? `return ${this.stored(c.ret, this.returnType).s};` : "return;") : "";
    const declared = c.body.flatMap((s) => (s.k === "decl" ? [s.name] : s.k === "while" ? [s.ctr] : []));
    let form = c.form === 2 && declared.length > 0 ? 0 : c.form; // declarations need a block of their own
    // The end was made outside the body's scope: inside the braces, a name the body declares would hide the one it means.
    if (form === 0 && c.ret && declared.some((n) => mentions(c.ret, n))) form = 1;
    const braces = form !== 2;
    if (!braces) {
      this.block(c.body, d + 1);
      if (end) this.emit(d + 1, end);
    } else if (form === 1) {
      this.emit(d + 1, "{");
      this.block(c.body, d + 2);
      this.emit(d + 1, "}");
      if (end) this.emit(d + 1, end);
    } else {
      this.emit(d + 1, "{");
      this.block(c.body, d + 2);
      if (end) this.emit(d + 2, end);
      this.emit(d + 1, "}");
    }
  }

  private compound(s: Stmt & { k: "cset" }, d: number): void {
    const ty = this.placeType(s.place);
    const value = (): string => {
      if (s.op === "%=") return this.divisor(s.e, false);
      if (ty === "string") return this.clipStr(this.expr(s.e)).s;
      return this.wrapNum(this.expr(s.e)).s;
    };
    const normalise = (target: string): string => (s.op === "%=" ? "" : ty === "string" ? ` ${target} = ${target}.slice(0, ${STR_MAX});` : ` ${target} %= ${STORE_MOD};`);
    const p = s.place;
    if (p.k === "var") {
      this.emit(d, `${p.name} ${s.op} ${value()};${normalise(p.name)}`);
      return;
    }
    if (s.op === "%=") {
      const pl = this.place(p);
      this.emit(d, `${pl.pre}${pl.target} %= ${value()};${pl.close}`);
      return;
    }
    if (p.k === "fld") {
      const r = this.expr(p.r);
      if (isPure(p.r)) {
        const target = `${paren(r)}.${p.f}`;
        this.emit(d, `${target} ${s.op} ${value()};${normalise(target)}`);
      } else {
        this.emit(d, `{ const ${s.tmp}: Rec = ${r.s}; ${s.tmp}.${p.f} ${s.op} ${value()};${normalise(`${s.tmp}.${p.f}`)} }`);
      }
      return;
    }
    const a = paren(this.expr(p.a));
    if (p.app) {
      // a[a.length] op= v reads an element that is not there: not portable. Append instead.
      this.emit(d, `if (${a}.length < ${ARR_MAX} && ${a}.length > 0) { ${a}[${a}.length - 1] ${s.op} ${value()};${normalise(`${a}[${a}.length - 1]`)} }`);
      return;
    }
    this.emit(d, `if (${a}.length > 0) { const ${s.tmp} = ${this.reduced(p.i, `${a}.length`)}; ${a}[${s.tmp}] ${s.op} ${value()};${normalise(`${a}[${s.tmp}]`)} }`);
  }

  private returnType: RetTy = "void";

  func(f: Func, exported: boolean): void {
    this.returnType = f.ret;
    const params = f.params.map((p) => `${p.name}: ${tyText(p.ty)}`).join(", ");
    const ret = f.async ? `Promise<${tyText(f.ret)}>` : tyText(f.ret);
    this.emit(0, `${exported ? "export " : ""}${f.async ? "async " : ""}function ${f.name}(${params}): ${ret} {`);
    this.block(f.body, 1);
    this.emit(0, "}");
    this.emit(0, "");
  }

  /** The main module (which imports `./${libModule}` when the program is split). */
  program(p: Program, header: string[], libModule = "lib"): string {
    const split = p.split;
    return this.module(p, header, split === undefined ? p.consts : [], split === undefined ? p.funcs : p.funcs.slice(split), true, split === undefined ? undefined : libModule);
  }

  /** The module of constants and first functions of a split program. */
  lib(p: Program, header: string[]): string | undefined {
    if (p.split === undefined) return undefined;
    return this.module(p, header, p.consts, p.funcs.slice(0, p.split), false, undefined);
  }

  private module(p: Program, header: string[], consts: Constant[], funcs: Func[], withMain: boolean, libModule: string | undefined): string {
    this.lines = [];
    this.helpers.clear();
    argTypes = new Map([...p.funcs, p.main].map((f) => [f.name, f.params.map((x) => x.ty)]));
    const exported = !withMain;
    const body: string[] = [];
    for (const c of consts) {
      this.returnType = c.ty;
      body.push(`${exported ? "export " : ""}const ${c.name}: ${tyText(c.ty)} = ${this.stored(c.init, c.ty).s};`);
    }
    if (consts.length) body.push("");
    for (const f of funcs) this.func(f, exported);
    if (withMain) this.func(p.main, true);
    body.push(...this.lines);
    const out = [...header.map((h) => `// ${h}`), 'import { env, hasControlBytes, hasEnv, isDecimalInteger, print, toInteger, write } from "@solstice/std";'];
    if (libModule !== undefined) {
      const names = [...p.consts.map((c) => c.name), ...p.funcs.slice(0, p.split).map((f) => f.name)];
      if (names.length > 0) out.push(`import { ${names.join(", ")} } from "./${libModule}";`);
    }
    out.push("");
    // Each module declares the record type: types are structural.
    if (p.rec === 1) out.push("interface Rec {", "  s: string;", "  n: number;", "  b: boolean;", "  xs: string[];", "}", "");
    if (p.rec === 2) out.push("type Rec = { s: string; n: number; b: boolean; xs: string[] };", "");
    if (this.helpers.has("nz")) out.push("function nz(d: number): number {", "  return d === 0 ? 1 : d;", "}", "");
    return [...out, ...body].join("\n");
  }
}

/** Parameter types of the program being printed, for storing arguments. */
let argTypes = new Map<string, Ty[]>();

function typeOfArg(e: Expr): Ty {
  return typeOf(e) as Ty;
}

export function printProgram(p: Program, header: string[] = [], libModule = "lib"): string {
  return new Printer().program(p, header, libModule);
}

/** The second module of a split program (see Program.split), or undefined. */
export function printLib(p: Program, header: string[] = []): string | undefined {
  return new Printer().lib(p, header);
}
