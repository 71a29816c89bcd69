#!/usr/bin/env bats
# unroot init on the real engine: PID 1 duties, with no root left in the container.
bats_require_minimum_version 1.5.0

load helpers

IMAGE=unroot-e2e-init

setup_file() {
  export CTX="$BATS_FILE_TMPDIR/ctx"
  make_context "$CTX"
  cat >"$CTX/traps.sh" <<'SCRIPT'
#!/bin/sh
# Traps every signal init must forward and reports each on stdout.
for sig in HUP INT QUIT USR1 USR2 ALRM WINCH CONT TSTP TTIN TTOU PIPE IO URG PROF VTALRM XCPU XFSZ PWR 35 64; do
  trap "echo got $sig" $sig
done
trap 'echo got TERM; exit 0' TERM
echo ready
while :; do sleep 0.1; done
SCRIPT
  {
    base_dockerfile
    echo 'COPY traps.sh /traps.sh'
    echo 'RUN chmod 755 /traps.sh && ln -s /unroot /bin/tini'
    echo 'ENTRYPOINT ["/unroot", "init", "--user", "app", "--"]'
    echo 'CMD ["sh", "-c", "sleep 1000"]'
  } >"$CTX/Dockerfile"
  build_image "$IMAGE" "$CTX"
}

teardown_file() {
  engine rmi -f "$IMAGE" >/dev/null 2>&1 || true
}

teardown() {
  engine_remove unroot-e2e-init-c
}

# start ARGS...: a detached container named unroot-e2e-init-c.
start() {
  engine run -d --name unroot-e2e-init-c --network none --pull never "$@" >/dev/null
}

# wait_log TEXT: waits up to 10 s for TEXT in the container's output.
wait_log() {
  for _ in $(seq 100); do
    engine logs unroot-e2e-init-c 2>&1 | grep -qxF -- "$1" && return 0
    sleep 0.1
  done
  echo "never saw '$1' in:" >&2
  engine logs unroot-e2e-init-c >&2
  return 1
}

exit_code() {
  engine wait unroot-e2e-init-c
}

@test "PID 1 is unroot init, dropped to app like everything else" {
  run engine run "${RUN_FLAGS[@]}" "$IMAGE" sh -c 'tr "\0" " " </proc/1/cmdline; echo; grep ^Uid: /proc/1/status; grep -E "^(CapEff|NoNewPrivs)" /proc/1/status; id -u'
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "/unroot init --user app -- sh -c tr \"\\0\" \" \" </proc/1/cmdline; echo; grep ^Uid: /proc/1/status; grep -E \"^(CapEff|NoNewPrivs)\" /proc/1/status; id -u " ]
  [ "${lines[1]}" = $'Uid:\t10001\t10001\t10001\t10001' ]
  [ "${lines[2]}" = $'CapEff:\t0000000000000000' ]
  [ "${lines[3]}" = $'NoNewPrivs:\t1' ]
  [ "${lines[4]}" = 10001 ]
}

@test "the engine's stop ends a sleeping shell by SIGTERM (143), not by the 10 s SIGKILL" {
  start "$IMAGE"
  engine stop -t 10 unroot-e2e-init-c >/dev/null
  [ "$(engine inspect -f '{{.State.ExitCode}}' unroot-e2e-init-c)" = 143 ]
}

@test "every forwarded signal reaches CMD's trap" {
  start "$IMAGE" /traps.sh
  wait_log ready
  for sig in HUP INT QUIT USR1 USR2 ALRM WINCH CONT TSTP TTIN TTOU PIPE IO URG PROF VTALRM XCPU XFSZ PWR 35 64; do
    engine kill -s "$sig" unroot-e2e-init-c >/dev/null
    wait_log "got $sig"
  done
  engine kill -s TERM unroot-e2e-init-c >/dev/null
  [ "$(exit_code)" = 0 ]
}

@test "-g passes signals to CMD's whole group, grandchildren included" {
  start --entrypoint /unroot "$IMAGE" init --user app -g -- sh -c \
    'sh -c "trap \"echo grandchild got USR1; exit 0\" USR1; while :; do sleep 0.1; done" & trap "wait; exit 0" USR1; echo ready; while :; do sleep 0.1; done'
  wait_log ready
  sleep 0.3
  engine kill -s USR1 unroot-e2e-init-c >/dev/null
  wait_log "grandchild got USR1"
  [ "$(exit_code)" = 0 ]
}

@test "--rewrite TERM:QUIT turns the engine's stop into QUIT" {
  start --entrypoint /unroot "$IMAGE" init --user app --rewrite TERM:QUIT -- sh -c \
    'trap "echo got QUIT; exit 0" QUIT; trap "exit 1" TERM; echo ready; while :; do sleep 0.1; done'
  wait_log ready
  engine stop -t 10 unroot-e2e-init-c >/dev/null
  wait_log "got QUIT"
  [ "$(engine inspect -f '{{.State.ExitCode}}' unroot-e2e-init-c)" = 0 ]
}

