#!/bin/sh
set -e
if [ "$1" = "nginx" -o "$1" = "nginx-debug" ]; then
    find "/docker-entrypoint.d/" -follow -type f -print | sort -V | while read -r f; do
        case "$f" in
            *.sh) if [ -x "$f" ]; then . "$f"; fi ;;
        esac
    done
fi
exec "$@"
