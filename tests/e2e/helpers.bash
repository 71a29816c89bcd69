# Shared by the end-to-end suites: FROM scratch images made of busybox-static,
# the release unroot binary, the static probes and test-written account files.
# Needs UNROOT_BIN (the binary) and UNROOT_PROBES (where the probes were built).

: "${UNROOT_BIN:?set UNROOT_BIN to the unroot binary}"
: "${UNROOT_PROBES:?set UNROOT_PROBES to the directory holding the probes}"

# Never pull, never reach a network: nothing outside this machine is reachable.
RUN_FLAGS=(--rm --network none --pull never)

# The engine the suite drives (UNROOT_ENGINE): docker, podman (rootful) or
# podman-rootless (as unroot-podman, whose containers' root is that ordinary
# host user; scripts/podman.sh sets it up).
ENGINE=${UNROOT_ENGINE:-docker}
PODMAN_USER=unroot-podman
# The engine's command line as one string, for a command run through script(1).
case $ENGINE in
  podman-rootless) ENGINE_COMMAND="runuser -u $PODMAN_USER -- podman" ;;
  *) ENGINE_COMMAND=$ENGINE ;;
esac
engine() {
  case $ENGINE in
    docker) docker "$@" ;;
    podman) podman "$@" ;;
    podman-rootless) (cd / && runuser -u "$PODMAN_USER" -- podman "$@") ;;
    *) echo "unknown UNROOT_ENGINE \"$ENGINE\" (docker, podman or podman-rootless)" >&2; return 2 ;;
  esac
}

# host_uid UID, host_gid GID: the host's id for the container's. Rootless,
# the container's root is the engine's user and every other id one of its
# subordinate ids (/etc/subuid, /etc/subgid: id 1 is the range's first).
host_uid() { host_id u "$1"; }
host_gid() { host_id g "$1"; }
host_id() {
  if [ "$ENGINE" != podman-rootless ]; then
    echo "$2"
  elif [ "$2" -eq 0 ]; then
    id -"$1" "$PODMAN_USER"
  else
    echo $(($(grep "^$PODMAN_USER:" "/etc/sub${1}id" | head -n 1 | cut -d: -f2) + $2 - 1))
  fi
}

# host_ids UID:GID: both, as the host sees them (for stat -c %u:%g).
host_ids() {
  echo "$(host_uid "${1%:*}"):$(host_gid "${1#*:}")"
}

# engine_top NAME: one line per process of container NAME, "UID ARGS", the uid
# as the host sees it (the engine's top, not the container's ps).
engine_top() {
  case $ENGINE in
    # Docker's top needs a pid column to pick the container's processes.
    docker) docker top "$1" -eo pid,uid,args | sed -E 's/^ *[0-9]+ +//' ;;
    *) engine top "$1" huser args ;;
  esac | tail -n +2 | sed -E 's/ +/ /g; s/ $//'
}

# engine_remove NAME...: removes the containers at once, running or not
# (podman rm -f would first wait its stop timeout).
engine_remove() {
  case $ENGINE in
    docker) docker rm -f "$@" ;;
    *) engine rm -f -t 0 "$@" ;;
  esac >/dev/null 2>&1 || true
}

# share_with_engine DIR: lets the rootless engine's user read DIR (a build
# context or a bind mount), entering every directory above it.
share_with_engine() {
  [ "$ENGINE" = podman-rootless ] || return 0
  chmod -R a+rX "$1"
  local dir=$1
  while [ "$dir" != / ]; do
    dir=$(dirname "$dir")
    chmod a+x "$dir"
  done
}

# The issue's account fixture.
write_accounts() {
  local dir=$1
  cat >"$dir/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1::/usr/sbin:/bin/false
games:x:5:60::/usr/games:/bin/false
app:x:10001:10001::/home/app:/bin/sh
PASSWD
  cat >"$dir/group" <<'GROUP'
root:x:0:
daemon:x:1:
games:x:60:
users:x:100:games,app
app:x:10001:
GROUP
}

# make_context DIR: a build context with everything the base image needs.
make_context() {
  local dir=$1
  mkdir -p "$dir"
  cp /bin/busybox "$dir/busybox"
  cp "$UNROOT_BIN" "$dir/unroot"
  cp "$UNROOT_PROBES/setuid_probe" "$UNROOT_PROBES/tiocsti_probe" "$UNROOT_PROBES/kernel_surface_probe" "$dir/"
  write_accounts "$dir"
  share_with_engine "$dir"
}

# The Dockerfile lines every test image starts from; USER stays root.
base_dockerfile() {
  cat <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
COPY passwd group /etc/
COPY unroot /unroot
COPY setuid_probe tiocsti_probe kernel_surface_probe /probes/
RUN chmod 4755 /probes/setuid_probe && mkdir -p /home/app /tmp /root && chown app:app /home/app && chmod 1777 /tmp
DOCKERFILE
}

# build_image TAG DIR: builds DIR/Dockerfile offline; prints the log on failure.
build_image() {
  local tag=$1 dir=$2 log
  share_with_engine "$dir"
  if ! log=$(engine build --network none -t "$tag" "$dir" 2>&1); then
    echo "$log" >&2
    return 1
  fi
}

# One field of a /proc/self/status dump in $output, e.g. status_of CapEff.
status_of() {
  grep "^$1:" <<<"$output" | cut -f2-
}

# check_agrees_with_audit CHECK_JSON AUDIT_JSON: for the ids unroot audit
# judges with check's own code (setuid_files, sudo, writable_sensitive),
# check's status (fail, warn; pass or skip as no finding) is audit's severity
# (error, warning). Prints each comparison; fails on the first that differs.
check_agrees_with_audit() {
  local id want got
  # Both must be documents: an empty output would agree with an empty audit.
  jq -e '.verdict and (.findings | length > 0)' <<<"$1" >/dev/null || { echo "check: $1"; return 1; }
  jq -e '.image and .findings' <<<"$2" >/dev/null || { echo "audit: $2"; return 1; }
  for id in setuid_files sudo writable_sensitive; do
    want=$(jq -r --arg id "$id" '.findings[] | select(.id == $id) | .status' <<<"$1" |
      sed 's/^fail$/error/; s/^warn$/warning/; s/^pass$//; s/^skip$//')
    got=$(jq -r --arg id "$id" '[.findings[] | select(.id == $id) | .severity] | unique | join(",")' <<<"$2")
    echo "$id: check '$want', audit '$got'"
    [ "$want" = "$got" ] || return 1
  done
}
