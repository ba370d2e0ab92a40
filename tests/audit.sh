#!/bin/sh
# reportlint audit end to end.
#   BIN=./reportlint sh tests/audit.sh [--update]
# 1. Golden summaries of `audit seeds/ examples/` in every format
#    (tests/golden/audit/summary.{md,csv,json,html}, and the CSV with
#    --bom); the JSON validates against schemas/audit.schema.json (ajv).
# 2. The output does not depend on -j: -j 1, 2 and 4 are byte-identical.
# 3. An unreadable file in the corpus is listed as such, exits 3, and the
#    other reports are still audited.
# 4. Exit codes, usage errors, -o written whole or not at all.
# 5. The progress line is drawn only when stderr is a terminal.
set -u
. tests/lib.sh
GOLD=tests/golden/audit
AJV=.tools/node_modules/.bin/ajv
update=0
[ "${1:-}" = --update ] && update=1
# golden NAME FILE: compare FILE with the golden file (or rewrite it).
golden() {
  if [ $update -eq 1 ]; then
    mkdir -p "$GOLD" && cp "$2" "$GOLD/$1"
  elif [ ! -f "$GOLD/$1" ]; then
    bad "$1" "no golden file $GOLD/$1 (run: make golden-update)"
  elif cmp -s "$GOLD/$1" "$2"; then
    ok
  else
    bad "$1" "differs from $GOLD/$1:"
    diff "$GOLD/$1" "$2" | sed 's/^/  | /' | head -20
  fi
}

# --- 1. golden summaries --------------------------------------------------
for fmt in md csv json html; do
  case $fmt in md) f=markdown ;; *) f=$fmt ;; esac
  $RUN audit --no-config --format $f seeds/ examples/ >"$tmp/summary.$fmt" 2>"$tmp/err"
  status "audit --format $f" 1 $?
  # the one line allowed: the files of examples/ that are not reports
  grep -v '^reportlint: 18 files skipped: 3 README' \
    "$tmp/err" >"$tmp/err.rest"
  [ -s "$tmp/err.rest" ] && bad "audit --format $f" "stderr is not empty: $(head -3 "$tmp/err.rest")"
  golden "summary.$fmt" "$tmp/summary.$fmt"
done
$RUN audit --no-config --format csv --bom seeds/ examples/ >"$tmp/summary-bom.csv" 2>/dev/null
golden summary-bom.csv "$tmp/summary-bom.csv"
# --bom adds exactly the three bytes of a UTF-8 BOM.
if [ "$(head -c 3 "$tmp/summary-bom.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] &&
  tail -c +4 "$tmp/summary-bom.csv" | cmp -s - "$tmp/summary.csv"; then ok; else
  bad "--bom" "is not the plain CSV after EF BB BF"
fi
# RFC 4180: every record ends in CRLF, and no bare LF is left.
if [ "$(tr -cd '\n' <"$tmp/summary.csv" | wc -c)" -eq "$(tr -cd '\r' <"$tmp/summary.csv" | wc -c)" ] &&
  ! grep -q "$(printf '[^\r]$')" "$tmp/summary.csv"; then ok; else
  bad csv "a record does not end in CRLF"
fi
if [ -x "$AJV" ]; then
  if "$AJV" validate --spec=draft2020 --strict=false -c ajv-formats \
      -s schemas/audit.schema.json -d "$tmp/summary.json" >"$tmp/ajv" 2>&1; then ok; else
    bad "audit.schema.json" "the JSON summary does not validate:"; sed 's/^/  | /' "$tmp/ajv" | head
  fi
  # The schema is not vacuous: a report without its verdict is refused.
  sed 's/"verdict":"pass",//' "$tmp/summary.json" >"$tmp/broken.json"
  if "$AJV" validate --spec=draft2020 --strict=false -c ajv-formats \
      -s schemas/audit.schema.json -d "$tmp/broken.json" >/dev/null 2>&1; then
    bad "audit.schema.json" "accepts a report without a verdict"
  else ok; fi
else
  bad ajv "ajv-cli not installed (run 'make deps')"
fi

# --- 2. -j does not change a byte ------------------------------------------
for fmt in markdown json; do
  for j in 1 2 4; do
    $RUN audit --no-config --format $fmt -j $j seeds/ examples/ >"$tmp/j$j" 2>/dev/null
  done
  if cmp -s "$tmp/j1" "$tmp/j2" && cmp -s "$tmp/j1" "$tmp/j4"; then ok; else
    bad "-j $fmt" "-j 1, -j 2 and -j 4 differ"; diff "$tmp/j1" "$tmp/j2" | head -5
  fi
done

# --- 3. an unreadable file among the reports ---------------------------------
mkdir -p "$tmp/corpus/sub"
cp examples/01_clean_district.txt examples/08_late.txt "$tmp/corpus/"
cp examples/02_clean_department.txt "$tmp/corpus/sub/"
printf 'ab\000cd\n' >"$tmp/corpus/05_binary.txt"
$RUN audit --no-config -j 2 "$tmp/corpus" >"$tmp/out" 2>"$tmp/err"
status "unreadable" 3 $?
if grep -qx "$tmp/corpus/05_binary.txt:1:3: error: binary file (NUL byte at line 1, column 3)" "$tmp/err" &&
  [ "$(wc -l <"$tmp/err")" -eq 1 ]; then ok; else
  bad unreadable "stderr is not the one error line:"; sed 's/^/  | /' "$tmp/err"
