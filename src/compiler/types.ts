// The portable value types, read off the TypeScript checker's types.
import { Node, Type } from "ts-morph";
import { unsupported } from "./diagnostics";

export type PortableType =
  | { kind: "string" }
  | { kind: "number" }
  | { kind: "boolean" }
  | { kind: "void" }
  | { kind: "array"; element: PortableType }
  | { kind: "record"; name: string; fields: { name: string; type: PortableType }[] };

const HINT = "use string, integer number, boolean, arrays, or an interface of those";

export function describe(type: PortableType): string {
  switch (type.kind) {
    case "array":
      return `${describe(type.element)}[]`;
    case "record":
      return type.name;
    default:
      return type.kind;
  }
}

/** Classify `type`, the type of `at`; anything outside the subset is reported at `at`. */
export function portableType(type: Type, at: Node, seen: Set<Type> = new Set()): PortableType {
  if (type.isString() || type.isStringLiteral() || type.isTemplateLiteral()) return { kind: "string" };
  if (type.isNumber() || type.isNumberLiteral()) return { kind: "number" };
  if (type.isBoolean() || type.isBooleanLiteral()) return { kind: "boolean" };
  if (type.isVoid()) return { kind: "void" };
  if (type.isUnion()) {
    // `string | "a"` style unions collapse to their base, and `T | PromiseLike<T>`
    // (what an async function's return expects) to T.
    const parts = type.getUnionTypes().map((t) => portableType(t, at, seen));
    if (parts.every((p) => describe(p) === describe(parts[0]!))) return parts[0]!;
    unsupported(at, `the union type '${type.getText(at)}'`, HINT);
  }
  if (type.isArray()) return { kind: "array", element: portableType(type.getArrayElementTypeOrThrow(), at, seen) };
  const symbol = type.getSymbol();
  if (symbol?.getName() === "Promise" || symbol?.getName() === "PromiseLike") {
    const [inner] = type.getTypeArguments();
    if (inner) return portableType(inner, at, seen);
  }
  if (type.isInterface() || (type.isObject() && !type.getCallSignatures().length && (symbol?.getName() === "__type" || symbol?.getName() === "__object"))) {
    if (type.getStringIndexType() || type.getNumberIndexType()) unsupported(at, "an index signature", "use an array of name/value records");
    const name = type.getText(at);
    if (seen.has(type)) unsupported(at, `the recursive type '${name}'`, HINT);
    seen.add(type);
    const fields = type.getProperties().map((prop) => {
      const decl = prop.getValueDeclaration() ?? at;
      if (prop.isOptional()) unsupported(decl, `the optional field '${prop.getName()}'`, "give every record field a value");
      // A field is part of a shell variable's name (_h3_name).
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(prop.getName())) unsupported(decl, `the field name '${prop.getName()}'`, "name fields with ASCII letters, digits and _");
      return { name: prop.getName(), type: portableType(prop.getTypeAtLocation(at), decl, seen) };
    });
    seen.delete(type);
    return { kind: "record", name, fields };
  }
  if (type.isAny()) unsupported(at, "the type 'any'", HINT);
  if (type.isUndefined() || type.isNull()) unsupported(at, `'${type.getText()}'`, "portable values are never null or undefined");
  unsupported(at, `the type '${type.getText(at)}'`, HINT);
}

/** Whether values of this type live in the heap (passed around as handles). */
export function isReference(type: PortableType): boolean {
  return type.kind === "array" || type.kind === "record";
}
