#!/usr/bin/env bash
set -e
if [[ $# -lt 1 ]] || [[ "$1" == "--"* ]]; then
  exec java -Duser.home="$JENKINS_HOME" -jar /usr/share/jenkins/jenkins.war "$@"
fi
exec "$@"
