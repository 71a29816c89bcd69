#!/bin/bash
set -e
exec java -jar /usr/share/ci/ci.war "$@"
