#!/usr/bin/env bash
# clang-tidy over unroot's and its tools' sources, each file once.
#   tests/lint/clang-tidy.sh BUILD_DIR SOURCE_DIR CLANG_TIDY
# The test build compiles the core three times (plain, ASan+UBSan, fuzzing), so
# its compile database names each file three times; the plain build's entry is
# the one tidied. A file found clean is remembered (in
# ${UNROOT_CACHE:-/var/cache/unroot-test}/clang-tidy) under a key of all its
# verdict depends on: clang-tidy's version, .clang-tidy, the compile command
# and the preprocessed source, which holds every header the file includes. Only
# files under a new key are tidied again; findings are never remembered. Where
# the clone and its build tree lie is no part of the key (paths in the command
# and __FILE__ are written relative to them), so every clone shares the cache.
set -euo pipefail
build=$1 source=$2 clang_tidy=$3
cache=${UNROOT_CACHE:-/var/cache/unroot-test}/clang-tidy
mkdir -p "$cache"
db=$(mktemp -d)
trap 'rm -rf "$db"' EXIT
jq --arg src "$source" '[.[] | select((.file | startswith($src + "/src/") or startswith($src + "/tools/"))
                                      and (.command | contains("-fsanitize") | not))] | unique_by(.file)' \
  "$build/compile_commands.json" >"$db/compile_commands.json"
count=$(jq length "$db/compile_commands.json")
[ "$count" -gt 0 ] ||
  { echo "tests/lint/clang-tidy.sh: no source of $source in $build/compile_commands.json" >&2; exit 1; }

# tidy INDEX: tidies entry INDEX of the database unless its key is known clean.
tidy() {
  local entry file directory command key
  entry=$(jq -c ".[$1]" "$db/compile_commands.json")
  file=$(jq -r .file <<<"$entry")
  directory=$(jq -r .directory <<<"$entry")
  command=$(jq -r .command <<<"$entry")
  # The compile command, its object file left out, preprocesses instead; a file
  # that does not preprocess gets a key never seen, so it is tidied.
  local relative="-P -fmacro-prefix-map=$source=. -fmacro-prefix-map=$build=build"
  key=$( { "$clang_tidy" --version; cat "$source/.clang-tidy"
           sed -e "s|$build|build|g" -e "s|$source|.|g" <<<"$command"
           (cd "$directory" && eval "$(sed -E 's/ -o [^ ]+/ /' <<<"$command") $relative -E -o -" 2>/dev/null) ||
             echo "unpreprocessable $RANDOM$RANDOM"; } | sha256sum | cut -d' ' -f1)
  [ -e "$cache/$key" ] && return 0
  "$clang_tidy" --quiet -p "$db" "$file" && touch "$cache/$key"
}
export -f tidy
export db source build clang_tidy cache
seq 0 $((count - 1)) | xargs -P "$(nproc)" -I{} bash -c 'tidy {}'
