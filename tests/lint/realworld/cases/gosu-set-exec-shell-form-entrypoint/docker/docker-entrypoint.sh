#!/bin/bash
set -e
if [ "${1:0:1}" = '-' ] || [ "$1" = run ]; then
	set -- tracker "$@"
fi
if [ "$1" = 'tracker' ]; then
	set -- tini -- "$@"
	if [ "$(id -u)" = '0' ]; then
		mkdir -p /data/files
		find /data ! -user tracker -exec chown tracker {} \;
		set -- gosu tracker "$@"
	fi
fi
exec "$@"
