#!/bin/bash
set -eo pipefail
function create_directories () {
    if [ "$(id -u)" = 0 ]; then
        chown -R influxdb:influxdb /var/lib/influxdb2
    fi
}
function main () {
    local run_influxd=false
    if [[ $# = 0 || "$1" = run || "${1:0:1}" = '-' ]]; then
        run_influxd=true
    elif [[ "$1" = influxd && ($# = 1 || "$2" = run || "${2:0:1}" = '-') ]]; then
        run_influxd=true
        shift 1
    fi
    if ! ${run_influxd}; then
      exec "${@}"
    fi
    create_directories
    if [ "$(id -u)" = 0 ]; then
        exec su-exec influxdb "$BASH_SOURCE" "${@}"
    fi
    exec influxd "${@}"
}
main "${@}"
