#!/usr/bin/env bats
bats_require_minimum_version 1.5.0
# The kernel-surface profile on the real engine: every group's call refused by
# default, each lifted alone by --allow, with a control run without unroot
# showing what the kernel does with the same call. The containers run with
# the engine's own seccomp profile off (seccomp=unconfined, as Kubernetes runs
# pods by default), so that unroot's filter is the only one in the way.
# Then --write: writes fenced to the declared paths with Landlock, each
# attempt beside a control run without the fence.

load helpers

IMAGE=unroot-e2e-hardening
PROBE=/probes/kernel_surface_probe
GROUPS_IN_ORDER=(namespaces keyring bpf userfaultfd perf io_uring ptrace personality)
REFUSED="namespaces=EPERM keyring=EPERM bpf=EPERM userfaultfd=EPERM perf=EPERM io_uring=EPERM ptrace=EPERM personality=EPERM clone3=ENOSYS"

setup_file() {
  export CTX="$BATS_FILE_TMPDIR/ctx"
  make_context "$CTX"
  {
    base_dockerfile
    echo 'RUN ln -s /unroot /bin/gosu && mkdir /data /scratch && chown app:app /data && chmod 1777 /scratch'
    echo 'ENTRYPOINT ["/unroot", "exec", "app"]'
  } >"$CTX/Dockerfile"
  build_image "$IMAGE" "$CTX"
  # The control: the same user, the same probe, no unroot.
  engine run "${RUN_FLAGS[@]}" --security-opt seccomp=unconfined --user 10001:10001 \
    --entrypoint "$PROBE" "$IMAGE" >"$BATS_FILE_TMPDIR/control"
}

teardown_file() {
  engine rmi -f "$IMAGE" >/dev/null 2>&1 || true
}

UNCONFINED=(--security-opt seccomp=unconfined)

# result_of GROUP LINE: GROUP's result in a probe's line.
result_of() {
  local word
  for word in $2; do
    [ "${word%%=*}" = "$1" ] && echo "${word#*=}" && return
  done
}

@test "the control: without unroot every group's call reaches the kernel" {
  local control
  control=$(cat "$BATS_FILE_TMPDIR/control")
  echo "control: $control"
  for group in "${GROUPS_IN_ORDER[@]}"; do
    [ -n "$(result_of "$group" "$control")" ]
    [ "$(result_of "$group" "$control")" != EPERM ]
  done
  [ "$(result_of clone3 "$control")" = EINVAL ]
}

@test "unroot exec refuses every group's call: EPERM, and ENOSYS for clone3" {
  run engine run "${RUN_FLAGS[@]}" "${UNCONFINED[@]}" "$IMAGE" "$PROBE"
  [ "$status" -eq 0 ]
  [ "$output" = "$REFUSED " ]
}

@test "--allow GROUP lets that group, and only it, reach the kernel as in the control" {
  local control
  control=$(cat "$BATS_FILE_TMPDIR/control")
  run engine run "${RUN_FLAGS[@]}" "${UNCONFINED[@]}" --entrypoint sh "$IMAGE" -c \
    "for g in ${GROUPS_IN_ORDER[*]}; do echo \"\$g: \$(/unroot exec --allow \$g app $PROBE)\"; done"
  [ "$status" -eq 0 ]
  [ "${#lines[@]}" -eq "${#GROUPS_IN_ORDER[@]}" ]
  for line in "${lines[@]}"; do
    local lifted=${line%%:*} probe=${line#*: }
    for group in "${GROUPS_IN_ORDER[@]}"; do
      if [ "$group" = "$lifted" ]; then
        [ "$(result_of "$group" "$probe")" = "$(result_of "$group" "$control")" ]
      else
        [ "$(result_of "$group" "$probe")" = EPERM ]
      fi
    done
  done
}

@test "--allow all, and UNROOT_ALLOW adding to --allow, give the control's results" {
  local control
  control=$(cat "$BATS_FILE_TMPDIR/control")
  run engine run "${RUN_FLAGS[@]}" "${UNCONFINED[@]}" --entrypoint /unroot "$IMAGE" exec --allow all app "$PROBE"
  [ "$output" = "$control" ]
  run engine run "${RUN_FLAGS[@]}" "${UNCONFINED[@]}" -e UNROOT_ALLOW=keyring,bpf,userfaultfd,perf \
    --entrypoint /unroot "$IMAGE" exec --allow namespaces,io_uring --allow ptrace --allow personality app "$PROBE"
  [ "$output" = "$control" ]
}

@test "a misspelt group stops the start with one line and runs nothing" {
  run engine run "${RUN_FLAGS[@]}" --entrypoint /unroot "$IMAGE" exec --allow userns app touch /tmp/ran
  [ "$status" -eq 125 ]
  [[ "$output" == 'unroot exec: usage: unknown system call group "userns": '* ]]
  run engine run "${RUN_FLAGS[@]}" -e UNROOT_ALLOW=ptrace,perf_event "$IMAGE" sh -c 'echo ran'
  [ "$status" -eq 125 ]
  [[ "$output" == 'unroot: UNROOT_ALLOW: unknown system call group "perf_event": '* ]]
}

@test "unroot init applies the profile to itself and to CMD" {
  run engine run "${RUN_FLAGS[@]}" "${UNCONFINED[@]}" --entrypoint /unroot "$IMAGE" init --user app -- \
    sh -c "$PROBE; grep ^Seccomp: /proc/1/status"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "$REFUSED " ]
  [ "${lines[1]}" = $'Seccomp:\t2' ]
}

