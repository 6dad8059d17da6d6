// Literal block scalars (`|`, `|-`) of the job-file YAML subset, and the
// indentation helpers the parser shares with them. A block's lines are
// whole lines of the file; only their indentation is looked at byte by byte.
export interface BlockResult {
  ok: boolean;
  error: string;
  errorLine: number;
  value: string;
  /** Index of the first line after the block. */
  next: number;
}

/** The number of spaces `line` starts with. */
export function countSpaces(line: string): number {
  let prefix = " ";
  while (line.startsWith(prefix)) {
    prefix += " ";
  }
  return prefix.length - 1;
}

/** Whether a tab follows the first `spaces` bytes (spaces) of `line`. */
export function tabAfter(line: string, spaces: number): boolean {
  return line.slice(spaces).startsWith("\t");
}

function blockFail(line: number, what: string): BlockResult {
  return { ok: false, error: what, errorLine: line, value: "", next: 0 };
}

/**
 * The lines of a literal block scalar whose header ended line `start - 1`,
 * owned by a key at column `parentIndent`. YAML takes the content's
 * indentation from its first non-empty line; lines of spaces only are empty
 * lines (keeping what lies beyond the indentation); the block ends at the
 * first non-empty line indented less. Clip keeps one final newline, strip
 * none; trailing empty lines are dropped either way.
 */
export function readBlock(lines: string[], start: number, parentIndent: number, strip: boolean): BlockResult {
  const content: string[] = [];
  let indent = -1;
  let leadingMax = 0;
  let leadingMaxLine = 0;
  let lastText = -1;
  let i = start;
  while (i < lines.length) {
    const line = lines[i];
    const spaces = countSpaces(line);
    if (spaces === line.length) {
      if (indent < 0) {
        if (spaces > leadingMax) {
          leadingMax = spaces;
          leadingMaxLine = i + 1;
        }
        content.push("");
      } else {
        content.push(spaces > indent ? line.slice(indent) : "");
        if (spaces > indent) {
          lastText = content.length - 1;
        }
      }
      i++;
      continue;
    }
    if ((indent < 0 ? spaces <= parentIndent : spaces < indent) && tabAfter(line, spaces)) {
      // Even a line of only blanks: YAML libraries refuse a tab there.
      return blockFail(i + 1, "tab in the indentation of a block scalar; indent with spaces only");
    }
    if (indent < 0) {
      if (spaces <= parentIndent) {
        break;
      }
      indent = spaces;
      if (leadingMax > indent) {
        return blockFail(
          leadingMaxLine,
          `this blank line inside the block scalar has more spaces (${String(leadingMax)}) than ` + `the block's first line (${String(indent)}); remove the extra spaces`,
        );
      }
    }
    if (spaces < indent) {
      break;
    }
    content.push(line.slice(indent));
    lastText = content.length - 1;
    i++;
  }
  if (lastText < 0) {
    return { ok: true, error: "", errorLine: 0, value: "", next: i };
  }
  const value = content.slice(0, lastText + 1).join("\n") + (strip ? "" : "\n");
  return { ok: true, error: "", errorLine: 0, value: value, next: i };
}
