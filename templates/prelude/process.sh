# Processes: the std's runCapture and runStreaming, and maskLine. A command
# spec is a record: argv (array), cwd ("" for here), env (array of
# NAME=value). The command runs in a subshell that enters cwd, gives back
# the caller's locale (the script runs under LC_ALL=C), exports env, and
# execs argv; nothing of that touches the script's own environment.

# The scratch directory for captured output and the masks, made on first use
# and removed when the script exits.
__scratch=''

# __scratch_dir: make sure $__scratch exists.
__scratch_dir() {
  [ -z "$__scratch" ] || return 0
  __scratch=$(mktemp -d "${TMPDIR:-/tmp}/solstice-runner.XXXXXX") || {
    printf '%s\n' 'solstice-runner: cannot create a temporary directory (set TMPDIR to a writable directory)' >&2
    exit 73
  }
  trap '__remove_scratch' EXIT
}

# __remove_scratch: the EXIT trap; safe to run twice.
# shellcheck disable=SC2317 # reached through the trap
__remove_scratch() {
  if [ -n "$__scratch" ]; then
    rm -rf -- "$__scratch"
    __scratch=''
  fi
}

# __enter_command SPEC: in the command's subshell, everything but argv.
__enter_command() {
  eval "__en_cwd=\${$1_cwd}"
  if [ -n "$__en_cwd" ] && ! cd -- "$__en_cwd" 2>/dev/null; then
    printf 'cannot enter directory %s\n' "$__en_cwd" >&2
    exit 126
  fi
  if [ -n "$__locale_was_set" ]; then
    LC_ALL=$__locale_saved
  else
    unset LC_ALL
  fi
  eval "__en_env=\${$1_env}"
  eval "__en_n=\${${__en_env}_n}"
  __en_i=0
  while [ "$__en_i" -lt "$__en_n" ]; do
    eval "__en_pair=\${${__en_env}_${__en_i}}"
    __en_name=${__en_pair%%=*}
    # export "NAME=value" takes the value as data; the name is checked first.
    # A bare NAME removes the variable.
    if __is_name "$__en_name"; then
      case "$__en_pair" in
        *=*) export "$__en_name=${__en_pair#*=}" ;;
        *) unset "$__en_name" ;;
      esac
    fi
    __en_i=$((__en_i + 1))
  done
}

# __exec_command SPEC: in the command's subshell, become the command: enter
# it (above), then exec argv. The function's own positional parameters
# become argv, so no word of it is ever split or evaluated.
__exec_command() {
  __enter_command "$1"
  eval "__ex_argv=\${$1_argv}"
  eval "__ex_n=\${${__ex_argv}_n}"
  set --
  __ex_i=0
  while [ "$__ex_i" -lt "$__ex_n" ]; do
    eval "__ex_arg=\${${__ex_argv}_${__ex_i}}"
    set -- ${1+"$@"} "$__ex_arg"
    __ex_i=$((__ex_i + 1))
  done
  exec "$@"
}

# __normal_status STATUS: a death by signal N as 128+N on every shell
# (ksh93 reports 256+N, yash 384+N).
__normal_status() {
  __r=$1
  if [ "$__r" -gt 384 ]; then
    __r=$((__r - 256))
  elif [ "$__r" -gt 256 ]; then
    __r=$((__r - 128))
  fi
}

# runCapture(spec): run to the end; a record of status, stdout and stderr.
std_run_capture() {
  __scratch_dir
  # The redirections are made inside the subshell, and the shell's own
  # stderr is /dev/null while it waits: a shell reports a child killed by a
  # signal ("Terminated") on the stderr of the command that ran it (mksh,
  # ksh93 and posh: on the command's redirected stderr).
  {
    (
      exec </dev/null >"$__scratch/stdout" 2>"$__scratch/stderr"
      __exec_command "$1"
    )
    __rc_status=$?
  } 2>/dev/null
  __normal_status "$__rc_status"
  __rc_status=$__r
  std_read_file "$__scratch/stdout"
  __rc_stdout=$__r
  std_read_file "$__scratch/stderr"
  __rc_stderr=$__r
  __alloc
  eval "${__r}_status=\$__rc_status"
  eval "${__r}_stdout=\$__rc_stdout"
  eval "${__r}_stderr=\$__rc_stderr"
}

