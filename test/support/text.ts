// Text as lines, the way the runner reads a file.

/** The lines of `text`, without their newlines; a last line without one counts. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (text.endsWith("\n")) lines.pop();
  return lines;
}

/** The document as readLines hands it over: UTF-8 bytes, one char per byte, a line each. */
export function linesOf(text: string): string[] {
  return splitLines(Buffer.from(text, "utf8").toString("latin1"));
}
