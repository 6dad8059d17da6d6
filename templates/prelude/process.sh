# Processes: the std's runCapture and runStreaming, and maskLine. A command
# spec is a record: argv (array), cwd ("" for here), env (array of
# NAME=value). The command runs in a subshell that enters cwd, gives back
# the caller's locale (the script runs under LC_ALL=C), and execs env(1)
# with the pairs, then argv; nothing of that touches the script's own
# environment.

# The scratch directory for captured output and the masks, made on first use
# and removed when the script exits.
__scratch=''

# useScratchBase(dir): make the scratch directory under dir now (mktemp
# tells whether it can be made there: root passes test -w everywhere but on
# a read-only file system); status 1, and nothing made, when it cannot.
std_use_scratch_base() {
  __usb_dir=$(mktemp -d "$1/solstice-runner.XXXXXX" 2>/dev/null) || return 1
  [ -n "$__usb_dir" ] || return 1
  if [ -n "$__scratch" ]; then
    rm -rf -- "$__scratch"
  fi
  __scratch=$__usb_dir
  __scratch_traps
}

# __scratch_dir: make sure $__scratch exists (under TMPDIR, for a program
# that chose no place with useScratchBase).
__scratch_dir() {
  [ -z "$__scratch" ] || return 0
  std_use_scratch_base "${TMPDIR:-/tmp}" || {
    printf '%s\n' 'solstice-runner: cannot create a temporary directory (set TMPDIR to a writable directory)' >&2
    exit 73
  }
}

# __scratch_traps: the scratch directory goes when the script exits.
__scratch_traps() {
  trap '__remove_scratch' EXIT
  # Until watchStopSignals sets its own traps, a stop signal ends the script
  # as the signal does, once the directory is gone: with an EXIT trap alone,
  # mksh would run it and exit 0, ksh93 exit 15 (the parse of a large job
  # file is long in sh; issue 9).
  trap '__die_of TERM' TERM
  trap '__die_of INT' INT
  trap '__die_of HUP' HUP
}

# __die_of SIGNAL: the scratch directory removed, the script ends by SIGNAL.
# shellcheck disable=SC2317 # reached through the traps
__die_of() {
  __remove_scratch
  trap - EXIT TERM INT HUP
  kill -s "$1" "$$"
}

# __remove_scratch: the EXIT trap; safe to run twice. A signal that hits a
# subshell as it starts can run the script's own traps there (bash does),
# EXIT included: only the script's own shell removes the directory. bash
# and mksh say which process they are ($BASHPID); on Linux /proc/self/stat
# begins with it (read by the shell itself: no process); elsewhere a child
# asks.
# shellcheck disable=SC2317 # reached through the trap
__remove_scratch() {
  [ -n "${__scratch-}" ] || return 0
  if [ -n "${BASHPID-}" ]; then
    [ "$BASHPID" = "$$" ] || return 0
  elif read -r __rsc_self __rsc_rest 2>/dev/null </proc/self/stat; then
    [ "$__rsc_self" = "$$" ] || return 0
  else
    # The child answers by its status, not its output: ksh93 cuts a $(...)
    # short, empty, when a trapped signal (the stop ticker's) arrives, and
    # the directory was then left behind.
    # shellcheck disable=SC2016 # the child's $PPID and $1
    sh -c '[ "$PPID" = "$1" ]' sh "$$" || return 0
  fi
  # Forgotten before the removal: a trap that runs meanwhile (a late timer's
  # ALRM notes itself in $__scratch/pending) would make a file in the
  # directory as rm empties it, and rm then fails to remove it. A second rm
  # for any other late writer (a masker ending).
  __rsc_dir=$__scratch
  __scratch=''
  # The shell's own stderr goes to /dev/null meanwhile, rm's last error
  # to fd 3 (the script's stderr): bash 5.2 with job control on (set -m,
  # for a command's process group) can lose its record of rm as a stop
  # signal's trap runs, and then says "wait_for: No record of process N"
  # on stderr, where the job's stderr goes (seen once under load).
  {
    rm -rf -- "$__rsc_dir" 2>/dev/null || rm -rf -- "$__rsc_dir" 2>&3
  } 3>&2 2>/dev/null
  # The stop ticker (stop.sh), if any, goes with the script.
  if [ -n "${__ticker-}" ]; then
    kill -KILL "$__ticker" 2>/dev/null
  fi
}

# __enter_command SPEC: in the command's subshell, the directory and the
# locale; nothing of the command's environment (see __exec_command).
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
}