@test "as gosu the profile applies too, and UNROOT_ALLOW lifts a group" {
  run engine run "${RUN_FLAGS[@]}" "${UNCONFINED[@]}" --entrypoint gosu "$IMAGE" app "$PROBE"
  [ "$output" = "$REFUSED " ]
  run engine run "${RUN_FLAGS[@]}" "${UNCONFINED[@]}" -e UNROOT_ALLOW=ptrace --entrypoint gosu "$IMAGE" app "$PROBE"
  [ "$(result_of ptrace "$output")" = "$(result_of ptrace "$(cat "$BATS_FILE_TMPDIR/control")")" ]
  [ "$(result_of keyring "$output")" = EPERM ]
}

@test "started unprivileged (--user), unroot still applies the profile" {
  run engine run "${RUN_FLAGS[@]}" "${UNCONFINED[@]}" --user 10001:10001 "$IMAGE" "$PROBE"
  [ "$output" = "$REFUSED " ]
}

@test "--allow-escalation keeps the old behaviour: no profile" {
  run engine run "${RUN_FLAGS[@]}" "${UNCONFINED[@]}" --entrypoint /unroot "$IMAGE" exec --quiet --allow-escalation app "$PROBE"
  [ "$output" = "$(cat "$BATS_FILE_TMPDIR/control")" ]
}

@test "under the engine's own profile unroot's still refuses every group" {
  run engine run "${RUN_FLAGS[@]}" "$IMAGE" "$PROBE"
  [ "$output" = "$REFUSED " ]
}

# check_says ARGS...: the kernel.* findings of `unroot check --json` run with
# ARGS (engine flags, then the image's command), one line each:
# "GROUP STATUS SUMMARY|EVIDENCE".
check_says() {
  engine run "${RUN_FLAGS[@]}" "$@" |
    jq -r '.findings[] | select(.id | startswith("kernel.")) | "\(.id[7:]) \(.status) \(.summary)|\(.evidence)"'
}

@test "check names unroot's filter as what refuses each group, and says which --allow lifted" {
  run check_says "${UNCONFINED[@]}" --entrypoint /unroot "$IMAGE" exec --allow ptrace app /unroot check --json --no-scan
  [ "${#lines[@]}" -eq "${#GROUPS_IN_ORDER[@]}" ]
  for line in "${lines[@]}"; do
    local group=${line%% *}
    if [ "$group" = ptrace ]; then
      [[ "$line" == "ptrace warn ptrace reaches the kernel: ptrace, process_vm_readv, process_vm_writev|"*"(--allow ptrace)" ]]
    else
      [[ "$line" == "$group pass $group refused by unroot's filter|"* ]]
    fi
  done
}

# probed_call GROUP: the call of GROUP that the probe makes, as check names it.
probed_call() {
  case $1 in
    namespaces) echo unshare ;;
    keyring) echo add_key ;;
    perf) echo perf_event_open ;;
    io_uring) echo io_uring_setup ;;
    *) echo "$1" ;;
  esac
}

@test "without unroot, check agrees with the probe on what the engine's own profile refuses" {
  local probe
  probe=$(engine run "${RUN_FLAGS[@]}" --user 10001:10001 --entrypoint "$PROBE" "$IMAGE")
  run check_says --user 10001:10001 --entrypoint /unroot "$IMAGE" check --json --no-scan
  echo "probe: $probe"
  printf 'check: %s\n' "${lines[@]}"
  [ "${#lines[@]}" -eq "${#GROUPS_IN_ORDER[@]}" ]
  for line in "${lines[@]}"; do
    local group=${line%% *} evidence=${line#*|} result answer reached=no
    result=$(result_of "$group" "$probe")
    answer=$(tr ',' '\n' <<<"$evidence" | sed -n "s/^ *$(probed_call "$group"): //p")
    [ -n "$answer" ]
    case $result in
      EPERM | ENOSYS) [[ "$answer" == EPERM || "$answer" == ENOSYS ]] ;;
      *) [[ "$answer" != EPERM && "$answer" != ENOSYS ]] ;;
    esac
    # The group warns exactly when one of its calls reached the kernel.
    grep -qvE ': (EPERM|ENOSYS)$' < <(tr ',' '\n' <<<"$evidence") && reached=yes
    if [ $reached = yes ]; then
      [[ "$line" == "$group warn $group reaches the kernel: "* ]]
    else
      [[ "$line" == "$group pass $group refused before the kernel, by the engine's seccomp profile|"* ]]
    fi
  done
}

