#!/usr/bin/env bats
# Host-uid matching on the real engine: bind mounts, prepared and unprepared
# images, read-only root file systems.
bats_require_minimum_version 1.5.0

load helpers

PLAIN=unroot-e2e-remap-plain
PREPARED=unroot-e2e-remap-prepared
MANY=unroot-e2e-remap-many
OPENSHIFT=unroot-e2e-remap-openshift

setup_file() {
  export CTX="$BATS_FILE_TMPDIR/ctx"
  make_context "$CTX"
  {
    base_dockerfile
    echo 'RUN mkdir -p /home/app/data && echo secret >/etc/shadow && chmod 600 /etc/shadow \'
    echo ' && echo mine >/home/app/data/mine && echo root >/home/app/roots \'
    echo ' && chown -R app:app /home/app/data && chown root:root /home/app/roots \'
    echo ' && ln -s /etc/shadow /home/app/shadow-link'
    echo 'ENTRYPOINT ["/unroot", "exec", "--uid-from", "/work", "app"]'
    echo 'CMD ["id"]'
  } >"$CTX/Dockerfile"
  build_image "$PLAIN" "$CTX"
  mkdir -p "$BATS_FILE_TMPDIR/prepared"
  printf 'FROM %s\nRUN /unroot prepare app\n' "$PLAIN" >"$BATS_FILE_TMPDIR/prepared/Dockerfile"
  build_image "$PREPARED" "$BATS_FILE_TMPDIR/prepared"
  mkdir -p "$BATS_FILE_TMPDIR/many"
  printf 'FROM %s\nRUN mkdir /home/app/many && cd /home/app/many && seq 100000 | xargs touch && chown -R app:app /home/app/many && /unroot prepare app\n' \
    "$PLAIN" >"$BATS_FILE_TMPDIR/many/Dockerfile"
  build_image "$MANY" "$BATS_FILE_TMPDIR/many"
  mkdir -p "$BATS_FILE_TMPDIR/openshift"
  printf 'FROM %s\nRUN /unroot prepare --arbitrary-uids app\nENTRYPOINT ["/unroot", "exec", "app"]\n' \
    "$PLAIN" >"$BATS_FILE_TMPDIR/openshift/Dockerfile"
  build_image "$OPENSHIFT" "$BATS_FILE_TMPDIR/openshift"
}

teardown_file() {
  engine rmi -f "$OPENSHIFT" "$MANY" "$PREPARED" "$PLAIN" >/dev/null 2>&1 || true
}

teardown() {
  engine_remove unroot-e2e-remap-c
}

# host_folder UID:GID: a host folder the container sees owned by UID:GID (on
# the host, rootless: the subordinate ids they map to).
host_folder() {
  local dir
  dir=$(mktemp -d "$BATS_TEST_TMPDIR/work.XXXXXX")
  share_with_engine "$dir"
  chown "$(host_ids "$1")" "$dir"
  echo "$dir"
}

@test "--uid-from /work: what the app creates in the bind mount belongs to the folder's owner" {
  work=$(host_folder 23456:34567)
  run engine run "${RUN_FLAGS[@]}" -v "$work:/work" "$PREPARED" sh -c 'id -u; id -g; echo hi >/work/made-in-container'
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = 23456 ]
  [ "${lines[1]}" = 34567 ]
  [ "$(stat -c %u:%g "$work/made-in-container")" = "$(host_ids 23456:34567)" ]
}

@test "PUID and PGID (or UNROOT_UID/UNROOT_GID) do the same without a folder" {
  work=$(host_folder 0:0)
  chmod 777 "$work"
  run engine run "${RUN_FLAGS[@]}" -v "$work:/work" -e PUID=24680 -e PGID=13579 "$PREPARED" sh -c 'touch /work/f; id -un'
  [ "$status" -eq 0 ]
  [[ "$output" == *"app" ]]
  [ "$(stat -c %u:%g "$work/f")" = "$(host_ids 24680:13579)" ]
  run engine run "${RUN_FLAGS[@]}" -v "$work:/work" -e UNROOT_UID=24681 -e PUID=1 "$PREPARED" id -u
  grep -qx 24681 <<<"$output"
}

