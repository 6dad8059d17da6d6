// Which function a call reaches: a std primitive (imported from
// "@solstice/std") or a function declared in portable code.
import { Node, type CallExpression, type FunctionDeclaration } from "ts-morph";

export const STD_SPECIFIER = "@solstice/std";

export type Callee = { kind: "std"; name: string } | { kind: "function"; decl: FunctionDeclaration };

export function resolveCallee(call: CallExpression): Callee | undefined {
  const expr = call.getExpression();
  if (!Node.isIdentifier(expr)) return undefined;
  const symbol = expr.getSymbol();
  if (!symbol) return undefined;
  const first = symbol.getDeclarations()[0];
  if (first && Node.isImportSpecifier(first) && first.getImportDeclaration().getModuleSpecifierValue() === STD_SPECIFIER) {
    return { kind: "std", name: first.getName() };
  }
  const target = symbol.isAlias() ? symbol.getAliasedSymbol() : symbol;
  const decl = target?.getDeclarations()[0];
  if (decl && Node.isFunctionDeclaration(decl)) return { kind: "function", decl };
  return undefined;
}
