#!/usr/bin/env bats
bats_require_minimum_version 1.5.0
# The three ways users get unroot, tried as a new user would: scripts/release
# from clean clones of the commit checked out (uncommitted changes are not
# part of a release, so not of this test), the image it makes used with
# COPY --from= in a user's Debian image, the .deb installed in a fresh Debian
# container. The Debian base comes from Debian's archive (scripts/debian-base),
# never from a registry.

load helpers

REPO=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)

setup_file() {
  BASE=$("$REPO/scripts/debian-base")
  VERSION=$(sed -n 's/^project(unroot VERSION \([0-9.]*\).*/\1/p' "$REPO/CMakeLists.txt")
  COMMIT=$(git -C "$REPO" rev-parse HEAD)
  export BASE VERSION COMMIT
  export CLONE_A="$BATS_FILE_TMPDIR/a/unroot" CLONE_B="$BATS_FILE_TMPDIR/b/elsewhere/unroot"
  git clone -q "$REPO" "$CLONE_A"
  (cd "$CLONE_A" && scripts/release --base "$BASE") >"$BATS_FILE_TMPDIR/release-a.log" 2>&1 ||
    { cat "$BATS_FILE_TMPDIR/release-a.log" >&2; return 1; }
  export DIST="$CLONE_A/dist" BINARY="unroot-$VERSION-linux-amd64" DEB="unroot_${VERSION}_amd64.deb"
}

teardown_file() {
  docker rmi -f "unroot:$VERSION" unroot-e2e-user unroot-e2e-plain >/dev/null 2>&1 || true
}

@test "scripts/release leaves the binary, the .deb, the image archive and SHA256SUMS, which verify" {
  cd "$DIST"
  [ "$(ls | LC_ALL=C sort | tr '\n' ' ')" = "SHA256SUMS unroot-$VERSION-image.tar $BINARY $DEB " ]
  sha256sum --strict -c SHA256SUMS
  [ "$(wc -l <SHA256SUMS)" -eq 3 ]
  [ "$(./"$BINARY" --version)" = "unroot $VERSION (${COMMIT:0:12}, amd64)" ]
  # Static (no program interpreter), stripped (no symbol table), within budget.
  ! readelf -l "$BINARY" | grep -q INTERP
  ! readelf -S "$BINARY" | grep -q '\.symtab'
  [ "$(stat -c %s "$BINARY")" -le 1572864 ]
}

@test "two releases of one commit in two directories give byte-identical binaries and .debs" {
  git clone -q "$REPO" "$CLONE_B"
  (cd "$CLONE_B" && scripts/release --base "$BASE") >"$BATS_FILE_TMPDIR/release-b.log" 2>&1 ||
    { cat "$BATS_FILE_TMPDIR/release-b.log"; false; }
  cmp "$DIST/$BINARY" "$CLONE_B/dist/$BINARY"
  cmp "$DIST/$DEB" "$CLONE_B/dist/$DEB"
  [ "$(grep -v image.tar "$DIST/SHA256SUMS")" = "$(grep -v image.tar "$CLONE_B/dist/SHA256SUMS")" ]
}

@test "the .deb installs /usr/bin/unroot, every man page and the completion, and lintian finds no error" {
  run dpkg-deb -c "$DIST/$DEB"
  for path in usr/bin/unroot usr/share/bash-completion/completions/unroot \
              usr/share/doc/unroot/copyright usr/share/doc/unroot/changelog.gz; do
    [[ "$output" == *" ./$path"$'\n'* || "$output" == *" ./$path" ]] || { echo "no $path"; false; }
  done
  for page in unroot unroot-exec unroot-init unroot-prepare unroot-check unroot-lint; do
    [[ "$output" == *" ./usr/share/man/man1/$page.1.gz"* ]] || { echo "no $page.1.gz"; false; }
  done
  # Every file root's, dated the commit's time.
  ! grep -v ' root/root ' <<<"$output"
  [ "$(dpkg-deb -f "$DIST/$DEB" Version Architecture | tr '\n' ' ')" = "Version: $VERSION Architecture: amd64 " ]
  lintian --allow-root --fail-on error "$DIST/$DEB"
}

@test "the image archive loads, and holds /unroot alone with the OCI labels" {
  docker rmi "unroot:$VERSION" >/dev/null
  docker load -i "$DIST/unroot-$VERSION-image.tar"
  run docker image inspect "unroot:$VERSION" --format '{{json .Config.Labels}}'
  [ "$status" -eq 0 ]
  [ "$(jq -r '."org.opencontainers.image.version"' <<<"$output")" = "$VERSION" ]
  [ "$(jq -r '."org.opencontainers.image.revision"' <<<"$output")" = "$COMMIT" ]
  [ "$(jq -r '."org.opencontainers.image.licenses"' <<<"$output")" = "Apache-2.0" ]
  [ -n "$(jq -r '."org.opencontainers.image.description"' <<<"$output")" ]
  [ "$(jq -r 'has("org.opencontainers.image.source")' <<<"$output")" = true ]
  # One layer, one file: /unroot, the released binary.
  mkdir "$BATS_TEST_TMPDIR/image"
  tar -xf "$DIST/unroot-$VERSION-image.tar" -C "$BATS_TEST_TMPDIR/image"
  layers=$(jq -r '.[0].Layers[]' "$BATS_TEST_TMPDIR/image/manifest.json")
  [ "$(wc -l <<<"$layers")" -eq 1 ]
  [ "$(tar -tf "$BATS_TEST_TMPDIR/image/$layers")" = unroot ]
  tar -xf "$BATS_TEST_TMPDIR/image/$layers" -C "$BATS_TEST_TMPDIR/image" unroot
  cmp "$BATS_TEST_TMPDIR/image/unroot" "$DIST/$BINARY"
}

