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
  # Every architecture the release ships.
  ARCHS=$(cd "$REPO/cmake/toolchain" && ls -- *.cmake | grep -vx debian-cross.cmake | sed 's/\.cmake$//' | tr '\n' ' ')
  export ARCHS
}

teardown_file() {
  for arch in $ARCHS; do
    docker rmi -f "unroot:$VERSION-$arch" >/dev/null 2>&1 || true
  done
  docker rmi -f "unroot:$VERSION" unroot-e2e-user unroot-e2e-user-arm64 unroot-e2e-plain >/dev/null 2>&1 || true
  # Each architecture's toolchain layer (over 1 GB) and the compiler cache stay
  # for the next run; older build records beyond them go (left alone, a few
  # runs filled the disk). A build in progress keeps its own.
  docker builder prune -af --keep-storage 16GB >/dev/null 2>&1 || true
}

# machine FILE: the machine an ELF file is for, as readelf names it.
machine() {
  readelf -h "$1" | sed -n 's/^ *Machine: *//p'
}

@test "scripts/release leaves, for each architecture, the binary, the .deb and the image archive, with SHA256SUMS" {
  cd "$DIST"
  expected="SHA256SUMS"
  for arch in $ARCHS; do
    expected+=" unroot-$VERSION-image-$arch.tar unroot-$VERSION-linux-$arch unroot_${VERSION}_$arch.deb"
  done
  [ "$(ls | LC_ALL=C sort | tr '\n' ' ')" = "$(tr ' ' '\n' <<<"$expected" | LC_ALL=C sort | tr '\n' ' ')" ]
  sha256sum --strict -c SHA256SUMS
  [ "$(wc -l <SHA256SUMS)" -eq $((3 * $(wc -w <<<"$ARCHS"))) ]
  [ "$(./"$BINARY" --version)" = "unroot $VERSION (${COMMIT:0:12}, amd64)" ]
  for arch in $ARCHS; do
    binary=unroot-$VERSION-linux-$arch
    # Static (no program interpreter), stripped (no symbol table), within budget.
    ! readelf -l "$binary" | grep -q INTERP
    ! readelf -S "$binary" | grep -q '\.symtab'
    [ "$(stat -c %s "$binary")" -le 1572864 ]
    grep -aq "unroot $VERSION (${COMMIT:0:12}, $arch)" "$binary"
  done
  [ "$(machine "$BINARY")" = "Advanced Micro Devices X86-64" ]
  [ "$(machine "unroot-$VERSION-linux-arm64")" = AArch64 ]
  [ "$(machine "unroot-$VERSION-linux-armhf")" = ARM ]
  [ "$(machine "unroot-$VERSION-linux-i386")" = "Intel 80386" ]
  [ "$(machine "unroot-$VERSION-linux-ppc64el")" = PowerPC64 ]
  [ "$(machine "unroot-$VERSION-linux-s390x")" = "IBM S/390" ]
  [ "$(machine "unroot-$VERSION-linux-armel")" = ARM ]
  readelf -h "unroot-$VERSION-linux-armel" | grep -q "soft-float ABI"
  readelf -h "unroot-$VERSION-linux-armhf" | grep -q "hard-float ABI"
  [ "$(machine "unroot-$VERSION-linux-mips64el")" = "MIPS R3000" ]
}

@test "two releases of one commit in two directories give a byte-identical binary and .deb" {
  # The build machine's architecture, for time: bench/release repeats whole
  # releases of every architecture and compares them all.
  git clone -q "$REPO" "$CLONE_B"
  # Every file compiled afresh, not taken from the compiler cache release A filled.
  (cd "$CLONE_B" && scripts/release --base "$BASE" --arch amd64 --no-ccache) >"$BATS_FILE_TMPDIR/release-b.log" 2>&1 ||
    { cat "$BATS_FILE_TMPDIR/release-b.log"; false; }
  cmp "$DIST/$BINARY" "$CLONE_B/dist/$BINARY"
  cmp "$DIST/$DEB" "$CLONE_B/dist/$DEB"
  [ "$(grep " $BINARY\$\| $DEB\$" "$DIST/SHA256SUMS")" = "$(grep " $BINARY\$\| $DEB\$" "$CLONE_B/dist/SHA256SUMS")" ]
}

@test "each .deb installs /usr/bin/unroot, every man page and the completion, and lintian finds no error" {
  for arch in $ARCHS; do
    deb=$DIST/unroot_${VERSION}_$arch.deb
    run dpkg-deb -c "$deb"
    for path in usr/bin/unroot usr/share/bash-completion/completions/unroot \
                usr/share/doc/unroot/copyright usr/share/doc/unroot/changelog.gz; do
      [[ "$output" == *" ./$path"$'\n'* || "$output" == *" ./$path" ]] || { echo "$arch: no $path"; false; }
    done
    for page in unroot unroot-exec unroot-init unroot-prepare unroot-check unroot-lint; do
      [[ "$output" == *" ./usr/share/man/man1/$page.1.gz"* ]] || { echo "$arch: no $page.1.gz"; false; }
    done
    # Every file root's.
    ! grep -v ' root/root ' <<<"$output"
    [ "$(dpkg-deb -f "$deb" Version Architecture | tr '\n' ' ')" = "Version: $VERSION Architecture: $arch " ]
    [[ "$(dpkg-deb -f "$deb" Built-Using)" == *"libcap2 (= "* ]]
    # The .deb's binary is the released one.
    dpkg-deb -x "$deb" "$BATS_TEST_TMPDIR/$arch"
    cmp "$BATS_TEST_TMPDIR/$arch/usr/bin/unroot" "$DIST/unroot-$VERSION-linux-$arch"
    lintian --allow-root --fail-on error "$deb"
  done
}

