#!/bin/sh
# Table rules end to end: each tests/tables/*.{md,txt} report checked with
# tests/tables/rules must print exactly its .out (text format, exit code
# appended). TABLES_UPDATE=1 rewrites the .out files.
BIN=${BIN:-./reportlint}
pass=0 fail=0
for f in tests/tables/*.md tests/tables/*.txt; do
  got=$($TEST_ENV $BIN check --no-config --rules tests/tables/rules "$f" 2>&1; echo "exit $?")
  if [ -n "$TABLES_UPDATE" ]; then
    printf '%s\n' "$got" > "$f.out"
  fi
  if [ "$got" = "$(cat "$f.out")" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $f"
    printf '%s\n' "$got" | diff "$f.out" - | head -20
  fi
done
echo "tables: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
