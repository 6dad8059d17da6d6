// Node side of the std's decimal integers, which sh reads with patterns (templates/prelude/number.sh).

/** True when `text` is an optional "-" followed by one or more ASCII digits. */
export function isDecimalInteger(text: string): boolean {
  return /^-?[0-9]+$/.test(text);
}

/** The value of a decimal integer (see isDecimalInteger); 0 for anything else. */
export function toInteger(text: string): number {
  return isDecimalInteger(text) ? Number.parseInt(text, 10) : 0;
}
