# Stopping: the std's watchStopSignals and stopSignal, and the supervision
# every command the script runs goes through (process.sh). One command runs
# at a time: __cmd is its pid, started in the background so that `wait`,
# unlike a foreground command, is cut short by a trapped signal. A command
# in a process group of its own (__cmd_grouped) is signalled as a group.
# Timed actions come from one timer at a time: a background sleeper that
# sends ALRM to this shell.

# The first stop signal's number, or 0; the grace period between TERM and
# KILL; whether a trap ran since the last look; whether the timer went off.
__stop_signal=0
__stop_grace=10
__trapped=false
__alarm=false
# The running command, and how far its stopping has gone.
__cmd=''
__cmd_grouped=false
__cmd_stopping=false
__cmd_timed_out=false
__given_up=false
# This shell, for the timer to signal ($$ is the same in every subshell).
__runner_pid=$$
# The job's tracking entry (NAME=value) in its environment, "" for other
# commands; and how many jobs have run, to make each entry new.
__cmd_tracking=''
__jobs_run=0
# The processes reading the command's output (the maskers): stopped when
# the give-up timer expires.
__cmd_readers=''
# The timer's pid and what its expiry means: timeout, drain, grace, give-up.
__timer=''
__timer_for=''
# How commands get a process group of their own: monitor (set -m), setsid
# (the utility), none; decided on first use.
__group_method=''
__group_prefix=''

# watchStopSignals(grace): from now on TERM, INT and HUP are remembered,
# not fatal; the running command is stopped (TERM, then KILL after grace
# seconds). Later signals change nothing.
std_watch_stop_signals() {
  __stop_grace=$1
  # ksh93 cuts a command substitution short, empty, when a trapped signal
  # arrives: what is asked of the system with $(...) once is asked now,
  # before the traps exist.
  __scratch_dir
  __find_awk_flush
  __find_group_method
  trap '__on_stop_signal 15' TERM
  trap '__on_stop_signal 2' INT
  trap '__on_stop_signal 1' HUP
  trap '__trapped=true; __alarm=true; __note_pending' ALRM
  trap '__trapped=true' USR2
  __start_ticker
}

# The ticker's pid: a background loop that sends USR2 to this shell every
# second while a stop signal or a timer's ALRM waits for its reaction (the
# traps write to $__scratch/pending, __react empties it). bash and ksh93
# can miss a signal that arrives in the instant their `wait` begins and
# stay in it until the child ends (a git fetch from a silent server: for
# ever); the next tick cuts that wait short, and __supervise then sees the
# stop signal. Only then: a USR2 that interrupts a `wait` as its child ends
# can take the child's status with it (bash reaps the child, then returns
# 140 for the trap, and a second `wait` knows the pid no more; a job KILLed
# after the grace period was reported as 140), and a job's own status must
# be reported as it was.
__ticker=''

# __start_ticker: start the ticker; it ends by itself once this shell has.
__start_ticker() {
  (
    trap - EXIT TERM INT HUP ALRM USR2
    while sleep 1; do
      if [ -n "$__scratch" ] && [ -s "$__scratch/pending" ]; then
        kill -s USR2 "$__runner_pid" || break
      else
        kill -0 "$__runner_pid" || break
      fi
    done
  ) </dev/null >/dev/null 2>&1 &
  __ticker=$!
}

# __note_pending: the ticker ticks until __react has run (echo and a
# redirection: no process, in every shell).
# shellcheck disable=SC2317 # reached through the traps
__note_pending() {
  [ -z "$__scratch" ] || echo x >"$__scratch/pending" 2>/dev/null
}

# __on_stop_signal N: the trap; the loop in __supervise does the stopping.
# ksh93 can run a trap inside a subshell that has no process of its own
# (a $(...): .sh.pid is still $$), whose variables go when it ends; a trap
# that came during a $(...) there once found the script's variables unset,
# and a HUP during a job was once never acted on. So in ksh93 the first
# signal is also written to $__scratch/signal, before the pending note that
# makes the ticker wake this shell, and __take_signal_note reads it back.
# Only from this process: a trap run by a forked subshell as it starts was
# not sent to the runner.
# shellcheck disable=SC2317 # reached through the traps
__on_stop_signal() {
  __trapped=true
  if [ "$__stop_signal" -eq 0 ]; then
    __stop_signal=$1
    case ${KSH_VERSION-} in
      *93*)
        eval '__os_pid=${.sh.pid}'
        if [ "$__os_pid" = "$$" ] && [ -n "${__scratch-}" ] && [ ! -s "$__scratch/signal" ]; then
          echo "$1" >"$__scratch/signal" 2>/dev/null
        fi
        ;;
    esac
  fi
  __note_pending
}

