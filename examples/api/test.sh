#!/bin/sh
# examples/api/test.sh: runs the API example ($BIN) on a text report and a
# DOCX file handed over in memory, and holds its output and exit status
# against examples/api/*.expected (update with --update).
BIN=${BIN:-build/check_report}
dir=examples/api
pass=0 fail=0
run() { # name expected-status args...
  name=$1 want=$2
  shift 2
  out=$("$BIN" "$@" 2>&1)
  got=$?
  if [ "$UPDATE" = 1 ]; then
    printf '%s\n' "$out" >"$dir/$name.expected"
  fi
  if [ "$got" = "$want" ] && printf '%s\n' "$out" | cmp -s - "$dir/$name.expected"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL api $name: exit $got (want $want), output against $dir/$name.expected:"
    printf '%s\n' "$out" | diff "$dir/$name.expected" - | head -20
  fi
}
[ "$1" = --update ] && UPDATE=1
run late-txt 1 rules examples/08_late.txt txt
run plain-docx 1 rules tests/fixtures/docx/plain.docx docx
run bad-format 2 rules examples/08_late.txt xyz
run clean 0 rules examples/01_clean_district.txt
echo "api-example: $pass passed, $fail failed"
[ "$fail" = 0 ]
