# The console framing (contract section 9): the sh build cannot speak gRPC,
# so with SOLSTICE_CONSOLE_FRAMING=1 each line it prints carries a frame a
# host-side relay (solstice-runner relay) picks out of the serial console:
#   [sr:RUN_ID:SPACE:SEQ] line
# SPACE is r for the runner's own lines (counted here, in the script's
# shell), oN and eN for the stdout and stderr of the N-th job run (counted
# by that run's two maskers, each in its own awk), so every counter has one
# writer and a missing seq is a lost line.
__framing=${SOLSTICE_CONSOLE_FRAMING-}
__frame_run=${SOLSTICE_RUN_ID-}
__frame_runner=0
__frame_jobs=0

# streamContext(runId, step): the run id for the frames (a run id of ""
# keeps the one known). The step is for the Node build's stream; here the
# relay reads it from the runner's step events.
std_stream_context() {
  if [ -n "$1" ]; then
    __frame_run=$1
  fi
}

# __runner_line TEXT: one of the runner's own lines on stderr, framed when asked.
__runner_line() {
  if [ "$__framing" = 1 ]; then
    __frame_runner=$((__frame_runner + 1))
    printf '[sr:%s:r:%s] %s\n' "$__frame_run" "$__frame_runner" "$1" >&2
  else
    printf '%s\n' "$1" >&2
  fi
}

# __next_job_frames: a job run starts; its output gets seq spaces of its own.
__next_job_frames() {
  __frame_jobs=$((__frame_jobs + 1))
}

# __frame_env SPACE: in a masker's subshell, export the frame its awk
# prefixes to each line (none when framing is off).
__frame_env() {
  __frame_prefix=''
  if [ "$__framing" = 1 ]; then
    __frame_prefix="[sr:$__frame_run:$1$__frame_jobs:"
  fi
  export __frame_prefix
}
