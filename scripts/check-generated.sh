#!/bin/sh
# Fails when generated/ differs from what the compiler produces now.
set -u
fresh=$(mktemp -d) || exit 1
trap 'rm -rf "$fresh"' EXIT
node bin/solstice-runner.mjs compile src/runner/main.ts -o "$fresh/solstice-runner.sh" || exit 1
if ! cmp -s "$fresh/solstice-runner.sh" generated/solstice-runner.sh; then
  printf 'generated/solstice-runner.sh is stale: run make generate and commit it\n' >&2
  diff -u generated/solstice-runner.sh "$fresh/solstice-runner.sh" | head -40 >&2
  exit 1
fi
printf 'generated/ is fresh\n'