# __exec_command SPEC TRACKING [WORD...]: in the command's subshell, become the
# command: enter it (above), then exec the WORDs (a launcher such as
# setsid), then env(1) with the command's NAME=value pairs as arguments,
# then argv. No shell ever assigns the command's environment: a name that
# is one of this script's variables, or one a shell keeps for itself
# (bash's readonly UID, zsh's status), reaches the command as given, and
# env is found on the runner's PATH, not on the one the pairs set. The
# job's tracking entry (TRACKING, when not empty) comes last, so no pair
# can replace it. A bare NAME (the runner's own, never a "__" one)
# removes the variable. The function's positional parameters become the
# command line, so no word of it is ever split or evaluated.
__exec_command() {
  __ex_spec=$1
  __ex_tracking=$2
  shift 2
  __enter_command "$__ex_spec"
  eval "__ex_env=\${${__ex_spec}_env}"
  eval "__ex_n=\${${__ex_env}_n}"
  # The pairs become arguments through one eval of references to the
  # heap's own variables ("${_h7_0}" ...; eval sees handles and digits, never
  # a pair): appended one at a time, set -- "$@" PAIR copies every argument
  # each time, and 11,000 pairs took dash 15 s and bash 70 s. The
  # references are gathered in pieces of 64, as __join does, for the same
  # reason.
  __ex_refs=''
  __ex_piece=''
  __ex_i=0
  __ex_unset=''
  while [ "$__ex_i" -lt "$__ex_n" ]; do
    eval "__ex_pair=\${${__ex_env}_${__ex_i}}"
    case "$__ex_pair" in
      *=*) __ex_piece="$__ex_piece \"\${${__ex_env}_${__ex_i}}\"" ;;
      __*) ;;
      *) __is_name "$__ex_pair" && __ex_unset="$__ex_unset $__ex_pair" ;;
    esac
    __ex_i=$((__ex_i + 1))
    if [ $((__ex_i % 64)) -eq 0 ]; then
      __ex_refs=$__ex_refs$__ex_piece
      __ex_piece=''
    fi
  done
  eval "set -- \${1+\"\$@\"} env$__ex_refs$__ex_piece"
  if [ -n "$__ex_tracking" ]; then
    set -- "$@" "$__ex_tracking"
  fi
  # When exec fails with E2BIG (an environment past what the kernel
  # passes), posh exits 1, as if the job had, and zsh 127, as if nothing
  # were found: there env is asked first with the same pairs and no command
  # (it prints them), and its failure is the 126 the other shells give. It
  # says why on the job's stderr.
  if [ -n "${POSH_VERSION-}${ZSH_VERSION-}" ]; then
    "$@" >/dev/null || exit 126
  fi
  eval "__ex_argv=\${${__ex_spec}_argv}"
  eval "__ex_n=\${${__ex_argv}_n}"
  __ex_i=0
  while [ "$__ex_i" -lt "$__ex_n" ]; do
    eval "__ex_arg=\${${__ex_argv}_${__ex_i}}"
    # env would take a command with "=" in its name for one more pair.
    if [ "$__ex_i" -eq 0 ]; then
      # shellcheck disable=SC2016 # the inner shell's $0 and $@
      case $__ex_arg in
        *=*) set -- "$@" /bin/sh -c 'exec "$0" "$@"' ;;
      esac
    fi
    set -- "$@" "$__ex_arg"
    __ex_i=$((__ex_i + 1))
  done
  # Checked names, split on purpose.
  # shellcheck disable=SC2086
  [ -z "$__ex_unset" ] || unset $__ex_unset
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
  # In the background, so that a stop signal is not held back until the
  # command ends (see __supervise); the command's own redirections are
  # made inside its subshell, and `wait` reports nothing on stderr.
  # Made here: a command stopped before its redirections still leaves them.
  : >"$__scratch/stdout"
  : >"$__scratch/stderr"
  __start_command "$1" "$__scratch/stdout" "$__scratch/stderr" false
  __supervise "$__cmd"
  __normal_status "$__r"
  __rc_status=$__r
  __stop_timer
  std_read_file "$__scratch/stdout"
  __rc_stdout=$__r
  std_read_file "$__scratch/stderr"
  __rc_stderr=$__r
  __alloc
  eval "${__r}_status=\$__rc_status"
  eval "${__r}_stdout=\$__rc_stdout"
  eval "${__r}_stderr=\$__rc_stderr"
}

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
    # gawk has had fflush() since 1991: no second probe.
    'GNU Awk'*)
      __awk_flush='fflush()'
      return 0
      ;;
  esac
  if "$__awk" 'BEGIN { fflush() }' </dev/null >/dev/null 2>&1; then
    __awk_flush='fflush()'
  else
    __awk_flush='system("")'
  fi
}

