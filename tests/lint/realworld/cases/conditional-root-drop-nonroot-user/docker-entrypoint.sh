#!/bin/bash
set -e
umask 0002
run_as_other_user_if_needed() {
  if [[ "$(id -u)" == "0" ]]; then
    # If running as root, drop to specified UID and run command
    exec chroot --userspec=1000 / "${@}"
  else
    # Either we are running in Openshift with random uid and are a member of the root group
    # or with a custom --user
    exec "${@}"
  fi
}
if [[ "$1" != "eswrapper" ]]; then
  if [[ "$(id -u)" == "0" && $(basename "$1") == "elasticsearch" ]]; then
    set -- "elasticsearch" "${@:2}"
    exec chroot --userspec=1000 / "$@"
  else
    exec "$@"
  fi
fi
if [[ "$(id -u)" == "0" ]]; then
  if [[ -n "$TAKE_FILE_OWNERSHIP" ]]; then
    chown -R 1000:0 /usr/share/elasticsearch/{data,logs}
  fi
fi
run_as_other_user_if_needed /usr/share/elasticsearch/bin/elasticsearch
