#!/bin/bash -eu
cmd="$1"
function running_as_root { test "$(id -u)" = "0"; }
if running_as_root; then
  exec_cmd="exec su-exec neo4j:neo4j"
else
  exec_cmd="exec"
fi
readonly exec_cmd
if running_as_root; then
  chown -R neo4j:neo4j /data
fi
function get_neo4j_run_cmd {
  if running_as_root; then
    su-exec neo4j:neo4j neo4j console --dry-run
  else
    neo4j console --dry-run
  fi
}
if [ "${cmd}" == "neo4j" ]; then
  neo4j_console_cmd="$(get_neo4j_run_cmd)"
  eval ${exec_cmd} ${neo4j_console_cmd}
else
  ${exec_cmd} "$@"
fi