@test "CMD's exit status is init's; -e remaps it to 0" {
  run engine run "${RUN_FLAGS[@]}" "$IMAGE" sh -c 'exit 7'
  [ "$status" -eq 7 ]
  run engine run "${RUN_FLAGS[@]}" --entrypoint /unroot "$IMAGE" init --user app -e 7 -- sh -c 'exit 7'
  [ "$status" -eq 0 ]
  run -127 engine run "${RUN_FLAGS[@]}" "$IMAGE" no-such-command
  [[ "$output" == 'unroot: cannot run "no-such-command"'* ]]
}

# orphans_then_zombies: makes 500 orphans through engine exec (re-parented to
# PID 1), lets them exit, and prints how many zombies the container holds.
orphans_then_zombies() {
  engine exec unroot-e2e-init-c sh -c 'i=0; while [ $i -lt 500 ]; do (sleep 0.2 &); i=$((i+1)); done'
  sleep 2
  engine exec unroot-e2e-init-c sh -c 'grep -l "^State:.Z" /proc/[0-9]*/status 2>/dev/null | wc -l'
}

@test "500 orphans that exit leave no zombie behind (a PID 1 that does not reap keeps them)" {
  start "$IMAGE"
  [ "$(orphans_then_zombies)" = 0 ]
  engine_remove unroot-e2e-init-c
  start --entrypoint /bin/sleep "$IMAGE" 1000
  [ "$(orphans_then_zombies)" -ge 400 ]
}

@test "--grace lets a helper that traps TERM finish its write" {
  run engine run "${RUN_FLAGS[@]}" --entrypoint /unroot "$IMAGE" init --user app --grace 5 -- sh -c \
    'sh -c "trap \"sleep 0.5; echo helper flushed; exit 0\" TERM; while :; do sleep 0.1; done" & sleep 0.5; exit 3'
  [ "$status" -eq 3 ]
  [[ "$output" == *"helper flushed"* ]]
  run engine run "${RUN_FLAGS[@]}" "$IMAGE" sh -c \
    'sh -c "trap \"sleep 0.5; echo helper flushed; exit 0\" TERM; while :; do sleep 0.1; done" & sleep 0.5; exit 3'
  [ "$status" -eq 3 ]
  [[ "$output" != *"helper flushed"* ]]
}

@test "the engine's top shows two processes, neither root" {
  start "$IMAGE"
  sleep 0.5
  run engine_top unroot-e2e-init-c
  [ "${#lines[@]}" -eq 2 ]
  [[ "${lines[0]}" == "$(host_uid 10001) "* ]]
  [[ "${lines[1]}" == "$(host_uid 10001) "* ]]
}

@test "without --user init keeps its identity; UNROOT_USER still drops" {
  run engine run "${RUN_FLAGS[@]}" --entrypoint /unroot "$IMAGE" init -- sh -c 'grep ^Uid: /proc/1/status; id -u'
  [ "${lines[0]}" = $'Uid:\t0\t0\t0\t0' ]
  [ "${lines[1]}" = 0 ]
  run engine run "${RUN_FLAGS[@]}" -e UNROOT_USER=games --entrypoint /unroot "$IMAGE" init -- id -u
  [ "$output" = 5 ]
}

@test "bad options: usage error 125 and nothing started" {
  run engine run "${RUN_FLAGS[@]}" --entrypoint /unroot "$IMAGE" init --rewrite TERM -- touch /tmp/started
  [ "$status" -eq 125 ]
  [[ "$output" == "unroot init: usage: invalid rewrite \"TERM\""* ]]
}

@test "interactive: Ctrl-C on engine run -it reaches CMD, the terminal's foreground group" {
  command -v script >/dev/null
  run bash -c "{ sleep 2; printf '\\003'; sleep 2; } | script -qec \"$ENGINE_COMMAND run --rm -it --network none --pull never $IMAGE sh -c 'trap \\\"echo CMD got INT; exit 0\\\" INT; echo fg=\\\$(cat /proc/self/stat | cut -d\\\" \\\" -f8) pgrp=\\\$(cat /proc/self/stat | cut -d\\\" \\\" -f5); while :; do sleep 0.1; done'\" /dev/null"
  [[ "$output" == *"CMD got INT"* ]]
  fg=$(grep -o 'fg=[0-9]*' <<<"$output" | cut -d= -f2)
  pgrp=$(grep -o 'pgrp=[0-9]*' <<<"$output" | cut -d= -f2)
  [ -n "$fg" ] && [ "$fg" = "$pgrp" ]
}

@test "the tini name: tini's command line, same PID 1 duties" {
  run engine run "${RUN_FLAGS[@]}" --entrypoint tini "$IMAGE" -- sh -c 'exit 5'
  [ "$status" -eq 5 ]
  run engine run "${RUN_FLAGS[@]}" --entrypoint tini "$IMAGE" -e 5 -- sh -c 'exit 5'
  [ "$status" -eq 0 ]
  run engine run "${RUN_FLAGS[@]}" --entrypoint tini "$IMAGE" --version
  [ "$status" -eq 0 ]
  run engine run "${RUN_FLAGS[@]}" --entrypoint tini "$IMAGE"
  [ "$status" -eq 1 ]
  start --entrypoint tini "$IMAGE" -- sh -c 'sleep 1000'
  engine stop -t 10 unroot-e2e-init-c >/dev/null
  [ "$(engine inspect -f '{{.State.ExitCode}}' unroot-e2e-init-c)" = 143 ]
}