fi
if grep -q "^| $tmp/corpus/05_binary.txt |.*| 无法读取 | binary file (NUL byte at line 1, column 3) |$" "$tmp/out"; then ok; else
  bad unreadable "the summary does not list the file as unreadable"
fi
# In walk order, the others audited: 01, 05 (unreadable), 08, sub/02.
rows=$(sed -n '/^## 各报告情况/,/^## /p' "$tmp/out" | grep '^| /' | cut -d'|' -f2 | sed "s|$tmp/corpus/||; s/ //g" | tr '\n' ' ')
if [ "$rows" = "01_clean_district.txt 05_binary.txt 08_late.txt sub/02_clean_department.txt " ]; then ok; else
  bad unreadable "rows are '$rows'"
fi
if grep -q '^| 报告 reports | 4 |$' "$tmp/out" && grep -q '^| 无法读取 unreadable | 1 |$' "$tmp/out" &&
  grep -q '^| 逾期 late | 1 |$' "$tmp/out"; then ok; else
  bad unreadable "totals are wrong:"; sed -n '/^## 合计/,$p' "$tmp/out" | sed 's/^/  | /'
fi
$RUN audit --no-config --format json "$tmp/corpus" 2>/dev/null |
  grep -q '"file":"[^"]*05_binary.txt","status":"unreadable","verdict":"unreadable","error":"binary file' &&
  ok || bad unreadable "the JSON summary does not list the file as unreadable"

# Text from a report cannot break out of a cell or become markup.
mkdir -p "$tmp/hostile"
{
  sed '$d' examples/01_clean_district.txt | sed '$d'
  printf '=清河区<script>x</script>|人民"政府\n2025年2月10日\n'
} >"$tmp/hostile/r.txt"
$RUN audit --no-config "$tmp/hostile" 2>/dev/null | grep -qF '| =清河区\<script>x\</script>\|人民"政府 |' &&
  ok || bad escaping "markdown cell"
$RUN audit --no-config --format html "$tmp/hostile" 2>/dev/null |
  grep -qF '<td>=清河区&lt;script&gt;x&lt;/script&gt;|人民&quot;政府</td>' &&
  ok || bad escaping "html cell"
$RUN audit --no-config --format csv "$tmp/hostile" 2>/dev/null |
  grep -qF ",\"'=清河区<script>x</script>|人民\"\"政府\"," &&
  ok || bad escaping "csv field"

# A rule that fails at run time (match limit on more than 10 lines of a
# report) fails the run (exit 2), and the report's row says which; the
# other reports are still audited.
awk 'BEGIN { print "某区2024年度法治政府建设情况报告";
             s = "XX"; while (length(s) < 5000) s = s "a"; for (i = 0; i < 12; i++) { print ""; print s "!" } }' >"$tmp/aaaa.txt"
$RUN audit --no-config --rules tests/hostile/rules-redos "$tmp/aaaa.txt" examples/01_clean_district.txt \
  >"$tmp/out" 2>"$tmp/err"
status "rule failure" 2 $?
grep -q "^| $tmp/aaaa.txt |.*| rule 'text.redos': pattern '(a+)+\$' failed: match limit exceeded" "$tmp/out" &&
  grep -q '^| examples/01_clean_district.txt |' "$tmp/out" &&
  grep -q '^| 规则运行出错 rule failures | 1 |$' "$tmp/out" &&
  grep -q "tests/hostile/rules-redos/r.yaml:5: error: rule 'text.redos'" "$tmp/err" &&
  ok || bad "rule failure" "not shown in the summary and on stderr"

# --- 4. exit codes, usage, -o ----------------------------------------------
$RUN audit --no-config examples/01_clean_district.txt examples/02_clean_department.txt >/dev/null 2>&1
status "clean reports" 0 $?
$RUN audit --no-config --fail-on none seeds/ >/dev/null 2>&1
status "--fail-on none" 0 $?
$RUN audit --no-config --fail-on warning examples/05_order.txt >"$tmp/out" 2>&1
status "--fail-on warning" 1 $?
grep -q '| 不通过 |  |$' "$tmp/out" && ok || bad "--fail-on warning" "the report does not fail"
for args in "--bom seeds" "--format csv --stats seeds" "--baseline x.json seeds" \
  "--no-source seeds" "-j 0 seeds" "-j x seeds" "--format text seeds" ""; do
  # shellcheck disable=SC2086
  $RUN audit --no-config $args >/dev/null 2>"$tmp/err"
  st=$?
  if [ $st -eq 2 ] && grep -q "^reportlint: " "$tmp/err"; then ok; else
    bad "audit $args" "exit $st, expected 2 with a message"
  fi
