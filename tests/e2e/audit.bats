#!/usr/bin/env bats
bats_require_minimum_version 1.5.0
# unroot audit on images the engine built: read as the engine saves them
# (docker save, podman save through a pipe), as saved archives and as OCI
# layouts, never run and never pulled. Run with Docker, rootful Podman and
# rootless Podman (audit run by the engine's user). The findings are compared
# with `unroot check` run inside the same image, and hostile archives are
# refused with one line and nothing written.

load helpers

P=unroot-e2e-audit-$ENGINE

setup_file() {
  export CTX="$BATS_FILE_TMPDIR/ctx"
  make_context "$CTX"
  cat >"$CTX/entrypoint.sh" <<'SCRIPT'
#!/bin/sh
# The official images' shape: set up as root, then re-enter as app.
set -e
if [ "$1" = serve ] && [ "$(id -u)" = 0 ]; then
  exec gosu app "$0" "$@"
fi
exec "$@"
SCRIPT
  chmod 755 "$CTX/entrypoint.sh"
  build_variant gosu 'COPY entrypoint.sh /entrypoint.sh
RUN ln -s /unroot /bin/gosu
ENTRYPOINT ["/entrypoint.sh"]
CMD ["serve"]'
  build_variant root 'CMD ["httpd", "-f", "-p", "8080"]'
  build_variant clean 'RUN rm /probes/setuid_probe
USER 10001
CMD ["httpd", "-f", "-p", "8080"]'
  build_variant sudo 'RUN mkdir -p /etc/sudoers.d && echo "#includedir /etc/sudoers.d" >/etc/sudoers \
 && echo "app ALL=(ALL) NOPASSWD: ALL" >/etc/sudoers.d/app
USER app
CMD ["sh"]'
}

teardown_file() {
  for variant in gosu root clean sudo; do engine rmi -f "$P-$variant" >/dev/null 2>&1 || true; done
}

# build_variant NAME LINES: the base image plus LINES, tagged $P-NAME.
build_variant() {
  local dir=$BATS_FILE_TMPDIR/$1
  mkdir -p "$dir"
  cp -a "$CTX/." "$dir/"
  { base_dockerfile; echo "$2"; } >"$dir/Dockerfile"
  build_image "$P-$1" "$dir"
}

case $ENGINE in
  docker) AUDIT_ENGINE=docker ;;
  *) AUDIT_ENGINE=podman ;;
esac

# audit ARGS...: unroot audit as the engine's user, JSON on stdout.
audit() {
  local as=()
  [ "$ENGINE" = podman-rootless ] && as=(runuser -u "$PODMAN_USER" --)
  run --separate-stderr "${as[@]}" "$UNROOT_BIN" audit --format json "$@"
}

# The "id severity" pairs of the findings in $output, sorted, one per line.
pairs() {
  jq -r '.findings[] | "\(.id) \(.severity)"' <<<"$output" | sort -u
}

@test "a gosu-style entrypoint is reported as dropping, to its user, with the tool" {
  audit --engine "$AUDIT_ENGINE" "$P-gosu"
  [ "$status" -eq 0 ]
  [ "$(jq -r '.findings[] | select(.id == "entrypoint.drop") | .message' <<<"$output")" = \
    "starts as root (no USER) and the entrypoint drops to 'app' with gosu" ]
  # gosu is unroot here: no_new_privs is on, so the setuid probe is only a warning.
  [ "$(jq -r '.findings[] | select(.id == "setuid_files") | .severity' <<<"$output")" = warning ]
  [[ "$(jq -r '.findings[] | select(.id == "unroot") | .message' <<<"$output")" == \
    "unroot "*" at /unroot: the entrypoint drops through it, as gosu" ]]
  [ -z "$(jq -r '.findings[] | select(.id == "identity.root")' <<<"$output")" ]
}

@test "a root server is an error, and the exit status says so" {
  audit --engine "$AUDIT_ENGINE" "$P-root"
  [ "$status" -eq 1 ]
  [ "$(jq -r '.findings[0].id + " " + .findings[0].severity' <<<"$output")" = "identity.root error" ]
  [ "$(jq -r .user <<<"$output")" = "" ]
  [ "$(jq -c .cmd <<<"$output")" = '["httpd","-f","-p","8080"]' ]
}

@test "a clean USER 10001 image, its setuid file removed in a later layer, passes" {
  audit --engine "$AUDIT_ENGINE" --fail-on error "$P-clean"
  [ "$status" -eq 0 ]
  # Only what no image can settle: nothing filters the kernel's surface.
  [ "$(pairs)" = $'entrypoint.kernel_surface warning\nunroot info' ]
  audit --engine "$AUDIT_ENGINE" --fail-on warning "$P-clean"
  [ "$status" -eq 1 ]
  # The same file is reported in the image it was not removed from.
  audit --engine "$AUDIT_ENGINE" "$P-root"
  [ "$(jq -r '.findings[] | select(.id == "setuid_files") | .path' <<<"$output")" = /probes/setuid_probe ]
}

