#!/bin/bash
set -o errexit -o nounset -o pipefail
. /opt/bitnami/scripts/libos.sh
if [[ "$*" = *"/opt/bitnami/scripts/app/run.sh"* ]]; then
    /opt/bitnami/scripts/app/setup.sh
fi
exec "$@"
