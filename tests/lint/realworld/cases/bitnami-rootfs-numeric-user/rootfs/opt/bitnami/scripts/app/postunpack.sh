#!/bin/bash
set -o errexit
mkdir -p /bitnami/app/data
chmod -R g+rwX /bitnami /opt/bitnami/app
