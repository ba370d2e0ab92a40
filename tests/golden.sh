#!/bin/sh
# Golden tests: the full JSON output for every report in seeds/ and
# examples/ must equal tests/golden/<dir>/<name>.json. With --update, the
# expected files are rewritten (review the diff like code).
#   BIN=./reportlint sh tests/golden.sh [--update]
# TEST_ENV may prefix the binary (e.g. valgrind).
set -u
BIN=${BIN:-./reportlint}
update=0
[ "${1:-}" = "--update" ] && update=1
pass=0
fail=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for f in seeds/*.txt examples/*.txt examples/*.md; do
  [ -f "$f" ] || continue
  dir=$(dirname "$f")
  name=$(basename "$f")
  want="tests/golden/$dir/${name%.*}.json"
  # Exit status 0/1 are both normal here; anything else is a failure.
  ${TEST_ENV:-} "$BIN" check --format json --fail-on none "$f" >"$tmp" 2>/dev/null
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "FAIL $f: exit status $rc"
    fail=$((fail + 1))
    continue
  fi
  if [ $update -eq 1 ]; then
    mkdir -p "$(dirname "$want")"
    cp "$tmp" "$want"
    pass=$((pass + 1))
  elif [ ! -f "$want" ]; then
    echo "FAIL $f: no expected output $want (make golden-update)"
    fail=$((fail + 1))
  elif diff -u "$want" "$tmp" >/dev/null; then
    pass=$((pass + 1))
  else
    echo "FAIL $f: output differs from $want:"
    diff -u "$want" "$tmp" | head -40
    fail=$((fail + 1))
  fi
done
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