# The write probe: one attempt to create or change a file in each place, as
# PATH=ok or PATH=denied, and a read of a file outside them all.
WRITES='for p in /data/f /home/app/f /scratch/f /tmp/f /dev/null; do
  if echo x 2>/dev/null >"$p"; then printf "%s=ok " "$p"; else printf "%s=denied " "$p"; fi
done; head -c 5 /etc/passwd'

@test "--write fences writes to the declared paths, /tmp and the devices; a control without it writes everywhere" {
  run engine run "${RUN_FLAGS[@]}" "$IMAGE" sh -c "$WRITES"
  [ "$output" = "/data/f=ok /home/app/f=ok /scratch/f=ok /tmp/f=ok /dev/null=ok root:" ]
  run engine run "${RUN_FLAGS[@]}" --entrypoint /unroot "$IMAGE" exec --write /data app sh -c "$WRITES"
  [ "$output" = "/data/f=ok /home/app/f=denied /scratch/f=denied /tmp/f=ok /dev/null=ok root:" ]
}

@test "UNROOT_WRITE adds paths (HOME only when declared); init and gosu fence too" {
  run engine run "${RUN_FLAGS[@]}" -e UNROOT_WRITE=/home/app:/scratch --entrypoint /unroot "$IMAGE" \
    exec --write /data app sh -c "$WRITES"
  [ "$output" = "/data/f=ok /home/app/f=ok /scratch/f=ok /tmp/f=ok /dev/null=ok root:" ]
  run engine run "${RUN_FLAGS[@]}" --entrypoint /unroot "$IMAGE" init --user app --write /data -- sh -c "$WRITES"
  [ "$output" = "/data/f=ok /home/app/f=denied /scratch/f=denied /tmp/f=ok /dev/null=ok root:" ]
  run engine run "${RUN_FLAGS[@]}" -e UNROOT_WRITE=/data --entrypoint gosu "$IMAGE" app sh -c "$WRITES"
  [ "$output" = "/data/f=ok /home/app/f=denied /scratch/f=denied /tmp/f=ok /dev/null=ok root:" ]
}

@test "check says whether writes are fenced" {
  run engine run "${RUN_FLAGS[@]}" --entrypoint /unroot "$IMAGE" exec --write /data app /unroot check --json --no-scan
  [ "$(jq -r '.findings[] | select(.id == "writes") | .summary' <<<"$output")" = \
    "writes are fenced to declared paths (Landlock, as unroot --write sets)" ]
  run engine run "${RUN_FLAGS[@]}" --entrypoint /unroot "$IMAGE" exec app /unroot check --json --no-scan
  [ "$(jq -r '.findings[] | select(.id == "writes") | .summary' <<<"$output")" = \
    "writes are not fenced: the user writes wherever file permissions let it" ]
}

@test "a declared path that does not exist stops the start with one line, nothing run" {
  run engine run "${RUN_FLAGS[@]}" --entrypoint /unroot "$IMAGE" exec --write /srv/data app sh -c 'echo ran'
  [ "$status" -eq 125 ]
  [ "$output" = 'unroot: --write: cannot open /srv/data: No such file or directory (create it in the image or before unroot runs, or drop --write /srv/data)' ]
}

@test "a kernel or profile without Landlock: one notice and unfenced writes, or with --write-strict no start" {
  # A seccomp profile refusing Landlock's calls stands in for a kernel without it.
  local profile=$BATS_TEST_TMPDIR/no-landlock.json
  cat >"$profile" <<'JSON'
{"defaultAction": "SCMP_ACT_ALLOW",
 "syscalls": [{"names": ["landlock_create_ruleset"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]}
JSON
  share_with_engine "$BATS_TEST_TMPDIR"
  run --separate-stderr engine run "${RUN_FLAGS[@]}" --security-opt seccomp="$profile" \
    --entrypoint /unroot "$IMAGE" exec --write /data app sh -c "$WRITES"
  [ "$stderr" = "unroot: --write is not enforced: a seccomp filter (the engine's profile) refuses Landlock" ]
  [ "$output" = "/data/f=ok /home/app/f=ok /scratch/f=ok /tmp/f=ok /dev/null=ok root:" ]
  run engine run "${RUN_FLAGS[@]}" --security-opt seccomp="$profile" --entrypoint /unroot "$IMAGE" \
    exec --write /data --write-strict app sh -c 'echo ran'
  [ "$status" -eq 125 ]
  [ "$output" = "unroot: --write: cannot fence writes: a seccomp filter (the engine's profile) refuses Landlock (run on a kernel with Landlock, or drop --write-strict)" ]
}
