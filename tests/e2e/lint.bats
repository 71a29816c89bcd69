#!/usr/bin/env bats
bats_require_minimum_version 1.5.0
# unroot lint with a real engine: base-image facts come from the engine's
# image inspect and the image's own /etc/passwd, never a pull. Run with
# Docker (--engine docker), rootful Podman and rootless Podman (--engine
# podman, lint run by the engine's user), each engine holding the images.

load helpers

BASE=unroot-e2e-lint-base-$ENGINE

setup_file() {
  export CTX="$BATS_FILE_TMPDIR/ctx"
  make_context "$CTX"
  {
    base_dockerfile
    echo 'USER app'
  } >"$CTX/Dockerfile"
  build_image "$BASE" "$CTX"
  export DERIVED="$BATS_FILE_TMPDIR/derived"
  mkdir -p "$DERIVED"
}

teardown_file() {
  engine rmi -f "$BASE" >/dev/null 2>&1 || true
}

# The --engine value that names the suite's engine.
case $ENGINE in
  docker) LINT_ENGINE=docker ;;
  *) LINT_ENGINE=podman ;;
esac

# lint_json DOCKERFILE-TEXT [OPTIONS...]: lints the text as $DERIVED/Dockerfile.
lint_json() {
  printf '%s' "$1" >"$DERIVED/Dockerfile"
  shift
  local as=()
  if [ "$ENGINE" = podman-rootless ]; then
    share_with_engine "$DERIVED"
    as=(runuser -u "$PODMAN_USER" --)
  fi
  run --separate-stderr "${as[@]}" "$UNROOT_BIN" lint --format json --fail-on none "$@" "$DERIVED/Dockerfile"
}

findings_of() {
  jq -r --arg id "$1" '.findings[] | select(.rule == $id) | "\(.line) \(.message)"' <<<"$output"
}

@test "a derived RUN apt-get update gets UR003, pointing at the base image's USER" {
  lint_json "FROM $BASE
RUN apt-get update
" --engine "$LINT_ENGINE"
  [ "$status" -eq 0 ]
  [[ "$(findings_of UR003)" == "2 "*"runs as app (the base image $BASE's user)"* ]]
}

@test "with --engine none the base user is unknown: no UR003, and UR001 says root was assumed" {
  lint_json "FROM $BASE
RUN apt-get update
" --engine none
  [ -z "$(findings_of UR003)" ]
  [[ "$(findings_of UR001)" == *"assumed: the base image $BASE is unknown"* ]]
}

@test "UR002 knows the base image's accounts through the engine" {
  lint_json "FROM $BASE
USER ghost
" --engine "$LINT_ENGINE"
  [[ "$(findings_of UR002)" == "2 USER names user ghost, which neither an earlier instruction creates nor the base image $BASE has" ]]
  lint_json "FROM $BASE
USER games
" --engine "$LINT_ENGINE"
  [ -z "$(findings_of UR002)" ]
  lint_json "FROM $BASE
USER ghost
" --engine none
  [ -z "$(findings_of UR002)" ]
}

@test "the base image's entrypoint counts: an inherited unroot drop is seen" {
  printf 'FROM %s\nUSER root\nENTRYPOINT ["/unroot", "exec", "app", "--"]\n' "$BASE" >"$CTX/Dockerfile.drop"
  engine build --network none -q -t "$BASE-drop" -f "$CTX/Dockerfile.drop" "$CTX" >/dev/null 2>&1
  lint_json "FROM $BASE-drop
RUN echo built
CMD [\"/bin/sh\"]
" --engine "$LINT_ENGINE"
  engine rmi -f "$BASE-drop" >/dev/null 2>&1 || true
  [ -z "$(findings_of UR001)" ]
}

@test "an image the engine does not have is never pulled" {
  lint_json "FROM example.invalid/not-here:1
RUN apt-get update
" --engine "$LINT_ENGINE"
  [ "$status" -eq 0 ]
  [[ "$(findings_of UR001)" == *"example.invalid/not-here:1 is unknown"* ]]
  run engine image inspect example.invalid/not-here:1
  [ "$status" -ne 0 ]
}

@test "--engine auto asks Podman when Docker lacks the image" {
  [ "$ENGINE" != docker ] || skip "the image is Docker's here"
  # Named after the engine, so Docker never has it.
  ! docker image inspect "$BASE" >/dev/null 2>&1
  lint_json "FROM $BASE
RUN apt-get update
" --engine auto
  [[ "$(findings_of UR003)" == "2 "*"runs as app (the base image $BASE's user)"* ]]
}
