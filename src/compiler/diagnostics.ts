// A construct outside the portable subset is reported as
// `file:line:col: <construct> is not supported in portable code` plus a hint,
// never compiled into something that means another thing.
import path from "node:path";
import type { Node } from "ts-morph";

export class PortableError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
    readonly hint: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}${hint ? `\n  hint: ${hint}` : ""}`);
    this.name = "PortableError";
  }
}

export function locate(node: Node): { file: string; line: number; column: number } {
  const source = node.getSourceFile();
  const { line, column } = source.getLineAndColumnAtPos(node.getStart());
  return { file: path.relative(process.cwd(), source.getFilePath()) || source.getFilePath(), line, column };
}

/** Reject `node`: "<construct> is not supported in portable code". */
export function unsupported(node: Node, construct: string, hint = ""): never {
  const { file, line, column } = locate(node);
  throw new PortableError(file, line, column, `${construct} is not supported in portable code`, hint);
}

/** Reject `node` with a message of its own (type errors, misuse of a supported construct). */
export function invalid(node: Node, message: string, hint = ""): never {
  const { file, line, column } = locate(node);
  throw new PortableError(file, line, column, message, hint);
}
