// Records: literals (with shorthand fields), reading and assigning fields,
// records inside records, type aliases, and field values with odd bytes.
import { print } from "@solstice/std";

interface Point {
  x: number;
  y: number;
}

type Label = {
  text: string;
  at: Point;
  visible: boolean;
};

function show(l: Label): string {
  return `${l.text}@${l.at.x},${l.at.y}${l.visible ? "" : " (hidden)"}`;
}

export async function main(args: string[]): Promise<number> {
  const origin: Point = { x: 0, y: 0 };
  const text = "it's $HOME `x` \\ *";
  const label: Label = { text, at: origin, visible: true };
  print(show(label));
  label.at.x = 5;
  label.at.y = -3;
  label.visible = false;
  print(show(label));
  print(`origin is now ${origin.x},${origin.y}`);
  label.text = "";
  print(`[${label.text}]`);
  const moved: Point = { y: 2, x: 1 };
  moved.x += 10;
  moved.y *= 3;
  print(`${moved.x} ${moved.y}`);
  const other: Label = { text: "copy", at: { x: moved.x, y: moved.y }, visible: moved.x > 0 };
  other.at.x = 0;
  print(`${show(other)} / ${moved.x}`);
  return 0;
}
