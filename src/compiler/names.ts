// Shell names for everything the program declares. sh has no local
// variables (ksh93 ignores `local` in f() functions, yash refuses it), so a
// function's variables become globals named after the function; this table
// makes every generated name unique and keeps clear of names a shell or the
// prelude gives a meaning to.

/** Words a function may not be called: keywords, special builtins, utilities the prelude uses. */
export const RESERVED = new Set(
  (
    "if then else elif fi case esac for while until do done in function select time " +
    "break continue return exit eval exec export readonly set shift trap unset alias unalias " +
    "cd echo printf read test true false wait kill command type getopts hash jobs fg bg umask " +
    "ulimit local typeset let source times awk sed cat rm mkdir date git sleep env sh ls cp mv " +
    "ln chmod head tail tr wc sort uniq grep find xargs mktemp dirname basename id uname " +
    "status main_ RANDOM LINENO SECONDS PPID IFS PATH HOME PWD OLDPWD OPTIND OPTARG PS1 PS2 PS4 " +
    "ENV CDPATH MAIL MAILPATH LANG LC_ALL FCEDIT HISTFILE TMOUT argv ARGC path options"
  ).split(" "),
);

/** What a name is for: variables and functions have separate short names in the compact build. */
export type NameKind = "variable" | "function";

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const NAME_CHARS = `${LETTERS}${LETTERS.toUpperCase()}0123456789_`;

/**
 * The n-th short name of a kind: variables start with a lower-case letter,
 * functions with an upper-case one (no utility a script runs is named so,
 * so a function never shadows one), then any name characters.
 */
function shortName(kind: NameKind, n: number): string {
  const first = kind === "variable" ? LETTERS : LETTERS.toUpperCase();
  let name = first[n % first.length]!;
  for (let rest = Math.floor(n / first.length); rest > 0; rest = Math.floor((rest - 1) / NAME_CHARS.length)) {
    name += NAME_CHARS[(rest - 1) % NAME_CHARS.length];
  }
  return name;
}

export class NameTable {
  private readonly used = new Set<string>(RESERVED);
  private readonly nextShort: Record<NameKind, number> = { variable: 0, function: 0 };
  /** The names of intermediate values (FunctionContext.temp), which the peephole pass may fold away. */
  readonly temps = new Set<string>();
  /** Every variable name allocated (predeclare.ts sets them before the heap's). */
  readonly variables = new Set<string>();

  /** compact: every allocated name is the next free short name, not one that explains itself. */
  constructor(private readonly compact = false) {}

  /** Reserve a name the prelude or the script header defines. */
  reserve(name: string): void {
    this.used.add(name);
  }

  /** A fresh name: `preferred` if free, else `preferred2`, `preferred3`, … */
  allocate(preferred: string, kind: NameKind = "variable"): string {
    const name = this.compact ? this.allocateShort(kind) : this.allocateReadable(preferred);
    if (kind === "variable") this.variables.add(name);
    return name;
  }

  private allocateReadable(preferred: string): string {
    // A name starts with a letter or _ (a module file may be called 2fa.ts).
    // Heap variables are named _h<N>_<field> at run time (templates/prelude/heap.sh):
    // a name starting _h<digit> gets another _, or a function _h2's local n,
    // _h2_n, would be the length of the array whose handle is _h2.
    const base = preferred
      .replace(/[^A-Za-z0-9_]/g, "_")
      .replace(/^(?=[0-9])/, "_")
      .replace(/^(?=_h[0-9])/, "_");
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base}${n}`;
    this.used.add(name);
    return name;
  }

  private allocateShort(kind: NameKind): string {
    let name: string;
    do name = shortName(kind, this.nextShort[kind]++);
    while (this.used.has(name));
    this.used.add(name);
    return name;
  }
}
