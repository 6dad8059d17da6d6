// Random KDL documents for the differential fuzz (test/kdl-fuzz.test.ts):
// valid ones built from every construct (odd strings, comments and slashdash
// in every position, deep nesting, CRLF, line continuations), and broken
// ones made by mutating valid ones.

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  next(): number {
    // xorshift32
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x100000000;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

const IDENTS = ["node", "a", "foo-bar", "step", "-", "--x", ".md", "+y", "über", "名前", "x_1", "a.b", "<>", "~", "ok?", "é"];
const ODD_TEXT = ["", " ", "a b", "tab\there", 'q"uote', "back\\slash", "nl\nline", "#", "=", "{}", "()", "/-", "//", "/*", "é", "😀", "\u00a0", "true", "1", "-1", ".5", "\u2028"];
const NUMBERS = ["0", "1", "-1", "+7", "1_000", "3.14", "1e10", "1.5E-3", "0x1F", "0o17", "0b101", "-0x_1", "1.", ".5", "1__2", "0xFF_FF", "12e+3", "007"];
const KEYWORDS = ["#true", "#false", "#null", "#inf", "#-inf", "#nan"];
const SPACES = [" ", "  ", "\t", " /* c */ ", " /* a /* nested */ b */ ", " \\\n  ", " \\ // comment\n "];

function escapeQuoted(text: string): string {
  let out = "";
  for (const ch of text) {
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\u2028") out += "\\u{2028}";
    else out += ch;
  }
  return out;
}

export class DocumentGenerator {
  constructor(private r: Rng) {}

  string(): string {
    const r = this.r;
    const k = r.int(7);
    if (k <= 1) return r.pick(IDENTS);
    const text = r.pick(ODD_TEXT) + (r.chance(0.5) ? r.pick(IDENTS) : "");
    if (k === 2) return `"${escapeQuoted(text)}"`;
    if (k === 3) {
      const safe = text.replaceAll("\n", " ").replaceAll("\u2028", " ");
      return `#"${safe}"#`;
    }
    if (k === 4) return `"\\u{${r.pick(["41", "e9", "1F600", "a0", "0"])}}x\\s\\b\\f\\r"`;
    if (k === 5) {
      const indent = r.pick(["", "  ", "\t"]);
      return `"""\n${indent}line one\n${indent}  ${escapeQuoted(text).replaceAll("\\n", "")}\n\n${indent}"""`;
    }
    return `"a\\   \n   b"`;
  }

  value(): string {
    const r = this.r;
    const type = r.chance(0.15) ? `(${this.string()})${r.chance(0.2) ? " " : ""}` : "";
    const k = r.int(4);
    if (k === 0) return type + r.pick(NUMBERS);
    if (k === 1) return type + r.pick(KEYWORDS);
    return type + this.string();
  }

  space(): string {
    return this.r.chance(0.8) ? " " : this.r.pick(SPACES);
  }

  entry(): string {
    const r = this.r;
    const slash = r.chance(0.1) ? `/-${r.pick(["", " ", "\n  "])}` : "";
    if (r.chance(0.4)) return slash + this.string() + (r.chance(0.1) ? " = " : "=") + this.value();
    return slash + this.value();
  }

  node(depth: number, nl: string): string {
    const r = this.r;
    const indent = "    ".repeat(depth);
    let text = indent + (r.chance(0.08) ? "/-" + r.pick(["", " "]) : "") + (r.chance(0.1) ? `(${this.string()})` : "") + this.string();
    const entries = r.int(5);
    for (let k = 0; k < entries; k++) text += this.space() + this.entry();
    if (depth < 7 && r.chance(depth === 0 ? 0.6 : 0.35)) {
      if (r.chance(0.1)) text += " /-{ dropped; }";
      text += " {" + nl;
      const kids = 1 + r.int(3);
      for (let k = 0; k < kids; k++) text += this.node(depth + 1, nl);
      text += indent + "}";
      if (r.chance(0.1)) text += " /-{ also dropped }";
    }
    const end = r.pick([nl, nl, nl, ";" + nl, " // trailing" + nl, "; ", " /* c */" + nl]);
    return text + end;
  }

  document(): string {
    const r = this.r;
    const nl = r.chance(0.2) ? "\r\n" : "\n";
    let text = r.chance(0.05) ? "\ufeff" : "";
    const nodes = r.int(5);
    for (let k = 0; k < nodes; k++) {
      if (r.chance(0.2)) text += r.pick(["// comment" + nl, "/* block */" + nl, nl, "/- skipped node" + nl]);
      text += this.node(0, nl);
    }
    return text;
  }

  /** A valid-looking document with one random change (often no longer valid). */
  broken(): string {
    const r = this.r;
    const text = this.document();
    const chars = [...text];
    if (chars.length === 0) return r.pick(["{", "}", '"', "/*", "#", "node (", "=1"]);
    const at = r.int(chars.length);
    const k = r.int(3);
    if (k === 0) chars.splice(at, 1);
    else if (k === 1) chars.splice(at, 0, r.pick(['"', "{", "}", "=", "(", ")", "#", "\\", "/", ";", "\n", " ", "\u200e", "\u0007", "\ufeff", "*"]));
    else chars[at] = r.pick(['"', "}", "=", "#", "x", "0", "\u0085", "\r"]);
    return chars.join("");
  }
}
