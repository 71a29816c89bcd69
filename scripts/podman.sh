# Sourced by scripts/test: Podman, rootful and rootless, for the duration of
# the script. ensure_podman writes what Podman needs on this kind of machine
# and restore_podman puts back what ensure_podman changed.
#
# - /etc/containers/containers.conf: the cgroupfs manager, runc, and ulimits
#   the machine grants (it refuses Podman's defaults with EPERM). An existing
#   file is kept aside and put back.
# - "/" as a shared mount, which rootless Podman wants (it warns on every
#   command otherwise); made private again if it was.
# - The rootless engine's user, unroot-podman, with subordinate uid and gid
#   ranges. It stays, like the other caches: its home holds the rootless
#   image store (userdel -r unroot-podman removes both).

UNROOT_PODMAN_USER=unroot-podman
UNROOT_PODMAN_CONF=/etc/containers/containers.conf
UNROOT_PODMAN_SAVED=
UNROOT_PODMAN_CONF_WRITTEN=
UNROOT_PODMAN_ROOT_WAS_PRIVATE=

unroot_podman_conf() {
  cat <<'CONF'
# Written by unroot's scripts/test for its Podman suites; put back when they end.
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]

[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
CONF
}

ensure_podman() {
  if ! cmp -s <(unroot_podman_conf) "$UNROOT_PODMAN_CONF" 2>/dev/null; then
    if [ -e "$UNROOT_PODMAN_CONF" ]; then
      UNROOT_PODMAN_SAVED=$(mktemp /etc/containers/containers.conf.unroot-saved.XXXXXX)
      cp -p "$UNROOT_PODMAN_CONF" "$UNROOT_PODMAN_SAVED"
    fi
    mkdir -p "$(dirname "$UNROOT_PODMAN_CONF")"
    unroot_podman_conf >"$UNROOT_PODMAN_CONF"
    UNROOT_PODMAN_CONF_WRITTEN=yes
  fi
  if [ "$(findmnt -n -o PROPAGATION /)" = private ]; then
    mount --make-rshared /
    UNROOT_PODMAN_ROOT_WAS_PRIVATE=yes
  fi
  if ! id "$UNROOT_PODMAN_USER" >/dev/null 2>&1; then
    # Debian's useradd gives a new user subordinate ranges of its own.
    useradd --create-home --shell /bin/sh "$UNROOT_PODMAN_USER"
  fi
  local file
  for file in /etc/subuid /etc/subgid; do
    grep -q "^$UNROOT_PODMAN_USER:" "$file" 2>/dev/null || {
      echo "unroot: $file gives $UNROOT_PODMAN_USER no subordinate ids (add \"$UNROOT_PODMAN_USER:300000:65536\")" >&2
      return 1
    }
  done
  podman info >/dev/null 2>&1 || { echo "unroot: rootful podman does not work here (podman info)" >&2; return 1; }
  (cd / && runuser -u "$UNROOT_PODMAN_USER" -- podman info >/dev/null 2>&1) ||
    { echo "unroot: rootless podman does not work for $UNROOT_PODMAN_USER (runuser -u $UNROOT_PODMAN_USER -- podman info)" >&2; return 1; }
}

restore_podman() {
  if [ -n "$UNROOT_PODMAN_CONF_WRITTEN" ]; then
    if [ -n "$UNROOT_PODMAN_SAVED" ]; then
      mv "$UNROOT_PODMAN_SAVED" "$UNROOT_PODMAN_CONF"
    else
      rm -f "$UNROOT_PODMAN_CONF"
    fi
    UNROOT_PODMAN_CONF_WRITTEN=
  fi
  if [ -n "$UNROOT_PODMAN_ROOT_WAS_PRIVATE" ]; then
    mount --make-rprivate /
    UNROOT_PODMAN_ROOT_WAS_PRIVATE=
  fi
}
