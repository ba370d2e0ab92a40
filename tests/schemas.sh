#!/bin/sh
# Schema tests: every shipped rule file and every rule file of the engine
# and table cases (tests/cases; converted to JSON by reportlint's own YAML
# reader) validates against schemas/rules.schema.json, the broken
# fixtures do not, and check --format json output on seeds/ and examples/
# validates against schemas/findings.schema.json. Uses ajv-cli from npm,
# installed into .tools/ by `make deps`.
set -u
. tests/lib.sh
AJV=.tools/node_modules/.bin/ajv
if [ ! -x "$AJV" ]; then
  echo "schemas: ajv-cli not installed (run 'make deps')"
  exit 1
fi
validate() { # schema json-file label expect(0 valid, 1 invalid)
  if "$AJV" validate --spec=draft2020 --strict=false -c ajv-formats \
      -s "$1" -d "$2" >"$tmp/ajv.out" 2>&1; then got=0; else got=1; fi
  if [ "$got" = "$4" ]; then
    pass=$((pass + 1))
  else
    echo "FAIL $3: expected $([ "$4" = 0 ] && echo valid || echo invalid)"
    cat "$tmp/ajv.out"
    fail=$((fail + 1))
  fi
}
python3 tests/cases.py --extract "$tmp/cases" tests/cases/engine/*.case \
  tests/cases/tables/*.case
i=0
for f in rules/*/*.yaml "$tmp"/cases/tables/markdown/rules/*.yaml \
    tests/rules-fixtures/good/*.yaml; do
  [ -f "$f" ] || continue
  i=$((i + 1))
  "$BIN" rules-to-json "$f" >"$tmp/r$i.json" || { echo "FAIL $f: conversion"; fail=$((fail + 1)); continue; }
  validate schemas/rules.schema.json "$tmp/r$i.json" "$f" 0
done
# The engine cases' rule files, in one run of ajv (a node start each would
# add a minute).
mkdir "$tmp/engine"
for f in "$tmp"/cases/engine/*/*/*.yaml; do
  i=$((i + 1))
  "$BIN" rules-to-json "$f" >"$tmp/engine/r$i.json" || { echo "FAIL $f: conversion"; fail=$((fail + 1)); }
done
validate schemas/rules.schema.json "$tmp/engine/*.json" "the rule files of tests/cases/engine" 0
for f in tests/rules-fixtures/schema-bad/*.yaml; do
  [ -f "$f" ] || continue
  i=$((i + 1))
  "$BIN" rules-to-json "$f" >"$tmp/r$i.json" || { echo "FAIL $f: conversion"; fail=$((fail + 1)); continue; }
  validate schemas/rules.schema.json "$tmp/r$i.json" "$f" 1
done
for f in tests/config-fixtures/good.yaml examples/ci/reportlint.yaml; do
  [ -f "$f" ] || continue
  i=$((i + 1))
  "$BIN" rules-to-json "$f" >"$tmp/c$i.json" || { echo "FAIL $f: conversion"; fail=$((fail + 1)); continue; }
  validate schemas/config.schema.json "$tmp/c$i.json" "$f" 0
done
for f in tests/config-fixtures/bad-*.yaml; do
  i=$((i + 1))
  "$BIN" rules-to-json "$f" >"$tmp/c$i.json" || { echo "FAIL $f: conversion"; fail=$((fail + 1)); continue; }
  validate schemas/config.schema.json "$tmp/c$i.json" "$f" 1
done
"$BIN" check --format json --fail-on none seeds examples >"$tmp/out.json" 2>/dev/null
validate schemas/findings.schema.json "$tmp/out.json" "check --format json seeds examples" 0
printf '{"tool":{"name":"reportlint"},"reports":[]}' >"$tmp/bad.json"
validate schemas/findings.schema.json "$tmp/bad.json" "incomplete findings document" 1
finish schemas
