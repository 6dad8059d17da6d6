// Node side of the std's whole-list operations on lines, which portable code
// cannot do in linear time in sh (no maps there): templates/prelude/lines.sh
// runs one awk for the whole list.

/**
 * For each element of `lines`, the index of the first element equal to it
 * (its own index when no earlier one is). Elements hold no newline (the sh
 * side passes them to awk one per line).
 */
export function firstOccurrences(lines: string[]): number[] {
  const first = new Map<string, number>();
  return lines.map((line, i) => {
    const seen = first.get(line);
    if (seen !== undefined) return seen;
    first.set(line, i);
    return i;
  });
}
