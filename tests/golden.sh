#!/bin/sh
# Golden tests: for every format listed in tests/golden/formats, the full
# output on every report of its input directories must equal the checked-in
# file (tests/golden/DIR/NAME.json for json, tests/golden/FORMAT/DIR/NAME.EXT
# for the others). With --update, the expected files are rewritten (review
# the diff like code).
#   BIN=./reportlint sh tests/golden.sh [--update]
# TEST_ENV may prefix the binary (e.g. valgrind).
set -u
. tests/lib.sh
update=0
[ "${1:-}" = "--update" ] && update=1
root=$(pwd)

# one FORMAT EXT FILE: compare (or update) one golden file
one() {
  dir=$(dirname "$3")
  name=$(basename "$3")
  if [ "$1" = json ]; then
    want="tests/golden/$dir/${name%.*}.$2"
  else
    want="tests/golden/$1/$dir/${name%.*}.$2"
  fi
  # Exit status 0/1 are both normal here; anything else is a failure.
  # GITHUB_STEP_SUMMARY is unset so the github format writes only stdout.
  env -u GITHUB_STEP_SUMMARY ${TEST_ENV:-} "$BIN" check --format "$1" \
    --fail-on none --no-source "$3" >"$tmp/out" 2>/dev/null
  rc=$?
  # SARIF names the checkout's root (originalUriBaseIds): the same file
  # wherever the repository is cloned
  if [ "$1" = sarif ]; then
    sed "s|\"file://$root/\"|\"file:///CHECKOUT/\"|" "$tmp/out" >"$tmp/out.s" &&
      mv "$tmp/out.s" "$tmp/out"
  fi
  if [ $rc -ne 0 ]; then
    echo "FAIL $3 ($1): exit status $rc"
    fail=$((fail + 1))
  elif [ $update -eq 1 ]; then
    mkdir -p "$(dirname "$want")"
    cp "$tmp/out" "$want"
    pass=$((pass + 1))
  elif [ ! -f "$want" ]; then
    echo "FAIL $3 ($1): no expected output $want (make golden-update)"
    fail=$((fail + 1))
  elif diff -u "$want" "$tmp/out" >/dev/null; then
    pass=$((pass + 1))
  else
    echo "FAIL $3 ($1): output differs from $want:"
    diff -u "$want" "$tmp/out" | head -40
    fail=$((fail + 1))
  fi
}

grep -v '^#' tests/golden/formats | while read -r fmt ext dirs; do
  [ -n "$fmt" ] || continue
  for d in $dirs; do
    for f in "$d"/*.txt "$d"/*.md; do
      case "$(basename "$f")" in README*) continue ;; esac
      [ -f "$f" ] && one "$fmt" "$ext" "$f"
    done
  done
  echo "$pass $fail" >"$tmp/count"
done
read -r pass fail <"$tmp/count"
finish golden
