// String literals → words. The generated script stays printable ASCII: a
// byte of 0x80 or above, and a control byte other than tab and newline (CR,
// ESC, DEL…), in a literal becomes a reference to a variable that holds that
// byte (__xC3, __x1B), all set when the script starts from one printf.
// Why: an ASCII script means the same bytes however it is written out or
// read (a UTF-8 writer would turn the byte 0xA0 into C2 A0), and yash, which
// decodes its input in its locale, can still parse it once LC_ALL=C is set;
// a raw CR or ESC in a script is invisible in an editor and mangled by tools
// that normalise line ends.
import type { Node } from "ts-morph";
import { unsupported } from "./diagnostics";
import type { FunctionContext } from "./context";
import { lit, ref, type Word } from "./ir";

/** The variable that holds one byte: __x01 … __x1F, __x7F … __xFF. */
export function byteVariable(byte: number): string {
  return `__x${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}

/** Bytes a literal may hold as they are: printable ASCII, tab and newline. */
const PRINTABLE = /[\t\n\x20-\x7e]+|[^\t\n\x20-\x7e]/g;
/** Where the bytes are while byteDefinitions hands them out. */
const ALL_BYTES_VARIABLE = "__xs";

export const ALL_BYTE_VARIABLES = [
  ALL_BYTES_VARIABLE,
  ...Array.from({ length: 256 }, (_, b) => b)
    .filter((b) => !/[\t\n\x20-\x7e]/.test(String.fromCharCode(b)))
    .map(byteVariable),
];

/** Check a literal's text (bytes only, no NUL) and turn it into a word. */
export function literalWord(node: Node, text: string, ctx: FunctionContext): Word {
  if (/[^\x00-\x7f]/.test(node.getText())) {
    unsupported(node, "a non-ASCII character in a string literal", 'strings are bytes: write them as \\xNN escapes, e.g. "\\xC3\\xA9" for \\u00e9');
  }
  if (/[^\x00-\xff]/.test(text)) unsupported(node, "a \\u escape above \\xFF", "strings are bytes: write UTF-8 as \\xNN escapes");
  if (text.includes("\0")) unsupported(node, "a NUL byte in a string", "sh variables cannot hold NUL bytes");
  const word: Word = [];
  for (const piece of text.match(PRINTABLE) ?? []) {
    const code = piece.charCodeAt(0);
    if (piece.length > 1 || /[\t\n\x20-\x7e]/.test(piece)) word.push(lit(piece));
    else {
      ctx.tables.bytes.add(code);
      word.push(ref(byteVariable(code)));
    }
  }
  return word.length > 0 ? word : [lit("")];
}

/**
 * The assignments that set the byte variables a program uses: one printf
 * (one process) prints them all, and each is taken off the front in turn
 * (LC_ALL=C is set: ? is one byte). dash's printf has no \x; octal escapes
 * work in every printf. The "." keeps $(...) from eating a trailing byte.
 */
export function byteDefinitions(bytes: Set<number>): string {
  const sorted = [...bytes].sort((a, b) => a - b);
  const all = ALL_BYTES_VARIABLE;
  return [
    `${all}=$(printf '${sorted.map((b) => `\\${b.toString(8).padStart(3, "0")}`).join("")}.')`,
    ...sorted.map((b) => `${byteVariable(b)}=\${${all}%"\${${all}#?}"}\n${all}=\${${all}#?}`),
  ].join("\n");
}
