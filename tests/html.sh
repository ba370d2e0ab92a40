#!/bin/sh
# HTML output (--format html) end to end.
#   BIN=./reportlint sh tests/html.sh [--update]
# 1. `-o FILE` writes the same whole page as stdout: for each seed, the
#    file equals the golden page tests/golden/html/seeds/NAME.html (which
#    tests/golden.sh also compares; make golden-update rewrites them); the
#    README's command puts all seeds on one page with a table of contents.
# 2. Every page is well-formed: as XML (xmllint --noout; the writer emits
#    XHTML-compatible markup, so a mis-nested tag fails here) and as HTML
#    (xmllint --html: no complaint but the HTML5 tags libxml2 2.9 does not
#    know).
# 3. A hostile report (tests/html/hostile.txt: <script>, &, quotes, an
#    HTML comment, a waived finding) shows all of it as text.
# 4. In a real browser, when chromium is installed (make deps installs
#    it): the DOM chromium --headless builds (of check's page, and of
#    audit's, whose sections follow the summary) has one mark.f per unsuppressed
#    finding of --format json, for each seed, the hostile report and all
#    seeds on one page, and no script element; a screenshot of seed 000 at
#    1280x2000 is a PNG of that size. --update writes that screenshot to
#    docs/screenshot-html.png (make test leaves the tree as it is).
# TEST_ENV may prefix the binary (e.g. the sanitizers).
set -u
. tests/lib.sh
update=0
[ "${1:-}" = --update ] && update=1

HOSTILE=tests/html/hostile.txt
SHOT=seeds/000_34462ac303488de8.txt

# page FILE... : the HTML page of FILEs into $tmp/page.html; 0 if it was
# written (exit 0 or 1)
page() {
  rm -f "$tmp/page.html"
  $RUN check --no-config --format html --fail-on none -o "$tmp/page.html" \
    "$@" 2>"$tmp/err"
  st=$?
  [ $st -eq 0 ] && [ -s "$tmp/page.html" ] && return 0
  bad "$*" "exit status $st writing HTML:"
  sed 's/^/  | /' "$tmp/err" | head -5
  return 1
}

# well_formed NAME: $tmp/page.html parses as XML and as HTML
well_formed() {
  if xmllint --noout "$tmp/page.html" 2>"$tmp/xml"; then ok; else
    bad "$1" "not well-formed XML:"
    sed 's/^/  | /' "$tmp/xml" | head -8
  fi
  xmllint --html --noout "$tmp/page.html" 2>"$tmp/xml"
  if grep 'error :' "$tmp/xml" |
    grep -qv 'Tag \(header\|footer\|section\|nav\|mark\|details\|summary\) invalid'; then
    bad "$1" "the HTML parser complains:"
    grep 'error :' "$tmp/xml" | grep -v 'Tag [a-z]* invalid' | head -5 |
      sed 's/^/  | /'
  else
    ok
  fi
}

# unsuppressed FILE...: the number of findings --format json shows
unsuppressed() {
  $RUN check --no-config --format json --fail-on none "$@" >"$tmp/json" \
    2>/dev/null
  all=$(grep -c '^[[:space:]]*"rule":' "$tmp/json")
  waived=$(grep -c '"suppressed":[[:space:]]*true' "$tmp/json")
  echo $((all - waived))
}

