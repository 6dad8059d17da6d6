# Files: the std's path tests, readFile and readLines. The path "" is never
# a file (test -e "" is false everywhere; the Node side agrees).

# pathExists(path): a file, a directory, or a symbolic link, dangling or not.
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

# hasNulByte(path): tr deletes the NULs and cmp compares what is left with
# the file (1: they differ; 2, trouble reading, is no NUL: the file's
# reader says why). No variable can hold a NUL, so no shell can look itself.
std_has_nul_byte() {
  # shellcheck disable=SC2094 # both only read the file
  tr -d '\000' 2>/dev/null <"$1" | cmp -s -- - "$1" 2>/dev/null
  [ "$?" -eq 1 ]
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

# readFirstLine(path): the first line, without its newline; "" when the
# file cannot be read.
std_read_first_line() {
  __r=''
  IFS= read -r __r <"$1" 2>/dev/null || :
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

# isSymlink(path): a symbolic link, dangling or not.
std_is_symlink() {
  [ -L "$1" ]
}

# The physical path of directory $1 (symbolic links resolved) in
# __pd_dir; status 1 when it cannot be entered. ksh93 cuts a $(...) short,
# empty, when a trapped signal (the stop ticker's) arrives: ask again, a
# few times (pwd -P never prints nothing).
__physical_dir() {
  __pd_dir=''
  [ -d "$1" ] || return 1
  __pd_tries=0
  while [ -z "$__pd_dir" ] && [ "$__pd_tries" -lt 5 ]; do
    __pd_dir=$(CDPATH='' && cd -P -- "$1" 2>/dev/null && pwd -P)
    __pd_tries=$((__pd_tries + 1))
  done
  [ -n "$__pd_dir" ]
}

# The target of the symbolic link $1 in __lt_target. POSIX sh has no
# readlink: ls -ld prints "... NAME -> TARGET", NAME as given. Asked again
# when ksh93 cuts the $(...) short (see __physical_dir). ls gets no
# environment but PATH: a path helper has no business seeing the caller's
# variables (a runner's credentials among them), and the C locale is its
# default.
__link_target() {
  __lt_line=''
  __lt_tries=0
  while [ -z "$__lt_line" ] && [ "$__lt_tries" -lt 5 ]; do
    __lt_line=$(env -i "PATH=${PATH-}" ls -ld -- "$1" 2>/dev/null)
    __lt_tries=$((__lt_tries + 1))
  done
  __lt_target=${__lt_line#*" $1 -> "}
  [ -n "$__lt_line" ] && [ "$__lt_target" != "$__lt_line" ]
}

# realPath(path): the absolute path with every symbolic link resolved, as
# realpath(3); "" when it does not resolve (a dangling link, a missing
# part, more than 40 links: a loop). Each directory part is resolved by
# cd -P, each link followed until a name that is not one.
std_real_path() {
  __r=''
  __rp_path=$1
  __rp_links=0
  while :; do
    case $__rp_path in
      */*)
        __rp_dir=${__rp_path%/*}/
        __rp_base=${__rp_path##*/}
        ;;
      *)
        __rp_dir=./
        __rp_base=$__rp_path
        ;;
    esac
    case $__rp_base in
      '' | . | ..)
        __rp_dir=$__rp_path/
        __rp_base=''
        ;;
    esac
    __physical_dir "$__rp_dir" || return 0
    if [ -z "$__rp_base" ]; then
      __r=$__pd_dir
      return 0
    fi
    __rp_path=${__pd_dir%/}/$__rp_base
    if [ ! -L "$__rp_path" ]; then
      if [ -e "$__rp_path" ]; then __r=$__rp_path; fi
      return 0
    fi
    __rp_links=$((__rp_links + 1))
    [ "$__rp_links" -le 40 ] || return 0
    __link_target "$__rp_path" || return 0
    case $__lt_target in
      /*) __rp_path=$__lt_target ;;
      *) __rp_path=${__rp_path%/*}/$__lt_target ;;
    esac
  done
}
