#!/bin/bash
set -e
if [ $# -eq 0 ]; then cmd=( "bash" ); else cmd=( "$@" ); fi
if [ "$(id -u)" == 0 ] ; then
    if [ "${NB_UID}" != "$(id -u "${NB_USER}")" ]; then
        userdel "${NB_USER}"
        useradd --no-log-init --home "/home/${NB_USER}" --shell /bin/bash --uid "${NB_UID}" --gid "${NB_GID}" --groups 100 "${NB_USER}"
    fi
    if [[ "$GRANT_SUDO" == "1" || "$GRANT_SUDO" == "yes" ]]; then
        echo "${NB_USER} ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers.d/added-by-start-script
    fi
    exec sudo --preserve-env --set-home --user "${NB_USER}" PATH="${PATH}" "${cmd[@]}"
else
    exec "${cmd[@]}"
fi
