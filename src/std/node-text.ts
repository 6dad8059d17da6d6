// Node side of the std's text helpers that sh does with patterns, not loops.

/** True when `text` is an optional "-" followed by one or more ASCII digits. */
export function isDecimalInteger(text: string): boolean {
  return /^-?[0-9]+$/.test(text);
}

/** The value of a decimal integer (see isDecimalInteger); 0 for anything else. */
export function toInteger(text: string): number {
  return isDecimalInteger(text) ? Number.parseInt(text, 10) : 0;
}

/** The one-byte string for `code` (1..255). Byte 0 cannot live in a sh variable. */
export function charFromByte(code: number): string {
  return String.fromCharCode(code);
}

/** The byte value (0..255) of the first byte of `text`; -1 for "". */
export function byteAt0(text: string): number {
  return text === "" ? -1 : text.charCodeAt(0);
}

/** True when `text` holds a control byte (0x01..0x1f) or DEL (0x7f). */
export function hasControlBytes(text: string): boolean {
  return /[\x00-\x1f\x7f]/.test(text);
}

// The byte classes of asciiPrefix: what each kind allows.
const SPAN_CLASSES: Record<string, RegExp> = {
  space: /^[ \t]*/,
  text: /^[ -~\t]*/,
  quoted: /^[ !#-[\]-~\t]*/,
  comment: /^[ -)+-.0-~\t]*/,
  "kdl-word": /^[!$-'*-.0-:<>-Z^-z|~]*/,
  "kdl1-word": /^[!$-'*-+\--.0-:?-Z^-z|~]*/,
};

/**
 * The longest prefix of `text` made of the bytes `kind` allows:
 * "space" (space, tab), "text" (printable ASCII, space, tab), "quoted" (text
 * but `"` and `\`), "comment" (text but `*` and `/`), "kdl-word" (printable
 * ASCII but the KDL 2.0 delimiters `\/(){};[]"#=`), "kdl1-word" (printable
 * ASCII but KDL 1.0's `\/(){}<>;[]=,"` and `#`). Lets a scanner skip a run of plain
 * bytes in one native step instead of a loop over them.
 */
export function asciiPrefix(text: string, kind: string): string {
  const re = SPAN_CLASSES[kind];
  if (!re) throw new Error(`asciiPrefix: unknown kind ${kind}`);
  return re.exec(text)![0];
}
