// KDL numbers, checked against the grammar and kept as written: decimal
// (with fraction and exponent), 0x hex, 0o octal, 0b binary, `_` allowed
// after the first digit. The sh build has no floats, so the consumer
// converts the text it needs.

import { allBytesIn } from "@solstice/std";

const DECIMAL = "0123456789";
const HEX = "0123456789abcdefABCDEF";

/** Digits of `set` then digits or `_`, from text[i]; the index after them, or -1 when no digit starts there. */
function digitsEnd(text: string, i: number, set: string): number {
  const first = text.charAt(i);
  if (first === "" || !set.includes(first)) return -1;
  let k = i + 1;
  while (k < text.length) {
    const c = text.charAt(k);
    if (c !== "_" && !set.includes(c)) return k;
    k++;
  }
  return k;
}

/** Whether `text` is a KDL number (1.0's and 2.0's number syntax is the same). */
export function isNumber(text: string): boolean {
  // The common case, a plain decimal integer, without a step per digit.
  if (text !== "" && allBytesIn(text, "0-9")) return true;
  let i = 0;
  if (text.startsWith("+") || text.startsWith("-")) i = 1;
  const radix = text.slice(i, i + 2);
  if (radix === "0x") return digitsEnd(text, i + 2, HEX) === text.length;
  if (radix === "0o") return digitsEnd(text, i + 2, "01234567") === text.length;
  if (radix === "0b") return digitsEnd(text, i + 2, "01") === text.length;
  i = digitsEnd(text, i, DECIMAL);
  if (i < 0) return false;
  if (text.charAt(i) === ".") {
    i = digitsEnd(text, i + 1, DECIMAL);
    if (i < 0) return false;
  }
  const e = text.charAt(i);
  if (e === "e" || e === "E") {
    i++;
    const sign = text.charAt(i);
    if (sign === "+" || sign === "-") i++;
    i = digitsEnd(text, i, DECIMAL);
    if (i < 0) return false;
  }
  return i === text.length;
}

/** Whether a bare word starts like a number: a digit, or a sign or `.` and then a digit (or sign, `.`, digit). */
export function looksNumeric(text: string): boolean {
  let rest = text;
  const c = rest.charAt(0);
  // Most words are names: a letter first.
  if (allBytesIn(c, "A-Za-z_") && c !== "") return false;
  if (c === "+" || c === "-") rest = rest.slice(1);
  if (rest.charAt(0) === ".") rest = rest.slice(1);
  const d = rest.charAt(0);
  return d !== "" && allBytesIn(d, "0-9");
}