# runStreaming(spec, masks, limits): run the job in a process group of its
# own, its stdout to ours and its stderr to ours through the masker, line
# by line; a record of status and timedOut in __r. The output goes through
# two fifos read by two maskers in this shell's group, so the job's pid is
# known and stopping its group never stops the maskers. See __supervise for
# the stop signals and the timer:
#   timeout  expires: the group gets TERM, then KILL after the grace period;
#   the job's main process ends: the maskers may drain for drainSeconds
#            while background processes still hold the output, then the
#            group is stopped; a second after KILL the maskers are stopped
#            (a process that left the group may hold the fifos for ever);
#   at the end, whatever is left of the group is stopped too.
std_run_streaming() {
  __scratch_dir
  __find_awk_flush
  __rs_masks=$2
  eval "__rs_timeout=\${$3_timeoutSeconds}"
  eval "__rs_drain=\${$3_drainSeconds}"
  __mask_prepare "$__rs_masks"
  # A job before this one in the same run left its fifos.
  if [ -p "$__scratch/out" ]; then
    rm -f -- "$__scratch/out" "$__scratch/err" "$__scratch/out.lines" "$__scratch/err.lines"
  fi
  # With dd, each masker reads its stream through a relay (__mask_relay).
  __rs_out_lines=$__scratch/out
  __rs_err_lines=$__scratch/err
  if [ -n "$__mask_chunk" ]; then
    __rs_out_lines=$__scratch/out.lines
    __rs_err_lines=$__scratch/err.lines
    mkfifo "$__scratch/out" "$__scratch/err" "$__rs_out_lines" "$__rs_err_lines"
  else
    mkfifo "$__scratch/out" "$__scratch/err"
  fi || {
    printf '%s\n' "solstice-runner: cannot make fifos in $__scratch (set TMPDIR to a writable directory on a local file system)" >&2
    exit 73
  }
  __next_job_frames
  # stdout's masker holds stderr's fifo open, so stderr's masker is there
  # to be told of values added on stdout for as long as stdout's runs. It
  # opens it first, read-write (which never waits for the other end): were
  # it opened write-only after stdout's fifo, a job that ended at once
  # could leave stderr's masker at its end of file and gone, and stdout's
  # masker waiting for a reader until the give-up timer killed it, with
  # the job's whole stdout unread.
  # shellcheck disable=SC2094 # two fifos: one is read, err is held open
  __mask_awk o "$__scratch/err" 3<>"$__scratch/err" <"$__rs_out_lines" &
  __rs_out_masker=$!
  __mask_awk e <"$__rs_err_lines" >&2 &
  __rs_err_masker=$!
  __cmd_readers="$__rs_out_masker $__rs_err_masker"
  # The relays are readers too: the give-up timer stops them with the maskers.
  if [ -n "$__mask_chunk" ]; then
    __mask_relay "$__scratch/out.dd" <"$__scratch/out" >"$__rs_out_lines" &
    __cmd_readers="$__cmd_readers $!"
    __mask_relay "$__scratch/err.dd" <"$__scratch/err" >"$__rs_err_lines" &
    __cmd_readers="$__cmd_readers $!"
  fi
  # Unique: the scratch directory's random suffix (mktemp), this shell's
  # pid, a count; the "-" at the end keeps one entry from starting another.
  __jobs_run=$((__jobs_run + 1))
  __cmd_tracking="SOLSTICE_TRACKING_ID=sh-${__scratch##*.}-$$-$__jobs_run-"
  __start_command "$1" "$__scratch/out" "$__scratch/err" true
  if [ "$__rs_timeout" -gt 0 ] && [ "$__cmd_stopping" = false ]; then
    __start_timer "$__rs_timeout" timeout
  fi
  __supervise "$__cmd"
  __normal_status "$__r"
  __rs_status=$__r
  # Stopping already: the grace timer runs on.
  if [ "$__cmd_stopping" = false ]; then
    __start_timer "$__rs_drain" drain
  fi
  __supervise "$__rs_out_masker"
  __supervise "$__rs_err_masker"
  __stop_leftovers
  __stop_timer
  __cmd_readers=''
  __cmd_tracking=''
  __mask_results
  __alloc
  eval "${__r}_status=\$__rs_status"
  eval "${__r}_timedOut=\$__cmd_timed_out"
  eval "${__r}_addedMasks=\$__r_added"
  eval "${__r}_refusedMasks=\$__r_refused"
}

# __stop_leftovers: the job's main process has ended and its output is
# closed: stop what is left of its group (TERM, KILL after the grace
# period) and wait until nothing is, or a second past the KILL.
__stop_leftovers() {
  __command_group_alive || return 0
  __stop_command
  while __command_group_alive && [ "$__given_up" = false ]; do
    __short_sleep
  done
}
