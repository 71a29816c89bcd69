#!/usr/bin/env bash
# Validates unroot lint's SARIF for the whole golden corpus, with relative and
# with absolute file names, and unroot audit's for an image archive (results in
# the image's files and in its config), using Microsoft's SARIF Multitool. The
# multitool exits 0 even on errors, so its log is read: any "error SARIFnnnn" fails.
# Usage: validate-sarif.sh UNROOT MULTITOOL GOLDEN_DIR IMAGE_ARCHIVE
set -euo pipefail
unroot=$1 multitool=$2 golden=$3 archive=$4
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
(cd "$golden" && "$unroot" lint --engine none --format sarif --fail-on none ./*.Dockerfile) \
  >"$out/relative.sarif" || status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 2 ]  # the corpus holds parse-error cases
"$unroot" lint --engine none --format sarif --fail-on none "$golden/ur003-apt-after-user.Dockerfile" \
  >"$out/absolute.sarif"
"$unroot" audit --format sarif --fail-on none "$archive" >"$out/audit.sarif"
grep -q '"uriBaseId": "IMAGEROOT"' "$out/audit.sarif"
for sarif in "$out/relative.sarif" "$out/absolute.sarif" "$out/audit.sarif"; do
  "$multitool" validate "$sarif" >"$out/log" 2>&1 || true
  cat "$out/log"
  grep -q "Analysis completed successfully" "$out/log"
  if grep -E ": error [A-Z]+[0-9]+" "$out/log"; then
    echo "validate-sarif: $sarif has errors" >&2
    exit 1
  fi
done
