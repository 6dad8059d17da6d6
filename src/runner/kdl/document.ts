// A parsed KDL document (the shape the KDL parser gives the workflow model).
// Every node, argument and property keeps where it was written (1-based
// line and column, columns in bytes) so messages can say
// `workflow.kdl:LINE:COL: …`. Values keep their text: strings as their
// bytes (escapes resolved, UTF-8 for \u{…}), numbers as written (the sh
// build has no floats; the consumer converts what it needs).
//
// The portable subset has no recursive types, so the tree is flat: every
// node of the document, at any depth, is in `nodes` in document order, and
// a node names its children (and its parent) by index into that array.

export interface KdlValue {
  /** "string", "number", "true", "false", "null", "inf", "-inf" or "nan". */
  kind: string;
  /** A string's bytes; a number's text as written (e.g. "0x1F", "1_000", "1.5e3"); "" for keywords. */
  text: string;
  /** The type annotation, as in (u8)12; "" when there is none. */
  annotation: string;
  /** Whether a type annotation was written (it can be the empty string, as in ("")12). */
  typed: boolean;
  line: number;
  col: number;
}

export interface KdlProperty {
  key: string;
  value: KdlValue;
  line: number;
  col: number;
}

export interface KdlNode {
  name: string;
  /** The node's type annotation; "" when there is none. */
  annotation: string;
  /** Whether a type annotation was written (it can be the empty string). */
  typed: boolean;
  args: KdlValue[];
  /** In document order; a key written twice appears twice (the last one wins, as the spec says). */
  props: KdlProperty[];
  /** Indices into KdlDocument.nodes, in order. */
  children: number[];
  /** Index of the parent node in KdlDocument.nodes; -1 at the top level. */
  parent: number;
  line: number;
  col: number;
}

export interface KdlDocument {
  ok: boolean;
  /** Every node at every depth, in document order. */
  nodes: KdlNode[];
  /** Indices of the top-level nodes, in order. */
  top: number[];
  /** When !ok: what is wrong, without the position (e.g. "unclosed string"). */
  error: string;
  /** When !ok: where (1-based). */
  line: number;
  col: number;
}
