# The environment: the std's env and hasEnv. The name is data, so it is
# checked to be a plain name before eval ever sees it.

# __is_name NAME: status 0 when NAME can be a shell variable's name.
__is_name() {
  case "$1" in
    '' | [0-9]* | *[!A-Za-z0-9_]*) return 1 ;;
  esac
  return 0
}

# env(name): the value, or "" when unset.
std_env() {
  __r=''
  if __is_name "$1"; then
    eval "__r=\${$1-}"
  fi
}

# hasEnv(name)
std_has_env() {
  __is_name "$1" || return 1
  eval "[ -n \"\${$1+x}\" ]"
}
