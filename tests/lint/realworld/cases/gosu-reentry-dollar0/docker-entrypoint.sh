#!/bin/bash
set -e
if [[ "$1" = 'zkServer.sh' && "$(id -u)" = '0' ]]; then
    chown -R zookeeper "$ZOO_DATA_DIR" "$ZOO_LOG_DIR"
    exec gosu zookeeper "$0" "$@"
fi
for f in /docker-entrypoint.d/*.sh; do [ -x "$f" ] && "$f"; done
exec "$@"