# __take_signal_note: a stop signal whose trap ran in a ksh93 subshell
# (__on_stop_signal), into __stop_signal.
__take_signal_note() {
  [ "$__stop_signal" -eq 0 ] && [ -n "$__scratch" ] && [ -s "$__scratch/signal" ] || return 0
  __ts_line=''
  { IFS= read -r __ts_line <"$__scratch/signal"; } 2>/dev/null || :
  case $__ts_line in
    1 | 2 | 15) __stop_signal=$__ts_line ;;
  esac
}

# stopSignal()
std_stop_signal() {
  __take_signal_note
  __r=$__stop_signal
}

# __find_group_method: set __group_method and __group_prefix. set -m gives
# each background job a process group of its own, where the shell does job
# control without a terminal (bash, ksh93, mksh); dash and busybox accept
# it but turn it off, saying so on stderr; posh and zsh refuse it, and a
# failing special builtin would end the script, so a subshell asks first.
# Otherwise setsid(1) (util-linux, busybox) makes the group. A background
# job without job control starts with INT and QUIT ignored, which dash and
# busybox cannot undo: GNU env puts them back to default where it can.
__find_group_method() {
  [ -z "$__group_method" ] || return 0
  __scratch_dir
  __group_method=none
  if (set -m) 2>/dev/null; then
    set -m 2>"$__scratch/monitor"
    set +m
    if [ ! -s "$__scratch/monitor" ]; then
      __group_method=monitor
      return 0
    fi
  fi
  if command -v setsid >/dev/null 2>&1; then
    __group_method=setsid
    __group_prefix=setsid
    # The clock's start asked env already (time.sh); a script without the
    # clock asks now (without a command env prints the environment: one
    # process, not two).
    if [ -z "${__env_default_signal-}" ]; then
      __env_default_signal=false
      if env --default-signal=INT,QUIT >/dev/null 2>&1; then
        __env_default_signal=true
      fi
    fi
    if [ "$__env_default_signal" = true ]; then
      __group_prefix='env --default-signal=INT,QUIT setsid'
    fi
  fi
}

# processGroupProblem(): why the job cannot have a process group of its
# own here, or "".
std_process_group_problem() {
  __find_group_method
  __r=''
  if [ "$__group_method" = none ]; then
    __r='this shell has no job control without a terminal and setsid(1) is not on PATH, so only the job'"'"'s main process can be stopped, not what it starts; install setsid (util-linux or busybox) or run the script with ksh93, bash or mksh'
  fi
}

# __enter_subshell: first thing in a command's subshell. A signal that hits
# a subshell as it starts can run the script's own traps there (bash, dash):
# from here on the signals act on it as on the command.
__enter_subshell() {
  trap - EXIT TERM INT HUP ALRM USR2 PIPE
}

# __start_command SPEC OUT ERR GROUP: run the command in the background,
# stdin from /dev/null, stdout to OUT and stderr to ERR; with GROUP true,
# as the leader of a process group of its own where the shell can make
# one. Sets __cmd.
__start_command() {
  __cmd_stopping=false
  __cmd_timed_out=false
  __given_up=false
  __cmd_grouped=false
  __sc_stopped_before=$__stop_signal
  __sc_prefix=''
  if [ "$4" = true ]; then
    __find_group_method
    case $__group_method in
      monitor)
        set -m
        __cmd_grouped=true
        ;;
      setsid)
        __sc_prefix=$__group_prefix
        __cmd_grouped=true
        ;;
    esac
  fi
  # The prefix is fixed words: split on purpose.
  # shellcheck disable=SC2086
  (
    __enter_subshell
    exec </dev/null >"$2" 2>"$3"
    # A stop that came before (or ran its trap here) means the command does
    # not start; its output is opened all the same, or a masker would wait
    # in its own open of the fifo for a writer that never comes.
    [ "$__stop_signal" -eq 0 ] || exit 143
    # The job carries its tracking entry; a captured command none.
    if [ "$4" = true ]; then
      __exec_command "$1" "$__cmd_tracking" $__sc_prefix
    fi
    __exec_command "$1" '' $__sc_prefix
  ) &
  __cmd=$!
  # posh and zsh refuse even `set +m`: only where it was set.
  if [ "$__cmd_grouped" = true ] && [ "$__group_method" = monitor ]; then
    set +m
  fi
  # A subshell started after a stop signal ends by itself
  # (__enter_subshell): no TERM for it, which could reach it before it has
  # dropped the script's traps; the grace timer still stands behind it. A
  # signal that came since the fork is acted on by __supervise, as usual.
  if [ "$__sc_stopped_before" -ne 0 ]; then
    __cmd_stopping=true
    __start_timer "$__stop_grace" grace
  fi
}

