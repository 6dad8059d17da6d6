// Statements → shell statements. Loops are built so that `continue` in the
// source lands where JavaScript would take it (the update of a for loop, the
// test of a do-while), and a `break` that leaves a switch never leaves a loop.
import { Node, SyntaxKind, type Expression, type Statement } from "ts-morph";
import { invalid, unsupported } from "./diagnostics";
import type { FunctionContext } from "./context";
import { assign, cmd, condCmd, lit, litWord, not, ref, varWord, type CaseArm, type Cond, type Stmt, type Word } from "./ir";
import { COMPOUND, lowerAssignment, lowerIncrement } from "./lower-assign";
import { lowerCallCommand, lowerCond, lowerExpr } from "./lower-expr";
import { toVar, typeOf } from "./values";
import { describe } from "./types";

type Body = Stmt[];

function truthTest(name: string): Cond {
  return condCmd(litWord("["), varWord(name), litWord("="), litWord("true"), litWord("]"));
}

/** `if !cond; then break; fi` after the condition's own statements. */
function breakUnless(expr: Expression, ctx: FunctionContext): Body {
  const c = lowerCond(expr, ctx);
  return [...c.pre, { kind: "if", cond: not(c.cond), then: [{ kind: "break" }], else: [] }];
}

function lowerBlockOrStatement(node: Statement, ctx: FunctionContext): Body {
  if (Node.isBlock(node)) return node.getStatements().flatMap((s) => lowerStatement(s as Statement, ctx));
  return lowerStatement(node, ctx);
}

function inLoop<T>(ctx: FunctionContext, kind: "loop" | "switch", run: () => T): T {
  ctx.breakTargets.push(kind);
  try {
    return run();
  } finally {
    ctx.breakTargets.pop();
  }
}

function lowerExpressionStatement(expr: Expression, ctx: FunctionContext): Body {
  if (Node.isAwaitExpression(expr)) return lowerExpressionStatement(expr.getExpression(), ctx);
  if (Node.isParenthesizedExpression(expr)) return lowerExpressionStatement(expr.getExpression(), ctx);
  if (Node.isBinaryExpression(expr)) {
    const kind = expr.getOperatorToken().getKind();
    if (kind === SyntaxKind.EqualsToken || COMPOUND[kind] !== undefined) return lowerAssignment(expr, ctx);
  }
  if (Node.isPrefixUnaryExpression(expr) || Node.isPostfixUnaryExpression(expr)) {
    const op = expr.getOperatorToken();
    if (op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken) {
      return lowerIncrement(expr, expr.getOperand(), op === SyntaxKind.PlusPlusToken ? "+" : "-", ctx);
    }
  }
  if (Node.isCallExpression(expr)) {
    const direct = lowerCallCommand(expr, ctx);
    if (direct) return [...direct.pre, cmd(...direct.words)];
    const v = lowerExpr(expr, ctx);
    // The result is not used: drop the copy out of $__r.
    const last = v.pre[v.pre.length - 1];
    if (last?.kind === "assign" && last.value.length === 1 && last.value[0]!.kind === "var" && last.value[0]!.name === "__r") return v.pre.slice(0, -1);
    return v.pre;
  }
  return unsupported(expr, "an expression statement that is not a call, an assignment or ++/--", "an expression on its own has no effect");
}

// ---------------------------------------------------------------- control flow

function lowerFor(
  node: Node & { getInitializer(): Node | undefined; getCondition(): Expression | undefined; getIncrementor(): Expression | undefined; getStatement(): Statement },
  ctx: FunctionContext,
): Body {
  const out: Body = [];
  const init = node.getInitializer();
  if (init) {
    if (Node.isVariableDeclarationList(init)) out.push(...lowerDeclarations(init, ctx));
    else out.push(...lowerExpressionStatement(init as Expression, ctx));
  }
  const update = node.getIncrementor();
  const cond = node.getCondition();
  const body = inLoop(ctx, "loop", () => lowerBlockOrStatement(node.getStatement(), ctx));
  const updates = update ? commaOperands(update).flatMap((e) => lowerExpressionStatement(e, ctx)) : [];
  if (!continuesItself(body)) {
    // Nothing skips to the update: it ends each pass, as written.
    const loop = [...body, ...updates];
    if (!cond) return [...out, { kind: "while", cond: { kind: "true" }, body: loop }];
    return [...out, ...whileLoop(lowerCond(cond, ctx), loop)];
  }
  const loop: Body = [];
  if (update) {
    // Run the update at the top of every pass but the first, so `continue` reaches it.
    const first = ctx.temp();
    out.push(assign(first, litWord("true")));
    loop.push({ kind: "if", cond: truthTest(first), then: [assign(first, litWord("false"))], else: updates });
  }
  if (cond) loop.push(...breakUnless(cond, ctx));
  loop.push(...body);
  out.push({ kind: "while", cond: { kind: "true" }, body: loop });
  return out;
}

