// Shrinking: cut a program that diverges down to a small one that still
// does. Candidates are the program with one thing removed or simplified (a
// function, a statement, a loop or branch replaced by its body, an
// expression replaced by a plain value of its type or by one of its own
// parts, a literal shortened); the first candidate that still compiles and
// still diverges on one of the same shells is kept, until none does. The
// printer re-applies the run-time guards to whatever is left (print.ts), so
// a candidate never diverges through undefined behaviour.
import type { Shell } from "../support/shells";
import { REC_FIELDS, STMT_LIST_KEYS, typeOf, type Case, type Expr, type Func, type Program, type Stmt, type Ty } from "./ast";
import { checkStandalone, differs } from "./harness";
import { printLib, printProgram } from "./print";

const EXPR_KINDS = new Set([
  "str",
  "num",
  "bool",
  "var",
  "call",
  "arith",
  "neg",
  "concat",
  "tmpl",
  "tostr",
  "cmp",
  "and",
  "or",
  "not",
  "tern",
  "len",
  "smeth",
  "sidx",
  "sraw",
  "arr",
  "aidx",
  "araw",
  "ameth",
  "push",
  "rec",
  "field",
  "std",
  "env",
]);
/** Fields that must stay free of side effects (they are printed more than once): only literals go there. */
const PURE_KEYS = new Set(["s", "a"]);

function defaults(ty: Ty): Expr[] {
  switch (ty) {
    case "string":
      return [
        { k: "str", v: "", q: 0 },
        { k: "str", v: "a", q: 0 },
      ];
    case "number":
      return [
        { k: "num", v: 0 },
        { k: "num", v: 1 },
      ];
    case "boolean":
      return [
        { k: "bool", v: false },
        { k: "bool", v: true },
      ];
    case "Rec":
      return [{ k: "rec", fields: REC_FIELDS.map((f) => ({ f: f.name, e: defaults(f.ty)[0]! })) }];
    default:
      return [
        { k: "arr", ty: ty as "string[]", elems: [] },
        { k: "arr", ty: ty as "string[]", elems: [defaults(ty.slice(0, -2) as Ty)[0]!] },
      ];
  }
}

type Edit = (p: Program) => void;

/** Where things are in a program: a path of keys from the root. */
type Path = (string | number)[];

function at(root: unknown, path: Path): unknown {
  let o = root as Record<string | number, unknown>;
  for (const k of path) o = o[k] as Record<string | number, unknown>;
  return o;
}

function setAt(root: unknown, path: Path, value: unknown): void {
  const parent = at(root, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = value;
}

interface Sites {
  stmtLists: Path[];
  exprs: { path: Path; pureOnly: boolean }[];
}

function collect(p: Program): Sites {
  const sites: Sites = { stmtLists: [], exprs: [] };
  const walk = (node: unknown, path: Path, key: string | number | undefined): void => {
    if (Array.isArray(node)) {
      if (typeof key === "string" && STMT_LIST_KEYS.has(key)) sites.stmtLists.push(path);
      node.forEach((x, i) => walk(x, [...path, i], key));
      return;
    }
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    const isExprSite = typeof o.k === "string" && EXPR_KINDS.has(o.k) && key !== "place" && !(typeof key === "string" && STMT_LIST_KEYS.has(key));
    if (isExprSite) sites.exprs.push({ path, pureOnly: typeof key === "string" && PURE_KEYS.has(key) });
    for (const [k, v] of Object.entries(o)) {
      walk(v, [...path, k], k);
    }
  };
  walk(p, [], undefined);
  return sites;
}

function children(e: Expr): Expr[] {
  const out: Expr[] = [];
  for (const v of Object.values(e)) {
    if (Array.isArray(v)) for (const x of v) if (x && typeof x === "object" && "k" in x && EXPR_KINDS.has((x as Expr).k)) out.push(x as Expr);
    if (v && typeof v === "object" && !Array.isArray(v) && "k" in v && EXPR_KINDS.has((v as Expr).k)) out.push(v as Expr);
  }
  if (e.k === "rec") for (const f of e.fields) out.push(f.e);
  return out;
}

/** Blocks held by a statement, which may stand in for it. */
function innerBlocks(s: Stmt): Stmt[][] {
  switch (s.k) {
    case "if":
      return s.else ? [s.then, s.else] : [s.then];
    case "while":
    case "for":
    case "forof":
    case "scan":
      return [s.body];
    case "switch":
      return [...s.cases.map((c) => c.body), ...(s.def ? [s.def.body] : [])];
    default:
      return [];
  }
}

function allFuncs(p: Program): Func[] {
  return [...p.funcs, p.main];
}

/** Replace every call to `name` (statements calling it go away). */
function dropCalls(p: Program, name: string, ret: Func["ret"]): void {
  const fix = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      const kept = node.filter(
        (s) => !(s && typeof s === "object" && (s as Stmt).k === "expr" && (s as { e: Expr }).e.k === "call" && ((s as { e: Expr }).e as { fn: string }).fn === name),
      );
      return kept.map(fix);
    }
    if (!node || typeof node !== "object") return node;
    const o = node as Record<string, unknown>;
    if (o.k === "call" && o.fn === name && ret !== "void") return defaults(ret)[0];
    for (const [k, v] of Object.entries(o)) o[k] = fix(v);
    return o;
  };
  for (const f of allFuncs(p)) f.body = fix(f.body) as Stmt[];
}

