// The modules of one portable program: the entry and every portable module it
// imports, their functions and constants, checked for what the subset allows
// at the top level, and for recursion (sh has no local variables).
import path from "node:path";
import { Node, SyntaxKind, type FunctionDeclaration, type SourceFile, type VariableDeclaration } from "ts-morph";
import { invalid, unsupported } from "./diagnostics";
import { STD_SPECIFIER, resolveCallee } from "./resolve";

export interface ProgramModules {
  /** Dependencies first, the entry last. */
  files: SourceFile[];
  functions: FunctionDeclaration[];
  constants: VariableDeclaration[];
  main: FunctionDeclaration;
}

function checkTopLevel(file: SourceFile): void {
  for (const stmt of file.getStatements()) {
    if (Node.isFunctionDeclaration(stmt) || Node.isInterfaceDeclaration(stmt) || Node.isTypeAliasDeclaration(stmt) || Node.isImportDeclaration(stmt)) continue;
    if (Node.isVariableStatement(stmt)) {
      if (stmt.getDeclarationKind() !== "const") unsupported(stmt, "a module-level let or var", "module-level values must be const; keep state in variables of main");
      continue;
    }
    if (Node.isExportDeclaration(stmt)) unsupported(stmt, "re-exporting", "import from the module that declares it");
    if (Node.isExportAssignment(stmt)) unsupported(stmt, "export default / export =", "export named functions");
    if (Node.isEnumDeclaration(stmt)) unsupported(stmt, "an enum", "use string constants or a union of string literals");
    if (Node.isClassDeclaration(stmt)) unsupported(stmt, "a class", "use interfaces for records and functions for behaviour");
    unsupported(stmt, "a top-level statement", "put code in functions; main runs the program");
  }
}

function importedModules(file: SourceFile): SourceFile[] {
  const out: SourceFile[] = [];
  for (const imp of file.getImportDeclarations()) {
    const spec = imp.getModuleSpecifierValue();
    if (imp.getNamespaceImport()) unsupported(imp, "a namespace import", "import the names you use: import { a, b } from …");
    if (imp.getDefaultImport()) unsupported(imp, "a default import", "import named exports");
    if (spec === STD_SPECIFIER) continue;
    if (!spec.startsWith(".")) unsupported(imp, `importing '${spec}'`, `portable code imports only other portable modules and ${STD_SPECIFIER}`);
    const target = imp.getModuleSpecifierSourceFile();
    if (!target) invalid(imp, `cannot find the module '${spec}'`);
    if (imp.isTypeOnly() || imp.getNamedImports().every((n) => n.isTypeOnly())) {
      if (imp.getNamedImports().length > 0) continue;
    }
    out.push(target);
  }
  return out;
}

export function collectModules(entry: SourceFile): ProgramModules {
  const files: SourceFile[] = [];
  const visiting = new Set<SourceFile>();
  const visit = (file: SourceFile) => {
    if (files.includes(file) || visiting.has(file)) return;
    visiting.add(file);
    checkTopLevel(file);
    for (const dep of importedModules(file)) visit(dep);
    files.push(file);
  };
  visit(entry);
  const functions = files.flatMap((f) => f.getFunctions());
  for (const fn of functions) {
    if (!fn.getName()) unsupported(fn, "an anonymous function", "give the function a name");
    if (fn.isGenerator()) unsupported(fn, "a generator", "return an array");
    if (!fn.hasBody()) unsupported(fn, "a function overload", "declare one signature");
  }
  const constants = files.flatMap((f) => f.getVariableStatements().flatMap((s) => s.getDeclarations()));
  const main = entry.getFunction("main");
  if (!main || !main.isExported()) {
    invalid(entry, `${path.basename(entry.getFilePath())} has no exported main`, "export async function main(args: string[]): Promise<number>");
  }
  checkNoRecursion(functions);
  return { files, functions, constants, main };
}

function calleesOf(fn: FunctionDeclaration): { decl: FunctionDeclaration; at: Node }[] {
  return fn.getDescendantsOfKind(SyntaxKind.CallExpression).flatMap((call) => {
    const callee = resolveCallee(call);
    return callee?.kind === "function" ? [{ decl: callee.decl, at: call as Node }] : [];
  });
}

/** Reject any cycle in the call graph, naming the path. */
function checkNoRecursion(functions: FunctionDeclaration[]): void {
  const done = new Set<FunctionDeclaration>();
  const stack: FunctionDeclaration[] = [];
  const visit = (fn: FunctionDeclaration) => {
    if (done.has(fn)) return;
    stack.push(fn);
    for (const { decl, at } of calleesOf(fn)) {
      const cycleStart = stack.indexOf(decl);
      if (cycleStart >= 0) {
        const names = [...stack.slice(cycleStart), decl].map((f) => f.getName()).join(" → ");
        unsupported(at, `recursion (${names})`, "sh has no local variables: rewrite the recursion as a loop with an explicit stack array");
      }
      visit(decl);
    }
    stack.pop();
    done.add(fn);
  };
  for (const fn of functions) visit(fn);
}

/** Functions reachable from main and from the module constants' initialisers. */
export function reachableFunctions(modules: ProgramModules): Set<FunctionDeclaration> {
  const seen = new Set<FunctionDeclaration>();
  const visit = (fn: FunctionDeclaration) => {
    if (seen.has(fn)) return;
    seen.add(fn);
    for (const { decl } of calleesOf(fn)) visit(decl);
  };
  visit(modules.main);
  for (const c of modules.constants) {
    for (const call of c.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = resolveCallee(call);
      if (callee?.kind === "function") visit(callee.decl);
    }
  }
  return seen;
}
