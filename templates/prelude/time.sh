# The clock: the std's timestamp and uptimeMillis, and sleepSeconds; and
# stderrIsTerminal. date(1) is POSIX; its %N (nanoseconds) is not, so it is
# used only where this date prints digits for it (GNU, busybox).

# The clock at start: seconds, nanoseconds (or 0), and whether %N works.
__clock_start=$(date -u '+%s %N')
__clock_has_ns=false
case "${__clock_start#* }" in
  '' | *[!0-9]*) __clock_start="${__clock_start%% *} 0" ;;
  *) __clock_has_ns=true ;;
esac

# timestamp(): RFC 3339 UTC, with microseconds where date gives them.
std_timestamp() {
  if [ "$__clock_has_ns" = true ]; then
    __r=$(date -u '+%Y-%m-%dT%H:%M:%S.%N')
    # Nine digits of nanoseconds -> six of microseconds.
    __r="${__r%???}Z"
  else
    __r=$(date -u '+%Y-%m-%dT%H:%M:%SZ')
  fi
}

# uptimeMillis(): milliseconds since the script started. Seconds are
# subtracted before scaling so the sum fits mksh's 32-bit arithmetic.
std_uptime_millis() {
  if [ "$__clock_has_ns" = true ]; then
    __um_now=$(date -u '+%s %N')
  else
    __um_now="$(date -u '+%s') 0"
  fi
  __um_ns=${__um_now#* }
  __um_start_ns=${__clock_start#* }
  # Strip leading zeros: 0-prefixed numbers are octal in some shells' $((...)).
  __um_ns=${__um_ns#"${__um_ns%%[!0]*}"}
  __um_start_ns=${__um_start_ns#"${__um_start_ns%%[!0]*}"}
  __r=$(( (${__um_now%% *} - ${__clock_start%% *}) * 1000 + (${__um_ns:-0} - ${__um_start_ns:-0}) / 1000000 ))
}

# sleepSeconds(n)
std_sleep_seconds() {
  sleep "$1"
}

# stderrIsTerminal()
std_stderr_is_terminal() {
  [ -t 2 ]
}
