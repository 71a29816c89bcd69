#!/usr/bin/env bash
set -euo pipefail
if [[ "$1" == rabbitmq* ]] && [ "$(id -u)" = '0' ]; then
	if [ "$1" = 'rabbitmq-server' ]; then
		find /var/lib/rabbitmq \! -user rabbitmq -exec chown rabbitmq '{}' +
	fi
	exec su-exec rabbitmq "$BASH_SOURCE" "$@"
fi
exec "$@"