/** Whether a `continue` in these statements belongs to their loop (not to a loop inside them). */
function continuesItself(stmts: Body): boolean {
  return stmts.some((s) => {
    if (s.kind === "continue") return true;
    if (s.kind === "if") return continuesItself(s.then) || continuesItself(s.else);
    if (s.kind === "case") return s.arms.some((a) => continuesItself(a.body));
    return false;
  });
}

/** `while cond; do body; done`, the test's own statements (if any) before it in the condition. */
function whileLoop(c: { pre: Body; cond: Cond }, inner: Body): Body {
  return [{ kind: "while", cond: c.pre.length === 0 ? c.cond : { kind: "seq", pre: c.pre, cond: c.cond }, body: inner }];
}

/** `i++, j--` in a for loop's update: the operands, left to right. */
function commaOperands(expr: Expression): Expression[] {
  if (Node.isBinaryExpression(expr) && expr.getOperatorToken().getKind() === SyntaxKind.CommaToken) {
    return [...commaOperands(expr.getLeft()), ...commaOperands(expr.getRight())];
  }
  return [expr];
}

function lowerWhile(cond: Expression, body: Statement, ctx: FunctionContext): Body {
  const c = lowerCond(cond, ctx);
  return whileLoop(
    c,
    inLoop(ctx, "loop", () => lowerBlockOrStatement(body, ctx)),
  );
}

function lowerDoWhile(cond: Expression, body: Statement, ctx: FunctionContext): Body {
  const test = breakUnless(cond, ctx);
  const inner = inLoop(ctx, "loop", () => lowerBlockOrStatement(body, ctx));
  // Nothing skips to the test: it ends each pass, as written.
  if (!continuesItself(inner)) return [{ kind: "while", cond: { kind: "true" }, body: [...inner, ...test] }];
  // The test runs at the top of every pass but the first, so `continue` reaches it.
  const first = ctx.temp();
  return [
    assign(first, litWord("true")),
    { kind: "while", cond: { kind: "true" }, body: [{ kind: "if", cond: truthTest(first), then: [assign(first, litWord("false"))], else: test }, ...inner] },
  ];
}

function loopVariable(node: Node & { getInitializer(): Node }, ctx: FunctionContext): string {
  const init = node.getInitializer();
  if (!Node.isVariableDeclarationList(init) || init.getDeclarations().length !== 1) unsupported(init, "this for-of head", "write for (const x of items)");
  const decl = init.getDeclarations()[0]!;
  if (!Node.isIdentifier(decl.getNameNode())) unsupported(decl, "destructuring", "take the fields one by one");
  return ctx.declare(decl, decl.getName());
}

/** Whether `body` assigns the variable `target` names (false when target is not a variable). */
function assignedIn(body: Node, target: Expression): boolean {
  if (!Node.isIdentifier(target)) return false;
  const symbol = target.getSymbol();
  return body.getDescendantsOfKind(SyntaxKind.BinaryExpression).some((b) => {
    const left = b.getLeft();
    return b.getOperatorToken().getKind() === SyntaxKind.EqualsToken && Node.isIdentifier(left) && left.getSymbol() === symbol;
  });
}

function lowerForOf(node: Node & { getInitializer(): Node; getExpression(): Expression; getStatement(): Statement; isAwaited(): boolean }, ctx: FunctionContext): Body {
  if (node.isAwaited()) unsupported(node, "for await", "await inside the loop body instead");
  const items = lowerExpr(node.getExpression(), ctx);
  const x = loopVariable(node, ctx);
  if (items.type.kind === "string") {
    // Byte by byte from the front: each step is one native pattern operation.
    const rest = ctx.temp();
    const next = ctx.temp();
    const body = inLoop(ctx, "loop", () => lowerBlockOrStatement(node.getStatement(), ctx));
    return [
      ...items.pre,
      assign(rest, items.word),
      {
        kind: "while",
        cond: condCmd(litWord("["), litWord("-n"), varWord(rest), litWord("]")),
        body: [
          assign(next, [{ kind: "strip", name: rest, op: "#", pattern: [{ kind: "glob", text: "?" }] }]),
          assign(x, [{ kind: "strip", name: rest, op: "%", pattern: varWord(next) }]),
          assign(rest, varWord(next)),
          ...body,
        ],
      },
    ];
  }
  if (items.type.kind !== "array") unsupported(node.getExpression(), `for-of over ${describe(items.type)}`, "iterate arrays or strings");
  // JavaScript iterates the array the loop started with even when the body
  // assigns the variable another one: then loop over a copy of the handle.
  const handle = assignedIn(node.getStatement(), node.getExpression()) ? { pre: items.pre, name: "" } : toVar(items, ctx);
  if (handle.name === "") {
    handle.name = ctx.temp();
    handle.pre = [...items.pre, assign(handle.name, items.word)];
  }
  const h = handle.name;
  const i = ctx.temp();
  const n = ctx.temp();
  const body = inLoop(ctx, "loop", () => lowerBlockOrStatement(node.getStatement(), ctx));
  // The length is read on every pass: JavaScript visits elements pushed during the loop.
  return [
    ...handle.pre,
    assign(i, litWord("0")),
    {
      kind: "while",
      cond: {
        kind: "seq",
        pre: [{ kind: "readIndirect", name: n, source: [ref(h), lit("_n")] }],
        cond: condCmd(litWord("["), varWord(i), litWord("-lt"), varWord(n), litWord("]")),
      },
      body: [
        { kind: "readIndirect", name: x, source: [ref(h), lit("_"), ref(i)] },
        assign(i, [{ kind: "arith", expr: { kind: "bin", op: "+", left: { kind: "ref", name: i }, right: { kind: "num", value: 1 } } }]),
        ...body,
      ],
    },
  ];
}