/**
 * Every candidate edit, biggest cuts first. The coarse ones (no literal
 * shortened, no flag cleared) come first in a pass of their own.
 */
function edits(p: Program, fine: boolean): Edit[] {
  const out: Edit[] = [];
  if (p.rec !== 0) out.push((q) => (q.rec = 0));
  if (p.split !== undefined) out.push((q) => delete q.split);
  // Whole functions and constants.
  p.funcs.forEach((f, i) =>
    out.push((q) => {
      const g = q.funcs[i]!;
      q.funcs.splice(i, 1);
      if (q.split !== undefined && i < q.split) q.split--;
      dropCalls(q, g.name, g.ret);
    }),
  );
  p.consts.forEach((c, i) =>
    out.push((q) => {
      const init = q.consts[i]!.init;
      q.consts.splice(i, 1);
      const fix = (node: unknown): unknown => {
        if (Array.isArray(node)) return node.map(fix);
        if (!node || typeof node !== "object") return node;
        const o = node as Record<string, unknown>;
        if (o.k === "var" && o.name === c.name) return structuredClone(init);
        for (const [k, v] of Object.entries(o)) o[k] = fix(v);
        return o;
      };
      for (const f of allFuncs(q)) f.body = fix(f.body) as Stmt[];
      for (const d of q.consts) d.init = fix(d.init) as Expr;
    }),
  );
  const sites = collect(p);
  // Statements: remove halves, then one at a time, or replace one by a block it holds.
  for (const list of sites.stmtLists) {
    const n = (at(p, list) as Stmt[]).length;
    if (n >= 4) {
      out.push((q) => (at(q, list) as Stmt[]).splice(0, n >> 1));
      out.push((q) => (at(q, list) as Stmt[]).splice(n >> 1));
    }
  }
  for (const list of sites.stmtLists) {
    const stmts = at(p, list) as Stmt[];
    for (let i = stmts.length - 1; i >= 0; i--) {
      out.push((q) => (at(q, list) as Stmt[]).splice(i, 1));
    }
  }
  for (const list of sites.stmtLists) {
    const stmts = at(p, list) as Stmt[];
    stmts.forEach((s, i) => {
      innerBlocks(s).forEach((_, b) =>
        out.push((q) => {
          const qs = at(q, list) as Stmt[];
          qs.splice(i, 1, ...innerBlocks(qs[i]!)[b]!);
        }),
      );
      if (fine) out.push(...simplifyStmt(list, i, s));
    });
  }
  p.funcs.forEach((f, i) => {
    if (f.async) {
      out.push((q) => {
        q.funcs[i]!.async = false;
        const fix = (node: unknown): void => {
          if (Array.isArray(node)) node.forEach(fix);
          else if (node && typeof node === "object") {
            const o = node as Record<string, unknown>;
            if (o.k === "call" && o.fn === f.name) o.aw = false;
            Object.values(o).forEach(fix);
          }
        };
        allFuncs(q).forEach((g) => fix(g.body));
      });
    }
  });
  // Expressions: a plain value of the same type, or a part of the same type.
  for (const { path, pureOnly } of sites.exprs) {
    const e = at(p, path) as Expr;
    const ty = typeOf(e);
    if (ty === "void") continue;
    const same = (x: Expr) => JSON.stringify(x) === JSON.stringify(e);
    for (const d of defaults(ty)) if (!same(d)) out.push((q) => setAt(q, path, structuredClone(d)));
    if (!pureOnly) for (const c of children(e)) if (typeOf(c) === ty) out.push((q) => setAt(q, path, structuredClone(c)));
    if (fine) out.push(...simplifyExpr(path, e));
  }
  return out;
}

