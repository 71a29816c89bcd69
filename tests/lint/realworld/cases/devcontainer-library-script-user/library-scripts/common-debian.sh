#!/bin/bash
set -e
USERNAME=$2; USER_UID=$3; USER_GID=$4
apt-get update && apt-get install -y --no-install-recommends sudo
groupadd --gid "$USER_GID" "$USERNAME"
useradd -s /bin/bash --uid "$USER_UID" --gid "$USERNAME" -m "$USERNAME"
echo "$USERNAME ALL=(root) NOPASSWD:ALL" > /etc/sudoers.d/$USERNAME
chmod 0440 /etc/sudoers.d/$USERNAME
