#!/bin/sh
set -e
exec start-stop-daemon --start --chuid app:app --exec /usr/sbin/server -- "$@"