function endsControl(stmts: Statement[]): boolean {
  const last = stmts[stmts.length - 1];
  if (!last) return false;
  if (Node.isBlock(last)) return endsControl(last.getStatements() as Statement[]);
  return Node.isBreakStatement(last) || Node.isReturnStatement(last) || Node.isContinueStatement(last);
}

function lowerSwitch(node: Node & { getExpression(): Expression; getCaseBlock(): Node & { getClauses(): Node[] } }, ctx: FunctionContext): Body {
  const subject = lowerExpr(node.getExpression(), ctx);
  if (subject.type.kind !== "string" && subject.type.kind !== "number") unsupported(node.getExpression(), `switch on ${describe(subject.type)}`, "switch on a string or a number");
  const arms: CaseArm[] = [];
  let defaultArm: CaseArm | undefined;
  let patterns: Word[] = [];
  let groupHasDefault = false;
  const clauses = node.getCaseBlock().getClauses();
  clauses.forEach((clause, index) => {
    const isDefault = Node.isDefaultClause(clause);
    if (isDefault) groupHasDefault = true;
    else if (Node.isCaseClause(clause)) {
      const label = clause.getExpression();
      const v = lowerExpr(label, ctx);
      if (v.pre.length > 0) unsupported(label, "a case label that needs computing", "use literals or constants as case labels");
      patterns.push(v.word);
    }
    let stmts = (clause as Node & { getStatements(): Statement[] }).getStatements();
    if (stmts.length === 1 && Node.isBlock(stmts[0]!)) stmts = stmts[0]!.getStatements() as Statement[];
    if (stmts.length === 0 && index < clauses.length - 1) return; // an empty clause shares the next one's body
    if (stmts.length > 0 && !endsControl(stmts) && index < clauses.length - 1) {
      unsupported(clause, "falling through to the next case", "end the case with break, return or continue");
    }
    const last = stmts[stmts.length - 1];
    const kept = last && Node.isBreakStatement(last) ? stmts.slice(0, -1) : stmts;
    const body = inLoop(ctx, "switch", () => kept.flatMap((s) => lowerStatement(s, ctx)));
    if (patterns.length > 0) arms.push({ patterns, body });
    // JavaScript tries the default only when no label matched, wherever it
    // stands, and sh tries arms in order: the default's arm goes last (its
    // group's labels keep their own arm above, with the same body).
    if (groupHasDefault) defaultArm = { patterns: [[{ kind: "glob", text: "*" }]], body };
    patterns = [];
    groupHasDefault = false;
  });
  if (defaultArm) arms.push(defaultArm);
  return [...subject.pre, { kind: "case", subject: subject.word, arms }];
}

function lowerReturn(expr: Expression | undefined, ctx: FunctionContext, at: Node): Body {
  const info = ctx.info;
  if (!info) invalid(at, "return outside a function");
  if (!expr || info.result === "void") {
    const pre = expr ? lowerExpressionStatement(expr, ctx) : [];
    return [...pre, { kind: "return", status: 0 }];
  }
  if (info.result === "status") {
    const c = lowerCond(expr, ctx);
    return [...c.pre, { kind: "if", cond: c.cond, then: [{ kind: "return", status: 0 }], else: [] }, { kind: "return", status: 1 }];
  }
  const v = lowerExpr(expr, ctx);
  return [...v.pre, assign("__r", v.word), { kind: "return", status: 0 }];
}

// ---------------------------------------------------------------- statements

