// Expressions → shell words (plus the statements that must run first), and
// conditions → shell command lists. Only calls have side effects in the
// subset (assignments and ++ are statements), and a callee can never touch
// its caller's variables, so a word made of the caller's variables stays
// valid however many calls run after it.
import { Node, SyntaxKind, type CallExpression, type Expression } from "ts-morph";
import { invalid, unsupported } from "./diagnostics";
import type { FunctionContext, Value } from "./context";
import { assign, cmd, condCmd, lit, litWord, not, ref, varWord, type Arith, type ArithOp, type Cond, type Stmt, type Word } from "./ir";
import { literalWord } from "./literals";
import { lowerByteNearFront, lowerMethodCall } from "./lower-methods";
import { BOOLEAN, NUMBER, STRING, condToValue, toVar, typeOf, valueToCond } from "./values";
import { resolveCallee } from "./resolve";
import { stdEntry } from "./std-table";
import { describe, isReference, portableType, type PortableType } from "./types";

// ---------------------------------------------------------------- helpers

/** Whether two portable types are the same but for the names of record types. */
function sameShape(a: PortableType, b: PortableType): boolean {
  if (a.kind === "array" && b.kind === "array") return sameShape(a.element, b.element);
  if (a.kind === "record" && b.kind === "record") {
    return a.fields.length === b.fields.length && a.fields.every((f) => b.fields.some((g) => g.name === f.name && sameShape(f.type, g.type)));
  }
  return a.kind === b.kind;
}

/** Turn a word into arithmetic: a number literal, a variable, or $((…)). */
export function toArith(value: Value, ctx: FunctionContext): { pre: Stmt[]; arith: Arith } {
  const w = value.word;
  if (w.length === 1) {
    const p = w[0]!;
    if (p.kind === "arith") return { pre: value.pre, arith: p.expr };
    if (p.kind === "var") return { pre: value.pre, arith: { kind: "ref", name: p.name } };
    if (p.kind === "lit" && /^-?[0-9]+$/.test(p.text)) return { pre: value.pre, arith: { kind: "num", value: Number(p.text) } };
  }
  const t = ctx.temp();
  return { pre: [...value.pre, assign(t, w)], arith: { kind: "ref", name: t } };
}

/** Lower several operands left to right; their words all stay valid to the end. */
function lowerAll(exprs: Expression[], ctx: FunctionContext): { pre: Stmt[]; words: Word[]; types: PortableType[] } {
  const pre: Stmt[] = [];
  const words: Word[] = [];
  const types: PortableType[] = [];
  for (const e of exprs) {
    const v = lowerExpr(e, ctx);
    pre.push(...v.pre);
    words.push(v.word);
    types.push(v.type);
  }
  return { pre, words, types };
}

/** The result of a call to a portable or std function, by its convention. */
function callResult(callWords: Word[], result: "value" | "status" | "void", type: PortableType, pre: Stmt[], ctx: FunctionContext): Value {
  if (result === "void") return { pre: [...pre, cmd(...callWords)], word: [], type };
  if (result === "status") return condToValue(pre, condCmd(...callWords), ctx);
  const t = ctx.temp();
  return { pre: [...pre, cmd(...callWords), assign(t, varWord("__r"))], word: varWord(t), type };
}

// ---------------------------------------------------------------- calls

export interface LoweredCall {
  pre: Stmt[];
  words: Word[]; // the command that makes the call
  result: "value" | "status" | "void";
  type: PortableType;
}

