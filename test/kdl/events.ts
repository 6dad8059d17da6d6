// The KDL suite's driver: parses each file named in the arguments and
// prints what the parser saw as an event stream the test side reads back
// (test/kdl/stream.ts). Every text is written as LENGTH:BYTES, so any byte
// but NUL passes through unchanged.
import { isReadable, print, readLines, write } from "@solstice/std";
import { parseKdlVersion } from "../../src/runner/kdl/parse";

function field(text: string): string {
  return String(text.length) + ":" + text;
}

// usage: events [--version 1|2] FILE...  (without --version: as the runner reads a workflow)
/** "-" when there is no annotation, else its field. */
function annotation(typed: boolean, text: string): string {
  return typed ? field(text) : "-";
}

export async function main(args: string[]): Promise<number> {
  let version = "";
  let first = 0;
  if (args.length >= 2 && args[0] === "--version") {
    version = args[1];
    first = 2;
  }
  for (const path of args.slice(first)) {
    print("FILE " + field(path));
    if (!isReadable(path)) {
      print("ERROR 0 0 " + field("cannot read the file"));
      continue;
    }
    const doc = parseKdlVersion(readLines(path), version);
    if (!doc.ok) {
      print("ERROR " + String(doc.line) + " " + String(doc.col) + " " + field(doc.error));
      continue;
    }
    for (const node of doc.nodes) {
      print("NODE " + String(node.parent) + " " + String(node.line) + " " + String(node.col) + " " + field(node.name) + " " + annotation(node.typed, node.annotation));
      for (const arg of node.args) {
        print("ARG " + arg.kind + " " + String(arg.line) + " " + String(arg.col) + " " + field(arg.text) + " " + annotation(arg.typed, arg.annotation));
      }
      for (const prop of node.props) {
        const v = prop.value;
        print("PROP " + v.kind + " " + String(prop.line) + " " + String(prop.col) + " " + field(prop.key) + " " + field(v.text) + " " + annotation(v.typed, v.annotation));
      }
    }
    write("END\n");
  }
  return 0;
}
