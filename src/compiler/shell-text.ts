// Reading hand-written shell text (templates/prelude): where its comments
// and quotes are. The compact build drops comment lines, blank lines and
// indentation, keeping text inside quotes that spans lines (the masker's awk
// program) byte for byte, and the shellcheck directives. The prelude's code
// words (what its names are) leave out comments and single-quoted text,
// which is prose or awk, except a trap's action, which is shell code.

type Context = "code" | "single" | "double" | "substitution";

/** Where a line ends: the contexts still open, innermost last, and the open parentheses of each $( ). */
interface ScanState {
  stack: Context[];
  depth: number[];
}

/** Scans one line; returns the line's code: comments and single-quoted text (but a trap's action) blanked. */
function scanLine(line: string, state: ScanState): string {
  const { stack, depth } = state;
  const code = [...line];
  let trapAction = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const top = stack[stack.length - 1] ?? "code";
    if (top === "single") {
      if (c === "'") stack.pop();
      else if (!trapAction) code[i] = " ";
      continue;
    }
    if (c === "\\") {
      i++;
      continue;
    }
    if (top === "double") {
      if (c === '"') stack.pop();
      else if (c === "$" && line[i + 1] === "(") {
        stack.push("substitution");
        depth.push(1);
        i++;
      }
      continue;
    }
    // code, or code inside $( ) inside double quotes
    if (c === "#" && (i === 0 || /\s/.test(line[i - 1]!))) {
      return code.slice(0, i).join(""); // a comment runs to the end of the line
    }
    if (c === "'") {
      stack.push("single");
      trapAction = /(^|[\s;])trap $/.test(line.slice(0, i));
    } else if (c === '"') stack.push("double");
    else if (top === "substitution" && c === "(") depth[depth.length - 1]!++;
    else if (top === "substitution" && c === ")" && --depth[depth.length - 1]! === 0) {
      depth.pop();
      stack.pop();
    }
  }
  return code.join("");
}

function checkClosed(state: ScanState): void {
  if (state.stack.length > 0) throw new Error(`internal: shell text ends inside ${state.stack.join(" > ")} quotes`);
}

/** Shell text without comment lines, blank lines and indentation, outside multi-line quotes. */
export function compactShell(text: string): string {
  const state: ScanState = { stack: [], depth: [] };
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const inQuotes = state.stack.length > 0;
    scanLine(line, state);
    if (inQuotes) {
      out.push(line);
      continue;
    }
    // Trailing blanks go only when the line ends outside quotes (`x=" <tab>` keeps its tab).
    const code = state.stack.length > 0 ? line.trimStart() : line.trim();
    if (code === "" || (code.startsWith("#") && !/^# *shellcheck /.test(code))) continue;
    out.push(code);
  }
  checkClosed(state);
  return out.join("\n");
}

/** The names in shell text's code: no word of a comment or of single-quoted prose. */
export function codeWords(text: string): string[] {
  const state: ScanState = { stack: [], depth: [] };
  const code = text.split("\n").map((line) => scanLine(line, state));
  checkClosed(state);
  return code.join("\n").match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
}
