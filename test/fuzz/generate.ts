// A seeded generator of random, well-typed programs in the portable subset
// (docs/subset.md), for differential fuzzing: each program runs on Node and
// on every shell, and the bytes it prints must agree.
//
// What a program holds: functions with parameters (up to eleven) and
// results (each calls only functions declared before it, so there is no
// recursion; some are async, some awaited without being so, some returned
// without await), module constants (some computed from others), now and
// then split into a second module the first imports; let/const (shadowing,
// `let x: T;` assigned later), if/else, while, do-while, for, for-of over
// arrays and strings, index scans, switch on strings and numbers (grouped
// labels, constants as labels, a default anywhere, cases ending in break,
// return or continue, or falling off the end); string and array methods,
// records and arrays of them, integer arithmetic (hex, octal, binary,
// separated and exponent literals too), comparisons, && || ! and ternaries,
// env/hasEnv/toInteger/isDecimalInteger/hasControlBytes, and calls that
// print, so the order of evaluation shows. Names clash with shell keywords,
// builtins, special variables and the prelude's own. Every function prints
// some of its state and main prints all of its variables at the end, then
// returns a status.
//
// Termination and size: every loop has a bound known here (a counter, a
// constant range, or the length of a bounded string or array), and the
// generator keeps a cost for each function (statements run per call, loops
// multiplied out, calls adding the callee's cost); a program never exceeds
// MAIN_BUDGET statements run. That also bounds how far ++/-- can move a
// stored number (see print.ts).
import {
  REC_FIELDS,
  elemTy,
  isArr,
  mentions,
  typeOf,
  type ArrTy,
  type Case,
  type Constant,
  type Expr,
  type Func,
  type Place,
  type Program,
  type RecField,
  type RetTy,
  type Stmt,
  type StrMethod,
  type Ty,
} from "./ast";
import { ARR_MAX, Printer, STR_MAX } from "./print";

/** Most statements one run of a program may execute (well under the 6,300 print.ts allows for). */
export const MAIN_BUDGET = 600;

// ---------------------------------------------------------------- randomness

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }
  /** mulberry32 */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly (readonly [number, T])[]): T {
    const total = items.reduce((s, [w]) => s + w, 0);
    let r = this.next() * total;
    for (const [w, v] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return items[items.length - 1]![1];
  }
}

/** The seed of program `index` of a run with seed `seed`. */
export function programSeed(seed: number, index: number): number {
  let h = (seed ^ 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (index + 0x27d4eb2f), 0x165667b1) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return h >>> 0;
}

// ---------------------------------------------------------------- the pools

/** Pieces of string literals: what shells quote, glob, expand or read as options. */
const ATOMS = [
  " ",
  "  ",
  "'",
  '"',
  "$",
  "`",
  "\\",
  "*",
  "?",
  "[",
  "]",
  "\n",
  "\t",
  "-",
  "-n",
  "-e",
  "%s",
  "%d",
  "%",
  "%%",
  "$HOME",
  "${x}",
  "$(id)",
  "$1",
  "$@",
  "$$",
  "$&",
  "$'",
  "$`",
  "!",
  "#",
  "~",
  "&",
  ";",
  "|",
  "<",
  ">",
  "(",
  ")",
  "{",
  "}",
  "=",
  ",",
  ":",
  ".",
  "/",
  "\\n",
  "\\\\",
  "\r",
  "\x01",
  "\x7f",
  "\v",
  "\f",
  "--",
  "IFS",
  "a",
  "b",
  "c",
  "ab",
  "abc",
  "x",
  "X",
  "0",
  "1",
  "42",
  "-1",
  "foo",
  "bar",
  "a b",
  "*.ts",
  "[a-z]",
  "[!a]",
  "?*",
  "\\*",
  "'\\''",
  "^",
  "+",
  "@",
  "_",
  "\\$",
  "a,b",
  ",,",
  " x ",
  "-n ",
  "\\c",
  "\\0",
  "\\x41",
  "\\101",
  "x=y",
  "0x1F",
  "010",
  "-0",
  "\x1b[0m",
];
const HIGH_ATOMS = ["\xC3\xA9", "\xA0", "\xFF", "\x80", "\xE2\x82\xAC", "\xC3", "\xFE", "\xA0x\xA0", "\xE9", "\x85"];
/** Separators and search strings: short and never empty. */
const SEPS = [",", " ", "-", "a", "*", "$", "\\", "\n", "ab", "?", "[", "%s", "=", ", ", "'", '"', "`", "\t", "x", "$&", "**", "[a]", "-n", ".", "\\n"];
const HIGH_SEPS = ["\xC3\xA9", "\xA0", "\xE2\x82\xAC", "\xC3"];

const VAR_NAMES = [
  "s",
  "t",
  "str",
  "n",
  "m",
  "k",
  "x",
  "y",
  "a",
  "b",
  "xs",
  "ys",
  "ok",
  "flag",
  "IFS",
  "PATH",
  "HOME",
  "status",
  "len",
  "out",
  "rest",
  "_",
  "$",
  "$x",
  "a$b",
  "count",
  "value",
  "text",
  "rec",
  "items",
  "LC_ALL",
  "OPTIND",
  "RANDOM",
  "then",
  "fi",
  "esac",
  "done",
  "elif",
  "main_x",
  "f_x",
  "__x80",
  "_h1_n",
  "__cursor_text",
  "__r2",
  "args2",
  "v",
  "w",
  "i2",
  "_0",
  "ENV",
  "PS4",
  "argv",
  "options",
];
const FUNC_NAMES = [
  "f",
  "g",
  "h",
  "test",
  "exit",
  "echo",
  "printf",
  "read",
  "set",
  "cd",
  "local",
  "trap",
  "shift",
  "wait",
  "command",
  "alias",
  "type",
  "getopts",
  "helper",
  "std_print",
  "__push",
  "__slice",
  "__alloc",
  "awk",
  "sed",
  "od",
  "_h1",
  "_h2",
  "main_",
  "f_x",
  "__r",
  "__hp",
  "unset",
  "readonly",
  "times",
  "umask",
  "kill",
  "hash",
  "jobs",
  "ulimit",
  "source",
  "do_",
  "fi2",
  "stdPrint",
  "__join",
  "__char_at",
];
const CONST_NAMES = ["K", "SEP", "MAX", "EMPTY", "STAR", "DOLLAR", "NL", "OPTS", "WORDS", "IFS", "PATH"];
const COUNTERS = ["i", "j", "g", "c", "p", "q", "idx", "step"];
/** Names no generated variable takes: the program's own functions and the std's. */
const FIXED = [
  "print",
  "write",
  "env",
  "hasEnv",
  "toInteger",
  "isDecimalInteger",
  "hasControlBytes",
  "main",
  "nz",
  "Math",
  "String",
  "Rec",
  "args",
  "undefined",
  "Promise",
  "console",
  "process",
];