# The masker: every line of its input with each value listed in the file
# $__mask_file (one a line, in order) replaced by ***, flushed at once so
# the job's lines arrive as they are written. The flushing call goes between
# the program's two halves: see __find_awk_flush.
# shellcheck disable=SC2016 # awk's $0, not the shell's
__mask_program='
BEGIN {
  n = 0
  while ((getline value < ENVIRON["__mask_file"]) > 0) masks[++n] = value
}
{
  line = $0
  for (i = 1; i <= n; i++) {
    value = masks[i]
    done = ""
    while ((at = index(line, value)) > 0) {
      done = done substr(line, 1, at - 1) "***"
      line = substr(line, at + length(value))
    }
    line = done line
  }
  print line
'
__mask_program_end='
}'

# How this awk delivers each line at once. Output: fflush() where it has
# it; illumos' nawk has none (a call is a syntax error there), but like
# every awk from BWK's it flushes its output before running a command, so
# system("") serves. Input: mawk (Debian's awk) reads a pipe in blocks and
# holds a line back until more comes, unless run with -W interactive.
# Asked once, on first use.
__awk_flush=''
__awk_interactive=false

# The awk the masker runs: awk from PATH, unless the script was built for a
# target (Cross.toml) that names its own; the target's block, after these
# globals, sets it.
__awk='awk'

# __find_awk_flush: set __awk_flush and __awk_interactive.
__find_awk_flush() {
  [ -z "$__awk_flush" ] || return 0
  case "$("$__awk" -W version </dev/null 2>/dev/null)" in
    mawk*)
      __awk_flush='fflush()'
      __awk_interactive=true
      return 0
      ;;
  esac
  if "$__awk" 'BEGIN { fflush() }' </dev/null >/dev/null 2>&1; then
    __awk_flush='fflush()'
  else
    __awk_flush='system("")'
  fi
}

# __mask_awk: the masker, as a filter from stdin to stdout.
__mask_awk() {
  if [ "$__awk_interactive" = true ]; then
    __mask_file=$__scratch/masks LC_ALL=C "$__awk" -W interactive "$__mask_program$__awk_flush$__mask_program_end"
  else
    __mask_file=$__scratch/masks LC_ALL=C "$__awk" "$__mask_program$__awk_flush$__mask_program_end"
  fi
}

# runStreaming(spec, masks): run the job, its stdout to ours and its stderr
# to ours through the masker, line by line; the exit status in __r. The
# status travels through a file: sh has no portable pipefail.
# As in runCapture, the job's redirections are made inside its subshell and
# the waiting shell's stderr is /dev/null, so no shell adds "Terminated" to
# the job's output when a signal kills it. The waiting shell catches INT (a
# trap, so the job still gets the default action): ksh93 and bash otherwise
# kill themselves with SIGINT when their child dies of it, and the status
# would be lost.
std_run_streaming() {
  __scratch_dir
  __find_awk_flush
  __rs_masks=$2
  : >"$__scratch/masks"
  eval "__rs_n=\${${__rs_masks}_n}"
  __rs_i=0
  while [ "$__rs_i" -lt "$__rs_n" ]; do
    eval "__rs_value=\${${__rs_masks}_${__rs_i}}"
    printf '%s\n' "$__rs_value" >>"$__scratch/masks"
    __rs_i=$((__rs_i + 1))
  done
  rm -f -- "$__scratch/status"
  {
    {
      trap : INT
      (
        exec </dev/null 2>&1 1>&3 3>&- 4>&-
        __exec_command "$1"
      )
      printf '%s\n' "$?" >"$__scratch/status"
    } 2>/dev/null | __mask_awk >&4 3>&- 4>&-
  } 3>&1 4>&2 | __mask_awk
  __r=127
  if [ -r "$__scratch/status" ]; then
    IFS= read -r __r <"$__scratch/status"
  fi
  __normal_status "$__r"
}

# maskLine(line, masks): the masker's step for one line the runner prints.
std_mask_line() {
  __ml_line=$1
  eval "__ml_n=\${$2_n}"
  __ml_i=0
  while [ "$__ml_i" -lt "$__ml_n" ]; do
    eval "__ml_value=\${$2_${__ml_i}}"
    if [ -n "$__ml_value" ]; then
      __replace_all "$__ml_line" "$__ml_value" '***'
      __ml_line=$__r
    fi
    __ml_i=$((__ml_i + 1))
  done
  __r=$__ml_line
}
