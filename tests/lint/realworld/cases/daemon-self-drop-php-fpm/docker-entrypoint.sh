#!/usr/bin/env bash
set -Eeuo pipefail
if [[ "$1" == apache2* ]] || [ "$1" = 'php-fpm' ]; then
	uid="$(id -u)"
	gid="$(id -g)"
	if [ "$uid" = '0' ]; then
		user='www-data'
		group='www-data'
	else
		user="$uid"
		group="$gid"
	fi
	if [ ! -e index.php ] && [ ! -e wp-includes/version.php ]; then
		if [ "$uid" = '0' ] && [ "$(stat -c '%u:%g' .)" = '0:0' ]; then
			chown "$user:$group" .
		fi
		tar --create --file - --directory /usr/src/wordpress --owner "$user" --group "$group" . | tar --extract --file -
	fi
fi
exec "$@"