/**
 * Environment names env() and hasEnv() may ask for: set or not, the same for
 * Node and sh (not the names a shell sets itself, docs/subset.md).
 */
const ENV_NAMES = ["HOME", "PATH", "LC_ALL", "LANG", "SOLSTICE_FUZZ_UNSET", "A-B", "1X", "", "TERM"];

const PROGRAM_ARGS_ASCII = ["-n", "a b", "", "*", "$HOME", "x\ty", "%s\\n"];
const PROGRAM_ARGS_BYTES = [...PROGRAM_ARGS_ASCII, "caf\u00e9", "\u20ac", "a\u00a0b"];

export function programArgs(bytes: boolean): string[] {
  return bytes ? PROGRAM_ARGS_BYTES : PROGRAM_ARGS_ASCII;
}

// ---------------------------------------------------------------- the generator

interface VarInfo {
  name: string;
  ty: Ty;
  mutable: boolean;
  bound?: number; // loop counters
}

interface Scan {
  v: string;
  s: string;
  sty: "string" | ArrTy;
}

const ALL_TYPES: readonly (readonly [number, Ty])[] = [
  [34, "string"],
  [30, "number"],
  [10, "boolean"],
  [11, "string[]"],
  [6, "number[]"],
  [2, "boolean[]"],
  [7, "Rec"],
  [3, "Rec[]"],
];

export interface GenOptions {
  /** Whether literals may hold bytes above 0x7F (not for yash). */
  bytes: boolean;
}

class Generator {
  private readonly globals = new Set<string>(FIXED);
  private scopes: Map<string, VarInfo>[] = [];
  private blockHasStatements: boolean[] = [];
  private used = new Set<string>();
  private frozen = new Set<string>();
  private scans: Scan[] = [];
  private targets: ("loop" | "switch")[] = [];
  private mult = 1;
  private cost = 0;
  private budget = 0;
  private cur!: Func;
  private callable: Func[] = [];
  private consts: Constant[] = [];
  private tmp = 0;
  private readonly hasRec: boolean;

  constructor(
    private readonly rng: Rng,
    private readonly opts: GenOptions,
  ) {
    this.hasRec = rng.chance(0.5);
  }

  // ---------------------------------------------------------- names, scopes

  private freshName(pool: readonly string[], taken: (n: string) => boolean): string {
    for (let attempt = 0; attempt < 20; attempt++) {
      const base = this.rng.pick(pool);
      const name = attempt < 4 ? base : `${base}${attempt}`;
      if (!taken(name)) return name;
    }
    for (let n = 100; ; n++) if (!taken(`v${n}`)) return `v${n}`;
  }

  private localName(): string {
    return this.freshName(VAR_NAMES, (n) => this.used.has(n) || this.globals.has(n) || this.frozen.has(n));
  }

  private counterName(): string {
    return this.freshName(COUNTERS, (n) => this.used.has(n) || this.globals.has(n) || this.frozen.has(n));
  }

  private declare(info: VarInfo): void {
    this.scopes[this.scopes.length - 1]!.set(info.name, info);
    this.used.add(info.name);
  }

  private visible(): VarInfo[] {
    const seen = new Map<string, VarInfo>();
    for (let i = this.scopes.length - 1; i >= 0; i--) for (const [n, v] of this.scopes[i]!) if (!seen.has(n)) seen.set(n, v);
    return [...seen.values()];
  }

  private varsOf(ty: Ty, mutableOnly = false): VarInfo[] {
    return this.visible().filter((v) => v.ty === ty && (!mutableOnly || (v.mutable && !this.frozen.has(v.name))));
  }

  private varExpr(v: VarInfo): Expr {
    return v.bound !== undefined ? { k: "var", name: v.name, ty: v.ty, bound: v.bound } : { k: "var", name: v.name, ty: v.ty };
  }

  private pickType(): Ty {
    for (;;) {
      const ty = this.rng.weighted(ALL_TYPES);
      if ((ty !== "Rec" && ty !== "Rec[]") || this.hasRec) return ty;
    }
  }

  // ---------------------------------------------------------- literals

  private string(): string {
    const n = this.rng.weighted([
      [2, 0],
      [6, 1],
      [5, 2],
      [2, 3],
      [1, 5],
    ] as const);
    let s = "";
    for (let i = 0; i < n; i++) s += this.opts.bytes && this.rng.chance(0.15) ? this.rng.pick(HIGH_ATOMS) : this.rng.pick(ATOMS);
    return s.length > STR_MAX ? s.slice(0, STR_MAX) : s;
  }

  private strLit(v: string): Expr {
    const q = this.rng.weighted([
      [5, 0],
      [2, 1],
      [2, 2],
    ] as const);
    return this.rng.chance(0.1) ? { k: "str", v, q, u: true } : { k: "str", v, q };
  }

  private sep(): Expr {
    return this.strLit(this.opts.bytes && this.rng.chance(0.15) ? this.rng.pick(HIGH_SEPS) : this.rng.pick(SEPS));
  }

  private number(): Expr {
    const v = this.rng.weighted([
      [10, () => this.rng.int(0, 9)],
      [4, () => this.rng.int(-9, -1)],
      [3, () => this.rng.int(10, 300)],
      [1, () => this.rng.pick([2147483647, -2147483647, 46340, -46340, 100000, 65536, 40009, 1000000007 % 2147483647])],
    ] as const)();
    const f = v >= 0 && this.rng.chance(0.12) ? this.rng.pick([1, 2, 3, 4, 5] as const) : 0;
    return f && (f !== 2 || v >= 1000) && (f !== 5 || (v > 0 && v % 10 === 0)) ? { k: "num", v, f } : { k: "num", v };
  }

