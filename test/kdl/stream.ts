// The test side of the KDL event stream (test/kdl/events.ts prints it):
// reads it back into documents, and prints a document in the KDL test
// suite's normalised form (../shared/kdl-test-suite/README.md).

export interface StreamValue {
  kind: string;
  text: string; // the bytes, as a latin1 string
  /** null when none was written. */
  annotation: string | null;
}

export interface StreamNode {
  parent: number;
  name: string;
  annotation: string | null;
  args: StreamValue[];
  props: { key: string; value: StreamValue }[];
}

export interface StreamDocument {
  file: string;
  ok: boolean;
  error: string;
  line: number;
  col: number;
  nodes: StreamNode[];
}

/** Reads the stream (bytes as latin1) into one document per FILE. */
export function readStream(bytes: Buffer): StreamDocument[] {
  const text = bytes.toString("latin1");
  const docs: StreamDocument[] = [];
  let pos = 0;
  const word = (): string => {
    const space = text.indexOf(" ", pos);
    const nl = text.indexOf("\n", pos);
    const end = space >= 0 && space < nl ? space : nl;
    const w = text.slice(pos, end);
    pos = end + 1;
    return w;
  };
  const field = (): string => {
    const colon = text.indexOf(":", pos);
    const n = Number(text.slice(pos, colon));
    const value = text.slice(colon + 1, colon + 1 + n);
    pos = colon + 1 + n + 1; // and the space or newline after it
    return value;
  };
  const annotation = (): string | null => {
    if (text[pos] === "-") {
      pos += 2;
      return null;
    }
    return field();
  };
  let doc: StreamDocument | undefined;
  while (pos < text.length) {
    const tag = word();
    if (tag === "FILE") {
      doc = { file: field(), ok: true, error: "", line: 0, col: 0, nodes: [] };
      docs.push(doc);
    } else if (tag === "ERROR") {
      doc!.ok = false;
      doc!.line = Number(word());
      doc!.col = Number(word());
      doc!.error = field();
    } else if (tag === "NODE") {
      const parent = Number(word());
      word();
      word();
      const name = field();
      doc!.nodes.push({ parent, name, annotation: annotation(), args: [], props: [] });
    } else if (tag === "ARG") {
      const kind = word();
      word();
      word();
      const t = field();
      doc!.nodes.at(-1)!.args.push({ kind, text: t, annotation: annotation() });
    } else if (tag === "PROP") {
      const kind = word();
      word();
      word();
      const key = field();
      const t = field();
      doc!.nodes.at(-1)!.props.push({ key, value: { kind, text: t, annotation: annotation() } });
    } else if (tag === "END") {
      // the document is complete
    } else {
      throw new Error(`bad event stream at ${pos}: ${JSON.stringify(text.slice(pos - 20, pos + 40))}`);
    }
  }
  return docs;
}

const utf8 = (latin1: string): string => Buffer.from(latin1, "latin1").toString("utf8");

const NON_IDENT = /[\\/(){};[\]"#=\s\u0085\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u0000-\u0008\u000e-\u001f\u007f]/u;

function isBareIdentifier(s: string): boolean {
  if (s === "" || NON_IDENT.test(s)) return false;
  if (/^[+-]?\.?[0-9]/.test(s)) return false;
  return !["true", "false", "null", "inf", "-inf", "nan"].includes(s);
}

function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20 || c === 0x7f || (c >= 0x200e && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0xfeff)
      out += `\\u{${c.toString(16)}}`;
    else out += ch;
  }
  return out + '"';
}

export function printString(latin1: string): string {
  const s = utf8(latin1);
  return isBareIdentifier(s) ? s : quote(s);
}

/** A number as the suite prints it: integers in decimal, floats with an E exponent. */
export function normaliseNumber(written: string): string {
  let t = written.replaceAll("_", "");
  let sign = "";
  if (t.startsWith("+") || t.startsWith("-")) {
    sign = t[0] === "-" ? "-" : "";
    t = t.slice(1);
  }
  const radix = t.slice(0, 2);
  if (radix === "0x" || radix === "0o" || radix === "0b") {
    const value = BigInt(t);
    return value === 0n ? "0" : sign + value.toString();
  }
  const m = /^([0-9]+)(\.[0-9]+)?(?:[eE]([+-]?)([0-9]+))?$/.exec(t);
  if (!m) return written;
  const integer = BigInt(m[1]!).toString();
  if (m[4] === undefined) {
    if (m[2] === undefined) return integer === "0" ? "0" : sign + integer;
    return sign + integer + m[2];
  }
  return sign + integer + (m[2] ?? "") + "E" + (m[3] === "-" ? "-" : "+") + m[4].replace(/^0+(?=.)/, "");
}

function printValue(v: StreamValue): string {
  const prefix = v.annotation !== null ? `(${printString(v.annotation)})` : "";
  switch (v.kind) {
    case "string":
      return prefix + printString(v.text);
    case "number":
      return prefix + normaliseNumber(v.text);
    default:
      return prefix + "#" + v.kind;
  }
}

/** The document in the suite's normalised form. */
export function printDocument(doc: StreamDocument): string {
  const children = new Map<number, number[]>();
  doc.nodes.forEach((n, i) => {
    const list = children.get(n.parent) ?? [];
    list.push(i);
    children.set(n.parent, list);
  });
  const lines: string[] = [];
  // Iterative, as the nodes are flat: a stack of (index, depth, closing).
  const stack: [number, number, boolean][] = (children.get(-1) ?? []).map((i) => [i, 0, false] as [number, number, boolean]).reverse();
  while (stack.length > 0) {
    const [i, depth, closing] = stack.pop()!;
    const indent = "    ".repeat(depth);
    if (closing) {
      lines.push(indent + "}");
      continue;
    }
    const n = doc.nodes[i]!;
    let text = indent + (n.annotation !== null ? `(${printString(n.annotation)})` : "") + printString(n.name);
    for (const a of n.args) text += " " + printValue(a);
    const props = new Map<string, StreamValue>();
    for (const p of n.props) {
      props.delete(p.key);
      props.set(p.key, p.value);
    }
    const keys = [...props.keys()].sort((a, b) => (utf8(a) < utf8(b) ? -1 : utf8(a) > utf8(b) ? 1 : 0));
    for (const k of keys) text += " " + printString(k) + "=" + printValue(props.get(k)!);
    const kids = children.get(i) ?? [];
    if (kids.length > 0) {
      lines.push(text + " {");
      stack.push([i, depth, true]);
      for (const k of [...kids].reverse()) stack.push([k, depth + 1, false]);
    } else {
      lines.push(text);
    }
  }
  return lines.join("\n") + "\n";
}