# --- 1 and 2: goldens through -o, well-formed ------------------------------
for f in seeds/*.txt; do
  page "$f" || continue
  g=tests/golden/html/seeds/$(basename "${f%.*}").html
  if [ ! -f "$g" ]; then
    bad "$f" "no golden page $g (make golden-update)"
  elif cmp -s "$g" "$tmp/page.html"; then
    ok
  else
    bad "$f" "-o page differs from $g:"
    diff "$g" "$tmp/page.html" | head -12 | sed 's/^/  | /'
  fi
  well_formed "$f"
done

# The README's command: several reports on one page, written whole to a
# Chinese file name, exit 1 for the seeds' errors.
$RUN check --format html -o "$tmp/检查结果.html" seeds/ 2>"$tmp/err"
st=$?
n=$(grep -c '<section class="report" id="r[0-9]*">' "$tmp/检查结果.html" 2>/dev/null)
if [ $st -eq 1 ] && [ "$n" = 3 ] && grep -q '<nav class="toc">' "$tmp/检查结果.html"; then
  cp "$tmp/检查结果.html" "$tmp/page.html"
  ok
  well_formed "README command"
else
  bad "README command" "exit status $st, $n report sections"
fi

# --- 3: hostile text stays text --------------------------------------------
if page "$HOSTILE"; then
  well_formed "$HOSTILE"
  if grep -qi '<script' "$tmp/page.html"; then
    bad "$HOSTILE" "a <script> tag reached the page"
  else
    ok
  fi
  # line 3's text, tags (the highlights) taken out, is the line escaped
  if grep 'id="r1-L3"' "$tmp/page.html" | sed 's/<[^>]*>//g' |
    grep -qF '全年办理行政复议案件&lt;script&gt;alert(1)&lt;/script&gt;件，R&amp;D投入“增长”&#39;明显&#39;。'; then
    ok
  else
    bad "$HOSTILE" "line 3 does not read as its text"
  fi
  for want in '&lt;script&gt;' 'R&amp;D' \
    '&#39;明显&#39;' '&lt;!-- 这不是指令 --&gt;' \
    'title="文中有排版或网页残留“&lt;script&gt;”' \
    '豁免指令（已从正文隐去）：<code>text.placeholder</code> 理由：测试豁免'; do
    if grep -qF -- "$want" "$tmp/page.html"; then ok; else
      bad "$HOSTILE" "the page lacks: $want"
    fi
  done
  # the waived finding: a greyed row, not a mark
  if grep -q '<tr id="r1-f[0-9]*" class="waived">.*<code>text.placeholder</code>' \
    "$tmp/page.html"; then ok; else
    bad "$HOSTILE" "the waived finding is not in the waived table"
  fi
fi

# --- 4: a real browser -------------------------------------------------------
CHROMIUM=${CHROMIUM:-}
for c in chromium chromium-browser google-chrome; do
  [ -n "$CHROMIUM" ] && break
  command -v $c >/dev/null 2>&1 && CHROMIUM=$c
done

# browse ARGS...: chromium headless on $tmp/page.html; stdout in $tmp/dom
browse() {
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
    --no-first-run --user-data-dir="$tmp/profile" --hide-scrollbars "$@" \
    "file://$tmp/page.html" >"$tmp/dom" 2>"$tmp/chromium.err"
}

# marks NAME FILE...: chromium's DOM of the page of FILEs has one mark.f
# per unsuppressed finding and no script element
marks() {
  name=$1
  shift
  page "$@" || return
  if ! browse --dump-dom || ! grep -q '</html>' "$tmp/dom"; then
    bad "$name" "chromium --dump-dom failed:"
    tail -5 "$tmp/chromium.err" | sed 's/^/  | /'
    return
  fi
  want=$(unsuppressed "$@")
  got=$(grep -o '<mark class="f ' "$tmp/dom" | wc -l)
  if [ "$got" -eq "$want" ] && [ "$want" -gt 0 ]; then ok; else
    bad "$name" "chromium's DOM has $got mark.f, --format json $want findings"
  fi
  if grep -qi '<script' "$tmp/dom"; then
    bad "$name" "chromium's DOM has a script element"
  else
    ok
  fi
}

# png_size FILE: "WIDTHxHEIGHT" from the IHDR chunk
png_size() {
  set -- $(od -An -tu1 -j16 -N8 "$1")
  echo "$(($1 << 24 | $2 << 16 | $3 << 8 | $4))x$(($5 << 24 | $6 << 16 | $7 << 8 | $8))"
}

if [ -z "$CHROMIUM" ]; then
  echo "SKIP html: chromium not installed (make deps installs it); the browser checks did not run"
else
  for f in seeds/*.txt "$HOSTILE"; do
    marks "$f" "$f"
  done
  marks "seeds/ on one page" seeds/
  if grep -c '<section class="report" id="r[123]"' "$tmp/dom" | grep -qx 3; then
    ok
  else
    bad "seeds/ on one page" "not three report sections in chromium's DOM"
  fi
  # audit --format html: the summary's file names link to the sections
  # below it, where every finding is highlighted as check shows it
  $RUN audit --no-config --format html seeds/ >"$tmp/page.html" 2>/dev/null
  if browse --dump-dom && grep -q '</html>' "$tmp/dom"; then
    want=$(unsuppressed seeds/)
    got=$(grep -o '<mark class="f ' "$tmp/dom" | wc -l)
    if [ "$got" -eq "$want" ]; then ok; else
      bad "audit html" "chromium's DOM has $got mark.f, --format json $want findings"
    fi
    links=$(grep -o 'href="#r[0-9]*"' "$tmp/dom" | sort -u | wc -l)
    secs=$(grep -o '<section class="report" id="r[0-9]*"' "$tmp/dom" | wc -l)
    if [ "$links" -eq 3 ] && [ "$secs" -eq 3 ]; then ok; else
      bad "audit html" "$links links to $secs report sections, expected 3 and 3"
    fi
  else
    bad "audit html" "chromium --dump-dom failed"
  fi
  if page "$SHOT" && browse --window-size=1280,2000 \
    --screenshot="$tmp/shot.png" && [ -s "$tmp/shot.png" ]; then
    size=$(png_size "$tmp/shot.png")
    if [ "$size" = 1280x2000 ]; then ok; else
      bad screenshot "the screenshot is $size, not 1280x2000"
    fi
    if [ $update -eq 1 ]; then
      mkdir -p docs && cp "$tmp/shot.png" docs/screenshot-html.png
      echo "html: wrote docs/screenshot-html.png"
    fi
  else
    bad screenshot "chromium --screenshot failed:"
    tail -5 "$tmp/chromium.err" | sed 's/^/  | /'
  fi
fi

finish html
