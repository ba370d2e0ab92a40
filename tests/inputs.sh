#!/bin/sh
# Input formats end to end.
#   BIN=./reportlint sh tests/inputs.sh [--update]
# 1. The same report in every format gives the same findings: for each
#    group in tests/inputs/same.list (a reference file, then its other
#    formats), the rule ids and messages of `check --format json` equal the
#    reference's, in order of appearance.
# 2. Golden text output (positions in each format's own terms: line, ¶,
#    page) for every file of the list: tests/golden/inputs/NAME.out.
# 3. Broken and malicious files (tests/inputs/broken.list: FILE and the
#    expected error) are refused with exit 3 and their one-line error, and
#    the other files of the same run are still checked.
# 4. `audit` over all of them gives the same summary with -j 1 and -j 3.
# 5. A reposting site's copy of each seed, example, HTML and Markdown
#    fixture and real -layout text (tests/inputs/repost.js: its name and
#    address put into every third line of prose, in four forms) gives the
#    original's findings, plus one text.markup at each insertion.
set -u
ROOT=$(pwd)
. tests/lib.sh
GOLD=tests/golden/inputs
update=0
[ "${1:-}" = --update ] && update=1

# "rule<TAB>message" per finding of FILE, in output order.
findings() {
  $RUN check --no-config --format json --fail-on none "$1" 2>"$tmp/err" |
    node -e '
      const d = JSON.parse(require("fs").readFileSync(0, "utf8"));
      for (const r of d.reports) for (const f of r.findings)
        console.log(f.rule + "\t" + f.message);'
}

golden_name() { # FILE: its golden file
  echo "$GOLD/$(echo "$1" | sed 's|^tests/fixtures/||; s|^seeds/|seeds-|; s|/|-|g').out"
}

# --- 1 and 2: same findings, golden text ----------------------------------
ref=""
while IFS= read -r line; do
  case $line in '#'* | '') ref=""; continue ;; esac
  f=$line
  if [ ! -f "$f" ]; then bad "$f" "listed in tests/inputs/same.list but missing"; continue; fi
  findings "$f" >"$tmp/this"
  if [ -z "$ref" ]; then
    ref=$f
    cp "$tmp/this" "$tmp/ref"
    [ -s "$tmp/ref" ] && ok || bad "$f" "the reference has no findings: nothing is compared"
  elif cmp -s "$tmp/ref" "$tmp/this"; then
    ok
  else
    bad "$f" "findings differ from $ref's:"
    diff "$tmp/ref" "$tmp/this" | sed 's/^/  | /' | head -12
  fi
  g=$(golden_name "$f")
  $RUN check --no-config --no-source --fail-on none "$f" >"$tmp/out" 2>&1
  if [ $update -eq 1 ]; then
    mkdir -p "$GOLD" && cp "$tmp/out" "$g"
  elif [ ! -f "$g" ]; then
    bad "$f" "no golden file $g (run: make inputs-update)"
  elif cmp -s "$g" "$tmp/out"; then
    ok
  else
    bad "$f" "text output differs from $g:"
    diff "$g" "$tmp/out" | sed 's/^/  | /' | head -12
  fi
done <tests/inputs/same.list

# --- 3: broken inputs --------------------------------------------------------
good=seeds/004_40ce34e03101b79a.txt
set --
while IFS='	' read -r f msg; do
  case $f in '#'* | '') continue ;; esac
  set -- "$@" "$f"
  echo "$f: error: $msg" >>"$tmp/want"
done <tests/inputs/broken.list
$RUN check --no-config --no-source "$@" $good >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st -eq 3 ] && ok || bad broken "exit status $st, expected 3"
while IFS= read -r w; do
  if grep -qxF -- "$w" "$tmp/err"; then ok; else bad broken "stderr lacks the line: $w"; fi
done <"$tmp/want"
n=$(wc -l <"$tmp/want")
if [ "$(wc -l <"$tmp/err")" -eq "$n" ]; then ok; else
  bad broken "stderr has other lines than the $n errors:"; sed 's/^/  | /' "$tmp/err" | head
fi
if grep -q "^$good:" "$tmp/out" && grep -q "^1 file checked.*; $n files could not be read" "$tmp/out"; then ok; else
  bad broken "the good file was not checked beside the broken ones:"; tail -3 "$tmp/out" | sed 's/^/  | /'
fi

# --- 4: audit reads every format, in parallel, with a stable order ---------
mkdir "$tmp/mixed"
grep -v '^#' tests/inputs/same.list | grep . | while IFS= read -r f; do
  cp "$f" "$tmp/mixed/$(echo "$f" | tr / _)"
done
$RUN audit --no-config -j 1 --fail-on none "$tmp/mixed" >"$tmp/a1" 2>&1
st1=$?
$RUN audit --no-config -j 3 --fail-on none "$tmp/mixed" >"$tmp/a3" 2>&1
st3=$?
if [ $st1 -eq 0 ] && [ $st3 -eq 0 ] && cmp -s "$tmp/a1" "$tmp/a3"; then ok; else
  bad audit-mixed "audit -j 1 and -j 3 differ or fail ($st1, $st3)"; diff "$tmp/a1" "$tmp/a3" | head -5
fi
n=$(grep '^| .*mixed/' "$tmp/a1" | cut -d'|' -f2 | sort -u | wc -l)
want=$(grep -v '^#' tests/inputs/same.list | grep . | sort -u | wc -l)
[ "$n" -eq "$want" ] && ok || bad audit-mixed "$n report rows, expected $want"

# --- 5: a reposting site's copies ----------------------------------------
set -- seeds/*.txt examples/[0-9]*.txt examples/[0-9]*.md examples/xxgk/*.txt \
  tests/fixtures/html/portal.html tests/fixtures/html/pandoc.html \
  tests/fixtures/md/004.md
[ -d ../shared/real/xxgk ] && set -- "$@" ../shared/real/xxgk/*.txt
for f in "$@"; do
  [ -f "$f" ] || continue
  copy="$tmp/repost.${f##*.}"
  node tests/inputs/repost.js <"$f" >"$copy" 2>"$tmp/inserted"
  findings "$f" >"$tmp/ref"
  findings "$copy" >"$tmp/copy"
  grep -v '范文资料网' "$tmp/copy" >"$tmp/rest"
  n=$(grep -c '^text\.markup	.*范文资料网' "$tmp/copy")
  if [ "$n" -eq "$(cat "$tmp/inserted")" ] && [ "$n" -gt 0 ] &&
    cmp -s "$tmp/ref" "$tmp/rest"; then ok; else
    bad "$f" "its reposted copy: $n of $(cat "$tmp/inserted") insertions reported, or other findings differ:"
    diff "$tmp/ref" "$tmp/rest" | sed 's/^/  | /' | head -8
  fi
done

finish inputs