/** A call to a portable or std function, as a command (not yet run). */
export function lowerCallCommand(call: CallExpression, ctx: FunctionContext): LoweredCall | undefined {
  const callee = resolveCallee(call);
  if (!callee) return undefined;
  const args = lowerAll(call.getArguments() as Expression[], ctx);
  if (callee.kind === "std") {
    const signature = call.getExpression().getType().getCallSignatures()[0];
    if (!signature) invalid(call, `internal: the std primitive '${callee.name}' has no call signature`);
    const entry = stdEntry(callee.name, signature.getReturnType());
    ctx.usePrelude(entry.shell);
    // A void primitive's type may be `never` (exit), which no value has: nothing comes back either way.
    const type: PortableType = entry.result === "void" ? { kind: "void" } : typeOf(call);
    return { pre: args.pre, words: [litWord(entry.shell), ...args.words], result: entry.result, type };
  }
  const info = ctx.tables.functions.get(callee.decl);
  if (!info) invalid(call, `internal: no information for function '${callee.decl.getName()}'`);
  if (info.isAsync && !Node.isAwaitExpression(call.getParentOrThrow()) && !Node.isReturnStatement(call.getParentOrThrow())) {
    unsupported(call, "calling an async function without await", `write 'await ${call.getText()}'`);
  }
  return { pre: args.pre, words: [litWord(info.shell), ...args.words], result: info.result, type: info.returnType };
}

function lowerCall(call: CallExpression, ctx: FunctionContext): Value {
  const callee = call.getExpression();
  if (Node.isPropertyAccessExpression(callee)) {
    const receiver = callee.getExpression();
    const method = callee.getName();
    if (Node.isIdentifier(receiver) && receiver.getText() === "Math") {
      if (method !== "trunc") unsupported(call, `Math.${method}`, "only Math.trunc(a / b), integer division, is portable");
      const [arg] = call.getArguments();
      const inner = arg && Node.isParenthesizedExpression(arg) ? arg.getExpression() : arg;
      if (!inner || !Node.isBinaryExpression(inner) || inner.getOperatorToken().getKind() !== SyntaxKind.SlashToken) {
        unsupported(call, "Math.trunc of anything but a division", "write Math.trunc(a / b)");
      }
      return arith(inner.getLeft(), "/", inner.getRight(), ctx);
    }
    return lowerMethodCall(call, receiver, method, ctx, lowerExpr);
  }
  if (Node.isIdentifier(callee) && callee.getText() === "String" && !resolveCallee(call)) {
    const [arg] = call.getArguments();
    if (!arg || call.getArguments().length !== 1) invalid(call, "String() takes exactly one argument");
    const v = lowerExpr(arg as Expression, ctx);
    if (v.type.kind === "array" || v.type.kind === "record") unsupported(call, `String() of ${describe(v.type)}`, "use join() for arrays");
    return { ...v, type: STRING };
  }
  const lowered = lowerCallCommand(call, ctx);
  if (!lowered) unsupported(call, `calling '${callee.getText()}'`, "call a function declared in portable code or imported from @solstice/std");
  return callResult(lowered.words, lowered.result, lowered.type, lowered.pre, ctx);
}

// ---------------------------------------------------------------- operators

function arith(left: Expression, op: ArithOp, right: Expression, ctx: FunctionContext): Value {
  const l = lowerExpr(left, ctx);
  const r = lowerExpr(right, ctx);
  if (l.type.kind !== "number" || r.type.kind !== "number") invalid(left.getParentOrThrow(), `'${op}' needs two numbers, got ${describe(l.type)} and ${describe(r.type)}`);
  const la = toArith(l, ctx);
  const ra = toArith({ ...r, pre: [] }, ctx);
  return { pre: [...la.pre, ...r.pre, ...ra.pre], word: [{ kind: "arith", expr: { kind: "bin", op, left: la.arith, right: ra.arith } }], type: NUMBER };
}

const ARITH_OPS: Partial<Record<SyntaxKind, ArithOp>> = {
  [SyntaxKind.PlusToken]: "+",
  [SyntaxKind.MinusToken]: "-",
  [SyntaxKind.AsteriskToken]: "*",
  [SyntaxKind.PercentToken]: "%",
};

