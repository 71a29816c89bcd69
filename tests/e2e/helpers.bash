# Shared by the end-to-end suites: FROM scratch images made of busybox-static,
# the release unroot binary, the static probes and test-written account files.
# Needs UNROOT_BIN (the binary) and UNROOT_PROBES (where the probes were built).

: "${UNROOT_BIN:?set UNROOT_BIN to the unroot binary}"
: "${UNROOT_PROBES:?set UNROOT_PROBES to the directory holding the probes}"

# Never pull, never reach a network: nothing outside this machine is reachable.
RUN_FLAGS=(--rm --network none --pull never)

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
  cp "$UNROOT_PROBES/setuid_probe" "$UNROOT_PROBES/tiocsti_probe" "$dir/"
  write_accounts "$dir"
}

# The Dockerfile lines every test image starts from; USER stays root.
base_dockerfile() {
  cat <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
COPY passwd group /etc/
COPY unroot /unroot
COPY setuid_probe tiocsti_probe /probes/
RUN chmod 4755 /probes/setuid_probe && mkdir -p /home/app /tmp /root && chown app:app /home/app && chmod 1777 /tmp
DOCKERFILE
}

# build_image TAG DIR: builds DIR/Dockerfile offline; prints the log on failure.
build_image() {
  local tag=$1 dir=$2 log
  if ! log=$(docker build --network none -t "$tag" "$dir" 2>&1); then
    echo "$log" >&2
    return 1
  fi
}

# One field of a /proc/self/status dump in $output, e.g. status_of CapEff.
status_of() {
  grep "^$1:" <<<"$output" | cut -f2-
}
