// Node side of the std's single bytes and byte classes, which sh does with printf and patterns, not loops (templates/prelude/bytes.sh).

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

/**
 * True when every byte of `text` is in `byteClass` (true for ""). The class
 * is written as inside a bracket expression, in the part every shell reads
 * alike: bytes and ranges of bytes (`A-Za-z0-9_`), a `-` meant as itself
 * only last; never `[`, `]`, `\`, `!` or `^` (an error: the sh build would
 * read them as pattern syntax).
 */
export function allBytesIn(text: string, byteClass: string): boolean {
  const allowed = new Set<number>();
  let portable = byteClass !== "" && !/[[\]\\!^]/.test(byteClass);
  for (let i = 0; portable && i < byteClass.length; i++) {
    const from = byteClass.charCodeAt(i);
    if (byteClass[i + 1] === "-" && i + 2 < byteClass.length) {
      const to = byteClass.charCodeAt(i + 2);
      portable = byteClass[i] !== "-" && byteClass[i + 2] !== "-" && from <= to;
      for (let b = from; b <= to; b++) allowed.add(b);
      i += 2;
    } else {
      portable = byteClass[i] !== "-" || i === byteClass.length - 1;
      allowed.add(from);
    }
  }
  if (!portable) {
    throw new Error(
      `allBytesIn: the class ${JSON.stringify(byteClass)} is not portable: use bytes and rising ranges (A-Za-z0-9_), a '-' only last, no [ ] \\ ! ^, and at least one byte`,
    );
  }
  for (let i = 0; i < text.length; i++) if (!allowed.has(text.charCodeAt(i))) return false;
  return true;
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

/**
 * `text` without `prefix` at its front; `text` itself when it does not
 * start with `prefix`. What a scanner does after taking a span it has just
 * read (asciiPrefix): one native removal in sh, where `slice(span.length)`
 * counts the bytes off.
 */
export function dropPrefix(text: string, prefix: string): string {
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

/**
 * `text` as valid UTF-8: each maximal ill-formed part (a stray byte, a
 * sequence cut short, an overlong form, a surrogate, beyond U+10FFFF) becomes
 * U+FFFD, as WHATWG's decoder and Rust's from_utf8_lossy do.
 */
export function utf8Lossy(text: string): string {
  if (!/[\x80-\xff]/.test(text)) return text;
  return Buffer.from(Buffer.from(text, "latin1").toString("utf8"), "utf8").toString("latin1");
}
