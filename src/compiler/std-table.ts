// How each std primitive (src/std/index.ts) is reached from sh, derived from
// its TypeScript signature rather than kept by hand: NAME is the prelude
// function std_NAME in snake case (byteAt0 → std_byte_at0), and its declared
// result type (a Promise's awaited one) says how the result comes back:
//   value:  the result is left in $__r
//   status: a boolean, as the function's exit status (0 is true)
//   void:   nothing comes back (void, undefined, never)
// test/std-seam.test.ts checks that every export has its sh function and
// every std_ function its export.
import { ts, type Type } from "ts-morph";

export type ResultConvention = "value" | "status" | "void";

export interface StdEntry {
  shell: string;
  result: ResultConvention;
}

/** The prelude function of the std primitive `name`. */
export function stdShellName(name: string): string {
  return `std_${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
}

/** How a function whose declared result is `type` hands it back in sh. */
export function resultConvention(type: Type): ResultConvention {
  const awaited = type.getSymbol()?.getName() === "Promise" ? (type.getTypeArguments()[0] ?? type) : type;
  if (awaited.isBoolean() || awaited.isBooleanLiteral()) return "status";
  if (awaited.isUndefined() || awaited.getFlags() & (ts.TypeFlags.Void | ts.TypeFlags.Never)) return "void";
  return "value";
}

/** The std primitive `name`, whose signature's declared result is `returnType`. */
export function stdEntry(name: string, returnType: Type): StdEntry {
  return { shell: stdShellName(name), result: resultConvention(returnType) };
}
