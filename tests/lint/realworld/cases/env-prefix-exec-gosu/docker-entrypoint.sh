#!/bin/bash
set -e
if [ "$1" = 'couchdb' ]; then
  chown -R couchdb:couchdb /usr/local/var/lib/couchdb /usr/local/etc/couchdb
  chmod -R 0770 /usr/local/var/lib/couchdb
  HOME=/var/lib/couchdb exec gosu couchdb "$@"
fi
exec "$@"
