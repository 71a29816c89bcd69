#!/bin/bash
set -e
if [ "$(id -u)" == 0 ] ; then
    exec sudo --preserve-env --set-home --user jovyan "$@"
else
    exec "$@"
fi
