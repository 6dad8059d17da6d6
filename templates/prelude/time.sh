# The clock: the std's readClock and sleepSeconds; and stderrIsTerminal.
# Where /proc/uptime can be read (Linux), the clock is read once with date(1)
# at start and then advanced by the uptime, as the Node build advances its
# start by process.hrtime: a log event's reading is a `read` of a file, not a
# process (a trivial job has eight events). Elsewhere each reading runs date.
# date's %N (nanoseconds) is not POSIX, so it is used only where this date
# prints digits for it (GNU date; Debian's busybox date has no %N, so there
# timestamps have whole seconds).

# The uptime's text, as read: whole seconds in __cu_whole and hundredths in
# __cu_cs, and status 0; status 1 for anything else.
__clock_uptime_parse() {
  __cu_cs=${1#*.}
  __cu_whole=${1%.*}
  # Linux prints seconds and two digits of hundredths; anything else is not trusted.
  case "$__cu_whole" in
    '' | *[!0-9]*) return 1 ;;
  esac
  case "$__cu_cs" in
    [0-9][0-9]) __cu_cs=${__cu_cs#0} ;;
    *) return 1 ;;
  esac
}

# The uptime now, as __clock_uptime_parse leaves it.
__clock_uptime() {
  { read -r __cu_text __cu_idle </proc/uptime; } 2>/dev/null || return 1
  __clock_uptime_parse "$__cu_text"
}

# The clock at start: seconds, nanoseconds (or 0), and whether %N works;
# then the uptime's text (checked at the first reading: these lines run
# before any function is defined). The uptime is read after date, so that
# date's reading came before it: taken as a hundredth later still (the
# uptime is cut to hundredths), later timestamps are never ahead of the
# time of day, only behind by the moments date takes to end. Read before
# date, it put every later timestamp ahead by date's start-up, tens of
# milliseconds on a loaded machine. The same process asks whether env
# can put INT and QUIT back to default for a job (stop.sh): GNU env runs
# date with that option; an env without it fails, and date runs alone.
if __clock_start=$(env --default-signal=INT,QUIT date -u '+%s %N' 2>/dev/null); then
  __env_default_signal=true
else
  __env_default_signal=false
  __clock_start=$(date -u '+%s %N')
fi
__clock_start_uptime=''
{ read -r __clock_start_uptime __cu_idle </proc/uptime; } 2>/dev/null
__clock_by_uptime=''
__clock_has_ns=false
case "${__clock_start#* }" in
  '' | *[!0-9]*) __clock_start="${__clock_start%% *} 0" ;;
  *) __clock_has_ns=true ;;
esac
__clock_start_seconds=${__clock_start%% *}
__clock_start_ns=${__clock_start#* }
# Strip leading zeros: 0-prefixed numbers are octal in some shells' $((...)).
__clock_start_ns=${__clock_start_ns#"${__clock_start_ns%%[!0]*}"}
__clock_start_ns=${__clock_start_ns:-0}
__clock_civil_seconds=''

# readClock(): a record of millis (since the script started) and timestamp
# (RFC 3339 UTC, with microseconds where date gives nanoseconds).
std_read_clock() {
  if [ -z "$__clock_by_uptime" ]; then
    __clock_by_uptime=false
    if __clock_uptime_parse "$__clock_start_uptime"; then
      __clock_by_uptime=true
      __clock_start_cs=$((__cu_cs + 1))
      __clock_start_whole=$((__cu_whole + __clock_start_cs / 100))
      __clock_start_cs=$((__clock_start_cs % 100))
    fi
  fi
  if [ "$__clock_by_uptime" = true ] && __clock_uptime; then
    __clock_from_uptime
  else
    __clock_from_date
  fi
  __alloc
  eval "${__r}_millis=\$__clk_millis"
  eval "${__r}_timestamp=\$__clk_stamp"
}

# The start's reading advanced by the uptime since: __clk_millis and
# __clk_stamp. Seconds are subtracted before scaling, so every number fits
# mksh's 32-bit arithmetic (a job of up to 248 days).
__clock_from_uptime() {
  __clk_cs=$(((__cu_whole - __clock_start_whole) * 100 + __cu_cs - __clock_start_cs))
  # Within the hundredth the start was moved on by: no time yet.
  [ "$__clk_cs" -ge 0 ] || __clk_cs=0
  __clk_millis=$((__clk_cs * 10))
  __clk_us=$((__clock_start_ns / 1000 + __clk_cs % 100 * 10000))
  __clk_seconds=$((__clock_start_seconds + __clk_cs / 100 + __clk_us / 1000000))
  __clock_civil "$__clk_seconds"
  if [ "$__clock_has_ns" = true ]; then
    # 1000000 + the microseconds, less its leading 1: six digits.
    __clk_us=$((1000000 + __clk_us % 1000000))
    __clk_stamp="$__r.${__clk_us#1}Z"
  else
    __clk_stamp="${__r}Z"
  fi
}

# One date(1) for the reading. ksh93 cuts a command substitution short,
# empty, when a trapped signal (a stop signal, the stop timer's ALRM)
# arrives: ask again, a few times.
__clock_from_date() {
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
  __clk_ns=${__clk_ns#"${__clk_ns%%[!0]*}"}
  __clk_millis=$(((__clk_seconds - __clock_start_seconds) * 1000 + (${__clk_ns:-0} - __clock_start_ns) / 1000000))
}

# The UTC date and time of a count of seconds since 1970 in __r, as
# YYYY-MM-DDTHH:MM:SS: days to a civil date by Howard Hinnant's
# days_from_civil inverse (years of 400, 100 and 4), in shell arithmetic.
# The last second's text is kept: most readings fall in the same second.
__clock_civil() {
  if [ "$1" = "$__clock_civil_seconds" ]; then
    __r=$__clock_civil_text
    return 0
  fi
  __cc_days=$(($1 / 86400 + 719468))
  __cc_time=$(($1 % 86400))
  __cc_era=$((__cc_days / 146097))
  __cc_doe=$((__cc_days - __cc_era * 146097))
  __cc_yoe=$(((__cc_doe - __cc_doe / 1460 + __cc_doe / 36524 - __cc_doe / 146096) / 365))
  __cc_doy=$((__cc_doe - (365 * __cc_yoe + __cc_yoe / 4 - __cc_yoe / 100)))
  __cc_mp=$(((5 * __cc_doy + 2) / 153))
  __cc_day=$((100 + __cc_doy - (153 * __cc_mp + 2) / 5 + 1))
  # March is month 0 of this calendar: months 10 and 11 are the next year's January and February.
  __cc_month=$((100 + __cc_mp + 3 - 12 * (__cc_mp >= 10)))
  __cc_year=$((__cc_yoe + __cc_era * 400 + (__cc_mp >= 10)))
  __cc_hour=$((100 + __cc_time / 3600))
  __cc_minute=$((100 + __cc_time % 3600 / 60))
  __cc_second=$((100 + __cc_time % 60))
  __clock_civil_seconds=$1
  __clock_civil_text="$__cc_year-${__cc_month#1}-${__cc_day#1}T${__cc_hour#1}:${__cc_minute#1}:${__cc_second#1}"
  __r=$__clock_civil_text
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
