// String and array methods: each becomes a call to one prelude function
// (templates/prelude/string.sh, heap.sh), whose sh cost docs/subset.md lists.
import { Node, type CallExpression, type Expression } from "ts-morph";
import { invalid, unsupported } from "./diagnostics";
import type { FunctionContext, Value } from "./context";
import { assign, cmd, condCmd, litWord, varWord, type Cond, type Word } from "./ir";
import { BOOLEAN, NUMBER, STRING, condToValue, toVar, typeOf, type LowerExpr } from "./values";
import { describe, type PortableType } from "./types";

interface MethodSpec {
  shell: string;
  args: [min: number, max: number];
  result: "value" | "status";
  type: (receiver: PortableType, call: CallExpression) => PortableType;
  /** Arguments that must not be the empty string literal. */
  nonEmpty?: number[];
}

const same = (receiver: PortableType) => receiver;
const string = () => STRING;
const number = () => NUMBER;
const boolean = () => BOOLEAN;

const STRING_METHODS: Record<string, MethodSpec> = {
  slice: { shell: "__slice", args: [1, 2], result: "value", type: string },
  indexOf: { shell: "__index_of", args: [1, 2], result: "value", type: number },
  startsWith: { shell: "__starts_with", args: [1, 1], result: "status", type: boolean },
  endsWith: { shell: "__ends_with", args: [1, 1], result: "status", type: boolean },
  includes: { shell: "__includes", args: [1, 1], result: "status", type: boolean },
  trim: { shell: "__trim", args: [0, 0], result: "value", type: string },
  split: { shell: "__split", args: [1, 1], result: "value", type: (_r, call) => typeOf(call), nonEmpty: [0] },
  charAt: { shell: "__char_at", args: [1, 1], result: "value", type: string },
  replaceAll: { shell: "__replace_all", args: [2, 2], result: "value", type: string, nonEmpty: [0] },
};

const ARRAY_METHODS: Record<string, MethodSpec> = {
  push: { shell: "__push", args: [1, 1], result: "value", type: number },
  join: { shell: "__join", args: [1, 1], result: "value", type: string },
  includes: { shell: "__array_includes", args: [1, 1], result: "status", type: boolean },
  slice: { shell: "__array_slice", args: [0, 2], result: "value", type: same },
};

/** Byte positions near the front that `s[k]` and `s.charAt(k)` read with native pattern removals alone. */
const NATIVE_BYTE_INDEX_LIMIT = 3;

/**
 * `text[k]` or `text.charAt(k)` for a literal k from 0 to NATIVE_BYTE_INDEX_LIMIT:
 * k removals of one byte from the front, then the first byte of what is
 * left, with no function call (scanners peek at the next byte or two all
 * the time). Past the end every removal leaves "" and so does the result,
 * as charAt. Undefined when the index is not such a literal.
 */
export function lowerByteNearFront(receiver: Value, indexNode: Expression, ctx: FunctionContext): Value | undefined {
  if (!Node.isNumericLiteral(indexNode)) return undefined;
  const k = indexNode.getLiteralValue();
  if (!Number.isInteger(k) || k < 0 || k > NATIVE_BYTE_INDEX_LIMIT) return undefined;
  const text = toVar(receiver, ctx);
  const pre = [...text.pre];
  let from = text.name;
  for (let i = 0; i < k; i++) {
    const shorter = ctx.temp();
    pre.push(assign(shorter, [{ kind: "strip", name: from, op: "#", pattern: [{ kind: "glob", text: "?" }] }]));
    from = shorter;
  }
  const after = ctx.temp();
  const t = ctx.temp();
  pre.push(assign(after, [{ kind: "strip", name: from, op: "#", pattern: [{ kind: "glob", text: "?" }] }]));
  pre.push(assign(t, [{ kind: "strip", name: from, op: "%", pattern: varWord(after) }]));
  return { pre, word: varWord(t), type: STRING };
}

export function lowerMethodCall(
  call: CallExpression,
  receiverNode: Expression,
  method: string,
  ctx: FunctionContext,
  lowerExpr: LowerExpr,
  wantCond = false,
): Value & { cond?: Cond } {
  const receiver = lowerExpr(receiverNode, ctx);
  const table = receiver.type.kind === "string" ? STRING_METHODS : receiver.type.kind === "array" ? ARRAY_METHODS : undefined;
  const spec = table && Object.hasOwn(table, method) ? table[method] : undefined;
  if (!spec) {
    const hint =
      receiver.type.kind === "string"
        ? `string methods: ${Object.keys(STRING_METHODS).join(", ")}`
        : receiver.type.kind === "array"
          ? `array methods: ${Object.keys(ARRAY_METHODS).join(", ")}`
          : "call a function instead";
    unsupported(call, `the method '${method}' on ${describe(receiver.type)}`, hint);
  }
  if (method === "join" && receiver.type.kind === "array" && (receiver.type.element.kind === "array" || receiver.type.element.kind === "record")) {
    // JavaScript joins the elements' text ("[object Object]", or the inner
    // arrays joined with ","); sh would join their handles.
    unsupported(call, `join() on ${describe(receiver.type)}`, "join strings, numbers or booleans: build the text from the elements' fields in a loop");
  }
  const args = call.getArguments() as Expression[];
  if (args.length < spec.args[0] || args.length > spec.args[1]) {
    invalid(call, `'${method}' takes ${spec.args[0] === spec.args[1] ? spec.args[0] : `${spec.args[0]} to ${spec.args[1]}`} argument(s) in portable code`);
  }
  for (const i of spec.nonEmpty ?? []) {
    const arg = args[i];
    if (arg && (Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg)) && arg.getLiteralValue() === "") {
      unsupported(arg, `'${method}' with an empty string`, "scan the string with for (const c of text) instead");
    }
  }
  if (method === "charAt" && receiver.type.kind === "string") {
    const near = lowerByteNearFront(receiver, args[0]!, ctx);
    if (near) return near;
  }
  const pre = [...receiver.pre];
  const words: Word[] = [litWord(ctx.usePrelude(spec.shell)), receiver.word];
  for (const arg of args) {
    const v = lowerExpr(arg, ctx);
    pre.push(...v.pre);
    words.push(v.word);
  }
  const type = spec.type(receiver.type, call);
  if (spec.result === "status") {
    if (wantCond) return { pre, word: [], type, cond: condCmd(...words) };
    return condToValue(pre, condCmd(...words), ctx);
  }
  const t = ctx.temp();
  return { pre: [...pre, cmd(...words), assign(t, varWord("__r"))], word: varWord(t), type };
}
