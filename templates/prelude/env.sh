# The environment: the std's env and hasEnv. The name is data, so it is
# checked to be a plain name before eval ever sees it.

# __is_name NAME: status 0 when NAME can be a shell variable's name.
__is_name() {
  case "$1" in
    '' | [0-9]* | *[!A-Za-z0-9_]*) return 1 ;;
  esac
  return 0
}

# env(name): the value, or "" when unset. The script runs with LC_ALL=C
# (strings are bytes); the program sees the LC_ALL it was started with.
std_env() {
  __r=''
  __is_name "$1" || return 0
  if [ "$1" = LC_ALL ]; then
    __r=$__locale_saved
    return 0
  fi
  eval "__r=\${$1-}"
}

# hasEnv(name)
std_has_env() {
  __is_name "$1" || return 1
  if [ "$1" = LC_ALL ]; then
    [ -n "$__locale_was_set" ]
    return
  fi
  eval "[ -n \"\${$1+x}\" ]"
}
