#!/bin/sh
# scripts/rule-docs.sh BIN RULES OUT: one Markdown page a rule set, written
# from the rules themselves (what `reportlint rules --explain` prints), to
# OUT/SET.md. SARIF's helpUri for a rule is its set's `docs:` URL and
# #ID, the anchor each rule gets here; `make rule-docs` rewrites
# docs/rules/ and tests/sarif.sh fails when they are out of date.
set -eu
BIN=$1 RULES=$2 OUT=$3
mkdir -p "$OUT"
"$BIN" rules --no-config --rules "$RULES" >"$OUT/.list"
sets=$(sed -n 's/^# \([^ ]*\) .*/\1/p' "$OUT/.list")
for set in $sets; do
  page=$OUT/$set.md
  head=$(grep "^# $set " "$OUT/.list")
  {
    echo "# Rule set \`$set\`"
    echo
    echo "${head#\# }"
    echo
    echo "Written by \`make rule-docs\` from \`$RULES/$set/\`; do not edit by hand."
    echo "Each rule and key metric as \`reportlint rules --explain ID\` prints it."
    echo
    # the set's lines: after its header, up to the next one
    awk -v h="$head" '$0 == h { on = 1; next } /^# / { on = 0 } on { print $1 }' "$OUT/.list" |
      while read -r id; do
        echo "<a id=\"$id\"></a>"
        echo
        echo "## $id"
        echo
        echo '```text'
        "$BIN" rules --no-config --rules "$RULES" --explain "$set/$id"
        echo '```'
        echo
      done
  } >"$page"
done
rm -f "$OUT/.list"
