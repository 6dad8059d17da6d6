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
  else if (cond.kind === "and" || cond.kind === "or") {
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

/**
 * `t=$__r; x=$t` → `x=$__r` when t (a temporary: `isTemp`) is read nowhere
 * else: a call's result goes straight into the variable that wants it.
 * `if false; then …; fi` and `if :; then A; else B; fi` keep only the branch
 * that runs (`return false` lowers to the former), and nothing follows a
 * return, exit, break or continue in the same list.
 */
export function foldResultCopies(body: Stmt[], isTemp: (name: string) => boolean): Stmt[] {
  const counts = new Map<string, number>();
  for (const name of readNames(body)) counts.set(name, (counts.get(name) ?? 0) + 1);
  const fold = (stmts: Stmt[]): Stmt[] => {
    const out: Stmt[] = [];
    for (const s of stmts) {
      const prev = out[out.length - 1];
      if (
        s.kind === "assign" &&
        isSingleVar(s.value) &&
        prev?.kind === "assign" &&
        prev.name === s.value[0].name &&
        isTemp(prev.name) &&
        isSingleVar(prev.value, "__r") &&
        counts.get(prev.name) === 1
      ) {
        if (s.name === "__r")
          out.pop(); // `return f(x)`: the result is in __r already
        else out[out.length - 1] = { kind: "assign", name: s.name, value: prev.value };
        continue;
      }
      // `__r=$__r` (a call's result returned as it is) does nothing.
      if (s.kind === "assign" && isSingleVar(s.value, s.name)) continue;
      if (prev && ENDS_FLOW.has(prev.kind) && s.kind !== "comment") continue;
      if (s.kind === "if" && (s.cond.kind === "true" || s.cond.kind === "false")) {
        for (const taken of fold(s.cond.kind === "true" ? s.then : s.else)) out.push(taken);
        continue;
      }
      if (s.kind === "if") out.push({ ...s, then: fold(s.then), else: fold(s.else) });
      else if (s.kind === "while") out.push({ ...s, body: fold(s.body) });
      else if (s.kind === "case") out.push({ ...s, arms: s.arms.map((a) => ({ ...a, body: fold(a.body) })) });
      else out.push(s);
    }
    return out;
  };
  return fold(body);
}