@test "a root-owned folder leaves the ids as they are, with a notice" {
  work=$(host_folder 0:0)
  run engine run "${RUN_FLAGS[@]}" -v "$work:/work" "$PREPARED" id -u
  [ "$status" -eq 0 ]
  [[ "$output" == *"root's ids are never taken, ids left as they are"* ]]
  grep -qx 10001 <<<"$output"
}

@test "prepared image, 100,000 files: the remap touches none of them and the app still writes its own" {
  work=$(host_folder 23456:34567)
  engine run --name unroot-e2e-remap-c --network none --pull never -v "$work:/work" "$MANY" \
    sh -c 'echo more >>/home/app/data/mine && touch /home/app/many/new && cat /home/app/data/mine' >"$BATS_TEST_TMPDIR/out"
  [ "$(cat "$BATS_TEST_TMPDIR/out")" = $'mine\nmore' ]
  # The writable layer holds the rewritten account files and the app's own
  # writes, not 100,000 copied-up files.
  size=$(engine inspect -s -f '{{.SizeRw}}' unroot-e2e-remap-c)
  [ "$size" -lt 100000 ]
  changed=$(engine diff unroot-e2e-remap-c | grep -c '/home/app/many/' || true)
  [ "$changed" -le 2 ]
}

@test "unprepared image: chown mode changes exactly the old owner's files, never through a link" {
  work=$(host_folder 23456:34567)
  run engine run "${RUN_FLAGS[@]}" -v "$work:/work" "$PLAIN" sh -c \
    'stat -c "%u:%g %n" /home/app/data /home/app/data/mine /home/app/roots /etc/shadow; grep ^app: /etc/passwd'
  [ "$status" -eq 0 ]
  [[ "$output" == *"remapped app to 23456:34567: "* ]]
  [[ "$output" == *"23456:34567 /home/app/data"* ]]
  [[ "$output" == *"23456:34567 /home/app/data/mine"* ]]
  [[ "$output" == *"0:0 /home/app/roots"* ]]
  [[ "$output" == *"0:0 /etc/shadow"* ]]
  [[ "$output" == *"app:x:23456:34567::/home/app:/bin/sh"* ]]
}

@test "chown mode leaves a bind mount inside the home alone" {
  work=$(host_folder 23456:34567)
  inner=$(host_folder 10001:10001)
  touch "$inner/host-file"
  chown "$(host_ids 10001:10001)" "$inner/host-file"
  run engine run "${RUN_FLAGS[@]}" -v "$work:/work" -v "$inner:/home/app/mnt" "$PLAIN" true
  [ "$status" -eq 0 ]
  [ "$(stat -c %u:%g "$inner/host-file")" = "$(host_ids 10001:10001)" ]
}

@test "a second start of the same container changes nothing" {
  work=$(host_folder 23456:34567)
  engine create --name unroot-e2e-remap-c --network none -v "$work:/work" "$PLAIN" id -u >/dev/null
  run engine start -a unroot-e2e-remap-c
  [[ "$output" == *"remapped app to 23456:34567"* ]]
  run engine start -a unroot-e2e-remap-c
  [ "$status" -eq 0 ]
  [ "$output" = 23456 ]
}

@test "read-only root file system: a prepared image runs with the new ids, chown mode stops cleanly" {
  work=$(host_folder 23456:34567)
  run engine run "${RUN_FLAGS[@]}" --read-only -v "$work:/work" "$PREPARED" sh -c 'id -u; touch /work/ok'
  [ "$status" -eq 0 ]
  [[ "$output" == *"name look-ups of uid 23456 will fail"* ]]
  grep -qx 23456 <<<"$output"
  [ "$(stat -c %u "$work/ok")" = "$(host_uid 23456)" ]
  run engine run "${RUN_FLAGS[@]}" --read-only -v "$work:/work" "$PLAIN" id -u
  [ "$status" -eq 125 ]
  [[ "$output" == 'unroot: cannot remap "app": '*'Read-only file system (prepare the image at build time (RUN unroot prepare app), or run with a writable /etc)' ]]
}

@test "remapping to uid 0 is refused before anything changes" {
  run engine run "${RUN_FLAGS[@]}" -e PUID=0 --entrypoint /unroot "$PLAIN" exec app id -u
  [ "$status" -eq 125 ]
  [[ "$output" == *"uid and gid 0 belong to root"* ]]
}