const COMPARISONS: Partial<Record<SyntaxKind, { str?: string; num: string }>> = {
  [SyntaxKind.EqualsEqualsEqualsToken]: { str: "=", num: "-eq" },
  [SyntaxKind.ExclamationEqualsEqualsToken]: { str: "!=", num: "-ne" },
  [SyntaxKind.LessThanToken]: { num: "-lt" },
  [SyntaxKind.LessThanEqualsToken]: { num: "-le" },
  [SyntaxKind.GreaterThanToken]: { num: "-gt" },
  [SyntaxKind.GreaterThanEqualsToken]: { num: "-ge" },
};

function isConditionOperator(kind: SyntaxKind): boolean {
  return kind === SyntaxKind.AmpersandAmpersandToken || kind === SyntaxKind.BarBarToken || COMPARISONS[kind] !== undefined;
}

function lowerBinary(node: Node & { getOperatorToken(): Node; getLeft(): Expression; getRight(): Expression }, ctx: FunctionContext): Value {
  const kind = node.getOperatorToken().getKind();
  const text = node.getOperatorToken().getText();
  if (isConditionOperator(kind)) {
    const c = lowerCond(node as unknown as Expression, ctx);
    return condToValue(c.pre, c.cond, ctx);
  }
  if (kind === SyntaxKind.SlashToken) unsupported(node, "the '/' operator", "numbers are integers: write Math.trunc(a / b)");
  if (kind === SyntaxKind.EqualsEqualsToken || kind === SyntaxKind.ExclamationEqualsToken) {
    unsupported(node, `the '${text}' operator`, `write '${text}=' (strict comparison)`);
  }
  if (kind === SyntaxKind.EqualsToken || (kind >= SyntaxKind.FirstCompoundAssignment && kind <= SyntaxKind.LastCompoundAssignment)) {
    unsupported(node, "an assignment inside an expression", "assign in a statement of its own");
  }
  const op = ARITH_OPS[kind];
  if (!op) unsupported(node, `the '${text}' operator`, "see docs/subset.md for the portable operators");
  const type = typeOf(node);
  if (op === "+" && type.kind === "string") {
    const l = lowerExpr(node.getLeft(), ctx);
    const r = lowerExpr(node.getRight(), ctx);
    for (const side of [l, r]) {
      if (side.type.kind === "array" || side.type.kind === "record") unsupported(node, `'+' with ${describe(side.type)}`, "use join() for arrays");
    }
    return { pre: [...l.pre, ...r.pre], word: [...l.word, ...r.word], type: STRING };
  }
  return arith(node.getLeft(), op, node.getRight(), ctx);
}

// ---------------------------------------------------------------- conditions

/** Decide a comparison of two literals while compiling (`[ 1 -lt 2 ]` is what shellcheck calls a constant test). */
function foldComparison(op: string, left: Word, right: Word): boolean | undefined {
  const text = (w: Word) => (w.length > 0 && w.every((p) => p.kind === "lit") ? w.map((p) => (p as { text: string }).text).join("") : undefined);
  const a = text(left);
  const b = text(right);
  if (a === undefined || b === undefined) return undefined;
  switch (op) {
    case "=":
      return a === b;
    case "!=":
      return a !== b;
    case "-eq":
      return Number(a) === Number(b);
    case "-ne":
      return Number(a) !== Number(b);
    case "-lt":
      return Number(a) < Number(b);
    case "-le":
      return Number(a) <= Number(b);
    case "-gt":
      return Number(a) > Number(b);
    case "-ge":
      return Number(a) >= Number(b);
  }
  return undefined;
}

