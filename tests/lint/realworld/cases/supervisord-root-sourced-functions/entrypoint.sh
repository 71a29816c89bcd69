#!/bin/bash
set -e
source "${RUNTIME_DIR}/functions"
case ${1} in
  app:start)
    migrate_database
    exec /usr/bin/supervisord -nc /etc/supervisor/supervisord.conf
    ;;
  *)
    exec "$@"
    ;;
esac
