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
