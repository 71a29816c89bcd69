#!/bin/bash
set -e
exec_or_wrap() {
  if [[ -n "${CMD_WRAPPER:-}" ]]; then
    exec gosu labeler $CMD_WRAPPER "$@"
  else
    exec gosu labeler "$@"
  fi
}
if [[ "$1" == labeler* ]] && [[ "$(id -u)" == '0' ]]; then
  find /labeler \! -user labeler -exec chown labeler '{}' +
fi
case "$1" in
  nginx)
    exec gosu www-data nginx -g 'daemon off;'
    ;;
  *)
    exec_or_wrap "$@"
    ;;
esac
