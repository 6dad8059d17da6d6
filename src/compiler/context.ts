// What the lowering knows while it walks one program and one function.
import type { FunctionDeclaration, Node } from "ts-morph";
import type { ResultConvention } from "./std-table";
import type { NameTable } from "./names";
import type { PortableType } from "./types";
import type { Stmt, Word } from "./ir";

export interface FunctionInfo {
  decl: FunctionDeclaration;
  shell: string; // the shell function's name
  result: ResultConvention;
  returnType: PortableType;
  isAsync: boolean;
}

/** Program-wide tables, shared by every function's lowering. */
export interface ProgramTables {
  names: NameTable;
  functions: Map<FunctionDeclaration, FunctionInfo>;
  /** Module-level consts: declaration → shell variable. */
  globals: Map<Node, string>;
  /** Prelude functions the emitted code calls. */
  prelude: Set<string>;
  /** High bytes (0x80–0xFF) that literals use; see literals.ts. */
  bytes: Set<number>;
}

/** A lowered expression: statements to run first, then a word that is safe to expand any time after. */
export interface Value {
  pre: Stmt[];
  word: Word;
  type: PortableType;
}

export class FunctionContext {
  private readonly locals = new Map<Node, string>();
  private tempCount = 0;
  /** Loops and switches we are inside, innermost last. */
  readonly breakTargets: ("loop" | "switch")[] = [];

  constructor(
    readonly tables: ProgramTables,
    readonly shellName: string, // prefix for this function's variables
    readonly info: FunctionInfo | undefined, // undefined for module initialisation
  ) {}

  declare(decl: Node, name: string): string {
    const shell = this.tables.names.allocate(`${this.shellName}_${name}`);
    this.locals.set(decl, shell);
    return shell;
  }

  lookup(decl: Node): string | undefined {
    return this.locals.get(decl) ?? this.tables.globals.get(decl);
  }

  /** A fresh variable for an intermediate value; never reused, so it stays valid. */
  temp(): string {
    this.tempCount++;
    const name = this.tables.names.allocate(`${this.shellName}__${this.tempCount}`);
    this.tables.names.temps.add(name);
    return name;
  }

  usePrelude(name: string): string {
    this.tables.prelude.add(name);
    return name;
  }
}
