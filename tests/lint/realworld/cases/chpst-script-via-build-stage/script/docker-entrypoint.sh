#!/bin/sh
set -eu
if [ "$(id -u)" = '0' ]; then
  binary="$1"
  if [ -z "${PCAP:-}" ]; then
    setcap -r "$binary" 2>/dev/null || true
  else
    setcap "$PCAP" "$binary"
  fi
  chown "$PUID:$PGID" "$HOME" || true
  exec chpst -u ":$PUID:$PGID" env HOME="$HOME" "$@"
else
  exec "$@"
fi
