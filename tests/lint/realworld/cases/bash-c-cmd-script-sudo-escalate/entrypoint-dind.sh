#!/bin/bash
sudo /bin/bash <<SCRIPT
mkdir -p /etc/docker
[ -f /etc/docker/daemon.json ] || echo "{}" > /etc/docker/daemon.json
SCRIPT
sudo /usr/bin/dockerd &
exec startup.sh