/** Lower a boolean expression to a command list whose status is its truth. */
export function lowerCond(expr: Expression, ctx: FunctionContext): { pre: Stmt[]; cond: Cond } {
  if (Node.isParenthesizedExpression(expr)) return lowerCond(expr.getExpression(), ctx);
  if (expr.getKind() === SyntaxKind.TrueKeyword) return { pre: [], cond: { kind: "true" } };
  if (expr.getKind() === SyntaxKind.FalseKeyword) return { pre: [], cond: { kind: "false" } };
  if (Node.isPrefixUnaryExpression(expr) && expr.getOperatorToken() === SyntaxKind.ExclamationToken) {
    const inner = lowerCond(expr.getOperand(), ctx);
    return { pre: inner.pre, cond: not(inner.cond) };
  }
  if (Node.isBinaryExpression(expr)) {
    const kind = expr.getOperatorToken().getKind();
    if (kind === SyntaxKind.AmpersandAmpersandToken || kind === SyntaxKind.BarBarToken) {
      const isAnd = kind === SyntaxKind.AmpersandAmpersandToken;
      const l = lowerCond(expr.getLeft(), ctx);
      const r = lowerCond(expr.getRight(), ctx);
      // The right side's own work runs only when the left side did not decide: in a group after && or ||.
      const right: Cond = r.pre.length === 0 ? r.cond : { kind: "seq", pre: r.pre, cond: r.cond };
      return { pre: l.pre, cond: { kind: isAnd ? "and" : "or", left: l.cond, right } };
    }
    const cmp = COMPARISONS[kind];
    if (cmp) {
      const l = lowerExpr(expr.getLeft(), ctx);
      const r = lowerExpr(expr.getRight(), ctx);
      const numeric = l.type.kind === "number" && r.type.kind === "number";
      const op = numeric ? cmp.num : cmp.str;
      if (!op) unsupported(expr, `ordering ${describe(l.type)} values with '${expr.getOperatorToken().getText()}'`, "compare numbers, or strings with === and !==");
      const known = foldComparison(op, l.word, r.word);
      if (known !== undefined) return { pre: [...l.pre, ...r.pre], cond: { kind: known ? "true" : "false" } };
      return { pre: [...l.pre, ...r.pre], cond: condCmd(litWord("["), l.word, litWord(op), r.word, litWord("]")) };
    }
  }
  if (Node.isCallExpression(expr)) {
    const callee = expr.getExpression();
    if (Node.isPropertyAccessExpression(callee)) {
      const v = lowerMethodCall(expr, callee.getExpression(), callee.getName(), ctx, lowerExpr, true);
      if (v.cond) return { pre: v.pre, cond: v.cond };
      return valueToCond(v);
    }
    const lowered = lowerCallCommand(expr, ctx);
    if (lowered?.result === "status") return { pre: lowered.pre, cond: condCmd(...lowered.words) };
  }
  if (Node.isAwaitExpression(expr)) return lowerCond(expr.getExpression(), ctx);
  const v = lowerExpr(expr, ctx);
  if (v.type.kind !== "boolean") invalid(expr, `a condition must be a boolean, not ${describe(v.type)}`, 'compare explicitly, e.g. s !== "" or n > 0');
  return valueToCond(v);
}

// ---------------------------------------------------------------- expressions

function lowerIdentifier(expr: Expression, ctx: FunctionContext): Value {
  const text = expr.getText();
  if (text === "undefined") unsupported(expr, "undefined", "portable values are never undefined");
  const symbol = expr.getSymbol();
  const target = symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
  const decl = target?.getDeclarations()[0];
  const name = decl ? ctx.lookup(decl) : undefined;
  if (!decl || !name) {
    if (decl && Node.isFunctionDeclaration(decl)) unsupported(expr, "a function used as a value", "call it instead");
    if (decl?.getSourceFile().isDeclarationFile()) {
      unsupported(expr, `the global '${text}'`, "portable code calls its own functions and the std (@solstice/std); of Math, only Math.trunc(a / b)");
    }
    invalid(expr, `'${text}' is not a variable of this program`);
  }
  return { pre: [], word: varWord(name), type: typeOf(expr) };
}

