# Output and exit: the std's print, printErr, write, writeErr, exit.
# printf, never echo: dash's echo interprets backslashes.

# print(text): text and a newline on stdout.
std_print() {
  printf '%s\n' "$1"
}

# printErr(text): text and a newline on stderr.
std_print_err() {
  printf '%s\n' "$1" >&2
}

# write(text): text on stdout, no newline.
std_write() {
  printf '%s' "$1"
}

# writeErr(text): text on stderr, no newline.
std_write_err() {
  printf '%s' "$1" >&2
}

# exit(code)
std_exit() {
  exit "$1"
}
