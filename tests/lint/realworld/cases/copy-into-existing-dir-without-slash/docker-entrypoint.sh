#!/bin/bash
set -e
if [[ "$*" == node*current/index.js* ]] && [ "$(id -u)" = '0' ]; then
	find "$GHOST_CONTENT" \! -user node -exec chown node '{}' +
	exec su-exec node "$BASH_SOURCE" "$@"
fi
exec "$@"
