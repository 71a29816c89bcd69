#!/bin/bash
set -e
export PUID="${PUID:-99}" PGID="${PGID:-100}"
usermod -o -u "${PUID}" nobody
groupmod -o -g "${PGID}" users
chown -R "${PUID}":"${PGID}" /config
exec /usr/bin/supervisord -c /etc/supervisord.conf -n
