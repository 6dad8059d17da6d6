// The fuzzer's program tree: what generate.ts builds, print.ts turns into
// portable TypeScript and shrink.ts cuts down. Nodes are plain JSON (cloned
// with structuredClone). The tree says what a program computes; the printer
// adds the guards that keep it inside what docs/subset.md defines at run
// time (indexes in range, non-zero divisors, 32-bit numbers), so a tree that
// the shrinker has cut is still a well-defined program.

export type Ty = "string" | "number" | "boolean" | "string[]" | "number[]" | "boolean[]" | "Rec" | "Rec[]";
export type RetTy = Ty | "void";
export type ArrTy = "string[]" | "number[]" | "boolean[]" | "Rec[]";
export type RecField = "s" | "n" | "b" | "xs";

export const REC_FIELDS: { name: RecField; ty: Ty }[] = [
  { name: "s", ty: "string" },
  { name: "n", ty: "number" },
  { name: "b", ty: "boolean" },
  { name: "xs", ty: "string[]" },
];

export type StrMethod = "slice" | "indexOf" | "startsWith" | "endsWith" | "includes" | "trim" | "split" | "charAt" | "replaceAll";
export type ArrMethod = "join" | "includes" | "slice";

export type Expr =
  /** q: the quotes it is printed with (0 "…", 1 '…', 2 `…`); u: \u00XX escapes for high bytes. */
  | { k: "str"; v: string; q: 0 | 1 | 2; u?: boolean }
  /** f: printed as hex (1), with a separator (2), octal (3), binary (4) or with an exponent (5). */
  | { k: "num"; v: number; f?: 0 | 1 | 2 | 3 | 4 | 5 }
  | { k: "bool"; v: boolean }
  /** bound: |value| for loop counters (numbers stored elsewhere obey the global bound). */
  | { k: "var"; name: string; ty: Ty; bound?: number }
  | { k: "call"; fn: string; args: Expr[]; ty: RetTy; aw: boolean }
  | { k: "arith"; op: "+" | "-" | "*" | "%" | "/"; l: Expr; r: Expr; inl?: boolean }
  | { k: "neg"; e: Expr }
  | { k: "concat"; l: Expr; r: Expr }
  | { k: "tmpl"; parts: (string | Expr)[] }
  | { k: "tostr"; e: Expr }
  | { k: "cmp"; op: "===" | "!==" | "<" | "<=" | ">" | ">="; l: Expr; r: Expr }
  | { k: "and" | "or"; l: Expr; r: Expr }
  | { k: "not"; e: Expr }
  | { k: "tern"; c: Expr; a: Expr; b: Expr; ty: Ty }
  | { k: "len"; e: Expr }
  | { k: "smeth"; m: StrMethod; recv: Expr; args: Expr[] }
  /** s[i] (or charAt when ch) on a side-effect-free string; printed with a range guard. */
  | { k: "sidx"; s: Expr; i: Expr; ch?: boolean }
  /** s[i] inside a scan loop whose counter keeps i in range (s is frozen there). */
  | { k: "sraw"; s: string; i: string }
  | { k: "arr"; elems: Expr[]; ty: ArrTy }
  /** a[i] on a side-effect-free array; printed with a range guard. */
  | { k: "aidx"; a: Expr; i: Expr; ty: ArrTy }
  | { k: "araw"; a: string; i: string; ty: ArrTy }
  | { k: "ameth"; m: ArrMethod; recv: Expr; args: Expr[] }
  /** a.push(e) as an expression, printed behind a length guard. */
  | { k: "push"; a: Expr; e: Expr }
  | { k: "rec"; fields: { f: RecField; e: Expr }[]; short?: boolean }
  | { k: "field"; e: Expr; f: RecField }
  /** A std text helper: toInteger (string → number), isDecimalInteger, hasControlBytes (string → boolean). */
  | { k: "std"; fn: "toInteger" | "isDecimalInteger" | "hasControlBytes"; arg: Expr }
  /** env(name) (a string) or hasEnv(name); the name is fixed, one that means the same to Node and sh. */
  | { k: "env"; name: string; has: boolean };

export type Place =
  | { k: "var"; name: string; ty: Ty }
  /** a[i]; app: a[a.length] (an append). The index is reduced into range when printed. */
  | { k: "elem"; a: Expr; i: Expr; ty: ArrTy; app?: boolean }
  | { k: "fld"; r: Expr; f: RecField };

export interface Case {
  labels: Expr[];
  body: Stmt[];
  end: "break" | "return" | "continue" | "none";
  /** 0: statements then the end inside braces, 1: braces then the end, 2: no braces. */
  form: 0 | 1 | 2;
  ret?: Expr;
}

