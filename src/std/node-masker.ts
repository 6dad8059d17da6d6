// The Node masker (contract section 5): every occurrence of a masked value
// becomes ***, in a stream of any length, in time linear in it and memory
// bounded by the longest value. Text is passed on as soon as it arrives,
// except the longest tail that could still grow into a masked value; lines
// are not waited for, so a line of any length and an unfinished line (a
// progress bar) go out at once. Where occurrences overlap (one value
// contains another, or two overlap) their union becomes one ***: no part of
// any value is ever printed.

/**
 * V8 refuses to compile an alternation of long literals past a few hundred
 * KB ("Regular expression too large", at the first exec): a 50 KB
 * multi-line secret, with its lines and encoded forms, is 390 KB of
 * pattern. So values up to LITERAL_FROM bytes go into alternations of at
 * most GROUP_SOURCE bytes of pattern each, and longer values (few: whole
 * secrets and their encoded forms) are found with indexOf.
 */
const LITERAL_FROM = 1024;
const GROUP_SOURCE = 64 * 1024;

/** A match: where it starts and ends. */
type Span = [number, number];

export class MaskSet {
  values: string[] = [];
  /** Alternations of the shorter values, longest first: at one position the longest wins. */
  private groups: RegExp[] | undefined;
  /** Values by their first byte: which could start at a position. */
  private byFirst = new Map<number, string[]>();
  private longest = 0;

  constructor(values: string[]) {
    for (const value of values) this.add(value);
  }

  /** A value with a line break is left out: its lines are masked (the sh masker sees one line at a time). */
  add(value: string): void {
    if (value === "" || value.includes("\n") || this.values.includes(value)) return;
    this.values.push(value);
    this.values.sort((a, b) => b.length - a.length);
    const first = value.charCodeAt(0);
    const list = this.byFirst.get(first) ?? [];
    list.push(value);
    this.byFirst.set(first, list);
    this.longest = Math.max(this.longest, value.length);
    this.groups = undefined;
  }

  /** The longest value starting at the first position at or after `from` where one does, in `text`; undefined when none. */
  matcher(text: string): (from: number) => Span | undefined {
    this.groups ??= alternations(this.values.filter((v) => v.length <= LITERAL_FROM));
    const finders: ((from: number) => Span | undefined)[] = this.groups.map((re) => (from) => {
      re.lastIndex = from;
      const m = re.exec(text);
      return m ? [m.index, m.index + m[0].length] : undefined;
    });
    for (const value of this.values) {
      if (value.length <= LITERAL_FROM) break;
      finders.push((from) => {
        const at = text.indexOf(value, from);
        return at < 0 ? undefined : [at, at + value.length];
      });
    }
    // Each finder's next match, kept while it is still ahead of `from`: a
    // finder is run again only once the scan has passed its match.
    const ahead: (Span | undefined | null)[] = finders.map(() => null);
    return (from) => {
      let best: Span | undefined;
      for (let k = 0; k < finders.length; k++) {
        let next = ahead[k];
        if (next === null || (next !== undefined && next[0] < from)) {
          next = finders[k]!(from);
          ahead[k] = next;
        }
        if (next && (!best || next[0] < best[0] || (next[0] === best[0] && next[1] > best[1]))) best = next;
      }
      return best;
    };
  }

  /** Where the longest suffix of `text` that is a proper prefix of a value starts; text.length when none is. */
  holdFrom(text: string): number {
    const from = Math.max(0, text.length - this.longest + 1);
    for (let i = from; i < text.length; i++) {
      const list = this.byFirst.get(text.charCodeAt(i));
      if (!list) continue;
      const tail = text.slice(i);
      for (const value of list) if (value.length > tail.length && value.startsWith(tail)) return i;
    }
    return text.length;
  }
}

/** `values` (longest first) as alternations of at most GROUP_SOURCE bytes of pattern each. */
function alternations(values: string[]): RegExp[] {
  const groups: RegExp[] = [];
  let parts: string[] = [];
  let size = 0;
  for (const value of values) {
    const part = escapeRegex(value);
    if (parts.length > 0 && size + part.length > GROUP_SOURCE) {
      groups.push(new RegExp(parts.join("|"), "g"));
      parts = [];
      size = 0;
    }
    parts.push(part);
    size += part.length + 1;
  }
  if (parts.length > 0) groups.push(new RegExp(parts.join("|"), "g"));
  return groups;
}

function escapeRegex(value: string): string {
  return value.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
}

/** One stream's state: the held tail, and how much of its start already went out inside a ***. */
export class MaskStream {
  private carry = "";
  private covered = 0;

  constructor(private readonly masks: MaskSet) {}

  /** Mask `chunk` (bytes as a latin1 string); what may go out now. */
  push(chunk: string): string {
    return this.step(this.carry + chunk, false);
  }

  /** A whole text at once (a line the runner prints). */
  all(text: string): string {
    const out = this.step(this.carry + text, true);
    this.carry = "";
    this.covered = 0;
    return out;
  }

  /** The stream ended: what is left, masked. */
  end(): string {
    const text = this.carry;
    this.carry = "";
    return text === "" ? "" : this.step(text, true);
  }