export function lowerExpr(expr: Expression, ctx: FunctionContext): Value {
  switch (expr.getKind()) {
    case SyntaxKind.StringLiteral:
    case SyntaxKind.NoSubstitutionTemplateLiteral: {
      const text = (expr as unknown as { getLiteralValue(): string }).getLiteralValue();
      return { pre: [], word: literalWord(expr, text, ctx), type: STRING };
    }
    case SyntaxKind.NumericLiteral: {
      const value = Number((expr as unknown as { getLiteralValue(): number }).getLiteralValue());
      if (!Number.isInteger(value)) unsupported(expr, "a number that is not an integer", "numbers are integers in portable code");
      // mksh and posh compute with 32 bits.
      if (value > 2147483647) unsupported(expr, "a number above 2147483647", "portable numbers stay within ±2,147,483,647 (32-bit shells); use the std for clock arithmetic");
      return { pre: [], word: litWord(String(value)), type: NUMBER };
    }
    case SyntaxKind.TrueKeyword:
    case SyntaxKind.FalseKeyword:
      return { pre: [], word: litWord(expr.getText()), type: BOOLEAN };
    case SyntaxKind.ParenthesizedExpression:
      return lowerExpr((expr as unknown as { getExpression(): Expression }).getExpression(), ctx);
    case SyntaxKind.Identifier:
      return lowerIdentifier(expr, ctx);
    case SyntaxKind.TemplateExpression: {
      const node = expr.asKindOrThrow(SyntaxKind.TemplateExpression);
      const pre: Stmt[] = [];
      const word: Word = literalWord(node.getHead(), node.getHead().getLiteralText(), ctx);
      for (const span of node.getTemplateSpans()) {
        const v = lowerExpr(span.getExpression(), ctx);
        if (v.type.kind === "array" || v.type.kind === "record") unsupported(span.getExpression(), `${describe(v.type)} in a template literal`, "use join() for arrays");
        pre.push(...v.pre);
        word.push(...v.word, ...literalWord(span.getLiteral(), span.getLiteral().getLiteralText(), ctx));
      }
      return { pre, word, type: STRING };
    }
    case SyntaxKind.BinaryExpression:
      return lowerBinary(expr.asKindOrThrow(SyntaxKind.BinaryExpression), ctx);
    case SyntaxKind.PrefixUnaryExpression: {
      const node = expr.asKindOrThrow(SyntaxKind.PrefixUnaryExpression);
      const op = node.getOperatorToken();
      if (op === SyntaxKind.ExclamationToken) {
        const c = lowerCond(expr, ctx);
        return condToValue(c.pre, c.cond, ctx);
      }
      if (op === SyntaxKind.MinusToken) {
        const operand = node.getOperand();
        if (Node.isNumericLiteral(operand)) return { pre: [], word: litWord(String(-operand.getLiteralValue())), type: NUMBER };
        const a = toArith(lowerExpr(operand, ctx), ctx);
        return { pre: a.pre, word: [{ kind: "arith", expr: { kind: "neg", operand: a.arith } }], type: NUMBER };
      }
      if (op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken) {
        unsupported(expr, "++/-- inside an expression", "write the increment as a statement of its own");
      }
      return unsupported(expr, `the unary '${node.getText().charAt(0)}' operator`, "see docs/subset.md");
    }
    case SyntaxKind.PostfixUnaryExpression:
      return unsupported(expr, "++/-- inside an expression", "write the increment as a statement of its own");
    case SyntaxKind.ConditionalExpression: {
      const node = expr.asKindOrThrow(SyntaxKind.ConditionalExpression);
      const c = lowerCond(node.getCondition(), ctx);
      const a = lowerExpr(node.getWhenTrue(), ctx);
      const b = lowerExpr(node.getWhenFalse(), ctx);
      const t = ctx.temp();
      // `c ? { b: true, … } : { b: false, … }` (or two arrays of such
      // literals) has the union of the literals' own types, which is no
      // portable type, though both branches hold the same record: take the
      // branch's type.
      const type = isReference(a.type) && sameShape(a.type, b.type) ? a.type : typeOf(expr);
      return {
        pre: [...c.pre, { kind: "if", cond: c.cond, then: [...a.pre, assign(t, a.word)], else: [...b.pre, assign(t, b.word)] }],
        word: varWord(t),
        type,
      };
    }
    case SyntaxKind.CallExpression:
      return lowerCall(expr.asKindOrThrow(SyntaxKind.CallExpression), ctx);
    case SyntaxKind.AwaitExpression: {
      const inner = expr.asKindOrThrow(SyntaxKind.AwaitExpression).getExpression();
      if (!Node.isCallExpression(inner)) unsupported(expr, "await of something other than a call", "await the call directly");
      return lowerExpr(inner, ctx);
    }
    case SyntaxKind.PropertyAccessExpression:
      return lowerPropertyAccess(expr.asKindOrThrow(SyntaxKind.PropertyAccessExpression), ctx);
    case SyntaxKind.ElementAccessExpression:
      return lowerElementAccess(expr.asKindOrThrow(SyntaxKind.ElementAccessExpression), ctx);
    case SyntaxKind.ArrayLiteralExpression: {
      const node = expr.asKindOrThrow(SyntaxKind.ArrayLiteralExpression);
      const elements = node.getElements();
      for (const e of elements) if (Node.isSpreadElement(e)) unsupported(e, "spread", "push the elements one by one");
      const all = lowerAll(elements, ctx);
      const t = ctx.temp();
      ctx.usePrelude("__array_of");
      // [] on its own is never[]: the declared type says what it holds.
      const contextual = node.getContextualType();
      const type = contextual && !contextual.isAny() ? portableType(contextual, node) : elements.length > 0 ? typeOf(expr) : { kind: "array" as const, element: STRING };
      return { pre: [...all.pre, cmd(litWord("__array_of"), ...all.words), assign(t, varWord("__r"))], word: varWord(t), type };
    }
    case SyntaxKind.ObjectLiteralExpression:
      return lowerObjectLiteral(expr.asKindOrThrow(SyntaxKind.ObjectLiteralExpression), ctx);
    case SyntaxKind.AsExpression:
    case SyntaxKind.TypeAssertionExpression:
    case SyntaxKind.SatisfiesExpression:
      return unsupported(expr, "a type assertion", "declare the variable with the type it has");
    case SyntaxKind.NonNullExpression:
      return unsupported(expr, "the non-null assertion '!'", "portable values are never null");
    case SyntaxKind.ArrowFunction:
    case SyntaxKind.FunctionExpression:
      return unsupported(expr, "a function expression", "declare a named function at the top level");
    case SyntaxKind.NullKeyword:
      return unsupported(expr, "null", "portable values are never null");
    case SyntaxKind.RegularExpressionLiteral:
      return unsupported(expr, "a regular expression", "use string methods (startsWith, indexOf, split, …)");
    case SyntaxKind.NewExpression:
      return unsupported(expr, "new", "use literals: [] for arrays, { … } for records");
    case SyntaxKind.ThisKeyword:
      return unsupported(expr, "this", "pass values as parameters");
    case SyntaxKind.TypeOfExpression:
      return unsupported(expr, "typeof", "types are known when compiling");
    case SyntaxKind.BigIntLiteral:
      return unsupported(expr, "a bigint", "numbers are integers within ±2,147,483,647");
    case SyntaxKind.TaggedTemplateExpression:
      return unsupported(expr, "a tagged template", "call a function instead");
    default:
      return unsupported(expr, `the expression '${expr.getKindName()}'`, "see docs/subset.md");
  }
}

