#!/usr/bin/env bats
bats_require_minimum_version 1.5.0
# unroot exec on the real engine: the drop, its guarantees, and the escape hatches.

load helpers

IMAGE=unroot-e2e-core
DERIVED=unroot-e2e-core-derived

setup_file() {
  export CTX="$BATS_FILE_TMPDIR/ctx"
  make_context "$CTX"
  {
    base_dockerfile
    echo 'ENTRYPOINT ["/unroot", "exec", "app"]'
    echo 'CMD ["id"]'
  } >"$CTX/Dockerfile"
  build_image "$IMAGE" "$CTX"
  mkdir -p "$BATS_FILE_TMPDIR/derived"
  cat >"$BATS_FILE_TMPDIR/derived/Dockerfile" <<DOCKERFILE
FROM $IMAGE
RUN id -u > /built-as && echo "derived:x:20000:" >> /etc/group && chown root:root /home/app
DOCKERFILE
  build_image "$DERIVED" "$BATS_FILE_TMPDIR/derived"
}

teardown_file() {
  engine rmi -f "$DERIVED" "$IMAGE" >/dev/null 2>&1 || true
}

@test "CMD runs as app with every capability gone and no_new_privs set" {
  run engine run "${RUN_FLAGS[@]}" "$IMAGE" cat /proc/self/status
  [ "$status" -eq 0 ]
  [ "$(status_of Uid)" = $'10001\t10001\t10001\t10001' ]
  [ "$(status_of Gid)" = $'10001\t10001\t10001\t10001' ]
  [ "$(status_of Groups)" = "100 10001 " ] || [ "$(status_of Groups)" = "100 10001" ]
  for set in CapInh CapPrm CapEff CapBnd CapAmb; do
    [ "$(status_of $set)" = 0000000000000000 ]
  done
  [ "$(status_of NoNewPrivs)" = 1 ]
  [ "$(status_of Seccomp)" = 2 ]
}

@test "id reports the resolved identity and HOME is the user's" {
  run engine run "${RUN_FLAGS[@]}" -e HOME=/inherited "$IMAGE" sh -c 'id; echo "HOME=$HOME"'
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "uid=10001(app) gid=10001(app) groups=100(users),10001(app)" ]
  [ "${lines[1]}" = "HOME=/home/app" ]
}

@test "arguments and environment reach CMD unchanged" {
  run engine run "${RUN_FLAGS[@]}" -e 'FOO=a b' "$IMAGE" sh -c 'printf "%s|" "$@"; echo "$FOO"' sh -x "two words" --
  [ "$status" -eq 0 ]
  [ "$output" = "-x|two words|--|a b" ]
}

@test "a derived image still runs privileged RUN steps and still drops at run time" {
  run engine run "${RUN_FLAGS[@]}" "$DERIVED" sh -c 'cat /built-as; grep -c ^derived: /etc/group; id -u'
  [ "$status" -eq 0 ]
  [ "$output" = $'0\n1\n10001' ]
}

@test "UNROOT_USER=root gives the operator a root shell and leaves the environment" {
  run engine run "${RUN_FLAGS[@]}" -e UNROOT_USER=root "$IMAGE" sh -c 'id -u; echo "HOME=$HOME"; env | grep -c UNROOT_USER'
  [ "${lines[0]}" = 0 ]
  [ "${lines[1]}" = "HOME=/root" ]
  [ "${lines[2]}" = 0 ]
}

@test "run --user 10001:10001 keeps that identity silently and still hardens" {
  run engine run "${RUN_FLAGS[@]}" --user 10001:10001 "$IMAGE" sh -c 'id -u; grep NoNewPrivs /proc/self/status' 2>&1
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = 10001 ]
  [ "${lines[1]}" = $'NoNewPrivs:\t1' ]
  [ "${#lines[@]}" -eq 2 ]
}

@test "run --user 12345 (arbitrary uid) runs as it, with a notice that --quiet silences" {
  run engine run "${RUN_FLAGS[@]}" --user 12345 "$IMAGE" id -u
  [ "$status" -eq 0 ]
  [[ "$output" == *"unroot: started as 12345:0, not root: keeping it instead of \"app\" (10001:10001)"* ]]
  grep -qx 12345 <<<"$output"
  run engine run "${RUN_FLAGS[@]}" --user 12345 --entrypoint /unroot "$IMAGE" exec --quiet app id -u
  [ "$status" -eq 0 ]
  [ "$output" = 12345 ]
}