function simplifyStmt(list: Path, i: number, s: Stmt): Edit[] {
  const out: Edit[] = [];
  const get = (q: Program) => (at(q, list) as Stmt[])[i]!;
  switch (s.k) {
    case "if":
      if (s.else) out.push((q) => delete (get(q) as { else?: Stmt[] }).else);
      break;
    case "while":
      if (s.c) out.push((q) => delete (get(q) as { c?: Expr }).c);
      if (s.n > 1) out.push((q) => ((get(q) as { n: number }).n = 1));
      if (s.doWhile) out.push((q) => ((get(q) as { doWhile: boolean }).doWhile = false));
      break;
    case "for":
      if (s.c) out.push((q) => delete (get(q) as { c?: Expr }).c);
      if (s.w) out.push((q) => delete (get(q) as { w?: string }).w);
      if (s.to !== s.from) out.push((q) => ((get(q) as { to: number }).to = s.from));
      break;
    case "switch": {
      s.cases.forEach((_, j) =>
        out.push((q) => {
          const sw = get(q) as Stmt & { k: "switch" };
          sw.cases.splice(j, 1);
          if (sw.defAt > j) sw.defAt--;
        }),
      );
      if (s.def) out.push((q) => delete (get(q) as { def?: Case }).def);
      const endToBreak = (c: Case) => {
        c.end = "break";
        delete c.ret;
      };
      s.cases.forEach((c, j) => {
        if (c.end !== "break" && c.end !== "none") out.push((q) => endToBreak((get(q) as Stmt & { k: "switch" }).cases[j]!));
        if (c.labels.length > 1) out.push((q) => (get(q) as Stmt & { k: "switch" }).cases[j]!.labels.splice(1));
      });
      break;
    }
    case "decl":
      if (!s.annot) out.push((q) => ((get(q) as { annot: boolean }).annot = true));
      if (s.late) out.push((q) => delete (get(q) as { late?: unknown }).late);
      break;
    default:
      break;
  }
  return out;
}

function simplifyExpr(path: Path, e: Expr): Edit[] {
  const out: Edit[] = [];
  if (e.k === "str") {
    const variants = new Set<string>();
    if (e.v.length > 1) {
      variants.add(e.v.slice(0, Math.floor(e.v.length / 2)));
      variants.add(e.v.slice(Math.floor(e.v.length / 2)));
    }
    if (e.v.length <= 16) for (let i = 0; i < e.v.length; i++) variants.add(e.v.slice(0, i) + e.v.slice(i + 1));
    variants.delete(e.v);
    for (const v of variants) out.push((q) => ((at(q, path) as { v: string }).v = v));
    if (e.q !== 0 || e.u) out.push((q) => setAt(q, path, { k: "str", v: e.v, q: 0 }));
  }
  if (e.k === "num") {
    for (const v of new Set([Math.trunc(e.v / 2), Math.abs(e.v), e.v > 0 ? e.v - 1 : e.v + 1])) if (v !== e.v) out.push((q) => setAt(q, path, { k: "num", v }));
    if (e.f) out.push((q) => setAt(q, path, { k: "num", v: e.v }));
  }
  if (e.k === "tmpl") {
    e.parts.forEach((_, i) =>
      out.push((q) => {
        (at(q, path) as { parts: unknown[] }).parts.splice(i, 1);
      }),
    );
  }
  if (e.k === "arr" && e.elems.length > 0) e.elems.forEach((_, i) => out.push((q) => (at(q, path) as { elems: Expr[] }).elems.splice(i, 1)));
  if ((e.k === "smeth" || e.k === "ameth") && e.args.length > 1 && (e.m === "slice" || e.m === "indexOf")) out.push((q) => (at(q, path) as { args: Expr[] }).args.splice(1));
  if (e.k === "ameth" && e.m === "slice" && e.args.length === 1) out.push((q) => (at(q, path) as { args: Expr[] }).args.splice(0));
  if (e.k === "arith" && e.inl) out.push((q) => delete (at(q, path) as { inl?: boolean }).inl);
  if (e.k === "rec" && e.short) out.push((q) => delete (at(q, path) as { short?: boolean }).short);
  return out;
}

