// The shell IR: what the lowering produces and the printer prints. Words say
// what they are made of (literal text, a variable, arithmetic, a pattern) and
// never how to quote it: quoting is the printer's job alone.

/** A piece of a word. */
export type Part =
  | { kind: "lit"; text: string } // literal bytes
  | { kind: "var"; name: string } // the value of a shell variable
  | { kind: "len"; name: string } // ${#name}: byte length of a variable
  | { kind: "arith"; expr: Arith } // $((expr))
  | { kind: "glob"; text: string } // pattern characters, only in patterns
  | { kind: "args" } // "$@": the script's arguments, one word each
  /** ${name#pattern} and friends; only as the whole value of an assignment. */
  | { kind: "strip"; name: string; op: "#" | "##" | "%" | "%%"; pattern: Word };

export type Word = Part[];

export type ArithOp = "+" | "-" | "*" | "/" | "%";

export type Arith =
  | { kind: "num"; value: number }
  | { kind: "ref"; name: string } // a variable known to hold a decimal integer
  | { kind: "bin"; op: ArithOp; left: Arith; right: Arith }
  | { kind: "neg"; operand: Arith };

/** Something whose exit status is a truth value. */
export type Cond =
  | { kind: "true" }
  | { kind: "false" }
  | { kind: "cmd"; words: Word[] } // e.g. [ a = b ], or a function returning by status
  | { kind: "not"; cond: Cond }
  | { kind: "and"; left: Cond; right: Cond }
  | { kind: "or"; left: Cond; right: Cond }
  /** Statements, then a test: `{ pre; cond; }` (the right side of && or || that has work to do first). */
  | { kind: "seq"; pre: Stmt[]; cond: Cond };

export type Stmt =
  | { kind: "assign"; name: string; value: Word }
  | { kind: "cmd"; words: Word[] }
  /** name=$(value of the variable whose name is the word `source`), via eval. */
  | { kind: "readIndirect"; name: string; source: Word }
  /** (variable whose name is the word `target`)=value, via eval. */
  | { kind: "writeIndirect"; target: Word; value: Word }
  | { kind: "if"; cond: Cond; then: Stmt[]; else: Stmt[] }
  | { kind: "while"; cond: Cond; body: Stmt[] }
  | { kind: "case"; subject: Word; arms: CaseArm[] }
  | { kind: "break" }
  | { kind: "continue" }
  | { kind: "return"; status: number }
  | { kind: "exit"; status: Word }
  | { kind: "comment"; text: string };

export interface CaseArm {
  patterns: Word[]; // each word is a pattern: lit parts match literally
  body: Stmt[];
}

export interface FunctionDef {
  name: string;
  comment: string; // source location and signature, printed above the function
  body: Stmt[];
}

export const lit = (text: string): Part => ({ kind: "lit", text });
export const ref = (name: string): Part => ({ kind: "var", name });
export const word = (...parts: Part[]): Word => parts;
export const litWord = (text: string): Word => [lit(text)];
export const varWord = (name: string): Word => [ref(name)];
export const assign = (name: string, value: Word): Stmt => ({ kind: "assign", name, value });
export const cmd = (...words: Word[]): Stmt => ({ kind: "cmd", words });
export const condCmd = (...words: Word[]): Cond => ({ kind: "cmd", words });
export const not = (cond: Cond): Cond =>
  cond.kind === "not" ? cond.cond : cond.kind === "true" ? { kind: "false" } : cond.kind === "false" ? { kind: "true" } : { kind: "not", cond };