@test "prepare --arbitrary-uids: an arbitrary uid in group 0 gets a name and a HOME, and writes the app's files" {
  run engine run "${RUN_FLAGS[@]}" --user 12345:0 "$OPENSHIFT" sh -c \
    'whoami; echo "HOME=$HOME"; touch "$HOME/written" && echo more >>"$HOME/data/mine" && echo wrote'
  [ "$status" -eq 0 ]
  if [ "$ENGINE" = docker ]; then
    grep -qx app <<<"$output"
  else
    # Podman adds its own entry for an arbitrary uid to a writable
    # /etc/passwd before the entrypoint starts: named by the uid, HOME "/".
    grep -qx 12345 <<<"$output"
  fi
  grep -qx "HOME=/home/app" <<<"$output"
  grep -qx wrote <<<"$output"
  run engine run "${RUN_FLAGS[@]}" --user 12345:0 "$PLAIN" sh -c 'whoami; echo "HOME=$HOME"'
  [ "$status" -eq 0 ]
  [[ "$output" == *"HOME=/tmp/unroot-home-12345"* ]]
  # Started as root with app's own ids, app owns its files: no group 0.
  run engine run "${RUN_FLAGS[@]}" "$OPENSHIFT" id -G
  [ "$status" -eq 0 ]
  [ "$output" = "10001 100" ] || [ "$output" = "100 10001" ]
  # The same image under a remap: group 0 stays, so app's files too.
  run engine run "${RUN_FLAGS[@]}" -e PUID=24680 -e PGID=13579 "$OPENSHIFT" sh -c \
    'id -u; id -G; echo more >>/home/app/data/mine && echo wrote'
  [ "$status" -eq 0 ]
  grep -qx 24680 <<<"$output"
  grep -qE "^13579( [0-9]+)* 0( |$)" <<<"$output"
  grep -qx wrote <<<"$output"
}

@test "unroot init --user remaps the same way, init and CMD both with the new ids" {
  work=$(host_folder 23456:34567)
  run engine run "${RUN_FLAGS[@]}" -v "$work:/work" --entrypoint /unroot "$PREPARED" \
    init --user app --uid-from /work -- sh -c 'grep ^Uid: /proc/1/status; id -u; id -g'
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = $'Uid:\t23456\t23456\t23456\t23456' ]
  [ "${lines[1]}" = 23456 ]
  [ "${lines[2]}" = 34567 ]
}

@test "a prepared container started again keeps its files reachable" {
  work=$(host_folder 23456:34567)
  engine create --name unroot-e2e-remap-c --network none -v "$work:/work" "$PREPARED" \
    sh -c 'echo again >>/home/app/data/mine && id -G' >/dev/null
  run engine start -a unroot-e2e-remap-c
  [ "$status" -eq 0 ]
  run engine start -a unroot-e2e-remap-c
  [ "$status" -eq 0 ]
  grep -qE "(^| )10001( |$)" <<<"$output"
}

@test "a remap that could not end in a drop changes nothing: --cap-drop ALL, or no CAP_CHOWN in chown mode" {
  work=$(host_folder 23456:34567)
  engine create --name unroot-e2e-remap-c --network none --cap-drop ALL -v "$work:/work" "$PLAIN" true >/dev/null
  run engine start -a unroot-e2e-remap-c
  [ "$status" -eq 125 ]
  [[ "$output" == *"lacks CAP_SETUID"* ]]
  # Podman itself marks /etc changed (it prepares files there); nothing below it may be.
  [ -z "$(engine diff unroot-e2e-remap-c | grep -E ' /(etc|home)/')" ]
  engine_remove unroot-e2e-remap-c
  engine create --name unroot-e2e-remap-c --network none --cap-drop CHOWN -v "$work:/work" "$PLAIN" true >/dev/null
  run engine start -a unroot-e2e-remap-c
  [ "$status" -eq 125 ]
  [[ "$output" == *"the container lacks cap_chown, which chown mode needs"* ]]
  [ -z "$(engine diff unroot-e2e-remap-c | grep -E ' /(etc|home)/')" ]
}
