// async functions and await: results of every kind, await in conditions,
// arguments and templates, and an async function returning another's call.
// exit: 1
import { print } from "@solstice/std";

async function fetchText(key: string): Promise<string> {
  return `value of ${key}`;
}

async function isReady(n: number): Promise<boolean> {
  return n > 2;
}

async function count(items: string[]): Promise<number> {
  let n = 0;
  for (const item of items) {
    if (await isReady(item.length)) n++;
  }
  return n;
}

async function forward(key: string): Promise<string> {
  return fetchText(key + "!");
}

async function log(text: string): Promise<void> {
  print(`log: ${text}`);
}

export async function main(args: string[]): Promise<number> {
  const text = await fetchText("a");
  print(text);
  if (await isReady(3)) print("ready");
  if (!(await isReady(1))) print("not ready");
  print(`${await count(["abc", "de", "fghi"])} long words`);
  print(await forward("b"));
  await log(await fetchText("c"));
  const ready = (await isReady(5)) && (await isReady(6));
  print(String(ready));
  return await count(["xyz"]);
}
