#!/usr/bin/env bats
# The gosu and su-exec command lines, reached by renaming the binary.

load helpers

IMAGE=unroot-e2e-compat

setup_file() {
  export CTX="$BATS_FILE_TMPDIR/ctx"
  make_context "$CTX"
  cat >"$CTX/entrypoint.sh" <<'SCRIPT'
#!/bin/sh
exec gosu app "$@"
SCRIPT
  {
    base_dockerfile
    echo 'RUN ln -s /unroot /bin/gosu && cp /unroot /bin/su-exec'
    echo 'COPY entrypoint.sh /entrypoint.sh'
    echo 'RUN chmod 755 /entrypoint.sh'
    echo 'ENTRYPOINT ["/entrypoint.sh"]'
  } >"$CTX/Dockerfile"
  build_image "$IMAGE" "$CTX"
}

teardown_file() {
  engine rmi -f "$IMAGE" >/dev/null 2>&1 || true
}

@test "an entrypoint script's 'exec gosu app \"\$@\"' works unchanged, hardened" {
  run engine run "${RUN_FLAGS[@]}" "$IMAGE" sh -c 'id -u; grep -E "^(CapEff|NoNewPrivs)" /proc/self/status'
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = 10001 ]
  [ "${lines[1]}" = $'CapEff:\t0000000000000000' ]
  [ "${lines[2]}" = $'NoNewPrivs:\t1' ]
}

@test "gosu user:group and uid:gid resolve as gosu does" {
  run engine run "${RUN_FLAGS[@]}" --entrypoint gosu "$IMAGE" app:daemon id
  [ "$output" = "uid=10001(app) gid=1(daemon) groups=1(daemon)" ]
  run engine run "${RUN_FLAGS[@]}" --entrypoint gosu "$IMAGE" 1234:60 id
  [ "$output" = "uid=1234 gid=60(games) groups=60(games)" ]
}

@test "gosu --help, --version, and its own errors exit 1" {
  run engine run "${RUN_FLAGS[@]}" --entrypoint gosu "$IMAGE" --version
  [ "$status" -eq 0 ]
  run engine run "${RUN_FLAGS[@]}" --entrypoint gosu "$IMAGE" app
  [ "$status" -eq 1 ]
  [[ "$output" == "Usage: gosu user-spec command [args]"* ]]
  run engine run "${RUN_FLAGS[@]}" --entrypoint gosu "$IMAGE" bogus true
  [ "$status" -eq 1 ]
  [[ "$output" == 'gosu: cannot resolve user spec "bogus"'* ]]
  run engine run "${RUN_FLAGS[@]}" --entrypoint gosu "$IMAGE" app no-such-command
  [ "$status" -eq 1 ]
}

@test "gosu started unprivileged fails as gosu does" {
  run engine run "${RUN_FLAGS[@]}" --user 10001 --entrypoint gosu "$IMAGE" app true
  [ "$status" -eq 1 ]
  [[ "$output" == 'gosu: failed switching to "app": operation not permitted'* ]]
}

@test "su-exec (a copy of the binary) drops and passes the exit status" {
  run engine run "${RUN_FLAGS[@]}" --entrypoint su-exec "$IMAGE" app sh -c 'id -u; grep NoNewPrivs /proc/self/status; exit 3'
  [ "$status" -eq 3 ]
  [ "${lines[0]}" = 10001 ]
  [ "${lines[1]}" = $'NoNewPrivs:\t1' ]
  run engine run "${RUN_FLAGS[@]}" --entrypoint su-exec "$IMAGE"
  [ "$status" -eq 0 ]
  [[ "$output" == "Usage: su-exec user-spec command [args]" ]]
}

@test "unroot refuses to run when installed setuid, with every verb and name" {
  run engine run "${RUN_FLAGS[@]}" --entrypoint sh "$IMAGE" -c 'chmod 4755 /unroot && /unroot exec app true'
  [ "$status" -eq 125 ]
  [[ "$output" == "unroot: refusing to run: this unroot executable is installed setuid or setgid"* ]]
  for verb in "prepare app" "check --no-scan" "lint -" "init true"; do
    run engine run "${RUN_FLAGS[@]}" --entrypoint sh "$IMAGE" -c "chmod 2755 /unroot && /unroot $verb </dev/null"
    [ "$status" -eq 125 ] || { echo "$verb: $status $output"; false; }
    [[ "$output" == "unroot: refusing to run: this unroot executable is installed setuid or setgid"* ]]
  done
  run engine run "${RUN_FLAGS[@]}" --entrypoint sh "$IMAGE" -c 'chmod 4755 /unroot && ln -s /unroot /bin/tini && tini true'
  [ "$status" -eq 1 ]
  [[ "$output" == "tini: refusing to run: this unroot executable is installed setuid or setgid"* ]]
}
