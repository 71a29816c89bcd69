#!/bin/bash
set -e
adduser --disabled-login --gecos 'Forge' ${APP_USER}
passwd -d ${APP_USER}
exec_as_git() {
  if [[ $(whoami) == ${APP_USER} ]]; then "$@"; else sudo -HEu ${APP_USER} "$@"; fi
}
exec_as_git git config --global core.autocrlf input
cat > /etc/supervisor/conf.d/forge.conf <<CONF
[program:forge]
command=/home/git/forge/bin/web
user=git
CONF
