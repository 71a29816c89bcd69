#!/usr/bin/dumb-init /bin/sh
set -e
if [ "$1" = 'agent' ]; then
    shift
    set -- consul agent -data-dir=/consul/data -config-dir=/consul/config "$@"
fi
if [ "$1" = 'consul' ]; then
    if [ "$(stat -c %u /consul/data)" != "$(id -u consul)" ]; then
        chown consul:consul -R /consul/data
    fi
    if [ -n "${CONSUL_ALLOW_PRIVILEGED_PORTS+x}" ]; then
        setcap "cap_net_bind_service=+ep" /bin/consul
    fi
    set -- su-exec consul:consul "$@"
fi
exec "$@"
