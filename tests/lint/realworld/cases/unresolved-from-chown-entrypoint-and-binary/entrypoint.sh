#!/bin/sh
set -e
/app/install_cert.sh
exec /app/core
