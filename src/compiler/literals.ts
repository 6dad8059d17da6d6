// String literals → words. The generated script stays pure ASCII: a byte of
// 0x80 or above in a literal becomes a reference to a variable that holds
// that byte, set once when the script starts (`__xC3=$(printf '\303')`).
// Why: an ASCII script means the same bytes however it is written out or
// read (a UTF-8 writer would turn the byte 0xA0 into C2 A0), and yash, which
// decodes its input in its locale, can still parse it once LC_ALL=C is set.
import type { Node } from "ts-morph";
import { unsupported } from "./diagnostics";
import type { FunctionContext } from "./context";
import { lit, ref, type Word } from "./ir";

/** The variable that holds one high byte: __x80 … __xFF. */
export function byteVariable(byte: number): string {
  return `__x${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}

export const ALL_BYTE_VARIABLES = Array.from({ length: 128 }, (_, i) => byteVariable(0x80 + i));

/** Check a literal's text (bytes only, no NUL) and turn it into a word. */
export function literalWord(node: Node, text: string, ctx: FunctionContext): Word {
  if (/[^\x00-\x7f]/.test(node.getText())) {
    unsupported(node, "a non-ASCII character in a string literal", 'strings are bytes: write them as \\xNN escapes, e.g. "\\xC3\\xA9" for \\u00e9');
  }
  if (/[^\x00-\xff]/.test(text)) unsupported(node, "a \\u escape above \\xFF", "strings are bytes: write UTF-8 as \\xNN escapes");
  if (text.includes("\0")) unsupported(node, "a NUL byte in a string", "sh variables cannot hold NUL bytes");
  const word: Word = [];
  for (const piece of text.match(/[\x00-\x7f]+|[\x80-\xff]/g) ?? []) {
    const code = piece.charCodeAt(0);
    if (code < 0x80) word.push(lit(piece));
    else {
      ctx.tables.bytes.add(code);
      word.push(ref(byteVariable(code)));
    }
  }
  return word.length > 0 ? word : [lit("")];
}

/** The assignments that set the byte variables a program uses. */
export function byteDefinitions(bytes: Set<number>): string {
  // dash's printf has no \x; octal escapes work in every printf.
  return [...bytes]
    .sort((a, b) => a - b)
    .map((b) => `${byteVariable(b)}=$(printf '\\${b.toString(8)}')`)
    .join("\n");
}