@test "a user's Debian image with COPY --from=unroot:VERSION runs its app dropped, for one file more" {
  ctx="$BATS_TEST_TMPDIR/user"
  mkdir "$ctx"
  cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $BASE
RUN useradd -r -u 10001 app
COPY --from=unroot:$VERSION /unroot /usr/local/bin/unroot
ENTRYPOINT ["unroot", "exec", "app", "--"]
CMD ["cat", "/proc/self/status"]
DOCKERFILE
  build_image unroot-e2e-user "$ctx"
  run --separate-stderr docker run "${RUN_FLAGS[@]}" unroot-e2e-user
  [ "$status" -eq 0 ]
  [ "$(status_of Uid)" = $'10001\t10001\t10001\t10001' ]
  for set in CapInh CapPrm CapEff CapBnd CapAmb; do
    [ "$(status_of "$set")" = 0000000000000000 ] || { echo "$set: $(status_of "$set")"; false; }
  done
  [ "$(status_of NoNewPrivs)" = 1 ]
  [ "$(status_of Seccomp)" = 2 ]
  # The COPY layer adds /usr/local/bin/unroot and no other file, at the binary's size.
  docker save unroot-e2e-user -o "$BATS_TEST_TMPDIR/user.tar"
  mkdir "$BATS_TEST_TMPDIR/saved"
  tar -xf "$BATS_TEST_TMPDIR/user.tar" -C "$BATS_TEST_TMPDIR/saved"
  layer=$(jq -r '.[0].Layers[-1]' "$BATS_TEST_TMPDIR/saved/manifest.json")
  run tar -tvf "$BATS_TEST_TMPDIR/saved/$layer"
  files=$(grep -v '^d' <<<"$output")
  [ "$(wc -l <<<"$files")" -eq 1 ]
  [[ "$files" == *" $(stat -c %s "$DIST/$BINARY") "*" usr/local/bin/unroot" ]]
}

@test "the .deb installs in a fresh Debian container, where man unroot and unroot --version work" {
  run --separate-stderr docker run --rm --network host --pull never -v "$DIST:/dist:ro" "$BASE" bash -c "
    apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends man-db /dist/$DEB >/dev/null &&
    unroot --version && MANWIDTH=200 man -P cat unroot | head -n 4 &&
    man -w unroot-exec unroot-init unroot-prepare unroot-check unroot-lint && dpkg -s unroot | grep Status"
  echo "$output"
  echo "$stderr"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "unroot $VERSION (${COMMIT:0:12}, amd64)" ]
  [[ "$output" == *"unroot - run a container's application as an unprivileged user"* ]]
  [[ "$output" == *"/usr/share/man/man1/unroot-lint.1.gz"* ]]
  [[ "$output" == *"Status: install ok installed"* ]]
}

@test "a plain docker build -t unroot:VERSION . works from a clean clone, naming no commit" {
  docker build --network host --build-arg "BASE=$BASE" -t unroot-e2e-plain "$CLONE_A" >"$BATS_TEST_TMPDIR/log" 2>&1 ||
    { tail -n 30 "$BATS_TEST_TMPDIR/log"; false; }
  run docker run "${RUN_FLAGS[@]}" --entrypoint /unroot unroot-e2e-plain --version
  [ "$output" = "unroot $VERSION (unknown, amd64)" ]
  [ "$(docker image inspect unroot-e2e-plain --format '{{index .Config.Labels "org.opencontainers.image.version"}}')" = unknown ]
}

@test "scripts/release refuses a dirty work tree, an unknown argument and a missing tool, making nothing" {
  clone="$BATS_TEST_TMPDIR/dirty"
  git clone -q "$REPO" "$clone"
  echo changed >>"$clone/README.md"
  run "$clone/scripts/release" --base "$BASE"
  [ "$status" -eq 1 ]
  [ "$output" = "unroot: scripts/release: the work tree has uncommitted changes (a release is made from a commit: commit or stash them)" ]
  [ ! -e "$clone/dist" ]
  git -C "$clone" checkout -q README.md
  run "$clone/scripts/release" --frobnicate
  [ "$status" -eq 1 ]
  [[ "$output" == *'unknown argument "--frobnicate"'* ]]
  # Every tool but lintian.
  mkdir "$BATS_TEST_TMPDIR/bin"
  for tool in bash dirname git docker dpkg-deb sha256sum gzip; do
    ln -s "$(command -v "$tool")" "$BATS_TEST_TMPDIR/bin/$tool"
  done
  PATH="$BATS_TEST_TMPDIR/bin" run "$clone/scripts/release" --base "$BASE"
  [ "$status" -eq 1 ]
  [ "$output" = "unroot: scripts/release: lintian is missing (apt-get install lintian)" ]
  [ ! -e "$clone/dist" ]
}