function lowerObjectLiteral(node: Node & { getProperties(): Node[]; getContextualType(): import("ts-morph").Type | undefined }, ctx: FunctionContext): Value {
  // The declared record type, not the literal's own (whose fields are literal types).
  const contextual = node.getContextualType();
  const type = contextual ? portableType(contextual, node) : typeOf(node);
  if (type.kind !== "record") invalid(node, "an object literal must have a record (interface) type", "declare the variable with an interface type");
  const h = ctx.temp();
  const pre: Stmt[] = [cmd(litWord(ctx.usePrelude("__alloc"))), assign(h, varWord("__r"))];
  for (const prop of node.getProperties()) {
    let name: string;
    let value: Value;
    if (Node.isPropertyAssignment(prop)) {
      if (!Node.isIdentifier(prop.getNameNode())) unsupported(prop, "a quoted or computed field name", "use a plain identifier as the field name");
      name = prop.getName();
      value = lowerExpr(prop.getInitializerOrThrow(), ctx);
    } else if (Node.isShorthandPropertyAssignment(prop)) {
      name = prop.getName();
      const decl = prop.getValueSymbol()?.getDeclarations()[0];
      const shell = decl ? ctx.lookup(decl) : undefined;
      if (!shell) invalid(prop, `'${name}' is not a variable of this program`);
      value = { pre: [], word: varWord(shell), type: typeOf(prop.getNameNode()) };
    } else {
      unsupported(prop, "spread, methods or accessors in an object literal", "write each field as name: value");
    }
    const v = toVar(value, ctx);
    pre.push(...v.pre, { kind: "writeIndirect", target: [ref(h), lit(`_${name}`)], value: varWord(v.name) });
  }
  return { pre, word: varWord(h), type };
}

