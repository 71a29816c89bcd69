#!/bin/bash
usermod -l "$LAB_USER" -d "/home/$LAB_USER" "$BUILD_LAB_USER" 2>/dev/null || true
export HOME=/home/$LAB_USER
exec setpriv --reuid "$LAB_USER" --regid "$LAB_USER" --init-groups "$@"
