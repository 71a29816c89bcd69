#!/usr/bin/env bash
set -Eeo pipefail
_main() {
	if [ "${1:0:1}" = '-' ]; then
		set -- dbd "$@"
	fi
	if [ "$1" = 'dbd' ]; then
		mkdir -p /var/lib/db/data
		if [ "$(id -u)" = '0' ]; then
			find /var/lib/db/data \! -user db -exec chown db '{}' +
			exec gosu db "$BASH_SOURCE" "$@"
		fi
		echo "initialising as $(id -un)"
	fi
	exec "$@"
}
_main "$@"
