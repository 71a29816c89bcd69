#!/usr/bin/env bash
set -euo pipefail
case "${BUILDKITE_AGENT_TOKEN:-}" in
  ''|fd://*|file://*) ;;
  *)
    exec {token_fd}< <(printf '%s' "$BUILDKITE_AGENT_TOKEN")
    export BUILDKITE_AGENT_TOKEN="fd://$token_fd"
    exec /bin/bash "$0" "$@"
    ;;
esac
exec /usr/bin/tini -- /usr/local/bin/buildkite-agent "$@"
