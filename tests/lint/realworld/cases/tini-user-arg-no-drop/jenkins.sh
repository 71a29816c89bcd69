#!/bin/bash
exec java -jar /usr/share/jenkins/jenkins.war "$@"