  private literal(ty: Ty): Expr {
    switch (ty) {
      case "string":
        return this.strLit(this.string());
      case "number":
        return this.number();
      case "boolean":
        return { k: "bool", v: this.rng.chance(0.5) };
      case "Rec":
        return this.recLit(0);
      default: {
        const n = this.rng.int(1, 3);
        return { k: "arr", ty: ty as ArrTy, elems: Array.from({ length: n }, () => this.literal(elemTy(ty as ArrTy))) };
      }
    }
  }

  private recLit(depth: number): Expr {
    const order = [...REC_FIELDS];
    for (let i = order.length - 1; i > 0; i--) {
      const j = this.rng.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const fields = order.map(({ name, ty }) => {
      const same = this.visible().find((v) => v.name === name && v.ty === ty);
      return { f: name, e: same && this.rng.chance(0.5) ? this.varExpr(same) : this.expr(ty, depth) };
    });
    return { k: "rec", fields, short: this.rng.chance(0.7) };
  }

  // ---------------------------------------------------------- expressions

  private leaf(ty: Ty): Expr {
    const vars = this.varsOf(ty);
    if (vars.length > 0 && this.rng.chance(ty === "Rec" || isArr(ty) ? 0.8 : 0.55)) return this.varExpr(this.rng.pick(vars));
    return this.literal(ty);
  }

  /** A side-effect-free expression of type ty (a variable, a record's field), or undefined. */
  private pure(ty: Ty): Expr | undefined {
    const options: Expr[] = this.varsOf(ty).map((v) => this.varExpr(v));
    if (ty === "string[]" || ty === "string") {
      for (const r of this.varsOf("Rec")) options.push({ k: "field", e: this.varExpr(r), f: ty === "string" ? "s" : "xs" });
    }
    if (ty === "string" && this.rng.chance(0.2)) return this.literal("string");
    return options.length > 0 ? this.rng.pick(options) : undefined;
  }

  private call(ty: RetTy, depth: number): Expr | undefined {
    const fs = this.callable.filter((f) => f.ret === ty && (!f.async || this.cur.async) && this.cost + this.mult * f.cost <= this.budget);
    if (fs.length === 0) return undefined;
    const f = this.rng.pick(fs);
    this.cost += this.mult * f.cost;
    // `await` of a function that is not async is allowed too (it awaits the value).
    const aw = f.async || (this.cur.async && this.rng.chance(0.08));
    return { k: "call", fn: f.name, ty: f.ret, aw, args: f.params.map((p) => this.expr(p.ty, depth - 1)) };
  }

  /** An array of any type; of records too, unless its elements' text is wanted (join). */
  private anyArray(depth: number, records = true): Expr {
    const ty = this.rng.weighted<ArrTy>([
      [6, "string[]"],
      [3, "number[]"],
      [1, "boolean[]"],
      [records && this.hasRec ? 2 : 0, "Rec[]"],
    ]);
    return this.expr(ty, depth);
  }

  expr(ty: Ty, depth: number): Expr {
    if (depth <= 0 || this.rng.chance(0.25)) return this.leaf(ty);
    for (let attempt = 0; attempt < 6; attempt++) {
      const e = this.production(ty, depth - 1);
      if (e) return e;
    }
    return this.leaf(ty);
  }

  private production(ty: Ty, d: number): Expr | undefined {
    const r = this.rng;
    switch (ty) {
      case "number":
        return r.weighted<() => Expr | undefined>([
          [3, () => this.leaf("number")],
          [
            6,
            () => ({
              k: "arith",
              op: r.weighted([
                [4, "+"],
                [3, "-"],
                [3, "*"],
                [2, "%"],
                [2, "/"],
              ] as const),
              l: this.expr("number", d),
              r: this.expr("number", d),
              inl: r.chance(0.5),
            }),
          ],
          [1, () => ({ k: "neg", e: this.expr("number", d) })],
          [3, () => ({ k: "len", e: r.chance(0.7) ? this.expr("string", d) : this.anyArray(d) })],
          [2, () => ({ k: "smeth", m: "indexOf", recv: this.expr("string", d), args: r.chance(0.3) ? [this.strOrSep(d), this.expr("number", d)] : [this.strOrSep(d)] })],
          [2, () => this.index("number[]", d)],
          [1, () => (this.hasRec ? { k: "field", e: this.expr("Rec", d), f: "n" } : undefined)],
          [1, () => this.tern("number", d)],
          [1, () => this.push(d)],
          [3, () => this.call("number", d)],
          [1, () => ({ k: "std", fn: "toInteger", arg: this.integerText(d) })],
        ])();
      case "string":
        return r.weighted<() => Expr | undefined>([
          [3, () => this.leaf("string")],
          [4, () => ({ k: "concat", l: this.expr("string", d), r: this.expr("string", d) })],
          [4, () => this.template(d)],
          [1, () => ({ k: "tostr", e: this.expr(r.pick(["number", "boolean", "string"] as const), d) })],
          [3, () => ({ k: "smeth", m: "slice", recv: this.expr("string", d), args: r.chance(0.6) ? [this.expr("number", d), this.expr("number", d)] : [this.expr("number", d)] })],
          [2, () => ({ k: "smeth", m: "trim", recv: this.expr("string", d), args: [] })],
          [2, () => ({ k: "smeth", m: "charAt", recv: this.expr("string", d), args: [this.expr("number", d)] })],
          [2, () => ({ k: "smeth", m: "replaceAll", recv: this.expr("string", d), args: [this.searchString(d), this.expr("string", d)] })],
          [3, () => this.strIndex(d)],
          [2, () => this.index("string[]", d)],
          [3, () => ({ k: "ameth", m: "join", recv: this.anyArray(d, false), args: [r.chance(0.8) ? this.sep() : this.expr("string", d)] })],
          [1, () => (this.hasRec ? { k: "field", e: this.expr("Rec", d), f: "s" } : undefined)],
          [0.5, () => ({ k: "env", name: r.pick(ENV_NAMES), has: false })],
          [2, () => this.tern("string", d)],
          [3, () => this.call("string", d)],
        ])();
      case "boolean":
        return r.weighted<() => Expr | undefined>([
          [2, () => this.leaf("boolean")],
          [8, () => this.compare(d)],
          [3, () => ({ k: r.chance(0.5) ? "and" : "or", l: this.expr("boolean", d), r: this.expr("boolean", d) })],
          [2, () => ({ k: "not", e: this.expr("boolean", d) })],
          [4, () => ({ k: "smeth", m: r.pick(["startsWith", "endsWith", "includes"] as const) as StrMethod, recv: this.expr("string", d), args: [this.strOrSep(d)] })],
          [
            2,
            () => {
              const a = this.anyArray(d);
              return { k: "ameth", m: "includes", recv: a, args: [this.expr(elemTy(typeOfArr(a)), d)] };
            },
          ],
          [1, () => (this.hasRec ? { k: "field", e: this.expr("Rec", d), f: "b" } : undefined)],
          [0.5, () => ({ k: "env", name: r.pick(ENV_NAMES), has: true })],
          [1, () => this.tern("boolean", d)],
          [2, () => this.call("boolean", d)],
          [1, () => ({ k: "std", fn: r.chance(0.6) ? "isDecimalInteger" : "hasControlBytes", arg: r.chance(0.5) ? this.integerText(d) : this.expr("string", d) })],
        ])();
      case "Rec":
        return r.weighted<() => Expr | undefined>([
          [3, () => this.leaf("Rec")],
          [2, () => this.recLit(d)],
          [1, () => this.tern("Rec", d)],
          [2, () => this.call("Rec", d)],
        ])();
      default: {
        const aty = ty as ArrTy;
        return r.weighted<() => Expr | undefined>([
          [3, () => this.leaf(aty)],
          [2, () => ({ k: "arr", ty: aty, elems: Array.from({ length: r.int(1, 4) }, () => this.expr(elemTy(aty), d)) })],
          [aty === "string[]" ? 4 : 0, () => ({ k: "smeth", m: "split", recv: this.expr("string", d), args: [this.searchString(d)] })],
          [2, () => ({ k: "ameth", m: "slice", recv: this.expr(aty, d), args: Array.from({ length: r.int(0, 2) }, () => this.expr("number", d)) })],
          [aty === "string[]" && this.hasRec ? 1 : 0, () => ({ k: "field", e: this.expr("Rec", d), f: "xs" })],
          [1, () => this.tern(aty, d)],
          [2, () => this.call(aty, d)],
        ])();
      }
    }
  }

  /** Text that may or may not be a decimal integer (within 32 bits when it is). */
  private integerText(d: number): Expr {
    const r = this.rng;
    if (r.chance(0.3)) return { k: "tostr", e: this.expr("number", d) };
    return this.strLit(r.pick(["42", "-7", "007", "-0", "0", "", "-", "+5", " 5", "5 ", "1e3", "0x10", "2147483647", "-2147483647", "12a", "--1", "3.0", "\t9"]));
  }

  private strOrSep(d: number): Expr {
    return this.rng.chance(0.6) ? this.sep() : this.expr("string", d);
  }

  /** A search string or separator: split("") and replaceAll("", …) are refused (docs/subset.md). */
  private searchString(d: number): Expr {
    const e = this.rng.chance(0.85) ? this.sep() : this.expr("string", d);
    return e.k === "str" && e.v === "" ? this.sep() : e;
  }

  private template(d: number): Expr {
    const parts: (string | Expr)[] = [];
    const n = this.rng.int(1, 3);
    if (this.rng.chance(0.7)) parts.push(this.string());
    for (let i = 0; i < n; i++) {
      parts.push(
        this.expr(
          this.rng.weighted([
            [5, "string"],
            [3, "number"],
            [1, "boolean"],
          ] as const),
          d,
        ),
      );
      if (this.rng.chance(0.6)) parts.push(this.string());
    }
    return { k: "tmpl", parts };
  }

  private tern(ty: Ty, d: number): Expr {
    return { k: "tern", c: this.expr("boolean", d), a: this.expr(ty, d), b: this.expr(ty, d), ty };
  }

  private strIndex(d: number): Expr | undefined {
    const inScan = this.scans.filter((s) => s.sty === "string");
    if (inScan.length > 0 && this.rng.chance(0.6)) {
      const s = this.rng.pick(inScan);
      return { k: "sraw", s: s.s, i: s.v };
    }
    const s = this.pure("string");
    if (!s) return undefined;
    return { k: "sidx", s, i: this.expr("number", d) };
  }

  private index(ty: ArrTy, d: number): Expr | undefined {
    const inScan = this.scans.filter((s) => s.sty === ty);
    if (inScan.length > 0 && this.rng.chance(0.6)) {
      const s = this.rng.pick(inScan);
      return { k: "araw", a: s.s, i: s.v, ty };
    }
    const a = this.pure(ty);
    if (!a) return undefined;
    return { k: "aidx", a, i: this.expr("number", d), ty };
  }

  private push(d: number): Expr | undefined {
    const ty = this.rng.pick(this.hasRec ? (["string[]", "string[]", "number[]", "boolean[]", "Rec[]"] as const) : (["string[]", "string[]", "number[]", "boolean[]"] as const));
    const a = this.pure(ty);
    if (!a) return undefined;
    return { k: "push", a, e: this.expr(elemTy(ty), d) };
  }

  private compare(d: number): Expr {
    const r = this.rng;
    const ty = r.weighted<Ty>([
      [10, "number"],
      [7, "string"],
      [1, "boolean"],
      [1, "string[]"],
      [this.hasRec ? 1 : 0, "Rec"],
    ]);
    const op = ty === "number" ? r.pick(["===", "!==", "<", "<=", ">", ">="] as const) : r.pick(["===", "!=="] as const);
    if (ty === "string[]" || ty === "Rec") {
      // By reference: a fresh literal on either side is a comparison TypeScript calls always false.
      const vars = this.varsOf(ty);
      if (vars.length === 0) return this.compareNumbers(d);
      return { k: "cmp", op, l: this.varExpr(r.pick(vars)), r: this.varExpr(r.pick(vars)) };
    }
    let l = this.expr(ty, d);
    let rr = this.expr(ty, d);
    if (ty === "boolean") {
      // A boolean literal compared would be a comparison TypeScript calls unintentional.
      if (literalTyped(l)) l = { k: "not", e: { k: "not", e: this.compareNumbers(d) } };
      if (literalTyped(rr)) rr = this.compareNumbers(d);
    } else if (ty === "string" || ty === "number") {
      [l, rr] = unnarrowed(l, rr);
    }
    return { k: "cmp", op, l, r: rr };
  }

  private compareNumbers(d: number): Expr {
    return { k: "cmp", op: this.rng.pick(["<", ">=", "<="] as const), l: this.expr("number", d), r: this.expr("number", d) };
  }

  // ---------------------------------------------------------- statements

  private spend(n: number): boolean {
    if (this.cost + this.mult * n > this.budget) return false;
    this.cost += this.mult * n;
    return true;
  }

  private inLoop(): boolean {
    return this.targets.includes("loop");
  }

  private withScope<T>(run: () => T): T {
    this.scopes.push(new Map());
    this.blockHasStatements.push(false);
    try {
      return run();
    } finally {
      this.scopes.pop();
      this.blockHasStatements.pop();
    }
  }

  /** A block of up to n statements; may end with break, continue or return. */
  private block(n: number, depth: number, setup?: () => void): Stmt[] {
    return this.withScope(() => {
      setup?.();
      const out: Stmt[] = [];
      for (let i = 0; i < n; i++) {
        const s = this.stmt(depth);
        if (!s) break;
        out.push(...s);
        this.blockHasStatements[this.blockHasStatements.length - 1] = true;
      }
      const end = this.terminator();
      if (end) out.push(end);
      return out;
    });
  }

  private terminator(): Stmt | undefined {
    const r = this.rng;
    const innermost = this.targets[this.targets.length - 1];
    if (innermost === "loop" && r.chance(0.12)) return { k: "break" };
    if (this.inLoop() && r.chance(0.1)) return { k: "continue" };
    if (r.chance(0.06)) return this.returnStmt();
    return undefined;
  }

  private returnStmt(): Stmt {
    if (this.cur.ret === "void") return { k: "return" };
    const e = this.expr(this.cur.ret, 2);
    return e.k === "call" && e.aw && this.rng.chance(0.5) ? { k: "return", e, bare: true } : { k: "return", e };
  }

  private stmt(depth: number): Stmt[] | undefined {
    if (!this.spend(1)) return undefined;
    const r = this.rng;
    const nested = depth > 0;
    for (let attempt = 0; attempt < 8; attempt++) {
      const s = r.weighted<() => Stmt[] | undefined>([
        [16, () => this.decl()],
        [9, () => this.assign()],
        [5, () => this.compound()],
        [3, () => this.increment()],
        [this.mult > 1 ? 1 : 7, () => this.output()], // every print forks printf on mksh and posh: fewer in loops
        [6, () => this.exprStmt()],
        [nested ? 9 : 0, () => this.ifStmt(depth)],
        [nested ? 3 : 0, () => this.whileStmt(depth)],
        [nested ? 3 : 0, () => this.forStmt(depth)],
        [nested ? 3 : 0, () => this.forOf(depth)],
        [nested ? 2 : 0, () => this.scan(depth)],
        [nested ? 4 : 0, () => this.switchStmt(depth)],
      ])();
      if (s) return s;
    }
    return [this.printState()];
  }

  private decl(): Stmt[] {
    const ty = this.pickType();
    const kind = this.rng.chance(0.45) ? "const" : "let";
    const init = this.expr(ty, 3);
    // Shadow an outer variable now and then: only first in a block, and not
    // when the initializer reads it (both would be TypeScript errors).
    let name: string | undefined;
    // Never a scan's string or counter: the scan reads them by name.
    const outer = this.visible().filter(
      (v) => !this.scopes[this.scopes.length - 1]!.has(v.name) && !this.frozen.has(v.name) && !this.scans.some((sc) => sc.v === v.name) && !this.isParamScopeClash(v),
    );
    if (outer.length > 0 && !this.blockHasStatements[this.blockHasStatements.length - 1] && this.rng.chance(0.3)) {
      const v = this.rng.pick(outer);
      if (!mentions(init, v.name)) name = v.name;
    }
    name ??= this.localName();
    // A literal (or a ternary of literals) would give the variable a literal type: say the type.
    const annot = ty === "Rec" || isArr(ty) || !["call", "arith", "concat", "smeth", "len", "field", "cmp", "and", "or", "ameth", "tostr"].includes(init.k) || this.rng.chance(0.5);
    // Now and then `let x: T;`, assigned on both branches of an if.
    const late = kind === "let" && this.rng.chance(0.12) ? { c: this.expr("boolean", 2), other: this.expr(ty, 2) } : undefined;
    if (late && (mentions(late, name) || mentions(init, name))) name = this.localName();
    this.declare({ name, ty, mutable: kind === "let" });
    return [late ? { k: "decl", kind, name, ty, init, annot, late } : { k: "decl", kind, name, ty, init, annot }];
  }

  /** Parameters live in the function's outermost block: its body may not redeclare them. */
  private isParamScopeClash(v: VarInfo): boolean {
    return this.scopes.length === 3 && this.scopes[1]!.has(v.name);
  }

  private place(tys: Ty[], forCompound: boolean): Place | undefined {
    const r = this.rng;
    const options: (() => Place | undefined)[] = [];
    for (const ty of tys) {
      const vars = this.varsOf(ty, true);
      if (vars.length > 0)
        options.push(() => {
          const v = r.pick(vars);
          return { k: "var", name: v.name, ty: v.ty };
        });
      const arrTy = `${ty}[]` as ArrTy;
      if (["string", "number", "boolean", "Rec"].includes(ty)) {
        const a = this.pure(arrTy);
        if (a) options.push(() => ({ k: "elem", a, i: this.expr("number", 2), ty: arrTy, ...(!forCompound && r.chance(0.25) ? { app: true } : {}) }));
      }
      if (this.hasRec && ty !== "boolean[]" && ty !== "number[]") {
        const f = REC_FIELDS.find((x) => x.ty === ty);
        // Not a record literal: its type is its own (b: true), which the assignment may not fit.
        const recs = this.varsOf("Rec");
        if (f && recs.length > 0) options.push(() => ({ k: "fld", r: this.varExpr(r.pick(recs)), f: f.name }));
        const calls = this.callable.filter((c) => c.ret === "Rec" && c.params.length === 0 && (!c.async || this.cur.async) && this.cost + this.mult * c.cost <= this.budget);
        if (f && calls.length > 0 && r.chance(0.3)) {
          const c = r.pick(calls);
          options.push(() => {
            this.cost += this.mult * c.cost;
            return { k: "fld", r: { k: "call", fn: c.name, ty: "Rec", aw: c.async, args: [] }, f: f.name };
          });
        }
      }
    }
    if (options.length === 0) return undefined;
    return r.pick(options)();
  }

  private assign(): Stmt[] | undefined {
    const place = this.place([this.pickType()], false);
    if (!place) return undefined;
    return [{ k: "set", place, e: this.expr(placeType(place), 3) }];
  }

  private compound(): Stmt[] | undefined {
    const numeric = this.rng.chance(0.6);
    const place = this.place([numeric ? "number" : "string"], true);
    if (!place) return undefined;
    const op = numeric
      ? this.rng.weighted([
          [4, "+="],
          [2, "-="],
          [2, "*="],
          [2, "%="],
        ] as const)
      : "+=";
    return [{ k: "cset", place, op, e: this.expr(numeric ? "number" : "string", 2), tmp: `tmp${this.tmp++}` }];
  }

  private increment(): Stmt[] | undefined {
    const place = this.place(["number"], true);
    if (!place) return undefined;
    return [{ k: "inc", place, op: this.rng.chance(0.6) ? "++" : "--", prefix: this.rng.chance(0.3) }];
  }

  private output(): Stmt[] {
    if (!this.spend(1)) return [this.printState()];
    if (this.rng.chance(0.5)) return [this.printState()];
    return [{ k: "out", fn: this.rng.chance(0.8) ? "print" : "write", e: this.expr("string", 3) }];
  }

  /** print(`name=${…}`) of a visible variable (or a literal when there is none). */
  private printState(): Stmt {
    const vars = this.visible();
    if (vars.length === 0) return { k: "out", fn: "print", e: this.strLit(this.string()) };
    return { k: "out", fn: "print", e: stateOf(this.rng.pick(vars)) };
  }

  private exprStmt(): Stmt[] | undefined {
    const r = this.rng;
    if (r.chance(0.25)) {
      const p = this.push(2);
      return p ? [{ k: "expr", e: p }] : undefined;
    }
    const fs = this.callable.filter((f) => (!f.async || this.cur.async) && this.cost + this.mult * f.cost <= this.budget);
    if (fs.length === 0) return undefined;
    const f = r.pick(fs);
    this.cost += this.mult * f.cost;
    return [{ k: "expr", e: { k: "call", fn: f.name, ty: f.ret, aw: f.async, args: f.params.map((p) => this.expr(p.ty, 2)) } }];
  }

  private ifStmt(depth: number): Stmt[] {
    const c = this.expr("boolean", 3);
    const then = this.block(this.rng.int(1, 3), depth - 1);
    if (this.rng.chance(0.5)) return [{ k: "if", c, then }];
    const otherwise = this.rng.chance(0.3) ? this.withScope(() => this.ifStmt(depth - 1)) : this.block(this.rng.int(1, 3), depth - 1);
    return [{ k: "if", c, then, else: otherwise }];
  }

  /** Run body generation with the cost multiplied by `times` passes. */
  private looping<T>(times: number, run: () => T): T | undefined {
    if (this.cost + this.mult * times * 2 > this.budget) return undefined;
    const saved = this.mult;
    this.mult *= times;
    this.targets.push("loop");
    try {
      return run();
    } finally {
      this.mult = saved;
      this.targets.pop();
    }
  }

  private whileStmt(depth: number): Stmt[] | undefined {
    const n = this.rng.int(1, 4);
    const ctr = this.counterName();
    this.used.add(ctr);
    return this.looping(n + 1, () => {
      const c = this.rng.chance(0.5) ? this.expr("boolean", 2) : undefined;
      const body = this.block(this.rng.int(1, 4), depth - 1, () => this.declare({ name: ctr, ty: "number", mutable: false, bound: n }));
      const s: Stmt = { k: "while", ctr, n, body, doWhile: this.rng.chance(0.35), form: this.rng.pick([0, 1, 2] as const) };
      if (c) s.c = c;
      return [s];
    });
  }

  private forStmt(depth: number): Stmt[] | undefined {
    const r = this.rng;
    const v = this.counterName();
    this.used.add(v);
    const from = r.int(-3, 3);
    const span = r.int(0, 5);
    const step = r.chance(0.8) ? 1 : 2;
    const down = r.chance(0.3);
    const incl = r.chance(0.3);
    const to = down ? from - span : from + span;
    const passes = Math.floor(span / step) + 1;
    const w = r.chance(0.15) ? this.counterName() : undefined;
    if (w) this.used.add(w);
    return this.looping(passes, () => {
      const c = r.chance(0.25) ? this.expr("boolean", 2) : undefined;
      const bound = Math.max(Math.abs(from), Math.abs(to)) + step;
      const body = this.block(r.int(1, 4), depth - 1, () => {
        this.declare({ name: v, ty: "number", mutable: false, bound });
        if (w) this.declare({ name: w, ty: "number", mutable: false, bound: passes + 1 });
      });
      const s: Stmt = { k: "for", v, from, to, step, down, incl, body };
      if (c) s.c = c;
      if (w) s.w = w;
      return [s];
    });
  }

  private forOf(depth: number): Stmt[] | undefined {
    const overString = this.rng.chance(0.4);
    const e = overString ? this.expr("string", 2) : this.anyArray(2);
    const b = new Printer().expr(e).b;
    const passes = overString ? Math.min(b.len, STR_MAX) : b.cnt;
    const v = this.localName();
    this.used.add(v);
    const elem: Ty | "char" = overString ? "char" : elemTy(typeOfArr(e));
    return this.looping(passes + 1, () => {
      const body = this.block(this.rng.int(1, 3), depth - 1, () => this.declare({ name: v, ty: elem === "char" ? "string" : elem, mutable: false }));
      return [{ k: "forof", v, e, elem, body } as Stmt];
    });
  }

  private scan(depth: number): Stmt[] | undefined {
    const candidates = this.visible().filter((v) => v.ty === "string" || isArr(v.ty));
    if (candidates.length === 0) return undefined;
    const target = this.rng.pick(candidates);
    const v = this.counterName();
    this.used.add(v);
    const sty = target.ty as "string" | ArrTy;
    const passes = sty === "string" ? STR_MAX : ARR_MAX;
    const wasFrozen = this.frozen.has(target.name);
    this.frozen.add(target.name);
    this.scans.push({ v, s: target.name, sty });
    try {
      return this.looping(passes + 1, () => {
        const body = this.block(this.rng.int(1, 3), depth - 1, () => this.declare({ name: v, ty: "number", mutable: false, bound: passes }));
        return [{ k: "scan", v, s: target.name, sty, rev: this.rng.chance(0.4), body } as Stmt];
      });
    } finally {
      this.scans.pop();
      if (!wasFrozen) this.frozen.delete(target.name);
    }
  }

  private switchStmt(depth: number): Stmt[] | undefined {
    const r = this.rng;
    const onString = r.chance(0.7);
    let e = this.expr(onString ? "string" : "number", 2);
    if (literalTyped(e) || isReference(e)) e = widened(e);
    const labelPool = new Set<string>();
    const label = (): Expr | undefined => {
      // A module constant, unless a local of the same name hides it here.
      const consts = this.consts.filter(
        (c) =>
          c.ty === (onString ? "string" : "number") && c.init.k === (onString ? "str" : "num") && this.visible().find((v) => v.name === c.name) === this.scopes[0]!.get(c.name),
      );
      for (let i = 0; i < 5; i++) {
        if (consts.length > 0 && r.chance(0.15)) {
          const c = r.pick(consts);
          const key = JSON.stringify((c.init as { v: unknown }).v);
          if (!labelPool.has(key)) {
            labelPool.add(key);
            return { k: "var", name: c.name, ty: c.ty };
          }
          continue;
        }
        const lit = onString ? this.strLit(r.chance(0.5) ? this.string() : r.pick(SEPS)) : { k: "num" as const, v: r.int(-3, 9) };
        const key = JSON.stringify((lit as { v: unknown }).v);
        if (!labelPool.has(key)) {
          labelPool.add(key);
          return lit;
        }
      }
      return undefined;
    };
    const nCases = r.int(1, 4);
    const hasDefault = r.chance(0.6);
    const defAt = r.int(0, nCases);
    const total = nCases + (hasDefault ? 1 : 0);
    const makeCase = (labels: number, position: number): Case | undefined => {
      const ls: Expr[] = [];
      for (let i = 0; i < labels; i++) {
        const l = label();
        if (l) ls.push(l);
      }
      const isLast = position === total - 1;
      const ends: [number, Case["end"]][] = [
        [6, "break"],
        [this.cur.ret !== "void" || r.chance(0.5) ? 2 : 0, "return"],
        [this.inLoop() ? 2 : 0, "continue"],
        [isLast ? 3 : 0, "none"],
      ];
      const end = r.weighted(ends);
      this.targets.push("switch");
      const body = this.block(r.int(0, 3), depth - 1);
      this.targets.pop();
      const c: Case = { labels: ls, body: stripTerminator(body), end, form: r.pick([0, 1, 2] as const) };
      if (end === "return" && this.cur.ret !== "void") c.ret = this.expr(this.cur.ret, 2);
      return c;
    };
    const cases: Case[] = [];
    let def: Case | undefined;
    let position = 0;
    let defIndex = 0;
    for (let i = 0; i <= nCases; i++) {
      if (hasDefault && i === defAt) {
        def = makeCase(r.chance(0.2) ? 1 : 0, position++);
        defIndex = cases.length;
      }
      if (i < nCases) {
        const c = makeCase(r.chance(0.3) ? 2 : 1, position++);
        if (c && c.labels.length > 0) cases.push(c);
      }
    }
    const s: Stmt = { k: "switch", e, cases, defAt: defIndex };
    if (def) s.def = def;
    return [s];
  }

  // ---------------------------------------------------------- functions

  private func(name: string, isMain: boolean): Func {
    const r = this.rng;
    const params: { name: string; ty: Ty }[] = [];
    this.used = new Set();
    this.scopes = [new Map(this.consts.map((c) => [c.name, { name: c.name, ty: c.ty, mutable: false }]))];
    this.blockHasStatements = [true];
    const f: Func = { name, params, ret: "number", async: isMain || r.chance(0.2), body: [], cost: 0 };
    if (isMain) params.push({ name: "args", ty: "string[]" });
    else {
      f.ret = r.chance(0.25) ? "void" : this.pickType();
      const n = r.weighted([
        [2, 0],
        [4, 1],
        [3, 2],
        [2, 3],
        [1, 5],
        [0.3, 11],
      ] as const); // $10 and on need braces in sh
      for (let i = 0; i < n; i++) {
        params.push({ name: this.localName(), ty: this.pickType() });
        this.used.add(params[i]!.name);
      }
    }
    this.cur = f;
    this.cost = 0;
    this.mult = 1;
    this.budget = isMain ? MAIN_BUDGET : r.int(20, 100);
    this.targets = [];
    this.scopes.push(new Map(params.map((p) => [p.name, { name: p.name, ty: p.ty, mutable: r.chance(0.7) }])));
    for (const p of params) this.used.add(p.name);
    this.blockHasStatements.push(true);
    f.body = this.withScope(() => {
      const body: Stmt[] = [];
      const n = isMain ? r.int(3, 6) : r.int(1, 3);
      for (let i = 0; i < n; i++) {
        const s = this.stmt(3);
        if (!s) break;
        body.push(...s);
        this.blockHasStatements[this.blockHasStatements.length - 1] = true;
      }
      if (isMain) {
        // All of main's variables, in one print: on mksh and posh every print forks printf.
        const parts: (string | Expr)[] = [];
        for (const v of this.scopes[this.scopes.length - 1]!.values()) {
          const state = stateOf(v) as Expr & { k: "tmpl" };
          parts.push(...(parts.length > 0 ? ["\n", ...state.parts] : state.parts));
        }
        if (parts.length > 0) body.push({ k: "out", fn: "print", e: { k: "tmpl", parts } });
        body.push({ k: "return", e: this.expr("number", 2) });
      } else if (f.ret !== "void") {
        body.push(this.rng.chance(0.3) ? this.returnStmt() : { k: "return", e: this.expr(f.ret, 3) });
      } else if (r.chance(0.2)) body.push({ k: "return" });
      return body;
    });
    f.cost = this.cost + 2;
    return f;
  }

  program(): Program {
    const r = this.rng;
    for (
      let i = r.weighted([
        [3, 0],
        [2, 1],
        [1, 2],
      ] as const);
      i > 0;
      i--
    ) {
      const name = this.freshName(CONST_NAMES, (n) => this.globals.has(n));
      this.globals.add(name);
      const ty = r.weighted([
        [5, "string"],
        [3, "number"],
        [1, "string[]"],
        [this.hasRec ? 1 : 0, "Rec"],
      ] as const);
      // Later constants may be computed from earlier ones.
      this.scopes = [new Map(this.consts.map((c) => [c.name, { name: c.name, ty: c.ty, mutable: false }]))];
      this.used = new Set();
      this.cur = { name: "", params: [], ret: "void", async: false, body: [], cost: 0 };
      this.callable = [];
      this.budget = 0;
      this.consts.push({ name, ty, init: this.consts.length > 0 && r.chance(0.4) ? this.expr(ty, 2) : this.literal(ty) });
    }
    const funcs: Func[] = [];
    const nFuncs = r.weighted([
      [2, 0],
      [3, 1],
      [3, 2],
      [1, 3],
    ] as const);
    const names = Array.from({ length: nFuncs }, () => {
      const name = this.freshName(FUNC_NAMES, (n) => this.globals.has(n));
      this.globals.add(name);
      return name;
    });
    for (const name of names) {
      this.callable = [...funcs];
      funcs.push(this.func(name, false));
    }
    this.callable = [...funcs];
    const main = this.func("main", true);
    const rec: Program["rec"] = this.hasRec ? (r.chance(0.7) ? 1 : 2) : 0;
    const program: Program = { args: programArgs(this.opts.bytes), rec, consts: this.consts, funcs, main };
    // Now and then two modules: constants and the first functions imported from the other.
    if ((funcs.length > 0 || this.consts.length > 0) && r.chance(0.2)) program.split = r.int(0, funcs.length);
    return program;
  }
}

/** Whether TypeScript gives e a literal type ("a", 3, true, or a union of them). */
function literalTyped(e: Expr): boolean {
  switch (e.k) {
    case "str":
    case "num":
    case "bool":
      return true;
    case "neg":
      return literalTyped(e.e);
    // Inside a template TypeScript folds constant arithmetic and concatenation: `${1 + 2}` is "3".
    case "arith":
    case "concat":
      return literalTyped(e.l) && literalTyped(e.r);
    case "tern":
      return literalTyped(e.a) && literalTyped(e.b);
    case "tmpl":
      // `a${1}b` and `${"x"}` have literal types too.
      return e.parts.every((p) => typeof p === "string" || literalTyped(p));
    default:
      return false;
  }
}

/** A variable or a field: what TypeScript narrows when it is compared. */
function isReference(e: Expr): boolean {
  return e.k === "var" || e.k === "field";
}

/** The same value, as an expression TypeScript neither narrows nor gives a literal type. */
function widened(e: Expr): Expr {
  if (typeOf(e) === "number") return { k: "arith", op: "+", l: e, r: { k: "num", v: 0 } };
  if (literalTyped(e)) return { k: "concat", l: e, r: { k: "str", v: "", q: 0 } }; // + gives a string, never a literal type
  return { k: "tmpl", parts: [e] };
}

/**
 * Comparing a variable with a literal narrows the variable's type for the
 * code after it (x === "a" makes x "a" there), after which a comparison with
 * another literal, or a switch label, is a type error ("no overlap"), and two
 * literals compared are one already. Compared that way, the reference is
 * read through a template or `+ 0` instead, which means the same.
 */
function unnarrowed(l: Expr, r: Expr): [Expr, Expr] {
  if (literalTyped(l) && literalTyped(r)) return [widened(l), r];
  if (isReference(l) && literalTyped(r)) return [widened(l), r];
  if (isReference(r) && literalTyped(l)) return [l, widened(r)];
  return [l, r];
}

function typeOfArr(e: Expr): ArrTy {
  if (e.k === "var" || e.k === "arr" || e.k === "tern") return e.ty as ArrTy;
  if (e.k === "call") return e.ty as ArrTy;
  if (e.k === "ameth") return typeOfArr(e.recv);
  return "string[]"; // split, a record's xs
}

function placeType(p: Place): Ty {
  if (p.k === "var") return p.ty;
  if (p.k === "elem") return elemTy(p.ty);
  return REC_FIELDS.find((f) => f.name === p.f)!.ty;
}

/** A case body's own break/continue/return would end it twice: the case's end does that. */
function stripTerminator(body: Stmt[]): Stmt[] {
  const last = body[body.length - 1];
  return last && (last.k === "break" || last.k === "continue" || last.k === "return") ? body.slice(0, -1) : body;
}

/** The text of a variable's value, for printing state. */
function stateOf(v: VarInfo): Expr {
  const ref: Expr = v.bound !== undefined ? { k: "var", name: v.name, ty: v.ty, bound: v.bound } : { k: "var", name: v.name, ty: v.ty };
  const sep: Expr = { k: "str", v: ",", q: 0 };
  let value: Expr;
  switch (v.ty) {
    case "string":
    case "number":
    case "boolean":
      value = ref;
      break;
    case "Rec":
      return {
        k: "tmpl",
        parts: [
          `${v.name}={`,
          { k: "field", e: ref, f: "s" },
          "|",
          { k: "field", e: ref, f: "n" },
          "|",
          { k: "field", e: ref, f: "b" },
          "|",
          { k: "ameth", m: "join", recv: { k: "field", e: ref, f: "xs" }, args: [sep] },
          "}",
        ],
      };
    case "Rec[]": {
      // No join of records: the length and the first element's text fields.
      const first: Expr = { k: "aidx", a: ref, i: { k: "num", v: 0 }, ty: "Rec[]" };
      return { k: "tmpl", parts: [`${v.name}=[`, { k: "len", e: ref }, ":", { k: "field", e: first, f: "s" }, "|", { k: "field", e: first, f: "n" }, "]"] };
    }
    default:
      value = { k: "ameth", m: "join", recv: ref, args: [sep] };
  }
  return { k: "tmpl", parts: [`${v.name}=[`, value, "]"] };
}

export function generateProgram(seed: number, opts: GenOptions): Program {
  return new Generator(new Rng(seed), opts).program();
}

export type { RecField };