@test "a planted NOPASSWD rule is reported with its file, line and layer" {
  audit --engine "$AUDIT_ENGINE" "$P-sudo"
  [ "$status" -eq 1 ]
  local last
  last=$(engine image inspect --format '{{json .RootFS.Layers}}' "$P-sudo" | jq -r '.[-1]')
  [ "$(jq -r '.findings[] | select(.id == "sudo") | "\(.severity) \(.path):\(.line) \(.layer)"' <<<"$output")" = \
    "error /etc/sudoers.d/app:1 $last" ]
}

@test "audit agrees with unroot check run inside the same image" {
  for variant in sudo root clean; do
    audit --engine "$AUDIT_ENGINE" "$P-$variant"
    echo "audit of $variant: status $status, $stderr"
    [ "$status" -le 1 ]
    local audited=$output
    run engine run "${RUN_FLAGS[@]}" --entrypoint /unroot "$P-$variant" check --json
    echo "$variant:"
    check_agrees_with_audit "$output" "$audited"
  done
}

@test "saved archives and OCI layouts give the findings the engine's image gives" {
  audit --engine "$AUDIT_ENGINE" "$P-sudo"
  local expected
  expected=$(jq -c '.findings' <<<"$output")
  local dir=$BATS_TEST_TMPDIR/saved
  mkdir -p "$dir"
  share_with_engine "$dir"
  chmod 777 "$dir"
  engine save -o "$dir/docker.tar" "$P-sudo"
  audit "$dir/docker.tar"
  [ "$status" -eq 1 ]
  [ "$(jq -r .format <<<"$output")" = docker-archive ]
  echo "got: $(jq -c .findings <<<"$output")"; echo "expected: $expected"
  [ "$(jq -c '.findings' <<<"$output")" = "$expected" ]
  if [ "$ENGINE" != docker ]; then
    engine save --format oci-archive -o "$dir/oci.tar" "$P-sudo"
    audit "$dir/oci.tar"
    [ "$(jq -r .format <<<"$output")" = oci-archive ]
    echo "got: $(jq -c .findings <<<"$output")"; echo "expected: $expected"
  [ "$(jq -c '.findings' <<<"$output")" = "$expected" ]
    engine save --format oci-dir -o "$dir/oci-dir" "$P-sudo"
    audit "$dir/oci-dir"
    [ "$(jq -r .format <<<"$output")" = oci-layout ]
    echo "got: $(jq -c .findings <<<"$output")"; echo "expected: $expected"
  [ "$(jq -c '.findings' <<<"$output")" = "$expected" ]
  fi
}

@test "an image no engine has is a one-line error, never a pull" {
  audit --engine "$AUDIT_ENGINE" unroot-e2e-audit-no-such-image:1
  [ "$status" -eq 2 ]
  [ "$stderr" = "unroot audit: auditing unroot-e2e-audit-no-such-image:1: no file of that name, and $AUDIT_ENGINE does not have such an image (give an archive (docker save -o FILE IMAGE) or an image the engine has; audit never pulls)" ]
}

@test "hostile archives are refused with one line, and nothing is written" {
  [ "$ENGINE" = docker ] || skip "archives are engine-independent: shown once"
  local dir=$BATS_TEST_TMPDIR/hostile work=$BATS_TEST_TMPDIR/a/b/work
  "$BATS_TEST_DIRNAME/hostile-archives.py" "$dir"
  mkdir -p "$work"
  cd "$work"
  for attack in traversal absolute symlink-escape hardlink-escape below-symlink; do
    run --separate-stderr "$UNROOT_BIN" audit "$dir/$attack.tar"
    echo "$attack: $stderr"
    [ "$status" -eq 2 ]
    [ -z "$output" ]
    [ "$(wc -l <<<"$stderr")" -eq 1 ]
    [[ "$stderr" == "unroot audit: reading $dir/$attack.tar "*"(this archive is not an image a build makes; do not load it)" ]]
  done
  # Where each attack aims, had its entries been extracted here.
  [ -z "$(ls -A "$work")" ]
  [ ! -e "$BATS_TEST_TMPDIR/a/escaped-by-unroot-audit" ]
  [ ! -e /tmp/escaped-by-unroot-audit ]
  [ ! -e /tmp/cron-job ]
  # An entry-count bomb stops at the limit; the same archive below it is an image.
  run --separate-stderr bash -c '"$0" bomb 1000001 | "$1" audit -' "$BATS_TEST_DIRNAME/hostile-archives.py" "$UNROOT_BIN"
  [ "$status" -eq 2 ]
  [ "$stderr" = "unroot audit: reading stdin member l0/layer.tar: the image has more than 1000000 entries (this archive is not an image a build makes; do not load it)" ]
  run --separate-stderr bash -c '"$0" bomb 1000 | "$1" audit -' "$BATS_TEST_DIRNAME/hostile-archives.py" "$UNROOT_BIN"
  [ "$status" -eq 1 ]
}
