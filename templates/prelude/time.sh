# The clock: the std's readClock and sleepSeconds; and stderrIsTerminal. date(1) is POSIX; its %N (nanoseconds) is not, so it is
# used only where this date prints digits for it (GNU date; Debian's busybox
# date has no %N, so there timestamps have whole seconds).

# The clock at start: seconds, nanoseconds (or 0), and whether %N works.
__clock_start=$(date -u '+%s %N')
__clock_has_ns=false
case "${__clock_start#* }" in
  '' | *[!0-9]*) __clock_start="${__clock_start%% *} 0" ;;
  *) __clock_has_ns=true ;;
esac

# readClock(): a record of millis (since the script started) and timestamp
# (RFC 3339 UTC, with microseconds where date gives nanoseconds), from one
# call of date: each reading costs a process.
std_read_clock() {
  # ksh93 cuts a command substitution short, empty, when a trapped signal
  # (a stop signal, the stop timer's ALRM) arrives: ask again, a few times.
  __clk_now=''
  __clk_tries=0
  while [ -z "$__clk_now" ] && [ "$__clk_tries" -lt 5 ]; do
    if [ "$__clock_has_ns" = true ]; then
      __clk_now=$(date -u '+%s %N %Y-%m-%dT%H:%M:%S')
    else
      __clk_now=$(date -u '+%s 0 %Y-%m-%dT%H:%M:%S')
    fi
    __clk_tries=$((__clk_tries + 1))
  done
  __clk_seconds=${__clk_now%% *}
  __clk_rest=${__clk_now#* }
  __clk_ns=${__clk_rest%% *}
  __clk_stamp=${__clk_rest#* }
  if [ "$__clock_has_ns" = true ]; then
    # Nine digits of nanoseconds -> six of microseconds.
    __clk_stamp="$__clk_stamp.${__clk_ns%???}Z"
  else
    __clk_stamp="${__clk_stamp}Z"
  fi
  __clk_start_ns=${__clock_start#* }
  # Strip leading zeros: 0-prefixed numbers are octal in some shells' $((...)).
  __clk_ns=${__clk_ns#"${__clk_ns%%[!0]*}"}
  __clk_start_ns=${__clk_start_ns#"${__clk_start_ns%%[!0]*}"}
  # Seconds are subtracted before scaling, so the sum fits mksh's 32-bit arithmetic.
  __clk_millis=$(( (__clk_seconds - ${__clock_start%% *}) * 1000 + (${__clk_ns:-0} - ${__clk_start_ns:-0}) / 1000000 ))
  __alloc
  eval "${__r}_millis=\$__clk_millis"
  eval "${__r}_timestamp=\$__clk_stamp"
}

# sleepSeconds(n): a stop signal ends it early (__supervise).
std_sleep_seconds() {
  [ "$__stop_signal" -eq 0 ] || return 0
  __cmd_stopping=false
  __cmd_grouped=false
  sleep "$1" &
  __cmd=$!
  __supervise "$__cmd"
  __stop_timer
}

# stderrIsTerminal()
std_stderr_is_terminal() {
  [ -t 2 ]
}