done
$RUN audit --no-config -j4 --format json -o "$tmp/o.json" seeds/ examples/ 2>/dev/null
status "-o" 1 $?
cmp -s "$tmp/o.json" "$tmp/summary.json" && ok || bad "-o" "the file differs from stdout's summary"
ls "$tmp" | grep -q 'tmp' && bad "-o" "a temporary file is left" || ok
$RUN audit --no-config -o "$tmp/no/such/dir.md" seeds/ 2>"$tmp/err"
status "-o into a missing directory" 2 $?
grep -q "^reportlint: cannot write '$tmp/no/such/dir.md'" "$tmp/err" && ok || bad "-o" "no message"
if [ -w /dev/full ]; then
  $RUN audit --no-config seeds/ >/dev/full 2>"$tmp/err"
  status "stdout full" 2 $?
fi

# The rule set's key metrics are listed with the rules.
$RUN rules --no-config 2>/dev/null | grep -q '^review.cases  *- *key metric *行政复议案件数（件）$' &&
  ok || bad "rules" "does not list the key metric review.cases"

# --- 5. the progress line ------------------------------------------------------
$RUN audit --no-config -j 2 seeds/ examples/ >/dev/null 2>"$tmp/err.all"
grep -v 'files skipped' "$tmp/err.all" >"$tmp/err"
[ -s "$tmp/err" ] && bad progress "stderr is not a terminal, yet: $(head -c 80 "$tmp/err")" || ok
if script -qec true /dev/null >/dev/null 2>&1; then
  # script(1) gives the command a terminal; stdout goes to a file.
  script -qec "$RUN audit --no-config -j 2 seeds/ examples/ >$tmp/tty.md" /dev/null >"$tmp/tty" 2>&1
  if grep -q 'audit: 62/62 reports, [0-9.]*/s' "$tmp/tty"; then ok; else
    bad progress "no progress line on a terminal:"; head -c 200 "$tmp/tty" | sed 's/^/  | /'
  fi
  cmp -s "$tmp/tty.md" "$tmp/summary.md" && ok || bad progress "the summary differs on a terminal"
fi

# --- 6. the README's example runs as shown ---------------------------------
# The console block of README.md's Audit section: each "$ command" is run
# (summary.md in the temporary directory) and its output compared.
awk '/^## Audit/ { on = 1 } on && /^```console/ { inb = 1; next }
     inb && /^```/ { exit } inb' README.md >"$tmp/readme"
: >"$tmp/cmds"
n=0
while IFS= read -r line; do
  case $line in
  '$ '*)
    n=$((n + 1))
    printf '%s\n' "${line#\$ }" | sed "s|summary.md|$tmp/summary.md|g; s|\./reportlint \([a-z]*\)|$RUN \1 --no-config|" >"$tmp/cmd$n"
    : >"$tmp/want$n" ;;
  *) printf '%s\n' "$line" >>"$tmp/want$n" ;;
  esac
done <"$tmp/readme"
[ $n -ge 3 ] && ok || bad README "no console example found in the Audit section"
i=1
st=0
while [ $i -le $n ]; do
  cmd=$(cat "$tmp/cmd$i")
  case $cmd in
  'echo $?') echo $st >"$tmp/got" ;;
  *) sh -c "$cmd" >"$tmp/got" 2>/dev/null; st=$? ;;
  esac
  case $cmd in *'>'*) : ;; *)
    if cmp -s "$tmp/want$i" "$tmp/got"; then ok; else
      bad README "'$cmd' prints something else:"; diff "$tmp/want$i" "$tmp/got" | head -5
    fi ;;
  esac
  i=$((i + 1))
done

# --- the year table's charts in a real browser --------------------------------
# The HTML summary of examples/years/ (two bodies, three years of one) as
# headless Chromium builds it: one inline SVG line a key figure of each
# body's year table, each with a point a year stated, and no script.
chromium=""
for c in chromium chromium-browser google-chrome; do
  command -v "$c" >/dev/null 2>&1 && { chromium=$c; break; }
done
if [ -n "$chromium" ]; then
  $RUN audit --no-config --format html examples/years/ >"$tmp/years.html" 2>/dev/null
  "$chromium" --headless --no-sandbox --disable-gpu --dump-dom \
    "file://$tmp/years.html" >"$tmp/years.dom" 2>/dev/null
  charts=$(grep -o '<svg class="trend"' "$tmp/years.dom" | wc -l)
  rows=$(grep -o '<td><svg class="trend"' "$tmp/years.html" | wc -l)
  [ "$charts" -gt 0 ] && [ "$charts" -eq "$rows" ] && ok ||
    bad charts "chromium's DOM has $charts charts, the page $rows rows"
  grep -q '<script' "$tmp/years.dom" && bad charts "a script in the page" || ok
  grep -q 'points="[0-9.]*,[0-9.]* [0-9.]*,[0-9.]* "' "$tmp/years.dom" && ok ||
    bad charts "no chart with two years' points"
else
  echo "audit: skipped the charts in a browser (no chromium: make deps)"
fi

finish audit