  private step(text: string, final: boolean): string {
    const cut = final ? text.length : this.masks.holdFrom(text);
    let out = "";
    let pos = this.covered;
    if (this.masks.values.length > 0) {
      // Every position where some value starts (the longest there), merged
      // into runs; a run that began before `pos` already went out as ***.
      const next = this.masks.matcher(text);
      let runStart = -1;
      let runEnd = -1;
      for (let from = 0; ;) {
        const match = next(from);
        if (!match || match[0] >= cut) break;
        const [start, end] = match;
        from = start + 1;
        if (runStart >= 0 && start < runEnd) {
          if (end > runEnd) runEnd = end;
          continue;
        }
        if (runStart >= 0) [out, pos] = emitRun(text, out, pos, runStart, runEnd);
        runStart = start;
        runEnd = end;
      }
      if (runStart >= 0) [out, pos] = emitRun(text, out, pos, runStart, runEnd);
    }
    if (pos < cut) {
      out += text.slice(pos, cut);
      pos = cut;
    }
    this.carry = text.slice(cut);
    this.covered = pos - cut;
    return out;
  }
}

function emitRun(text: string, out: string, pos: number, start: number, end: number): [string, number] {
  if (end <= pos) return [out, pos];
  if (start < pos) return [out, end];
  return [out + text.slice(pos, start) + "***", end];
}

const ADD_MASK = "::add-mask::";

/** Longer ::add-mask:: lines are dropped whole (never printed) and their value refused. */
export const ADD_MASK_LINE_LIMIT = 65536;

/**
 * A job's output stream: ::add-mask::VALUE lines are taken out (the value
 * goes to `onAdd`), everything else goes through the masker to `write`.
 */
export class JobOutput {
  private atLineStart = true;
  /** A line that so far could be an ::add-mask:: line, held until its end. */
  private pending: string | undefined;
  private dropping = false;
  private readonly stream: MaskStream;

  constructor(
    masks: MaskSet,
    private readonly write: (text: string) => void,
    private readonly onAdd: (value: string) => void,
  ) {
    this.stream = new MaskStream(masks);
  }

  push(chunk: string): void {
    let text = chunk;
    while (text !== "") {
      if (this.pending !== undefined || this.dropping) {
        text = this.continueLine(text);
        continue;
      }
      // The next line start that could open an ::add-mask:: line.
      let at = this.atLineStart && couldBeAddMask(text, 0) ? 0 : -1;
      let from = 0;
      while (at < 0) {
        const nl = text.indexOf("\n:", from);
        if (nl < 0) break;
        if (couldBeAddMask(text, nl + 1)) at = nl + 1;
        else from = nl + 1;
      }
      if (at < 0) {
        this.emit(text);
        this.atLineStart = text.endsWith("\n");
        return;
      }
      if (at > 0) this.emit(text.slice(0, at));
      this.pending = "";
      text = text.slice(at);
    }
  }

  /** The stream ended: what is held goes out, and an unfinished last line gets its line break (as awk prints it). */
  end(): void {
    if (this.pending !== undefined) this.finishLine();
    else if (!this.atLineStart && !this.dropping) this.emit("\n");
    this.dropping = false;
    this.atLineStart = true;
    this.flush(this.stream.end());
  }

  /** Feed the held line; returns what is left of `text` after it. */
  private continueLine(text: string): string {
    const nl = text.indexOf("\n");
    const part = nl < 0 ? text : text.slice(0, nl);
    const rest = nl < 0 ? "" : text.slice(nl + 1);
    if (this.dropping) {
      if (nl >= 0) {
        this.dropping = false;
        this.atLineStart = true;
      }
      return rest;
    }
    this.pending += part;
    const held = this.pending!;
    if (!held.startsWith(ADD_MASK) && !ADD_MASK.startsWith(held)) {
      // Not an ::add-mask:: line after all: it goes out as text.
      this.pending = undefined;
      this.emit(nl < 0 ? held : held + "\n");
      this.atLineStart = nl >= 0;
      return rest;
    }
    if (held.length > ADD_MASK_LINE_LIMIT) {
      // Too long to hold: dropped, and its value (cut short) refused by the caller's length check.
      this.pending = undefined;
      this.onAdd(held.slice(ADD_MASK.length));
      this.dropping = nl < 0;
      this.atLineStart = nl >= 0;
      return rest;
    }
    if (nl >= 0) {
      this.finishLine();
      this.atLineStart = true;
    }
    return rest;
  }

  private finishLine(): void {
    const line = this.pending!;
    this.pending = undefined;
    if (line.startsWith(ADD_MASK)) this.onAdd(line.slice(ADD_MASK.length));
    else this.emit(line + "\n");
  }

  private emit(text: string): void {
    this.flush(this.stream.push(text));
  }

  private flush(text: string): void {
    if (text !== "") this.write(text);
  }
}

/** True when the line starting at `at` is, or may still become, an ::add-mask:: line. */
function couldBeAddMask(text: string, at: number): boolean {
  const head = text.slice(at, at + ADD_MASK.length);
  return ADD_MASK.startsWith(head);
}
