#!/bin/bash
set -e
if [ "$1" = '/opt/couchdb/bin/couchdb' ]; then
  find /opt/couchdb/data \! \( -user couchdb -group couchdb \) -exec chown -f couchdb:couchdb '{}' +
  if [ "$(id -u)" = '0' ]; then
    exec gosu couchdb "$0" "$@"
  fi
fi
exec "$@"