let shrinkSessions = 0;

/** What shrinking makes smaller: the text, then (at equal length) its non-zero digits (5 → 0). */
function size(text: string): number {
  return text.length + (text.match(/[1-9]/g)?.length ?? 0) / 1e6;
}

export interface ShrinkResult {
  program: Program;
  source: string;
  checks: number;
  /** The shells it still diverges on. */
  shells: string[];
  seconds: number;
}

/**
 * Shrink `program`, which diverges on `targets` when run on its own. Stops
 * after `limitSeconds` with the smallest program found so far.
 */
export async function shrink(program: Program, targets: Shell[], header: string[], limitSeconds = 240): Promise<ShrinkResult> {
  const started = performance.now();
  let best = structuredClone(program);
  const text = (p: Program) => printProgram(p) + (printLib(p) ?? "");
  let bestText = text(best);
  let bestShells = targets.map((s) => s.name);
  let checks = 0;
  const entryName = `shrink${process.pid}_${shrinkSessions++}`;
  // The fastest shell that diverges stands for the others while shrinking.
  const byCost = ["dash", "busybox", "ksh93", "bash", "yash", "zsh", "mksh", "posh"];
  const probes = [...targets].sort((a, b) => byCost.indexOf(a.name) - byCost.indexOf(b.name)).slice(0, 1);
  const interesting = async (candidate: Program): Promise<string[] | undefined> => {
    checks++;
    const result = await checkStandalone(candidate, probes, [], entryName);
    if (!result.compiled || !result.node || result.node.status === null || result.node.stderr !== "" || result.node.timedOut) return undefined;
    const failing = probes.filter((s) => differs(result.node!, result.shells.get(s.name)!)).map((s) => s.name);
    return failing.length > 0 ? failing : undefined;
  };
  const outOfTime = () => (performance.now() - started) / 1000 >= limitSeconds;
  for (const fine of [false, true]) {
    let progress = true;
    while (progress && !outOfTime()) {
      progress = false;
      for (let i = 0; !outOfTime(); i++) {
        const all = edits(best, fine);
        if (i >= all.length) break;
        const candidate = structuredClone(best);
        try {
          all[i]!(candidate);
        } catch {
          continue; // an edit that no longer applies
        }
        const candidateText = text(candidate);
        if (size(candidateText) >= size(bestText)) continue; // strictly smaller, or edits could undo each other forever
        const failing = await interesting(candidate);
        if (failing) {
          best = candidate;
          bestText = candidateText;
          bestShells = failing;
          progress = true;
          i--; // the same position now holds the next candidate
        }
      }
    }
  }
  // Which of the shells the smallest program still diverges on.
  const final = await checkStandalone(best, targets, [], entryName);
  if (final.node) bestShells = targets.filter((s) => differs(final.node!, final.shells.get(s.name)!)).map((s) => s.name);
  const lib = printLib(best, header);
  const source = lib === undefined ? printProgram(best, header) : `${printProgram(best, header)}\n// ---- lib.ts\n${lib}`;
  return { program: best, source, checks, shells: bestShells, seconds: (performance.now() - started) / 1000 };
}
