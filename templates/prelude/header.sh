# Arrays and records live in variables that eval reads and writes, which
# static checkers cannot follow:
# shellcheck disable=SC2034,SC2154

# zsh behaves as a POSIX shell only in sh emulation.
if [ -n "${ZSH_VERSION-}" ]; then emulate sh; fi
# No pathname expansion anywhere; an unset variable is a bug, not "".
set -f -u
# Strings are bytes on every shell (${#s}, patterns, ranges), as in the Node build.
__locale_saved=${LC_ALL-}
__locale_was_set=${LC_ALL+x}
LC_ALL=C
# A function's result (strings, numbers, handles), and the heap's next handle (heap.sh).
__r=''
__hp=0
# A closed stdout or stderr (>&-) is /dev/null, as Node makes it: else the
# first file the script opens would take its number, and the runner's lines
# would go there. The test runs in a subshell, whose complaint goes nowhere.
(exec 3>&1) 2>/dev/null || exec 1>/dev/null
(exec 3>&2) || exec 2>/dev/null
# Output to a pipe whose reader is gone fails (EPIPE) instead of killing the
# script: the runner still stops the job and exits with its status. Every
# command the script starts gets the default back (__enter_subshell).
trap '' PIPE
