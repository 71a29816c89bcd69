#!/usr/bin/env bats
bats_require_minimum_version 1.5.0
# Real servers from Debian's archive under unroot, each checked the way its
# user checks it (a client query, a restart keeping data, a clean stop) and
# for the drop (/proc/PID/status of the server process):
# - PostgreSQL behind an entrypoint in the official images' style, with
#   unroot installed as gosu (exec gosu postgres "$BASH_SOURCE" "$@");
# - Redis under unroot init --user redis;
# - nginx as a non-root master on port 80 through --keep-cap NET_BIND_SERVICE;
# - an image derived from the Redis one, whose RUN apt-get needs no USER root;
# - unroot audit of the PostgreSQL and Redis images, against check inside.
# The servers run with Docker's seccomp profile off, so that unroot's filter
# (its kernel-surface profile included) is the only one, and their logs must
# show no refusal: a false denial is the failure that matters most.
# The servers' Debian image is built once (apt-get from Debian's archive, the
# build's only network) and kept between runs, keyed by its Dockerfile.

load helpers

REPO=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
C=unroot-e2e-server
SERVER_FLAGS=(--network none --pull never --security-opt seccomp=unconfined)

setup_file() {
  [ "$ENGINE" = docker ] || skip "Debian's servers are shown on Docker"
  BASE=$("$REPO/scripts/debian-base")
  local dir=$BATS_FILE_TMPDIR/servers
  mkdir -p "$dir"
  cat >"$dir/Dockerfile" <<DOCKERFILE
FROM $BASE
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \\
      postgresql redis-server nginx-light procps && rm -rf /var/lib/apt/lists/*
DOCKERFILE
  SERVERS=localhost/unroot-e2e-servers:$(sha256sum "$dir/Dockerfile" | cut -c1-12)
  if ! docker image inspect "$SERVERS" >/dev/null 2>&1; then
    docker build -q --network host -t "$SERVERS" "$dir" >"$dir/log" 2>&1 || { cat "$dir/log" >&2; return 1; }
  fi
  export SERVERS

  local ctx=$BATS_FILE_TMPDIR/ctx
  mkdir -p "$ctx"
  cp "$UNROOT_BIN" "$ctx/unroot"
  cat >"$ctx/postgres-entrypoint.sh" <<'SCRIPT'
#!/bin/bash
# The official postgres image's shape: set up as root, then re-enter as postgres.
set -e
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /run/postgresql
  chown postgres "$PGDATA" /run/postgresql
  chmod 700 "$PGDATA"
  exec gosu postgres "$BASH_SOURCE" "$@"
fi
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  initdb --username=postgres --auth=trust -D "$PGDATA" >/dev/null
fi
exec "$@"
SCRIPT
  cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $SERVERS
COPY unroot /usr/local/bin/unroot
COPY postgres-entrypoint.sh /usr/local/bin/
RUN ln -s unroot /usr/local/bin/gosu && chmod 755 /usr/local/bin/postgres-entrypoint.sh \\
 && chown www-data /var/lib/nginx /var/log/nginx \\
 && sed -i 's|^pid .*|pid /tmp/nginx.pid;|' /etc/nginx/nginx.conf
DOCKERFILE
  build_image unroot-e2e-servers-unroot "$ctx"
  printf 'FROM unroot-e2e-servers-unroot\nENV PGDATA=/var/lib/postgresql/data PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nENTRYPOINT ["postgres-entrypoint.sh"]\nCMD ["postgres"]\n' \
    >"$BATS_FILE_TMPDIR/postgres.Dockerfile"
  printf 'FROM unroot-e2e-servers-unroot\nENTRYPOINT ["unroot", "init", "--user", "redis", "--"]\nCMD ["redis-server", "--dir", "/var/lib/redis", "--save", "3600 1", "--protected-mode", "no"]\n' \
    >"$BATS_FILE_TMPDIR/redis.Dockerfile"
  printf 'FROM unroot-e2e-servers-unroot\nENTRYPOINT ["unroot", "exec", "--keep-cap", "NET_BIND_SERVICE", "www-data", "--"]\nCMD ["nginx", "-g", "daemon off; error_log stderr;"]\n' \
    >"$BATS_FILE_TMPDIR/nginx.Dockerfile"
  for server in postgres redis nginx; do
    docker build -q --network none -t "unroot-e2e-$server" -f "$BATS_FILE_TMPDIR/$server.Dockerfile" "$ctx" >/dev/null
  done
}

teardown_file() {
  docker rmi -f unroot-e2e-derived unroot-e2e-postgres unroot-e2e-redis unroot-e2e-nginx \
    unroot-e2e-servers-unroot >/dev/null 2>&1 || true
}

teardown() {
  docker rm -f "$C" >/dev/null 2>&1 || true
}

# wait_for COMMAND...: runs COMMAND in the container until it succeeds (up to 30 s).
wait_for() {
  for _ in $(seq 300); do
    docker exec "$C" "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  docker logs "$C" >&2
  return 1
}

# status_of_process NAME: /proc/PID/status of the oldest process named NAME.
status_of_process() {
  docker exec "$C" sh -c "cat /proc/\$(pgrep -o -x '$1')/status"
}

# assert_dropped USER: $output (a status file) shows USER's ids, no capability
# but those given as $2 (CapEff, hex), no_new_privs and one filter: unroot's.
assert_dropped() {
  local uid gid
  uid=$(docker exec "$C" id -u "$1")
  gid=$(docker exec "$C" id -g "$1")
  [ "$(status_of Uid)" = "$uid"$'\t'"$uid"$'\t'"$uid"$'\t'"$uid" ]
  [ "$(status_of Gid)" = "$gid"$'\t'"$gid"$'\t'"$gid"$'\t'"$gid" ]
  [ "$(status_of CapEff)" = "${2:-0000000000000000}" ]
  [ "$(status_of NoNewPrivs)" = 1 ]
  [ "$(status_of Seccomp)" = 2 ]
  [ "$(status_of Seccomp_filters)" = 1 ]
}

# redis_keeps_key: Redis in $C stores a key, stops cleanly on docker stop, and
# has the key again after docker start.
redis_keeps_key() {
  [ "$(docker exec "$C" redis-cli set k kept)" = OK ]
  docker stop -t 30 "$C" >/dev/null
  [ "$(docker inspect -f '{{.State.ExitCode}}' "$C")" = 0 ]
  docker start "$C" >/dev/null
  wait_for redis-cli ping
  [ "$(docker exec "$C" redis-cli get k)" = kept ]
}

# assert_no_denial: the container's log has no refused system call or file.
assert_no_denial() {
  run docker logs "$C"
  [[ "$output" != *"Operation not permitted"* ]] || { echo "$output"; false; }
  [[ "$output" != *"Function not implemented"* ]] || { echo "$output"; false; }
}

@test "PostgreSQL, official-style entrypoint with unroot as gosu: dropped, answers, keeps data over a restart, stops cleanly" {
  docker run -d --name "$C" "${SERVER_FLAGS[@]}" unroot-e2e-postgres >/dev/null
  wait_for gosu postgres psql -h /run/postgresql -tAc 'select 1'
  run status_of_process postgres
  assert_dropped postgres
  docker exec "$C" gosu postgres psql -q -h /run/postgresql -c "create table t (v text)" \
    -c "insert into t values ('kept')"
  docker restart -t 30 "$C" >/dev/null
  wait_for gosu postgres psql -h /run/postgresql -tAc 'select 1'
  run docker exec "$C" gosu postgres psql -h /run/postgresql -tAc 'select v from t'
  [ "$output" = kept ]
  docker stop -t 30 "$C" >/dev/null
  # Smart shutdown on SIGTERM: status 0, not the 137 of a SIGKILL.
  [ "$(docker inspect -f '{{.State.ExitCode}}' "$C")" = 0 ]
  assert_no_denial
}

@test "Redis under unroot init --user redis: dropped, answers, saves its data on docker stop" {
  docker run -d --name "$C" "${SERVER_FLAGS[@]}" unroot-e2e-redis >/dev/null
  wait_for redis-cli ping
  run status_of_process redis-server
  assert_dropped redis
  run docker exec "$C" cat /proc/1/status
  assert_dropped redis
  redis_keeps_key
  assert_no_denial
}

@test "nginx as www-data on port 80 with --keep-cap NET_BIND_SERVICE: serves, holds that capability only, stops cleanly" {
  # Docker lets any uid bind low ports in a container
  # (net.ipv4.ip_unprivileged_port_start=0); Kubernetes and the kernel's own
  # default do not. Set back to 1024, port 80 needs the capability.
  local low_ports=(--sysctl net.ipv4.ip_unprivileged_port_start=1024)
  docker run -d --name "$C" "${SERVER_FLAGS[@]}" "${low_ports[@]}" unroot-e2e-nginx >/dev/null
  wait_for bash -c 'exec 3<>/dev/tcp/127.0.0.1/80'
  run docker exec "$C" bash -c 'exec 3<>/dev/tcp/127.0.0.1/80; printf "GET / HTTP/1.0\r\n\r\n" >&3; head -n 1 <&3'
  [[ "$output" == "HTTP/1.1 200 OK"* ]]
  run status_of_process nginx
  # cap_net_bind_service alone: bit 10.
  assert_dropped www-data 0000000000000400
  [ "$(status_of CapBnd)" = 0000000000000400 ]
  docker stop -t 30 "$C" >/dev/null
  [ "$(docker inspect -f '{{.State.ExitCode}}' "$C")" = 0 ]
  assert_no_denial
  # Without the capability, port 80 is refused.
  run timeout 60 docker run "${RUN_FLAGS[@]}" "${low_ports[@]}" --entrypoint unroot unroot-e2e-nginx \
    exec www-data -- nginx -g 'daemon off; error_log stderr;'
  [ "$status" -ne 0 ]
  [[ "$output" == *"bind() to 0.0.0.0:80 failed (13: Permission denied)"* ]]
}

@test "the servers fenced to their data directories with --write do the same work, with no denial" {
  # PostgreSQL through its entrypoint (unroot as gosu: UNROOT_WRITE is its way in).
  docker run -d --name "$C" "${SERVER_FLAGS[@]}" -e UNROOT_WRITE=/var/lib/postgresql/data:/run/postgresql \
    unroot-e2e-postgres >/dev/null
  wait_for gosu postgres psql -h /run/postgresql -tAc 'select 1'
  docker exec "$C" gosu postgres psql -q -h /run/postgresql -c "create table t (v text)" \
    -c "insert into t select 'row ' || g from generate_series(1, 10000) g" -c "vacuum full t" -c checkpoint
  docker restart -t 30 "$C" >/dev/null
  wait_for gosu postgres psql -h /run/postgresql -tAc 'select 1'
  [ "$(docker exec "$C" gosu postgres psql -h /run/postgresql -tAc 'select count(*) from t')" = 10000 ]
  # The fence holds for the server itself: it writes a file into its data
  # directory, but not into its own home above it (which file permissions allow).
  docker exec "$C" gosu postgres psql -q -h /run/postgresql \
    -c "copy (select 1) to '/var/lib/postgresql/data/inside.txt'"
  run docker exec "$C" gosu postgres psql -q -h /run/postgresql \
    -c "copy (select 1) to '/var/lib/postgresql/outside.txt'"
  [[ "$output" == *'could not open file "/var/lib/postgresql/outside.txt" for writing: Permission denied'* ]]
  docker stop -t 30 "$C" >/dev/null
  [ "$(docker inspect -f '{{.State.ExitCode}}' "$C")" = 0 ]
  assert_no_denial
  docker rm -f "$C" >/dev/null

  # Redis under init, saving its data on stop.
  docker run -d --name "$C" "${SERVER_FLAGS[@]}" --entrypoint unroot unroot-e2e-redis \
    init --user redis --write /var/lib/redis -- \
    redis-server --dir /var/lib/redis --save "3600 1" --protected-mode no >/dev/null
  wait_for redis-cli ping
  [ "$(docker exec "$C" redis-cli bgsave)" = "Background saving started" ]
  redis_keeps_key
  assert_no_denial
  docker rm -f "$C" >/dev/null

  # nginx writing its logs and temporary files.
  docker run -d --name "$C" "${SERVER_FLAGS[@]}" --sysctl net.ipv4.ip_unprivileged_port_start=1024 \
    --entrypoint unroot unroot-e2e-nginx exec --keep-cap NET_BIND_SERVICE \
    --write /var/lib/nginx --write /var/log/nginx www-data -- nginx -g 'daemon off; error_log stderr;' >/dev/null
  wait_for bash -c 'exec 3<>/dev/tcp/127.0.0.1/80'
  run docker exec "$C" bash -c 'exec 3<>/dev/tcp/127.0.0.1/80; printf "GET / HTTP/1.0\r\n\r\n" >&3; head -n 1 <&3'
  [[ "$output" == "HTTP/1.1 200 OK"* ]]
  [ -n "$(docker exec "$C" cat /var/log/nginx/access.log)" ]
  docker stop -t 30 "$C" >/dev/null
  [ "$(docker inspect -f '{{.State.ExitCode}}' "$C")" = 0 ]
  assert_no_denial
}

@test "a derived image runs RUN apt-get without USER root, and its server is still dropped" {
  local dir=$BATS_TEST_TMPDIR/derived
  mkdir -p "$dir"
  printf 'FROM unroot-e2e-redis\nRUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends less && rm -rf /var/lib/apt/lists/*\n' \
    >"$dir/Dockerfile"
  docker build -q --network host -t unroot-e2e-derived "$dir" >"$dir/log" 2>&1 || { cat "$dir/log"; false; }
  docker run -d --name "$C" "${SERVER_FLAGS[@]}" unroot-e2e-derived >/dev/null
  wait_for redis-cli ping
  docker exec "$C" test -x /usr/bin/less
  run status_of_process redis-server
  assert_dropped redis
}

@test "audit reads the real Debian images as check sees them from inside" {
  run --separate-stderr "$UNROOT_BIN" audit --format json --engine docker unroot-e2e-postgres
  [ "$status" -eq 0 ]
  [ "$(jq -r '.findings[] | select(.id == "entrypoint.drop") | .message' <<<"$output")" = \
    "starts as root (no USER) and the entrypoint drops to 'postgres' with gosu" ]
  # Debian's setuid programs are warnings here: this gosu is unroot, which turns no_new_privs on.
  [ "$(jq -r '[.findings[] | select(.id == "setuid_files") | .severity] | unique | join(",")' <<<"$output")" = warning ]
  jq -r '.findings[] | select(.id == "setuid_files") | .path' <<<"$output" | grep -qx /usr/bin/su
  [[ "$(jq -r '.findings[] | select(.id == "unroot") | .message' <<<"$output")" == \
    *"at /usr/local/bin/unroot: the entrypoint drops through it, as gosu" ]]
  [ "$(jq -r '.findings[] | select(.id == "entrypoint.kernel_surface") | .message' <<<"$output")" = \
    "the entrypoint's unroot refuses every group of the kernel-surface profile" ]
  local audited=$output
  run docker run "${RUN_FLAGS[@]}" --entrypoint unroot unroot-e2e-postgres check --as postgres --json
  check_agrees_with_audit "$output" "$audited"

  run --separate-stderr "$UNROOT_BIN" audit --format json --engine docker unroot-e2e-redis
  [ "$status" -eq 0 ]
  [ "$(jq -r '.findings[] | select(.id == "entrypoint.drop") | .message' <<<"$output")" = \
    "starts as root (no USER) and the entrypoint drops to 'redis' with unroot init" ]
  [[ "$(jq -r '.findings[] | select(.id == "unroot") | .message' <<<"$output")" == \
    *"at /usr/local/bin/unroot: the container starts it" ]]
}
