// Assignments, compound assignments and ++/--. The place assigned to (a
// variable, an array element, a record field) is worked out once, so its
// receiver and index run once and before the value, as in JavaScript, even
// in `a[next()] += f()`.
import { Node, SyntaxKind, type Expression } from "ts-morph";
import { invalid, unsupported } from "./diagnostics";
import type { FunctionContext, Value } from "./context";
import { assign, cmd, lit, litWord, ref, varWord, type Arith, type ArithOp, type Stmt } from "./ir";
import { lowerExpr, toArith } from "./lower-expr";
import { toVar, typeOf } from "./values";
import { describe } from "./types";

export const COMPOUND: Partial<Record<SyntaxKind, ArithOp>> = {
  [SyntaxKind.PlusEqualsToken]: "+",
  [SyntaxKind.MinusEqualsToken]: "-",
  [SyntaxKind.AsteriskEqualsToken]: "*",
  [SyntaxKind.PercentEqualsToken]: "%",
};

interface Place {
  /** Evaluates the receiver and the index. */
  pre: Stmt[];
  /** The current value (statements run after `pre`). */
  read(): Value;
  /** Store a value (its own statements included). */
  write(value: Value): Stmt[];
}

function variablePlace(target: Expression, ctx: FunctionContext): Place {
  const decl = target.getSymbol()?.getDeclarations()[0];
  const name = decl ? ctx.lookup(decl) : undefined;
  if (!name || !decl) invalid(target, `'${target.getText()}' is not a variable of this program`);
  if (ctx.tables.globals.has(decl)) unsupported(target, "assigning a module-level variable", "module-level values are constants; pass state as parameters");
  return {
    pre: [],
    read: () => ({ pre: [], word: varWord(name), type: typeOf(target) }),
    write: (value) => [...value.pre, assign(name, value.word)],
  };
}

function elementPlace(target: Node & { getExpression(): Expression; getArgumentExpressionOrThrow(): Expression }, ctx: FunctionContext): Place {
  const receiver = lowerExpr(target.getExpression(), ctx);
  if (receiver.type.kind !== "array") unsupported(target, `assigning into ${describe(receiver.type)}`, "strings are immutable: build a new one");
  const element = receiver.type.element;
  const h = toVar(receiver, ctx);
  const i = toArith(lowerExpr(target.getArgumentExpressionOrThrow(), ctx), ctx);
  const index: Arith = i.arith;
  return {
    pre: [...h.pre, ...i.pre],
    read: () => {
      const t = ctx.temp();
      return { pre: [{ kind: "readIndirect", name: t, source: [ref(h.name), lit("_"), { kind: "arith", expr: index }] }], word: varWord(t), type: element };
    },
    // __array_set, not a bare write: storing at a.length grows the array, as in JavaScript.
    write: (value) => [...value.pre, cmd(litWord(ctx.usePrelude("__array_set")), varWord(h.name), [{ kind: "arith", expr: index }], value.word)],
  };
}

function fieldPlace(target: Node & { getExpression(): Expression; getName(): string }, ctx: FunctionContext): Place {
  const receiver = lowerExpr(target.getExpression(), ctx);
  if (receiver.type.kind !== "record") unsupported(target, `assigning a property of ${describe(receiver.type)}`, "only record fields can be assigned");
  const field = receiver.type.fields.find((f) => f.name === target.getName());
  if (!field) invalid(target, `'${target.getName()}' is not a field of ${receiver.type.name}`);
  const h = toVar(receiver, ctx);
  const name = [ref(h.name), lit(`_${field.name}`)];
  return {
    pre: h.pre,
    read: () => {
      const t = ctx.temp();
      return { pre: [{ kind: "readIndirect", name: t, source: name }], word: varWord(t), type: field.type };
    },
    write: (value) => {
      const v = toVar(value, ctx);
      return [...v.pre, { kind: "writeIndirect", target: name, value: varWord(v.name) }];
    },
  };
}

function lowerPlace(target: Expression, ctx: FunctionContext): Place {
  if (Node.isIdentifier(target)) return variablePlace(target, ctx);
  if (Node.isElementAccessExpression(target)) return elementPlace(target, ctx);
  if (Node.isPropertyAccessExpression(target)) return fieldPlace(target, ctx);
  return unsupported(target, "assigning to this kind of place", "assign to a variable, a[i] or r.field");
}

/** `x = v`, `a[i] = v`, `r.f = v`, and the compound forms `+= -= *= %=`. */
export function lowerAssignment(node: Node & { getLeft(): Expression; getRight(): Expression; getOperatorToken(): Node }, ctx: FunctionContext): Stmt[] {
  const kind = node.getOperatorToken().getKind();
  const place = lowerPlace(node.getLeft(), ctx);
  if (kind === SyntaxKind.EqualsToken) return [...place.pre, ...place.write(lowerExpr(node.getRight(), ctx))];
  const op = COMPOUND[kind];
  if (!op) unsupported(node, `the '${node.getOperatorToken().getText()}' operator`, "see docs/subset.md");
  const current = place.read();
  const right = lowerExpr(node.getRight(), ctx);
  if (op === "+" && current.type.kind === "string") {
    return [...place.pre, ...place.write({ pre: [...current.pre, ...right.pre], word: [...current.word, ...right.word], type: current.type })];
  }
  if (current.type.kind !== "number" || right.type.kind !== "number") invalid(node, `'${node.getOperatorToken().getText()}' needs numbers`);
  const l = toArith(current, ctx);
  const r = toArith(right, ctx);
  const sum: Value = { pre: [...l.pre, ...r.pre], word: [{ kind: "arith", expr: { kind: "bin", op, left: l.arith, right: r.arith } }], type: current.type };
  return [...place.pre, ...place.write(sum)];
}

/** `x++`, `--a[i]`, … as statements. */
export function lowerIncrement(node: Node, operand: Expression, op: "+" | "-", ctx: FunctionContext): Stmt[] {
  const place = lowerPlace(operand, ctx);
  const current = place.read();
  if (current.type.kind !== "number") invalid(node, "++ and -- need a number");
  const l = toArith(current, ctx);
  const next: Value = { pre: l.pre, word: [{ kind: "arith", expr: { kind: "bin", op, left: l.arith, right: { kind: "num", value: 1 } } }], type: current.type };
  return [...place.pre, ...place.write(next)];
}
