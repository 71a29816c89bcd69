#!/bin/bash
set -e
if [ "$1" = 'server' ]; then
    shift
    set -- vault server -config=/vault/config "$@"
fi
if [ "$1" = 'vault' ]; then
    if [ -z "$SKIP_CHOWN" ]; then
        if [ "$(stat -c %u /vault/config)" != "$(id -u vault)" ]; then
            chown -R vault:vault /vault/config || echo "Could not chown /vault/config"
        fi
    fi
    if [ -z "$SKIP_SETCAP" ]; then
        setcap cap_ipc_lock=+ep $(readlink -f /bin/vault)
    fi
fi
if [[ "$(id -u)" == '0' ]]
then
    export SKIP_CHOWN="true"
    export SKIP_SETCAP="true"
    exec su vault -p "$0" -- "$@"
else
    exec "$@"
fi