export type Stmt =
  /** late: `let x: T;` first, then assigned by an if/else (init when c holds, else other). */
  | { k: "decl"; kind: "let" | "const"; name: string; ty: Ty; init: Expr; annot: boolean; late?: { c: Expr; other: Expr } }
  | { k: "set"; place: Place; e: Expr }
  | { k: "cset"; place: Place; op: "+=" | "-=" | "*=" | "%="; e: Expr; tmp: string }
  | { k: "inc"; place: Place; op: "++" | "--"; prefix: boolean }
  | { k: "expr"; e: Expr }
  | { k: "out"; fn: "print" | "write"; e: Expr }
  | { k: "if"; c: Expr; then: Stmt[]; else?: Stmt[] }
  /** A while or do-while loop, bounded by its own counter. */
  | { k: "while"; ctr: string; n: number; c?: Expr; body: Stmt[]; doWhile: boolean; form: 0 | 1 | 2 }
  /** for (let v = from; v < to (or > when down); v += step [, w--]) */
  | { k: "for"; v: string; from: number; to: number; step: number; down: boolean; incl: boolean; c?: Expr; w?: string; body: Stmt[] }
  | { k: "forof"; v: string; e: Expr; elem: Ty | "char"; body: Stmt[] }
  /** for (let v = 0; v < s.length; v++), or backwards: s is not assigned inside. */
  | { k: "scan"; v: string; s: string; sty: "string" | ArrTy; rev: boolean; body: Stmt[] }
  | { k: "switch"; e: Expr; cases: Case[]; def?: Case; defAt: number }
  | { k: "break" }
  | { k: "continue" }
  /** bare: `return f()` of an async f without await, as an async function may. */
  | { k: "return"; e?: Expr; bare?: boolean };

export interface Func {
  name: string;
  params: { name: string; ty: Ty }[];
  ret: RetTy;
  async: boolean;
  body: Stmt[];
  /** What one call costs, in statements run (an upper bound; see generate.ts). */
  cost: number;
}

export interface Constant {
  name: string;
  ty: Ty;
  init: Expr;
}

export interface Program {
  /** Arguments main is run with. */
  args: string[];
  /** Whether a record type is declared, and how (interface or type alias). */
  rec: 0 | 1 | 2;
  consts: Constant[];
  funcs: Func[];
  main: Func;
  /**
   * When set, the program is two modules: the constants and the first
   * `split` functions, exported, in a module of their own that the main
   * module imports.
   */
  split?: number;
}

export const STMT_LIST_KEYS = new Set(["body", "then", "else"]);

export function elemTy(ty: ArrTy): Ty {
  return ty.slice(0, -2) as Ty;
}

export function isArr(ty: RetTy): ty is ArrTy {
  return ty.endsWith("[]");
}

/** The type of an expression, read off the tree. */
export function typeOf(e: Expr): RetTy {
  switch (e.k) {
    case "str":
    case "concat":
    case "tmpl":
    case "tostr":
    case "sidx":
    case "sraw":
      return "string";
    case "num":
    case "arith":
    case "neg":
    case "len":
    case "push":
      return "number";
    case "bool":
    case "cmp":
    case "and":
    case "or":
    case "not":
      return "boolean";
    case "var":
      return e.ty;
    case "call":
      return e.ty;
    case "tern":
      return e.ty;
    case "smeth":
      switch (e.m) {
        case "indexOf":
          return "number";
        case "startsWith":
        case "endsWith":
        case "includes":
          return "boolean";
        case "split":
          return "string[]";
        default:
          return "string";
      }
    case "arr":
      return e.ty;
    case "aidx":
    case "araw":
      return elemTy(e.ty);
    case "ameth":
      if (e.m === "join") return "string";
      if (e.m === "includes") return "boolean";
      return typeOf(e.recv);
    case "rec":
      return "Rec";
    case "field":
      return REC_FIELDS.find((f) => f.name === e.f)!.ty;
    case "std":
      return e.fn === "toInteger" ? "number" : "boolean";
    case "env":
      return e.has ? "boolean" : "string";
  }
}

/** Whether evaluating e twice is the same as once (no calls, no pushes, no allocation). */
export function isPure(e: Expr): boolean {
  switch (e.k) {
    case "str":
    case "num":
    case "bool":
    case "var":
      return true;
    case "field":
      return isPure(e.e);
    default:
      return false;
  }
}

/** Whether e reads the variable `name`. */
export function mentions(e: unknown, name: string): boolean {
  if (Array.isArray(e)) return e.some((x) => mentions(x, name));
  if (e && typeof e === "object") {
    const o = e as Record<string, unknown>;
    if ((o.k === "var" && o.name === name) || ((o.k === "sraw" || o.k === "araw") && (o.s === name || o.a === name))) return true;
    return Object.values(o).some((x) => mentions(x, name));
  }
  return false;
}
