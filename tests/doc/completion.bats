#!/usr/bin/env bats
# The bash completion, sourced as bash-completion loads it and called as bash
# calls it on TAB. Needs UNROOT_COMPLETION (the generated script) and UNROOT_BIN.

setup() {
  : "${UNROOT_COMPLETION:?set UNROOT_COMPLETION to the generated completion script}"
  : "${UNROOT_BIN:?set UNROOT_BIN to the unroot binary}"
  # shellcheck disable=SC1091
  source /usr/share/bash-completion/bash_completion
  # shellcheck disable=SC1090
  source "$UNROOT_COMPLETION"
}

# complete WORD...: what TAB offers for the last word of `unroot WORD...`,
# one candidate a line, sorted and unique.
complete_words() {
  COMP_WORDS=(unroot "$@")
  COMP_CWORD=$#
  COMP_LINE="unroot $*"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _unroot
  printf '%s\n' "${COMPREPLY[@]}" | sort -u | sed '/^$/d'
}

@test "complete -p names _unroot for unroot" {
  [ "$(complete -p unroot)" = "complete -F _unroot unroot" ]
}

@test "the first word offers the verbs, --help and --version" {
  [ "$(complete_words "" | tr '\n' ' ')" = "--help --version audit check exec init lint prepare " ]
  [ "$(complete_words "pr")" = "prepare" ]
}

@test "each verb offers exactly the options its --help lists" {
  for verb in exec init prepare check lint audit; do
    offered=$(complete_words "$verb" "--" | grep -- '^--')
    # The options of the option lines ("  -g, --kill-group", "  --uid N, --gid N").
    listed=$("$UNROOT_BIN" "$verb" --help | grep -E '^ +-' | grep -oE -- '(^|[ ,])--[a-z][a-z-]*' |
             sed 's/^[ ,]*//' | sort -u)
    [ "$offered" = "$listed" ] || { echo "$verb offers: $offered"; echo "--help lists: $listed"; false; }
  done
}

@test "--keep-cap offers capability names as the user writes them, and unroot accepts each" {
  [ "$(complete_words exec --keep-cap NET_B | tr '\n' ' ')" = "NET_BIND_SERVICE NET_BROADCAST " ]
  [ "$(complete_words exec --keep-cap net_b | tr '\n' ' ')" = "NET_BIND_SERVICE NET_BROADCAST " ]
  [ "$(complete_words init --keep-cap cap_net_bind)" = "cap_net_bind_service" ]
  [ "$(complete_words check --as app --keep-cap SYS_AD)" = "SYS_ADMIN" ]
  all=$(complete_words exec --keep-cap "")
  [ "$(wc -l <<<"$all")" -ge 41 ]
  for name in $all cap_chown cap_checkpoint_restore; do
    # A known name gets past option parsing to the missing SPEC.
    run "$UNROOT_BIN" exec --keep-cap "$name"
    [ "$status" -eq 125 ]
    [[ "$output" == *"missing SPEC"* ]] || { echo "$name: $output"; false; }
  done
}

@test "lint --explain and --ignore offer every rule id, each of which unroot explains" {
  ids=$(complete_words lint --explain "")
  [ "$(complete_words lint --ignore ur0 | tr '\n' ' ')" = "$(tr '\n' ' ' <<<"$ids")" ]
  for id in $ids; do
    "$UNROOT_BIN" lint --explain "$id" >/dev/null
  done
  # The catalog is numbered without gaps: the id after the last one is unknown.
  last=$(tail -n 1 <<<"$ids")
  next=$(printf 'UR%03d' $((10#${last#UR} + 1)))
  run "$UNROOT_BIN" lint --explain "$next"
  [ "$status" -eq 2 ]
}

@test "audit --explain offers every finding id, each of which unroot explains" {
  ids=$(complete_words audit --explain "")
  [ "$(wc -l <<<"$ids")" -ge 10 ]
  [ "$(complete_words audit --explain user.m)" = "user.missing" ]
  for id in $ids; do
    "$UNROOT_BIN" audit --explain "$id" >/dev/null
  done
  run "$UNROOT_BIN" audit --explain user.nothing
  [ "$status" -eq 2 ]
}

@test "option values: formats, thresholds, engines, signals, users and directories" {
  [ "$(complete_words lint --format "" | tr '\n' ' ')" = "json sarif text " ]
  [ "$(complete_words lint --fail-on w)" = "warning" ]
  [ "$(complete_words lint --engine p)" = "podman" ]
  [[ "$(complete_words init --pdeathsig SIGTE)" == *SIGTERM* ]]
  [ "$(complete_words init --user roo)" = "root" ]
  [ "$(complete_words exec --chown-path /us)" = "/usr" ]
  [ "$(complete_words exec --write /us)" = "/usr" ]
  [ "$(complete_words prepare roo)" = "root" ]
}

@test "--allow offers every group of the filter, and unroot accepts each" {
  all=$(complete_words exec --allow "")
  [ "$(wc -l <<<"$all")" -eq 9 ]
  for group in $all; do
    run "$UNROOT_BIN" exec --allow "$group" root true
    [ "$status" -eq 0 ] || { echo "$group: $output"; false; }
  done
  [ "$(complete_words init --allow io_)" = "io_uring" ]
  [ "$(complete_words check --as app --allow pt)" = "ptrace" ]
  # A SPEC, not a group, after --allow's value.
  [ "$(complete_words exec --allow ptrace roo)" = "root" ]
}

@test "the command after exec's SPEC and after init's options completes as a command" {
  [[ $'\n'"$(complete_words exec root bas)"$'\n' == *$'\n'bash$'\n'* ]]
  [[ $'\n'"$(complete_words exec --quiet root -- bas)"$'\n' == *$'\n'bash$'\n'* ]]
  [[ $'\n'"$(complete_words init --grace 5 -g bas)"$'\n' == *$'\n'bash$'\n'* ]]
  [[ $'\n'"$(complete_words init -- bas)"$'\n' == *$'\n'bash$'\n'* ]]
  # A SPEC, not a command, right after exec and its options.
  [ "$(complete_words exec --quiet roo)" = "root" ]
}
