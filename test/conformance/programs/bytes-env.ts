// Environment values holding UTF-8 arrive as their bytes.
// env: {"UTF8":"caf\u00e9 \u20ac","NBSP":"\u00a0x\u00a0"}
// bytes: non-ascii
import { env, print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  const utf8 = env("UTF8");
  print(`[${utf8}] ${utf8.length} ${utf8.indexOf(" ")} [${utf8.slice(3, 5)}]`);
  const nbsp = env("NBSP");
  print(`${nbsp.length} [${nbsp.trim()}] ${nbsp.trim().length}`);
  return 0;
}