@test "each image archive loads, and holds /unroot alone, for its architecture, with the OCI labels" {
  for arch in $ARCHS; do
    docker rmi "unroot:$VERSION-$arch" >/dev/null
  done
  docker rmi "unroot:$VERSION" >/dev/null
  for arch in $ARCHS; do
    archive=$DIST/unroot-$VERSION-image-$arch.tar
    docker load -i "$archive"
    run docker image inspect "unroot:$VERSION-$arch" \
      --format '{{.Os}}/{{.Architecture}}{{if .Variant}}/{{.Variant}}{{end}} {{json .Config.Labels}}'
    [ "$status" -eq 0 ]
    # Docker's name of the platform, as the toolchain file gives it (linux/arm/v7 for armhf).
    grep -qx "set(UNROOT_DOCKER_PLATFORM ${output%% *})" "$REPO/cmake/toolchain/$arch.cmake"
    labels=${output#* }
    [ "$(jq -r '."org.opencontainers.image.version"' <<<"$labels")" = "$VERSION" ]
    [ "$(jq -r '."org.opencontainers.image.revision"' <<<"$labels")" = "$COMMIT" ]
    [ "$(jq -r '."org.opencontainers.image.licenses"' <<<"$labels")" = "Apache-2.0" ]
    [ -n "$(jq -r '."org.opencontainers.image.description"' <<<"$labels")" ]
    # The origin remote is a local path here: no address to name.
    [ "$(jq -r '."org.opencontainers.image.source"' <<<"$labels")" = "" ]
    # One layer, one file: /unroot, the released binary.
    dir=$BATS_TEST_TMPDIR/image-$arch
    mkdir "$dir"
    tar -xf "$archive" -C "$dir"
    layers=$(jq -r '.[0].Layers[]' "$dir/manifest.json")
    [ "$(wc -l <<<"$layers")" -eq 1 ]
    [ "$(tar -tf "$dir/$layers")" = unroot ]
    tar -xf "$dir/$layers" -C "$dir" unroot
    cmp "$dir/unroot" "$DIST/unroot-$VERSION-linux-$arch"
  done
  # The build machine's own architecture is also plain unroot:VERSION.
  [ "$(docker image inspect -f '{{.Id}}' "unroot:$VERSION")" = "$(docker image inspect -f '{{.Id}}' "unroot:$VERSION-amd64")" ]
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

@test "a user's docker build --platform linux/arm64 copying from unroot:VERSION-arm64 gets the arm64 binary" {
  ctx="$BATS_TEST_TMPDIR/user-arm64"
  mkdir "$ctx"
  printf 'FROM scratch\nCOPY --from=unroot:%s-arm64 /unroot /usr/local/bin/unroot\n' "$VERSION" >"$ctx/Dockerfile"
  "$REPO/scripts/docker-build" --platform linux/arm64 -t unroot-e2e-user-arm64 "$ctx" >"$BATS_TEST_TMPDIR/log" 2>&1 ||
    { cat "$BATS_TEST_TMPDIR/log"; false; }
  [ "$(docker image inspect -f '{{.Architecture}}' unroot-e2e-user-arm64)" = arm64 ]
  id=$(docker create --platform linux/arm64 unroot-e2e-user-arm64 /usr/local/bin/unroot)
  docker cp "$id:/usr/local/bin/unroot" "$BATS_TEST_TMPDIR/copied"
  docker rm "$id" >/dev/null
  cmp "$BATS_TEST_TMPDIR/copied" "$DIST/unroot-$VERSION-linux-arm64"
  # It runs there (qemu-user through binfmt stands in for an arm64 machine).
  run docker run "${RUN_FLAGS[@]}" --platform linux/arm64 unroot-e2e-user-arm64 /usr/local/bin/unroot --version
  [ "$output" = "unroot $VERSION (${COMMIT:0:12}, arm64)" ]
}

@test "a plain BuildKit build of the repository works from a clean clone, naming no commit" {
  "$REPO/scripts/docker-build" --network host --build-arg "BASE=$BASE" -t unroot-e2e-plain "$CLONE_A" \
    >"$BATS_TEST_TMPDIR/log" 2>&1 || { tail -n 30 "$BATS_TEST_TMPDIR/log"; false; }
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
  run "$clone/scripts/release" --arch sparc
  [ "$status" -eq 1 ]
  [[ "$output" == "unroot: scripts/release: no build for architecture \"sparc\" (shipped: amd64 "* ]]
  # Every program of this machine but lintian.
  mkdir "$BATS_TEST_TMPDIR/bin"
  for program in /usr/local/bin/* /usr/bin/* /bin/*; do
    name=$(basename "$program")
    [ "$name" = lintian ] || [ -e "$BATS_TEST_TMPDIR/bin/$name" ] || ln -s "$program" "$BATS_TEST_TMPDIR/bin/$name"
  done
  PATH="$BATS_TEST_TMPDIR/bin" run "$clone/scripts/release" --base "$BASE"
  [ "$status" -eq 1 ]
  [ "$output" = "unroot: scripts/release: lintian is missing (apt-get install lintian)" ]
  [ ! -e "$clone/dist" ]
}
