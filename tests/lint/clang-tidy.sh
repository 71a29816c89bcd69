#!/usr/bin/env bash
# clang-tidy over unroot's and its tools' sources, each file once.
#   tests/lint/clang-tidy.sh BUILD_DIR SOURCE_DIR RUN_CLANG_TIDY
# The test build compiles the core three times (plain, ASan+UBSan, fuzzing), so
# its compile database names each file three times; tidying every entry tripled
# the longest test for no new finding. The plain build's entry is the one kept.
set -euo pipefail
build=$1 source=$2 run_clang_tidy=$3
db=$(mktemp -d)
trap 'rm -rf "$db"' EXIT
jq --arg src "$source" '[.[] | select((.file | startswith($src + "/src/") or startswith($src + "/tools/"))
                                      and (.command | contains("-fsanitize") | not))] | unique_by(.file)' \
  "$build/compile_commands.json" >"$db/compile_commands.json"
[ "$(jq length "$db/compile_commands.json")" -gt 0 ] ||
  { echo "tests/lint/clang-tidy.sh: no source of $source in $build/compile_commands.json" >&2; exit 1; }
"$run_clang_tidy" -quiet -p "$db"
