#!/usr/bin/dumb-init /bin/sh
set -e
if [ "${1:0:1}" = '-' ]; then
    set -- vault "$@"
fi
if [ "$1" = 'server' ]; then
    shift
    set -- vault server -config=/vault/config "$@"
fi
if [ "$1" = 'vault' ]; then
    if [ "$(stat -c %u /vault/logs)" != "$(id -u vault)" ]; then
        chown -R vault:vault /vault/logs
    fi
    if [ "$(id -u)" = '0' ]; then
      set -- su-exec vault "$@"
    fi
fi
exec "$@"
