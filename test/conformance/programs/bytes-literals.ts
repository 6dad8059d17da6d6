// UTF-8 text is bytes: \xNN literals, lengths, slices that cut a character
// in two, indexOf, split and join on multi-byte separators, for-of over the
// bytes, and output that comes out byte for byte.
// bytes: non-ascii
import { byteAt0, print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const cafe = "caf\xC3\xA9";
  const euro = "\xE2\x82\xAC";
  print(`${cafe} ${cafe.length} ${euro.length} ${(cafe + euro).length}`);
  print(`${cafe.slice(0, 4)}|${cafe.slice(4)}|${cafe.slice(-2)}`);
  print(`${cafe.indexOf("\xA9")} ${cafe.indexOf("\xC3\xA9")} ${euro.indexOf("\x82")}`);
  const text = `a${euro}b${euro}${euro}c`;
  const parts = text.split(euro);
  print(`${parts.length} ${parts.join("+")}`);
  print(text.replaceAll(euro, "EUR"));
  print(`${text.includes(euro)} ${text.startsWith("a\xE2")} ${text.endsWith("\xAC")}`);
  let high = 0;
  for (const c of text) {
    if (byteAt0(c) >= 128) high++;
  }
  print(`${high} high bytes`);
  print(`${cafe[3] === "\xC3"} ${cafe.charAt(4) === "\xA9"}`);
  print("\xFF\xFE\x80 raw");
  switch (cafe.slice(3)) {
    case "\xC3\xA9":
      print("matched a UTF-8 label");
      break;
    default:
      print("wrong");
  }
  return 0;
}
