// String literals holding every byte sh gives a meaning to: quotes, $,
// backticks, backslashes, glob characters, newlines, and words printf or
// test could take for options.
import { print } from "@solstice/std";

function show(label: string, value: string): void {
  print(`${label}: [${value}] ${value.length}`);
}

export async function main(args: string[]): Promise<number> {
  show("empty", "");
  show("space", " ");
  show("spaces", "  two  spaces  ");
  show("single quote", "it's");
  show("double quote", 'say "hi"');
  show("both quotes", `'"'"'`);
  show("dollar", "$HOME ${PATH} $1 $@ $# $$ $? $(id) $((1+2))");
  show("backtick", "`id` and ``");
  show("backslash", "a\\b \\n \\\\ \\");
  show("trailing backslash", "end\\");
  show("glob", "* ? [a-z] [!x] *.ts");
  show("tilde", "~ ~root a~b");
  show("newline", "one\ntwo\n");
  show("only newlines", "\n\n");
  show("tab and cr", "a\tb\rc");
  show("dash n", "-n");
  show("dash e", "-e");
  show("dash dash", "--");
  show("percent", "%s %d %% %");
  show("operators", "! = != -eq ( ) -a -o");
  show("semicolons", "a; b & c | d > e < f");
  show("hash", "# not a comment");
  show("braces", "{a,b} }{");
  show("escapes", "\x41\x42\x7e\x01\x1f");
  show("control", "\v\f\b");
  return 0;
}
