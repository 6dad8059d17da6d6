# Files: the std's path tests, readFile and readLines. The path "" is never
# a file (test -e "" is false everywhere; the Node side agrees).

# pathExists(path)
std_path_exists() {
  [ -e "$1" ] || [ -L "$1" ]
}

# isFile(path): a regular file, or a link to one.
std_is_file() {
  [ -f "$1" ]
}

# isDirectory(path)
std_is_directory() {
  [ -d "$1" ]
}

# isReadable(path)
std_is_readable() {
  [ -r "$1" ]
}

# isExecutable(path): a regular file we may execute.
std_is_executable() {
  [ -f "$1" ] && [ -x "$1" ]
}

# readFile(path): the whole file. Read a line at a time: $(cat) would drop
# trailing newlines, and a byte-at-a-time loop is quadratic.
std_read_file() {
  __r=''
  __rdf_line=''
  while IFS= read -r __rdf_line; do
    __r="$__r$__rdf_line
"
  done <"$1"
  # A last line without a newline is left in the variable when read fails.
  __r=$__r$__rdf_line
}

# readLines(path): an array of the lines, without their newlines.
std_read_lines() {
  __alloc
  __rl_h=$__r
  __rl_n=0
  __rl_line=''
  while IFS= read -r __rl_line || [ -n "$__rl_line" ]; do
    eval "${__rl_h}_${__rl_n}=\$__rl_line"
    __rl_n=$((__rl_n + 1))
    __rl_line=''
  done <"$1"
  eval "${__rl_h}_n=\$__rl_n"
  __r=$__rl_h
}

# isWritable(path): as access(2) says. busybox's test answers yes to root
# for any path, even on a read-only file system, so a directory test -w
# allows is also probed by making (and removing) a directory in it.
std_is_writable() {
  [ -w "$1" ] || return 1
  [ -d "$1" ] || return 0
  mkdir -- "$1/.solstice-probe.$$" 2>/dev/null || return 1
  rmdir -- "$1/.solstice-probe.$$"
}

# makeDirectory(path): mkdir -p; status 0 when the directory exists afterwards.
std_make_directory() {
  [ -n "$1" ] || return 1
  mkdir -p -- "$1" 2>/dev/null
  [ -d "$1" ]
}

# writeFile(path, text): the bytes as they are; status 0 when written.
std_write_file() {
  printf '%s' "$2" 2>/dev/null >"$1"
}
