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
