// The script sets LC_ALL=C for itself (strings are bytes); env("LC_ALL")
// and hasEnv("LC_ALL") still tell the value the program was started with
// (found while fuzzing the std: sh answered "C").
// env: {"LC_ALL": "POSIX", "SOLSTICE_FUZZ_LOCALE": "x"}
import { env, hasEnv, print } from "@solstice/std";

export async function main(args: string[]): Promise<number> {
  print(`${hasEnv("LC_ALL")} [${env("LC_ALL")}] ${hasEnv("SOLSTICE_FUZZ_LOCALE")} [${env("SOLSTICE_FUZZ_LOCALE")}]`);
  return 0;
}
