#!/usr/bin/env bats
bats_require_minimum_version 1.5.0
# unroot check on the real engine: the verdicts Docker's flags, a
# user-namespace-remapped engine and the image's own contents lead to.

load helpers

IMAGE=unroot-e2e-check
SUDO_IMAGE=unroot-e2e-check-sudo
USERNS_DIR=/var/lib/unroot-e2e-userns
USERNS_SOCK=unix://$USERNS_DIR/docker.sock

setup_file() {
  export CTX="$BATS_FILE_TMPDIR/ctx"
  make_context "$CTX"
  {
    base_dockerfile
    # A setuid-root copy of busybox: what a careless image carries.
    echo 'RUN cp /bin/busybox /bin/busybox-suid && chmod 4755 /bin/busybox-suid'
    echo 'ENTRYPOINT ["/unroot"]'
  } >"$CTX/Dockerfile"
  build_image "$IMAGE" "$CTX"
  mkdir -p "$BATS_FILE_TMPDIR/sudo"
  cat >"$BATS_FILE_TMPDIR/sudo/Dockerfile" <<DOCKERFILE
FROM $IMAGE
RUN mkdir -p /etc/sudoers.d && echo 'root ALL=(ALL) ALL' > /etc/sudoers && \
    echo '#includedir /etc/sudoers.d' >> /etc/sudoers && \
    echo 'app ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/app && chmod 0444 /etc/sudoers /etc/sudoers.d/app
DOCKERFILE
  build_image "$SUDO_IMAGE" "$BATS_FILE_TMPDIR/sudo"
}

teardown_file() {
  engine rmi -f "$SUDO_IMAGE" "$IMAGE" >/dev/null 2>&1 || true
}

# check [DOCKER RUN FLAGS...] -- [CHECK ARGS...]: runs unroot check --json in
# the image; $output is the JSON document, $status the exit status.
check() {
  local flags=()
  while [ "$1" != "--" ]; do flags+=("$1"); shift; done
  shift
  run --separate-stderr engine run "${RUN_FLAGS[@]}" "${flags[@]}" "$IMAGE" check --json "$@"
}

# finding ID FIELD: one field of one finding of the last check.
finding() {
  jq -r --arg id "$1" ".findings[] | select(.id == \$id) | .$2" <<<"$output"
}

@test "default engine run as root: identity.root fails (rootless: warns, naming the host uid), exit 2" {
  check -- --no-scan
  [ "$status" -eq 2 ]
  if [ "$ENGINE" = podman-rootless ]; then
    # The container's root is the engine's ordinary host user.
    [ "$(finding identity.root status)" = warn ]
    [[ "$(finding identity.root summary)" == *"unprivileged host uid $(host_uid 0)" ]]
  else
    [ "$(finding identity.root status)" = fail ]
    [[ "$(finding identity.root summary)" == *"host's root"* ]]
  fi
  [ "$(finding caps.effective status)" = fail ]
  [[ "$(finding caps.effective summary)" == *cap_setuid* ]]
  [ "$(jq -r .verdict <<<"$output")" = fail ]
}

@test "--json parses and carries every id with all five fields" {
  check -- --no-scan
  for id in identity.root identity.groups caps.effective caps.permitted caps.bounding \
            caps.ambient caps.inheritable no_new_privs seccomp lsm privileged setuid_files \
            sudo writable_sensitive runtime_socket writes kernel.namespaces kernel.keyring kernel.bpf \
            kernel.userfaultfd kernel.perf kernel.io_uring kernel.ptrace kernel.personality; do
    [ "$(jq --arg id "$id" '[.findings[] | select(.id == $id)] | length' <<<"$output")" -eq 1 ]
  done
  [ "$(jq '[.findings[] | select(has("id") and has("status") and has("summary") and has("evidence") and has("remedy"))] | length' <<<"$output")" -eq 24 ]
  [ "$(finding setuid_files status)" = skip ]
}

@test "check --as app passes all but what the image itself carries" {
  check -- --as app --quiet
  [ "$(finding identity.root status)" = pass ]
  [[ "$(finding identity.root summary)" == *"uid 10001 (app)"* ]]
  # Rootless, app's 10001 is a subordinate uid of the engine's user.
  if [ "$ENGINE" = podman-rootless ]; then
    [[ "$(finding identity.root summary)" == *"host uid $(host_uid 10001)" ]]
  fi
  for id in caps.effective caps.permitted caps.bounding caps.ambient caps.inheritable \
            no_new_privs privileged sudo writable_sensitive runtime_socket kernel.namespaces \
            kernel.keyring kernel.bpf kernel.userfaultfd kernel.perf kernel.io_uring kernel.ptrace \
            kernel.personality; do
    [ "$(finding "$id" status)" = pass ] || { echo "$id: $(finding "$id" summary)"; false; }
  done
  # The image's setuid programs remain, harmless under no_new_privs: a warn.
  [ "$(finding setuid_files status)" = warn ]
  [[ "$(finding setuid_files evidence)" == *"/bin/busybox-suid 4755 uid 0"* ]]
  [ "$status" -eq 0 ]
  check -- --as app --quiet --strict
  [ "$status" -eq 1 ]
}

@test "setuid_files fails for a user without no_new_privs, warns with it" {
  check --user 10001:10001 -- 
  [ "$(finding setuid_files status)" = fail ]
  [[ "$(finding setuid_files evidence)" == *"/bin/busybox-suid"* ]]
  [[ "$(finding setuid_files evidence)" == *"/probes/setuid_probe"* ]]
  check --user 10001:10001 --security-opt no-new-privileges -- 
  [ "$(finding setuid_files status)" = warn ]
}

