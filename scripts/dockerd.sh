# Sourced by scripts/demo and scripts/test: a Docker engine for the duration of
# the script. ensure_dockerd starts dockerd only when none answers;
# stop_dockerd stops only a dockerd that ensure_dockerd started.

UNROOT_DOCKERD_PID=

ensure_dockerd() {
  if docker info >/dev/null 2>&1; then
    return 0
  fi
  echo "starting dockerd (log: /tmp/unroot-dockerd.log)" >&2
  dockerd >/tmp/unroot-dockerd.log 2>&1 &
  UNROOT_DOCKERD_PID=$!
  for _ in $(seq 60); do
    if docker info >/dev/null 2>&1; then
      return 0
    fi
    sleep 1
  done
  echo "unroot: dockerd did not answer within 60 s (see /tmp/unroot-dockerd.log)" >&2
  return 1
}

stop_dockerd() {
  if [ -n "$UNROOT_DOCKERD_PID" ]; then
    kill "$UNROOT_DOCKERD_PID" 2>/dev/null || true
    wait "$UNROOT_DOCKERD_PID" 2>/dev/null || true
    UNROOT_DOCKERD_PID=
  fi
}
