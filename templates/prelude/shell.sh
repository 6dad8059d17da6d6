# The shell itself: the std's shellProblem.

# shellProblem(): why the shell running this script cannot run it correctly,
# or "". yash keeps strings as characters of its locale: under LC_ALL=C it
# cannot hold a byte above 0x7F at all (read fails, values are cut short),
# and under UTF-8 it counts characters, not bytes. A UTF-8 secret would go
# unmasked, so the runner refuses yash rather than give a wrong result.
std_shell_problem() {
  __r=''
  if [ -n "${YASH_VERSION-}" ]; then
    __r="yash $YASH_VERSION cannot hold bytes above 0x7F in its variables, so non-ASCII values (secrets, paths, output) would be handled wrongly; run the script with another POSIX shell, such as /bin/sh (docs/compat.md)"
  fi
}
