#!/bin/bash
set -e
if [ "${1:0:1}" = '-' ]; then
    set -- telegraf "$@"
fi
if [ $EUID -ne 0 ]; then
    exec "$@"
else
    setcap cap_net_raw,cap_net_bind_service+ep /usr/bin/telegraf || echo "Failed to set additional capabilities"
    export HOME=$(getent passwd telegraf | cut -d : -f 6)
    groups="telegraf"
    for group in $(id -Gn || true); do
        case "$group" in
            root | telegraf) ;;
            *) groups="$groups,$group" ;;
        esac
    done
    exec setpriv --reuid telegraf --regid telegraf --groups "$groups" "$@"
fi
