// @bgotink/kdl as the second opinion: its reading of a document, printed in
// the same normalised form as ours (test/kdl/stream.ts), so the two compare
// as text.
import { type Document, type Node, parse } from "@bgotink/kdl";
import { parse as parseV1 } from "@bgotink/kdl/v1-compat";
import type { StreamDocument, StreamNode, StreamValue } from "./stream";

const latin1 = (s: string): string => Buffer.from(s, "utf8").toString("latin1");

function valueOf(v: { value: unknown; representation: string | undefined; getTag(): string | null }): StreamValue {
  const annotation = v.getTag();
  const tag = annotation === null ? null : latin1(annotation);
  const x = v.value;
  if (typeof x === "string") return { kind: "string", text: latin1(x), annotation: tag };
  if (x === true || x === false || x === null) return { kind: String(x), text: "", annotation: tag };
  if (typeof x === "number" && Number.isNaN(x)) return { kind: "nan", text: "", annotation: tag };
  if (x === Infinity) return { kind: "inf", text: "", annotation: tag };
  if (x === -Infinity) return { kind: "-inf", text: "", annotation: tag };
  // A number as written (its representation), normalised by the printer as ours are.
  // (Its representation can run on over a following ';': cut there.)
  return { kind: "number", text: (v.representation ?? String(x)).replace(/[;\s].*$/s, ""), annotation: tag };
}

function flatten(doc: Document, name: string): StreamDocument {
  const nodes: StreamNode[] = [];
  // Document order: depth first, as the parser lists them.
  const stack: [Node, number][] = [...doc.nodes].reverse().map((n): [Node, number] => [n, -1]);
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    const index = nodes.length;
    const tag = node.getTag();
    nodes.push({
      parent,
      name: latin1(node.getName()),
      annotation: tag === null ? null : latin1(tag),
      args: node.getArgumentEntries().map((e) => valueOf(e.value)),
      props: node.getPropertyEntries().map((e) => ({ key: latin1(e.getName()!), value: valueOf(e.value) })),
    });
    const kids = node.children?.nodes ?? [];
    for (const kid of [...kids].reverse()) stack.push([kid, index]);
  }
  return { file: name, ok: true, error: "", line: 0, col: 0, nodes };
}

/** The oracle's reading of `bytes` as KDL 2.0 (or 1.0 when `v1`); ok=false when it refuses it. */
export function oracle(bytes: Buffer, name: string, v1 = false): StreamDocument {
  const text = bytes.toString("utf8");
  if (Buffer.compare(Buffer.from(text, "utf8"), bytes) !== 0) {
    return { file: name, ok: false, error: "not UTF-8", line: 0, col: 0, nodes: [] };
  }
  try {
    return flatten(v1 ? parseV1(text) : parse(text), name);
  } catch (e) {
    return { file: name, ok: false, error: String(e).split("\n")[0]!, line: 0, col: 0, nodes: [] };
  }
}
