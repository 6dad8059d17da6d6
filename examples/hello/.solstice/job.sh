#!/bin/sh
# The example job: what a Solstice CI job sees, and a secret that stays masked.
set -eu
printf 'building %s at %s\n' "$SOLSTICE_REPO_URL" "$SOLSTICE_COMMIT_SHA"
printf 'CI=%s, workspace %s\n' "$CI" "$SOLSTICE_WORKSPACE"
printf 'greeting from the job file: %s\n' "$GREETING"
printf 'the deploy token is %s (masked by the runner)\n' "$DEPLOY_TOKEN"
for file in src/*.txt; do
  printf '%s: %s\n' "$file" "$(wc -l <"$file" | tr -d ' ') lines"
done
echo "a warning on stderr" >&2
sh ./check.sh
