#!/bin/bash
set -eo pipefail
_main() {
	if [ "${1:0:1}" = '-' ]; then
		set -- mariadbd "$@"
	fi
	if [ "$1" = 'mariadbd' ] || [ "$1" = 'mysqld' ]; then
		if [ "$(id -u)" = "0" ]; then
			exec gosu mysql "${BASH_SOURCE[0]}" "$@"
		fi
	fi
	exec "$@"
}
_main "$@"
