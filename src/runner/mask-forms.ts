// The values masked for one secret (contract section 5): the value, the lines
// of a multi-line one, and the forms a job commonly prints it in: standard
// base64 (RFC 4648) at each of the three byte alignments it can have inside
// a longer encoded text, and URL-encoded (RFC 3986) with upper- and
// lower-case hex. Portable code, so both builds derive exactly the same set;
// the sh masker's awk encoder for ::add-mask:: values is tested against it.
import { byteAt0 } from "@solstice/std";

/** Values (and lines of multi-line values) shorter than this are not masked: they would shred the log. */
export const MIN_MASK_LENGTH = 4;

/**
 * An encoded form shorter than this is not masked: 6 base64 characters are
 * 36 bits, so a random encoded text matches one by chance about once in 69
 * billion positions. Values of 5 bytes or more get all three base64 forms;
 * a 4-byte value gets none (its forms are 4 and 5 characters).
 */
export const MIN_FORM_LENGTH = 6;

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
const HEX_UPPER = "0123456789ABCDEF";
const HEX_LOWER = "0123456789abcdef";
// 2 to the 0..18: at most 24 bits wait at a time (two neighbours' bytes and the first of the value).
const POW2 = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144];

/**
 * The base64 characters that depend only on `value`'s bytes when it
 * follows `offset` (0, 1 or 2) other bytes of its 3-byte group: the
 * characters that also cover a neighbour's bits are left out at both ends.
 */
export function base64Stable(value: string, offset: number): string {
  let out = "";
  // Bits waiting to become characters, and how many; the unknown
  // neighbours before the value count as zero bits.
  let bits = 0;
  let count = offset * 8;
  let emitted = 0;
  // Characters 0..skip-1 hold bits of the bytes before the value.
  const skip = offset === 0 ? 0 : offset === 1 ? 2 : 3;
  for (const c of value) {
    bits = bits * 256 + byteAt0(c);
    count += 8;
    while (count >= 6) {
      const shift = POW2[count - 6];
      const index = Math.trunc(bits / shift);
      bits = bits - index * shift;
      count -= 6;
      if (emitted >= skip) out += BASE64.charAt(index);
      emitted++;
    }
  }
  // The remaining bits share a character with the byte after the value.
  return out;
}

/** `value` with every byte outside A-Z a-z 0-9 - . _ ~ as %XX, hex digits from `digits`. */
export function urlEncoded(value: string, digits: string): string {
  let out = "";
  for (const c of value) {
    if (UNRESERVED.includes(c)) {
      out += c;
    } else {
      const code = byteAt0(c);
      out += `%${digits.charAt(Math.trunc(code / 16))}${digits.charAt(code % 16)}`;
    }
  }
  return out;
}

/** The encoded forms of one value that are long enough to mask, without repeats and without the value itself. */
export function encodedForms(value: string): string[] {
  const forms: string[] = [];
  const candidates = [base64Stable(value, 0), base64Stable(value, 1), base64Stable(value, 2), urlEncoded(value, HEX_UPPER), urlEncoded(value, HEX_LOWER)];
  for (const form of candidates) {
    if (form.length >= MIN_FORM_LENGTH && form !== value && !forms.includes(form)) forms.push(form);
  }
  return forms;
}

/**
 * Every value to mask for one secret: the value, each line of a multi-line
 * one that is long enough, and the encoded forms of each of these. Empty
 * when nothing of it is long enough (the caller warns).
 */
export function secretMasks(value: string): string[] {
  const parts = [value];
  if (value.includes("\n")) {
    for (const line of value.split("\n")) parts.push(line);
  }
  const out: string[] = [];
  for (const part of parts) {
    if (part.length < MIN_MASK_LENGTH || out.includes(part)) continue;
    out.push(part);
    for (const form of encodedForms(part)) {
      if (!out.includes(form)) out.push(form);
    }
  }
  return out;
}