function lowerPropertyAccess(node: Node & { getExpression(): Expression; getName(): string; hasQuestionDotToken(): boolean }, ctx: FunctionContext): Value {
  const receiverNode = node.getExpression();
  const name = node.getName();
  if (node.hasQuestionDotToken()) unsupported(node, "optional chaining '?.'", "portable values are never null");
  const receiver = lowerExpr(receiverNode, ctx);
  if (receiver.type.kind === "string" && name === "length") {
    const v = toVar(receiver, ctx);
    return { pre: v.pre, word: [{ kind: "len", name: v.name }], type: NUMBER };
  }
  if (receiver.type.kind === "array" && name === "length") {
    const v = toVar(receiver, ctx);
    const t = ctx.temp();
    return { pre: [...v.pre, { kind: "readIndirect", name: t, source: [ref(v.name), lit("_n")] }], word: varWord(t), type: NUMBER };
  }
  if (receiver.type.kind === "record") {
    if (!receiver.type.fields.some((f) => f.name === name)) invalid(node, `'${name}' is not a field of ${receiver.type.name}`);
    const v = toVar(receiver, ctx);
    const t = ctx.temp();
    return { pre: [...v.pre, { kind: "readIndirect", name: t, source: [ref(v.name), lit(`_${name}`)] }], word: varWord(t), type: typeOf(node) };
  }
  return unsupported(node, `the property '${name}' of ${describe(receiver.type)}`, "see docs/subset.md for the portable properties");
}

/** `a[i]`: an array element or a string's byte. */
function lowerElementAccess(node: Node & { getExpression(): Expression; getArgumentExpressionOrThrow(): Expression }, ctx: FunctionContext): Value {
  const receiver = lowerExpr(node.getExpression(), ctx);
  const index = lowerExpr(node.getArgumentExpressionOrThrow(), ctx);
  if (index.type.kind !== "number") unsupported(node, `indexing with ${describe(index.type)}`, "index arrays and strings with integers; use records for named fields");
  if (receiver.type.kind === "string") {
    const near = lowerByteNearFront(receiver, node.getArgumentExpressionOrThrow(), ctx);
    if (near) return near;
    const t = ctx.temp();
    ctx.usePrelude("__char_at");
    return { pre: [...receiver.pre, ...index.pre, cmd(litWord("__char_at"), receiver.word, index.word), assign(t, varWord("__r"))], word: varWord(t), type: STRING };
  }
  if (receiver.type.kind !== "array") unsupported(node, `indexing ${describe(receiver.type)}`, "index arrays and strings only");
  const h = toVar(receiver, ctx);
  const i = toArith(index, ctx);
  const t = ctx.temp();
  return {
    pre: [...h.pre, ...i.pre, { kind: "readIndirect", name: t, source: [ref(h.name), lit("_"), { kind: "arith", expr: i.arith }] }],
    word: varWord(t),
    type: receiver.type.element,
  };
}
