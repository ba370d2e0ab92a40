#!/bin/sh
# Regression inputs (tests/regress/README.md): every file must be checked
# by the built binary without a crash, a hang or a sanitizer report, and
# exit 0, 1, 2 or 3.
#   BIN=./reportlint sh tests/regress.sh     (TEST_ENV may prefix it)
set -u
. tests/lib.sh

# try NAME CMD...: exit 0-3 within 10 s and nothing alarming on stderr
try() {
  name=$1
  shift
  timeout 10 "$@" >/dev/null 2>"$tmp/err"
  rc=$?
  if [ $rc -gt 3 ]; then
    echo "FAIL $name: exit status $rc"
    head -5 "$tmp/err"
    fail=$((fail + 1))
  elif grep -q 'AddressSanitizer\|LeakSanitizer\|runtime error:' "$tmp/err"; then
    echo "FAIL $name: sanitizer report"
    head -5 "$tmp/err"
    fail=$((fail + 1))
  else
    pass=$((pass + 1))
  fi
}

for f in tests/regress/*; do
  case "$f" in
  *.txt | *.md | *.docx | *.html | *.htm | *.pdf)
    try "$f" ${TEST_ENV:-} "$BIN" check --fail-on none "$f"
    ;;
  *.yaml)
    rm -rf "$tmp/rules" && mkdir "$tmp/rules" && cp "$f" "$tmp/rules/"
    try "$f (rules-to-json)" ${TEST_ENV:-} "$BIN" rules-to-json "$f"
    try "$f (lint-rules)" ${TEST_ENV:-} "$BIN" lint-rules "$tmp/rules"
    try "$f (check)" ${TEST_ENV:-} "$BIN" check --rules "$tmp/rules" seeds/
    ;;
  esac
done
finish regress
