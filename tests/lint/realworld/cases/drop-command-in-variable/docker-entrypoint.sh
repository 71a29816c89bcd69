#!/bin/bash -eu
function running_as_root { test "$(id -u)" = "0"; }
if running_as_root; then
  exec_cmd="exec gosu neo4j:neo4j"
else
  exec_cmd="exec"
fi
readonly exec_cmd
${exec_cmd} "$@"
