#!/usr/bin/env bash
set -o errexit -o nounset -o pipefail
if [[ "$*" == node*current/index.js* ]] && [ "$(id -u)" = '0' ]; then
	find "$BLOG_CONTENT" \! -user node -exec chown node '{}' +
	exec gosu node "$BASH_SOURCE" "$@"
fi
exec "$@"
