#!/usr/bin/env bats
bats_require_minimum_version 1.5.0
# The Kubernetes examples (examples/kubernetes/) run as real Pod manifests by
# `podman kube play`, which applies their securityContext the way a kubelet
# does for the fields used here (README: Kubernetes). The image is the
# typical one, built FROM scratch here: USER root, app 10001, unroot as the
# ENTRYPOINT, prepared for arbitrary uids.

load helpers

EXAMPLES=$(cd "$BATS_TEST_DIRNAME/../../examples/kubernetes" && pwd)
IMAGE=unroot-example:1.0

setup_file() {
  [ "$ENGINE" = podman ] || skip "podman kube play runs the Pod manifests"
  export CTX="$BATS_FILE_TMPDIR/ctx"
  make_context "$CTX"
  {
    base_dockerfile
    echo 'RUN mkdir -p /usr/local/bin /data && ln -s /unroot /usr/local/bin/unroot \'
    echo ' && echo state >/data/state && chown -R app:app /data \'
    echo ' && /unroot prepare --arbitrary-uids app'
    echo 'ENTRYPOINT ["unroot", "init", "--user", "app", "--"]'
    echo 'CMD ["sh"]'
  } >"$CTX/Dockerfile"
  build_image "$IMAGE" "$CTX"
}

teardown_file() {
  engine rmi -f "$IMAGE" >/dev/null 2>&1 || true
}

teardown() {
  engine pod rm -f -t 0 "$POD" >/dev/null 2>&1 || true
}

# play NAME [SED-EXPRESSION]: runs examples/kubernetes/NAME.yaml (edited by
# the expression) to its end; $status is the container's exit status,
# $output its log without unroot's notices and $notices those (the log holds
# stdout and stderr, whose order between them is not kept).
play() {
  local manifest="$BATS_TEST_TMPDIR/$1.yaml"
  sed -e "${2:-}" "$EXAMPLES/$1.yaml" >"$manifest"
  POD=$(sed -n 's/^  name: //p' "$manifest" | head -n 1)
  local container="$POD-$(sed -n 's/^    - name: //p' "$manifest" | head -n 1)"
  # --replace: a pod of that name left by an interrupted run goes first.
  engine kube play --replace --network none "$manifest" >/dev/null
  engine wait "$container" >/dev/null
  local code
  code=$(engine inspect -f '{{.State.ExitCode}}' "$container")
  local log
  log=$(engine logs "$container" 2>&1)
  notices=$(grep '^unroot: ' <<<"$log" || true)
  run grep -v '^unroot: ' <<<"$log"
  status=$code
}

# PID 1's status lines, first in the log: app's uid, no capability, no_new_privs.
pid1_dropped() {
  [ "${lines[0]}" = $'Uid:\t10001\t10001\t10001\t10001' ]
  [ "${lines[1]}" = $'CapEff:\t0000000000000000' ]
  [ "${lines[2]}" = $'CapBnd:\t0000000000000000' ]
  [ "${lines[3]}" = $'NoNewPrivs:\t1' ]
}

@test "baseline: no securityContext; PID 1 and the app run as app, dropped" {
  play baseline
  [ "$status" -eq 0 ]
  pid1_dropped
  [ "${lines[4]}" = 10001 ]
}

@test "restricted: the engine's identity is kept, still hardened, the exit status passes, HOME is writable" {
  play restricted
  [ "$status" -eq 3 ]
  pid1_dropped
  # The runtime's default profile and unroot's filter, both.
  [ "${lines[4]}" = $'Seccomp:\t2' ]
  [ "${lines[5]}" = HOME=/tmp/unroot-home-10001 ]
  [ "${lines[6]}" = wrote ]
  [ "${#lines[@]}" -eq 7 ]
}

@test "openshift: an arbitrary uid in group 0 gets a name, a writable HOME, and writes the app's files" {
  play openshift
  [ "$status" -eq 0 ]
  # Podman, like CRI-O, adds its own passwd entry for the uid before the
  # entrypoint starts, named by the uid; a kubelet with containerd adds none,
  # and unroot appends app's (tests/e2e/remap.bats shows both).
  [ "${lines[0]}" = 1000650000 ] || [ "${lines[0]}" = app ]
  [ "${lines[1]}" = 1000650000 ]
  [ "${lines[2]}" = 0 ]
  [ "${lines[3]}" = HOME=/home/app ]
  [ "${lines[4]}" = wrote ]
  [ "$notices" = 'unroot: started as 1000650000:0, not root: keeping it instead of "app" (10001:10001)' ]
}

@test "hostpath: UNROOT_UID/UNROOT_GID give app the folder owner's ids; its file belongs to them" {
  work=$(mktemp -d "$BATS_TEST_TMPDIR/work.XXXXXX")
  chown 23456:34567 "$work"
  play hostpath "s|/srv/unroot-example|$work|"
  [ "$status" -eq 0 ]
  [ "$output" = $'23456\n34567' ]
  [ "$(stat -c %u:%g "$work/made-by-app")" = 23456:34567 ]
  [ "$(cat "$work/made-by-app")" = from-app ]
}

@test "audit: unroot check --json in the Pod's log, no finding failing, the drop's all passing" {
  play audit
  [ "$status" -eq 0 ]
  # The image's busybox-suid warns (harmless under no_new_privs), and so may
  # the node's LSM; nothing fails.
  [ "$(jq -r .verdict <<<"$output")" = warn ]
  [ "$(jq -r '.findings[] | select(.id == "setuid_files") | .status' <<<"$output")" = warn ]
  [ "$(jq -r '.findings[] | select(.id == "identity.root") | .status' <<<"$output")" = pass ]
  for id in caps.effective caps.permitted caps.bounding caps.ambient caps.inheritable no_new_privs \
            sudo writable_sensitive runtime_socket kernel.namespaces kernel.keyring kernel.bpf \
            kernel.userfaultfd kernel.perf kernel.io_uring kernel.ptrace kernel.personality; do
    [ "$(jq -r --arg id "$id" '.findings[] | select(.id == $id) | .status' <<<"$output")" = pass ]
  done
}
