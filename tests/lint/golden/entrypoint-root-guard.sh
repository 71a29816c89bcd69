#!/bin/sh
set -e
# Started as root: fix the volume's owner, then start again as app.
if [ "$(id -u)" = '0' ]; then
  chown -R app /data
  exec gosu app "$0" "$@"
fi
exec "$@"
