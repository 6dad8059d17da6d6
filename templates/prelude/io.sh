# Output and exit: the std's print, printErr, write, writeErr, exit.
# printf, never echo: dash's echo interprets backslashes.

# print(text): text and a newline on stdout.
std_print() {
  printf '%s\n' "$1"
}

# printChecked(text): print, and whether all of it was written (a full disk
# or a closed pipe fails). The printf utility, not the builtin: ksh93
# keeps output its builtin could not write and prints it later on stderr,
# even from a subshell (which it does not fork). Its complaint is not
# shown; the caller says what failed.
std_print_checked() {
  (exec printf '%s\n' "$1") 2>/dev/null
}

# printErr(text): text and a newline on stderr (framed: stream.sh).
std_print_err() {
  __runner_line "$1"
}

# write(text): text on stdout, no newline.
std_write() {
  printf '%s' "$1"
}

# writeErr(text): text on stderr, no newline.
std_write_err() {
  printf '%s' "$1" >&2
}

# exit(code): as Node's process.exit, the status is code modulo 256 (dash,
# yash and posh refuse a negative status, the others each wrap it their way).
std_exit() {
  exit $(($1 & 255))
}
