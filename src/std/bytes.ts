// Portable strings are byte strings: one JS char per byte (Latin-1 view), so
// `length`, `slice` and indexing count bytes exactly as sh does under
// LC_ALL=C. Everything entering the program from outside is converted here,
// and everything leaving is converted back, so UTF-8 passes through intact.

export function bytesToPortable(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

export function portableToBytes(text: string): Buffer {
  return Buffer.from(text, "latin1");
}

/** Node decodes argv and the environment as UTF-8; undo that to get the bytes back. */
export function fromNodeString(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1");
}

/** For Node APIs that take UTF-8 strings (paths, argv of a child). */
export function toNodeString(text: string): string {
  return Buffer.from(text, "latin1").toString("utf8");
}
