#!/bin/bash
set -eo pipefail
docker-entrypoint.sh solr-foreground &
./metrics-exporter.sh