@test "--privileged: privileged fails" {
  check --privileged -- --no-scan
  if [[ "$stderr" == *"unable to apply caps"* ]]; then
    # An engine that lacks a capability itself (a sandboxed dockerd) cannot
    # start --privileged containers at all; give the container what
    # --privileged gives instead: every capability the engine has, host
    # devices and a read-write /sys.
    check --cap-add ALL --cap-drop SYS_RESOURCE --device /dev/kmsg -v /sys:/sys -- --no-scan
  fi
  [ "$(finding privileged status)" = fail ]
  [[ "$(finding privileged evidence)" == *"/sys mounted read-write"* ]]
  check -- --no-scan
  [ "$(finding privileged status)" = pass ]
}

@test "--cap-add SYS_ADMIN: the capability findings name it" {
  check --user 10001:10001 -- --no-scan
  [[ "$(finding caps.bounding summary)" != *cap_sys_admin* ]]
  check --user 10001:10001 --cap-add SYS_ADMIN -- --no-scan
  [ "$(finding caps.bounding status)" = fail ]
  [[ "$(finding caps.bounding summary)" == *cap_sys_admin* ]]
  check --cap-add SYS_ADMIN -- --no-scan
  [ "$(finding caps.effective status)" = fail ]
  [[ "$(finding caps.effective summary)" == *cap_sys_admin* ]]
}

@test "the engine's socket, reachable through its group: runtime_socket fails" {
  [ "$ENGINE" != podman-rootless ] ||
    skip "the socket's group is a host group the rootless engine's user namespace does not map"
  local sock=/var/run/docker.sock
  check --user 10001:10001 --group-add "$(stat -c %g $sock)" -v $sock:$sock -- --no-scan
  [ "$(finding runtime_socket status)" = fail ]
  [[ "$(finding runtime_socket summary)" == *"$sock"* ]]
  check --user 10001:10001 -v $sock:$sock -- --no-scan
  [ "$(finding runtime_socket status)" = pass ]
  [[ "$(finding runtime_socket evidence)" == *"Permission denied"* ]]
}

@test "a sudoers NOPASSWD rule for the user: sudo fails" {
  run --separate-stderr engine run "${RUN_FLAGS[@]}" --user 10001:10001 "$SUDO_IMAGE" check --json --no-scan
  [ "$status" -eq 2 ]
  [ "$(finding sudo status)" = fail ]
  [[ "$(finding sudo evidence)" == *"/etc/sudoers.d/app:1"* ]]
  check --user 10001:10001 -- --no-scan
  [ "$(finding sudo status)" = pass ]
}

@test "human output: one line per finding, then the verdict; no colour off a terminal" {
  run --separate-stderr engine run "${RUN_FLAGS[@]}" "$IMAGE" check --no-scan
  [ "$status" -eq 2 ]
  [ "${#lines[@]}" -eq 25 ]
  if [ "$ENGINE" = podman-rootless ]; then
    [[ "${lines[0]}" == "WARN  identity.root: "* ]]
  else
    [[ "${lines[0]}" == "FAIL  identity.root: "* ]]
  fi
  [ "${lines[24]}" = "verdict: FAIL" ]
  [[ "$output" != *$'\033'* ]]
}

@test "usage errors: 125 and one line" {
  run --separate-stderr engine run "${RUN_FLAGS[@]}" "$IMAGE" check --bogus
  [ "$status" -eq 125 ]
  [ "${#stderr_lines[@]}" -eq 1 ]
  run --separate-stderr engine run "${RUN_FLAGS[@]}" "$IMAGE" check --keep-cap CHOWN
  [ "$status" -eq 125 ]
  [[ "$stderr" == *"--as SPEC"* ]]
}

start_userns_engine() {
  mkdir -p "$USERNS_DIR/data" "$USERNS_DIR/exec"
  dockerd -H "$USERNS_SOCK" --data-root "$USERNS_DIR/data" --exec-root "$USERNS_DIR/exec" \
    --pidfile "$USERNS_DIR/docker.pid" --userns-remap=default --bridge none --iptables=false \
    >"$USERNS_DIR/dockerd.log" 2>&1 &
  for _ in $(seq 60); do
    docker -H "$USERNS_SOCK" info >/dev/null 2>&1 && return 0
    sleep 1
  done
  cat "$USERNS_DIR/dockerd.log" >&2
  return 1
}

stop_userns_engine() {
  if [ -f "$USERNS_DIR/docker.pid" ]; then
    local pid
    pid=$(cat "$USERNS_DIR/docker.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
  rm -rf "$USERNS_DIR"
}

# Only the Docker suite starts that engine. The Podman suites run this file at
# the same time, and their teardown must not stop the Docker suite's daemon.
teardown() {
  [ "$ENGINE" = docker ] || return 0
  stop_userns_engine
}

@test "an engine with --userns-remap=default: root is mapped to an unprivileged host uid" {
  [ "$ENGINE" = docker ] || skip "Docker's own --userns-remap (rootless Podman maps root by itself, above)"
  start_userns_engine
  engine save "$IMAGE" | docker -H "$USERNS_SOCK" load >/dev/null
  local host_uid
  host_uid=$(awk -F: '$1 == "dockremap" {print $2}' /etc/subuid | head -n1)
  run --separate-stderr docker -H "$USERNS_SOCK" run "${RUN_FLAGS[@]}" "$IMAGE" check --json --no-scan
  [ -n "$host_uid" ]
  [ "$(finding identity.root status)" = warn ]
  [[ "$(finding identity.root summary)" == *"unprivileged host uid $host_uid"* ]]
}
