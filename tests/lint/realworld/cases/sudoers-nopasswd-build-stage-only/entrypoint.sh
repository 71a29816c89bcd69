#!/bin/bash
set -e
case "$1" in
  app:run)
    exec supervisord -n -c /etc/supervisor/supervisord.conf
    ;;
  *)
    exec "$@"
    ;;
esac
