#!/bin/sh
set -eu
if [ "$(id -u)" = '0' ]; then
  setcap -r "$1" 2>/dev/null || true
  chown "$PUID:$PGID" "$HOME" || true
  exec chpst -u ":$PUID:$PGID" env HOME="$HOME" "$@"
else
  exec "$@"
fi
