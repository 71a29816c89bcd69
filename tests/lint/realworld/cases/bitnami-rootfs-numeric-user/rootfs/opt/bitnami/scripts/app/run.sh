#!/bin/bash
set -o errexit -o nounset -o pipefail
. /opt/bitnami/scripts/libos.sh
cmd=$(command -v postgres)
if am_i_root; then
    exec_as_user "postgres" "$cmd" -D /bitnami/app/data
else
    exec "$cmd" -D /bitnami/app/data
fi
