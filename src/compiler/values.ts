// Lowered values: the portable types' names, and the conversions between a
// value, a variable and a condition that every lowering module uses. Kept
// apart from lower-expr.ts so the modules it calls (lower-methods.ts) need
// not import it back.
import type { Expression, Node } from "ts-morph";
import type { FunctionContext, Value } from "./context";
import { assign, condCmd, litWord, varWord, type Cond, type Stmt } from "./ir";
import { portableType, type PortableType } from "./types";

export const STRING: PortableType = { kind: "string" };
export const NUMBER: PortableType = { kind: "number" };
export const BOOLEAN: PortableType = { kind: "boolean" };

export function typeOf(node: Node): PortableType {
  return portableType(node.getType(), node);
}

/** Make the value a single variable (some shell forms need a name: ${#x}, eval). */
export function toVar(value: Value, ctx: FunctionContext): { pre: Stmt[]; name: string } {
  const w = value.word;
  if (w.length === 1 && w[0]!.kind === "var") return { pre: value.pre, name: w[0]!.name };
  const t = ctx.temp();
  return { pre: [...value.pre, assign(t, w)], name: t };
}

/** Materialise a condition as the text true/false. */
export function condToValue(pre: Stmt[], cond: Cond, ctx: FunctionContext): Value {
  if (cond.kind === "true" || cond.kind === "false") return { pre, word: litWord(cond.kind), type: BOOLEAN };
  const t = ctx.temp();
  return {
    pre: [...pre, { kind: "if", cond, then: [assign(t, litWord("true"))], else: [assign(t, litWord("false"))] }],
    word: varWord(t),
    type: BOOLEAN,
  };
}

/** A boolean value (true/false text) as a condition. */
export function valueToCond(value: Value): { pre: Stmt[]; cond: Cond } {
  const w = value.word;
  if (w.length === 1 && w[0]!.kind === "lit") return { pre: value.pre, cond: { kind: w[0]!.text === "true" ? "true" : "false" } };
  return { pre: value.pre, cond: condCmd(litWord("["), w, litWord("="), litWord("true"), litWord("]")) };
}

/** Lowers an expression (lower-expr.ts's lowerExpr, handed to the modules it calls). */
export type LowerExpr = (expr: Expression, ctx: FunctionContext) => Value;