# Whether `kill` is a utility rather than a builtin (posh has none): then
# it is util-linux's or procps', which read "-N" after a signal as another
# signal, not a process group, unless "--" comes first; the builtins of the
# other shells do not all take "--" (dash, busybox). Asked on first use.
__kill_external=''

# __kill_group SIGNAL PGID: signal the process group PGID.
__kill_group() {
  if [ -z "$__kill_external" ]; then
    __kill_external=false
    case $(command -v kill) in
      /*) __kill_external=true ;;
    esac
  fi
  if [ "$__kill_external" = true ]; then
    kill "-$1" -- "-$2" 2>/dev/null
  else
    kill "-$1" "-$2" 2>/dev/null
  fi
}

# __tracked_pids: the pids of the running processes outside the job's
# process group whose environment holds the job's tracking entry, in __r
# (space-separated). That finds those that left the group (setsid, a
# daemon's double fork), on Linux, through /proc, as GitHub's runner does
# with RUNNER_TRACKING_ID. A zombie's environ reads empty, so it is not
# among them; the group's own are signalled as the group, once.
__tracked_pids() {
  __r=''
  [ -n "$__cmd_tracking" ] && [ -r /proc/self/environ ] || return 0
  set +f
  # ksh93 cuts a $(...) short when a trapped signal arrives (its status is
  # then the signal's number; grep's own are 0 to 2): ask again, a few times.
  # The stop ticker signals ksh93 while this runs, and a trap run in a
  # $(...) that ksh93 did not fork has left a variable of the script unset
  # (1 run in 40 under load): any ulimit, even a query, makes ksh93 fork
  # it. Elsewhere it forks anyway; and posh, which has no ulimit, crashed
  # (Memory fault) looking for one there.
  # (A case in the $(...) would be a syntax error to posh.)
  __tp_fork=false
  case ${KSH_VERSION-} in
    *93*) __tp_fork=true ;;
  esac
  __tp_tries=0
  while :; do
    __tp_files=$(
      if [ "$__tp_fork" = true ]; then ulimit -f >/dev/null 2>&1; fi
      grep -l -F -e "$__cmd_tracking" /proc/[0-9]*/environ 2>/dev/null
    )
    if [ "$?" -le 2 ] || [ "$__tp_tries" -ge 5 ]; then
      break
    fi
    __tp_tries=$((__tp_tries + 1))
  done
  set -f
  __tp_found=''
  for __tp_file in $__tp_files; do
    __tp_pid=${__tp_file#/proc/}
    __tp_pid=${__tp_pid%/environ}
    # Fields after "(comm) ": state, ppid, pgrp.
    __tp_stat=''
    { IFS= read -r __tp_stat <"/proc/$__tp_pid/stat"; } 2>/dev/null || :
    __tp_stat=${__tp_stat##*") "}
    __tp_stat=${__tp_stat#* }
    __tp_stat=${__tp_stat#* }
    if [ -n "$__tp_stat" ] && [ "${__tp_stat%% *}" != "$__cmd" ]; then
      __tp_found="$__tp_found $__tp_pid"
    fi
  done
  __r=$__tp_found
}

# __command_pid_valid: whether __cmd is a pid to signal. 0 or 1 (or a
# negative one) would signal everything: never, whatever the bug.
__command_pid_valid() {
  case $__cmd in
    '' | *[!0-9]* | 0 | 1) return 1 ;;
  esac
}

# __signal_command SIGNAL: to the processes __tracked_pids finds, and to
# the command's group, or (no group yet, or none) to the command itself.
__signal_command() {
  __command_pid_valid || return 1
  __tracked_pids
  if [ -n "$__r" ]; then
    # Split on purpose: pids.
    # shellcheck disable=SC2086
    kill "-$1" $__r 2>/dev/null
  fi
  if [ "$__cmd_grouped" = true ] && __kill_group "$1" "$__cmd"; then
    return 0
  fi
  kill "-$1" "$__cmd" 2>/dev/null
}

# __command_group_alive: whether a process of the command's group, or one
# tracked (__tracked_pids), is still running. A killed process whose
# parent is gone stays a zombie, still in its group, until init reaps it,
# which some inits do only now and then: on Linux /proc tells the two apart
# (fields after "(comm) ": state, ppid, pgrp; cat, because a process may go
# between the glob and the read); elsewhere a zombie counts.
__command_group_alive() {
  __tracked_pids
  [ -z "$__r" ] || return 0
  [ "$__cmd_grouped" = true ] && __command_pid_valid || return 1
  __kill_group 0 "$__cmd" || return 1
  [ -r /proc/self/stat ] || return 0
  set +f
  # shellcheck disable=SC2016 # awk's $0
  cat /proc/[0-9]*/stat 2>/dev/null | "$__awk" -v group="$__cmd" '
    { sub(/^.*\) /, ""); if ($3 == group && $1 != "Z") { found = 1; exit } }
    END { exit !found }'
  __ga_status=$?
  set -f
  return "$__ga_status"
}

# __output_held_elsewhere: whether a process other than the maskers and
# their relays (__cmd_readers) and the relays' dd holds the job's output
# fifos open, one that escaped the group and its tracking (its environment
# dropped). The readers' children (a relay's dd) are noted in
# $__scratch/reader-children, for the give-up to stop them too. On Linux
# /proc tells (a pipeline, not a $(...), which ksh93 cuts short on a
# trapped signal); elsewhere nothing does, and it is taken as held.
__output_held_elsewhere() {
  [ -d /proc/self/fd ] || return 0
  set +f
  # ls, not find: what each fd points at, on any Linux; its names are pids.
  # Every stat line (pid and parent) comes before the first fd.
  # shellcheck disable=SC2016,SC2012 # awk's $0
  { cat /proc/[0-9]*/stat; ls -l /proc/[0-9]*/fd; } 2>/dev/null |
    __oh_out="$__scratch/out" __oh_err="$__scratch/err" \
    __oh_children="$__scratch/reader-children" \
    __oh_readers=" $__cmd_readers " "$__awk" '
    /^[0-9]+ \(/ { p = $1; sub(/^.*\) /, ""); parent[p] = $2; next }
    /^\/proc\/[0-9]+\/fd:$/ { pid = substr($0, 7, length($0) - 10); next }
    index(ENVIRON["__oh_readers"], " " pid " ") { next }
    (pid in parent) && index(ENVIRON["__oh_readers"], " " parent[pid] " ") { next }
    {
      at = index($0, " -> ")
      if (at) {
        target = substr($0, at + 4)
        if (target == ENVIRON["__oh_out"] || target == ENVIRON["__oh_err"]) { found = 1; exit }
      }
    }
    END {
      children = ""
      for (p in parent) {
        if (index(ENVIRON["__oh_readers"], " " parent[p] " ")) children = children " " p
      }
      print children > ENVIRON["__oh_children"]
      exit !found
    }'
  __oh_status=$?
  set -f
  return "$__oh_status"
}

# __stop_command: TERM now, KILL when the grace period is over; once.
__stop_command() {
  [ "$__cmd_stopping" = false ] || return 0
  __cmd_stopping=true
  __signal_command TERM
  __start_timer "$__stop_grace" grace
}

# __start_timer SECONDS WHAT: in SECONDS, ALRM to this shell, meaning WHAT,
# and again every second until the timer is stopped: bash and ksh93 can
# miss a signal that comes as their `wait` begins (see __ticker). Acting on the
# timer starts the next one or stops it, so a repeat only wakes a shell
# that missed one. The timer is stopped with KILL, which no trap can hold
# up; its sleeper, which outlives it then, sleeps at most 10 seconds at a
# time and holds nothing of ours open.
__start_timer() {
  __stop_timer
  __timer_for=$2
  (
    trap - EXIT TERM INT HUP ALRM USR2
    __tm_left=$1
    while [ "$__tm_left" -gt 10 ]; do
      sleep 10
      __tm_left=$((__tm_left - 10))
    done
    sleep "$__tm_left"
    while kill -s ALRM "$__runner_pid"; do
      sleep 1
    done
  ) </dev/null >/dev/null 2>&1 &
  __timer=$!
}

# __stop_timer: no timer from now on. An ALRM it sent before dying has
# run its trap once the wait is over; it is forgotten with it.
__stop_timer() {
  if [ -n "$__timer" ]; then
    kill -KILL "$__timer" 2>/dev/null
    wait "$__timer" 2>/dev/null
    __timer=''
  fi
  __alarm=false
}

# __react: what the traps that ran ask for. A stop signal stops the
# command; the timer: timeout and drain stop it, grace KILLs what is left.
__react() {
  __trapped=false
  # Seen: the ticker stops (a trap from here on writes it again).
  [ -z "$__scratch" ] || : >"$__scratch/pending" 2>/dev/null
  __take_signal_note
  if [ "$__stop_signal" -ne 0 ]; then
    __stop_command
  fi
  if [ "$__alarm" = true ]; then
    __alarm=false
    case $__timer_for in
      timeout)
        __cmd_timed_out=true
        __stop_command
        ;;
      drain) __stop_command ;;
      grace)
        __signal_command KILL
        __start_timer 1 give-up
        ;;
      give-up)
        __given_up=true
        # On a loaded machine the maskers may still be at work on output
        # that is all written: stopping them would lose it. Only a process
        # that still holds the output open is worth giving up on; look
        # again in a second.
        if __output_held_elsewhere; then
          __stop_timer
          # Noted by __output_held_elsewhere where /proc is.
          __gu_children=''
          if [ -f "$__scratch/reader-children" ]; then
            IFS= read -r __gu_children <"$__scratch/reader-children" || :
          fi
          # Split on purpose: pids.
          # shellcheck disable=SC2086
          [ -z "$__cmd_readers" ] || kill $__cmd_readers $__gu_children 2>/dev/null
        else
          # A masker still in its open of a fifo waits for a writer that
          # may never come (a command stopped before it opened its
          # output): open each for a moment, which never waits (read and
          # write), so that it goes on to its end of file.
          : 1<>"$__scratch/out"
          : 1<>"$__scratch/err"
          __start_timer 1 give-up
        fi
        ;;
    esac
  fi
}

