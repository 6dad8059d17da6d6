// The empty string everywhere: as a value, an argument, an array element,
// a record field, a separator of join, a search, a switch subject.
// args: ["", "", "x", ""]
import { print } from "@solstice/std";

interface Holder {
  text: string;
}

function wrap(s: string): string {
  return `<${s}>`;
}

export async function main(args: string[]): Promise<number> {
  const e = "";
  print(`${args.length} [${args.join(",")}] ${wrap(args[0])}${wrap(args[2])}`);
  print(`${e.length} [${e.slice(0)}] [${e.trim()}] ${e.indexOf("")} ${e.indexOf("x")} ${e.includes("")} ${e.startsWith("")}`);
  print(`${"abc".startsWith(e)} ${"abc".endsWith(e)} ${"abc".includes(e)} ${"abc".indexOf(e)} ${"abc".indexOf(e, 2)}`);
  print(`${e.split(",").length} [${e.replaceAll("x", "y")}] [${"abc".replaceAll("b", e)}]`);
  const empties = [e, e, e];
  print(`${empties.length} [${empties.join("")}] [${empties.join("-")}] ${empties.includes("")}`);
  const h: Holder = { text: e };
  print(`[${h.text}] ${h.text === ""}`);
  switch (e) {
    case "":
      print("empty case");
      break;
    default:
      print("wrong");
  }
  let built = "";
  for (const a of args) built += a;
  print(`[${built}] ${built.length}`);
  print(e);
  return 0;
}