@test "--cap-drop ALL: a clear error naming the missing capability, exit 125" {
  run engine run "${RUN_FLAGS[@]}" --cap-drop ALL "$IMAGE" id -u
  [ "$status" -eq 125 ]
  [[ "$output" == "unroot: cannot switch user (to 10001:10001): the process lacks CAP_SETUID"* ]]
  [ "${#lines[@]}" -eq 1 ]
}

@test "--security-opt no-new-privileges and --read-only change nothing" {
  run engine run "${RUN_FLAGS[@]}" --security-opt no-new-privileges --read-only "$IMAGE" id -u
  [ "$status" -eq 0 ]
  [ "$output" = 10001 ]
}

@test "a home the user cannot write (read-only root file system): HOME is a private directory under /tmp" {
  for user in "" "--user 10001:10001"; do
    run engine run "${RUN_FLAGS[@]}" $user --read-only --tmpfs /tmp "$IMAGE" sh -c \
      'echo "HOME=$HOME"; stat -c "%u %a" "$HOME"; echo dot >"$HOME/.rc" && echo wrote'
    [ "$status" -eq 0 ]
    [ "$output" = $'HOME=/tmp/unroot-home-10001\n10001 700\nwrote' ]
  done
}

@test "the engine's top shows exactly one process, owned by app" {
  engine run -d --name unroot-e2e-top --network none --pull never "$IMAGE" sleep 60 >/dev/null
  run engine_top unroot-e2e-top
  engine_remove unroot-e2e-top
  [ "$output" = "$(host_uid 10001) sleep 60" ]
}

@test "CMD's exit status reaches the engine's run; not found is 127, not executable 126" {
  run engine run "${RUN_FLAGS[@]}" "$IMAGE" sh -c 'exit 42'
  [ "$status" -eq 42 ]
  run -127 engine run "${RUN_FLAGS[@]}" "$IMAGE" no-such-command
  [ "$status" -eq 127 ]
  [[ "$output" == 'unroot: cannot run "no-such-command": not found in PATH'* ]]
  run -126 engine run "${RUN_FLAGS[@]}" "$IMAGE" /etc/passwd
  [ "$status" -eq 126 ]
}

@test "an unknown user stops before anything runs" {
  run engine run "${RUN_FLAGS[@]}" -e UNROOT_USER=bogus "$IMAGE" touch /tmp/ran
  [ "$status" -eq 125 ]
  [ "$output" = 'unroot: cannot resolve user spec "bogus": no user "bogus" in /etc/passwd (create the user in the image, or give a numeric uid)' ]
  run engine run "${RUN_FLAGS[@]}" -e UNROOT_USER=0:0day "$IMAGE" true
  [ "$status" -eq 125 ]
  [[ "$output" == *'no group "0day"'* ]]
}

@test "a setuid-root probe gives the dropped process nothing" {
  run engine run "${RUN_FLAGS[@]}" "$IMAGE" /probes/setuid_probe
  [ "$output" = "euid=10001 setuid0=refused" ]
  # The control: with --allow-escalation the same probe does escalate.
  run engine run "${RUN_FLAGS[@]}" --entrypoint /unroot "$IMAGE" exec --quiet --allow-escalation app /probes/setuid_probe
  [ "$output" = "euid=0 setuid0=ok" ]
}

@test "TIOCSTI and TIOCLINUX are refused on the container's terminal" {
  run engine run "${RUN_FLAGS[@]}" -t "$IMAGE" /probes/tiocsti_probe
  [[ "$output" == "TIOCSTI=EPERM TIOCLINUX=EPERM"* ]]
  # The control: without the guard the kernel lets the push through.
  run engine run "${RUN_FLAGS[@]}" -t --entrypoint /unroot "$IMAGE" exec --quiet --allow-escalation app /probes/tiocsti_probe
  [[ "$output" == *"TIOCSTI=ok"* ]]
}

@test "--keep-cap NET_BIND_SERVICE lets app bind port 80 and keeps nothing else" {
  local flags=("${RUN_FLAGS[@]}" --sysctl net.ipv4.ip_unprivileged_port_start=1024 --entrypoint /unroot)
  run engine run "${flags[@]}" "$IMAGE" exec --keep-cap NET_BIND_SERVICE app sh -c 'grep ^Cap /proc/self/status; timeout 1 nc -l -p 80; echo "nc=$?"'
  for set in CapInh CapPrm CapEff CapBnd CapAmb; do
    [ "$(status_of $set)" = 0000000000000400 ]
  done
  [[ "$output" == *"nc=143"* ]]
  run engine run "${flags[@]}" "$IMAGE" exec app sh -c 'timeout 1 nc -l -p 80; echo "nc=$?"'
  [[ "$output" == *"Permission denied"* ]]
  grep -qx "nc=1" <<<"$output"
}
