#!/bin/sh
# The legacy entry: repositories keep it and call it from the last step.
set -eu
printf 'legacy job.sh for job %s at %s\n' "$SOLSTICE_JOB_ID" "$SOLSTICE_COMMIT_SHA"
printf 'the deploy token is %s (masked by the runner)\n' "$DEPLOY_TOKEN"