export function lowerDeclarations(list: Node & { getDeclarations(): Node[]; getDeclarationKind?(): string }, ctx: FunctionContext): Body {
  if (list.getText().startsWith("var")) unsupported(list, "var", "use const or let");
  const out: Body = [];
  for (const decl of list.getDeclarations()) {
    if (!Node.isVariableDeclaration(decl)) continue;
    if (!Node.isIdentifier(decl.getNameNode())) unsupported(decl, "destructuring", "declare one variable per value");
    // The initializer first: an arrow function or `new` is best reported as
    // itself, not as the odd type it gives the variable.
    const init = decl.getInitializer();
    const value = init ? lowerExpr(init, ctx) : undefined;
    typeOf(decl); // then a declared type outside the subset
    const name = ctx.declare(decl, decl.getName());
    if (value) out.push(...value.pre, assign(name, value.word));
  }
  return out;
}

export function lowerStatement(node: Statement, ctx: FunctionContext): Body {
  switch (node.getKind()) {
    case SyntaxKind.VariableStatement:
      return lowerDeclarations(node.asKindOrThrow(SyntaxKind.VariableStatement).getDeclarationList(), ctx);
    case SyntaxKind.ExpressionStatement:
      return lowerExpressionStatement(node.asKindOrThrow(SyntaxKind.ExpressionStatement).getExpression(), ctx);
    case SyntaxKind.Block:
      return lowerBlockOrStatement(node, ctx);
    case SyntaxKind.EmptyStatement:
      return [];
    case SyntaxKind.IfStatement: {
      const n = node.asKindOrThrow(SyntaxKind.IfStatement);
      const c = lowerCond(n.getExpression(), ctx);
      const otherwise = n.getElseStatement();
      return [...c.pre, { kind: "if", cond: c.cond, then: lowerBlockOrStatement(n.getThenStatement(), ctx), else: otherwise ? lowerBlockOrStatement(otherwise, ctx) : [] }];
    }
    case SyntaxKind.WhileStatement: {
      const n = node.asKindOrThrow(SyntaxKind.WhileStatement);
      return lowerWhile(n.getExpression(), n.getStatement(), ctx);
    }
    case SyntaxKind.DoStatement: {
      const n = node.asKindOrThrow(SyntaxKind.DoStatement);
      return lowerDoWhile(n.getExpression(), n.getStatement(), ctx);
    }
    case SyntaxKind.ForStatement:
      return lowerFor(node.asKindOrThrow(SyntaxKind.ForStatement), ctx);
    case SyntaxKind.ForOfStatement:
      return lowerForOf(node.asKindOrThrow(SyntaxKind.ForOfStatement), ctx);
    case SyntaxKind.SwitchStatement:
      return lowerSwitch(node.asKindOrThrow(SyntaxKind.SwitchStatement), ctx);
    case SyntaxKind.ReturnStatement: {
      const n = node.asKindOrThrow(SyntaxKind.ReturnStatement);
      return lowerReturn(n.getExpression(), ctx, n);
    }
    case SyntaxKind.BreakStatement: {
      const n = node.asKindOrThrow(SyntaxKind.BreakStatement);
      if (n.getLabel()) unsupported(n, "a labelled break", "restructure the loop, or return from a function");
      const target = ctx.breakTargets[ctx.breakTargets.length - 1];
      if (target === "switch") unsupported(n, "break before the end of a switch case", "end the case with its break, or use if/else");
      return [{ kind: "break" }];
    }
    case SyntaxKind.ContinueStatement: {
      const n = node.asKindOrThrow(SyntaxKind.ContinueStatement);
      if (n.getLabel()) unsupported(n, "a labelled continue", "restructure the loop");
      return [{ kind: "continue" }];
    }
    case SyntaxKind.ForInStatement:
      return unsupported(node, "for-in", "iterate an array with for-of, or a record's fields by name");
    case SyntaxKind.TryStatement:
      return unsupported(node, "try/catch", "return a status or a result record instead of throwing");
    case SyntaxKind.ThrowStatement:
      return unsupported(node, "throw", "return a status or a result record instead of throwing");
    case SyntaxKind.LabeledStatement:
      return unsupported(node, "a label", "restructure the loop, or return from a function");
    case SyntaxKind.FunctionDeclaration:
      return unsupported(node, "a nested function", "declare functions at the top level of a module");
    case SyntaxKind.ClassDeclaration:
      return unsupported(node, "a class", "use interfaces for records and functions for behaviour");
    case SyntaxKind.InterfaceDeclaration:
    case SyntaxKind.TypeAliasDeclaration:
      return [];
    default:
      return unsupported(node, `the statement '${node.getKindName()}'`, "see docs/subset.md");
  }
}

export function lowerBody(stmts: Statement[], ctx: FunctionContext): Body {
  return stmts.flatMap((s) => lowerStatement(s, ctx));
}

export { lowerExpr };