# __supervise PID: wait for PID (a child of this shell), reacting to traps
# meanwhile; its exit status in __r (set last: __react uses __r too). A
# trap cuts `wait` short (ksh93 then says 1, others 128+N); if the child
# was reaped during it, a shell that kept its status gives it again, one
# that did not says 127.
__supervise() {
  while :; do
    # A trap that ran before the wait began asks for its reaction now.
    [ "$__trapped" = false ] || __react
    wait "$1" 2>/dev/null
    __sv_status=$?
    if [ "$__trapped" = false ]; then
      __r=$__sv_status
      return 0
    fi
    if kill -0 "$1" 2>/dev/null; then
      __react
    else
      wait "$1" 2>/dev/null
      __sv_again=$?
      if [ "$__sv_again" -ne 127 ]; then
        __sv_status=$__sv_again
      fi
      # ksh93 runs its own INT trap when a child dies of SIGINT, as if it
      # had got the signal itself: that is the child's end, not a stop.
      if [ "$__stop_signal" -eq 2 ] && [ "$__cmd_stopping" = false ]; then
        case $__sv_status in
          130 | 258)
            __stop_signal=0
            [ -z "$__scratch" ] || : >"$__scratch/signal" 2>/dev/null
            ;;
        esac
      fi
      __react
      __r=$__sv_status
      return 0
    fi
  done
}

# How long __short_sleep sleeps: a tenth of a second where sleep takes
# fractions (GNU, busybox, illumos), else POSIX's whole second.
__short_sleep_for=''

# __short_sleep: sleep a moment, reacting to traps meanwhile.
__short_sleep() {
  if [ -z "$__short_sleep_for" ]; then
    __short_sleep_for=1
    if sleep 0.1 2>/dev/null; then
      __short_sleep_for=0.1
    fi
  fi
  sleep "$__short_sleep_for" &
  __supervise "$!"
}
