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

export class NameTable {
  private readonly used = new Set<string>(RESERVED);

  /** Reserve a name the prelude or the script header defines. */
  reserve(name: string): void {
    this.used.add(name);
  }

  /** A fresh name: `preferred` if free, else `preferred2`, `preferred3`, … */
  allocate(preferred: string): string {
    // A name starts with a letter or _ (a module file may be called 2fa.ts).
    // Heap variables are named _h<N>_<field> at run time (templates/prelude/heap.sh):
    // a name starting _h<digit> gets another _, or a function _h2's local n,
    // _h2_n, would be the length of the array whose handle is _h2.
    const base = preferred.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(?=[0-9])/, "_").replace(/^(?=_h[0-9])/, "_");
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base}${n}`;
    this.used.add(name);
    return name;
  }
}
