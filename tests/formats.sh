#!/bin/sh
# Format tests for junit, github and jsonl: the XML is well-formed
# (xmllint), the workflow commands are escaped exactly as the runner
# parses them, every JSON line parses (node) and agrees with --format json,
# and the exit status does not depend on the format.
#   BIN=./reportlint sh tests/formats.sh
# TEST_ENV may prefix the binary (e.g. valgrind).
set -u
. tests/lib.sh

S0=seeds/000_34462ac303488de8.txt
S4=seeds/004_40ce34e03101b79a.txt

# A rule set whose messages carry every character the formats escape, and
# a report (its path has a comma and a colon) that each rule matches once.
mkdir -p "$tmp/rules"
cat >"$tmp/rules/00-esc.yaml" <<'EOF'
ruleset:
  name: esc
  version: "1"
rules:
  - id: esc.markup
    type: pattern
    severity: error
    message: "标记 <b> & \"引号\" 'apos' 100% a:b,c\nnext {0}"
    forbid: ['XX[^\n]*?YY']
  - id: esc.info
    type: pattern
    severity: info
    message: "提示 {0}"
    forbid: ['ZZ']
  - id: esc.off
    type: pattern
    severity: warning
    enabled: false
    message: never
    forbid: ['ZZ']
EOF
E="$tmp/a,b:c.txt"
printf 'Title\nXX\001<&>\033YY\nZZ\n' >"$E"

# The same findings, one waived inline (its reason has '%' and ','), and a
# waiver without a reason, which is itself a warning (suppression.invalid).
W="$tmp/waived.txt"
printf '%s\n' 'Title' \
  '# reportlint-disable-next-line esc.markup reason: a 50% waiver, ok' \
  'XX<&>YY' '# reportlint-disable-next-line esc.info' 'plain' 'ZZ' >"$W"

# --- junit ----------------------------------------------------------------
run junit-all 1 $RUN check --format junit seeds examples
cp "$tmp/out" "$tmp/all.xml"
run junit-esc 1 $RUN check --rules "$tmp/rules" --format junit "$E"
cp "$tmp/out" "$tmp/esc.xml"
if have xmllint; then
  check junit-all-wellformed xmllint --noout "$tmp/all.xml"
  check junit-esc-wellformed xmllint --noout "$tmp/esc.xml"
  # The attributes read back as the message, control characters replaced.
  xmllint --xpath 'string(//failure/@message)' "$tmp/esc.xml" >"$tmp/out" 2>/dev/null
  echo >>"$tmp/out"
  has_line junit-esc-attr out "标记 <b> & \"引号\" 'apos' 100% a:b,c"
  has_line junit-esc-attr out "next XX�<&>�YY"
  n=$(xmllint --xpath 'count(//testsuite)' "$tmp/all.xml" 2>/dev/null)
  files=0
  for f in $(find seeds examples -type f \( -name '*.txt' -o -name '*.md' \
      -o -name '*.docx' -o -name '*.html' -o -name '*.htm' -o -name '*.pdf' \)); do
    case "$f" in */README*|examples/ci/*) continue ;; esac
    [ -f "$f" ] && files=$((files + 1))
  done
  if [ "$n" = "$files" ]; then pass=$((pass + 1)); else
    echo "FAIL junit-suites: $n testsuites for $files files"
    fail=$((fail + 1))
  fi
else
  echo "SKIP junit well-formedness: xmllint not found (make deps)"
fi
cp "$tmp/esc.xml" "$tmp/out"
has junit-esc-failure out '<failure type="error" message="标记 &lt;b&gt; &amp; &quot;引号&quot; &apos;apos&apos; 100% a:b,c&#10;next XX'
has junit-esc-text out '/a,b:c.txt:2:1: error: 标记 &lt;b&gt; &amp; &quot;引号&quot; &apos;apos&apos; 100% a:b,c'
# Info findings do not fail a testcase; disabled rules are skipped.
has junit-info out '<system-out>'"$E"':3:1: info: 提示 ZZ'
has junit-skipped out '<skipped message="disabled"/>'
has junit-totals out '<testsuites name="reportlint" tests="3" failures="1" errors="0">'
# Suppressed findings are not failures; the waiver checks are testcases.
run junit-waived 1 $RUN check --rules "$tmp/rules" --format junit --fail-on warning "$W"
has junit-waived out '<testsuites name="reportlint" tests="4" failures="1" errors="0">'
has junit-waived out '<testcase classname="'"$W"'" name="esc.markup">'
has_line junit-waived out 'next XX&lt;&amp;&gt;YY (suppressed: a 50% waiver, ok)'
has junit-waived out '<testcase classname="'"$W"'" name="suppression.invalid">'
has junit-waived out '<failure type="warning" message="豁免指令无效'
if have xmllint; then
  check junit-waived-wellformed xmllint --noout "$tmp/out"
fi
run junit-unreadable 3 $RUN check --format junit "$tmp/nope.txt" $S4
has junit-unreadable out '<error type="input" message="cannot open: No such file or directory">'
has junit-unreadable out 'errors="1"'
if have xmllint; then
  check junit-unreadable-wellformed xmllint --noout "$tmp/out"
fi

# --- github ---------------------------------------------------------------
run github-esc 1 $RUN check --rules "$tmp/rules" --format github "$E"
P=$(printf '%s' "$E" | sed 's/,/%2C/g; s/:/%3A/g')
has_line github-error out "::error file=$P,line=2,col=1,endLine=2,endColumn=10,title=esc.markup::标记 <b> & \"引号\" 'apos' 100%25 a:b,c%0Anext XX$(printf '\001')<&>$(printf '\033')YY"
has_line github-notice out "::notice file=$P,line=3,col=1,endLine=3,endColumn=3,title=esc.info::提示 ZZ"
n=$(wc -l <"$tmp/out")
if [ "$n" -eq 2 ]; then pass=$((pass + 1)); else
  echo "FAIL github-lines: $n lines, expected one per finding (2)"
  fail=$((fail + 1))
fi
run github-waived 0 $RUN check --rules "$tmp/rules" --format github "$W"
equal github-waived out "::warning file=$W,line=4,col=3,endLine=4,endColumn=31,title=suppression.invalid::豁免指令无效：缺少理由（reason: …）
::notice file=$W,line=6,col=1,endLine=6,endColumn=3,title=esc.info::提示 ZZ"
run github-seed 1 $RUN check --format github $S0
has_line github-seed out "::warning file=$S0,line=126,col=8,endLine=126,endColumn=15,title=metric.partial-year::数据截止于“截至10月底”，不能反映2024年全年情况"
has_line github-seed out "::error file=$S0,line=1,endLine=2,title=section.shortcomings::缺少“存在的不足和原因”部分"
run github-unreadable 3 $RUN check --format github "$tmp/nope.txt"
has_line github-unreadable out "::error file=$(printf '%s' "$tmp" | sed 's/:/%3A/g; s/,/%2C/g')/nope.txt::cannot open: No such file or directory"
printf 'abc\000def' >"$tmp/binary.txt"
run github-binary 3 $RUN check --format github "$tmp/binary.txt"
has github-binary out "/binary.txt,line=1,col=4::binary file (NUL byte at line 1, column 4)"
run github-dropped 1 $RUN check --format github --max-findings 2 $S0
has_line github-dropped out "::warning file=$S0::8 more findings not shown (limit 2)"

# --- jsonl ----------------------------------------------------------------
run jsonl-esc 3 $RUN check --rules "$tmp/rules" --format jsonl "$E" "$tmp/nope.txt"
cp "$tmp/out" "$tmp/esc.jsonl"
run jsonl-waived 0 $RUN check --rules "$tmp/rules" --format jsonl "$W"
cp "$tmp/out" "$tmp/waived.jsonl"
has jsonl-waived out '"excerpt":"XX<&>YY","fingerprint":"'
has jsonl-waived out '"suppressed":true,"suppression":"a 50% waiver, ok"}'
run json-waived 0 $RUN check --rules "$tmp/rules" --format json "$W"
cp "$tmp/out" "$tmp/waived.json"
run jsonl-all 0 $RUN check --format jsonl --fail-on none seeds examples
cp "$tmp/out" "$tmp/all.jsonl"
run json-all 0 $RUN check --format json --fail-on none seeds examples
cp "$tmp/out" "$tmp/all.json"
if have node; then
  # Every line is one JSON object with the documented fields.
  cat >"$tmp/lines.js" <<'EOF'
const fs = require('fs');
const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n');
if (lines.pop() !== '') throw new Error('no newline after the last line');
const keys = ['file', 'rule', 'severity', 'message', 'line', 'column',
  'end_line', 'end_column', 'excerpt', 'fingerprint', 'suppressed'];
for (const [i, l] of lines.entries()) {
  const o = JSON.parse(l);
  if ('rule' in o) {
    for (const k of keys)
      if (!(k in o)) throw new Error(`line ${i + 1}: no ${k}`);
    if (typeof o.suppressed !== 'boolean')
      throw new Error(`line ${i + 1}: suppressed is not a boolean`);
    if (!/^[0-9a-f]{16}$/.test(o.fingerprint))
      throw new Error(`line ${i + 1}: bad fingerprint ${o.fingerprint}`);
  } else if (!('error' in o || 'rule_error' in o || 'dropped' in o)) {
    throw new Error(`line ${i + 1}: neither a finding nor an error`);
  }
}
EOF
  check jsonl-all-parses node "$tmp/lines.js" "$tmp/all.jsonl"
  check jsonl-esc-parses node "$tmp/lines.js" "$tmp/esc.jsonl"
  # The same findings and counts as --format json.
  cat >"$tmp/same.js" <<'EOF'
const fs = require('fs');
const rows = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n')
  .map(JSON.parse).filter(o => 'rule' in o);
const doc = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const all = doc.reports.flatMap(r => r.findings.map(f => ({file: r.file, ...f})));
if (rows.length !== all.length)
  throw new Error(`${rows.length} lines, ${all.length} findings in json`);
for (const [i, f] of all.entries())
  for (const k of ['file', 'rule', 'severity', 'message', 'line', 'column',
                   'end_line', 'end_column', 'excerpt', 'fingerprint',
                   'suppression'])
    if (rows[i][k] !== f[k])
      throw new Error(`finding ${i + 1}: ${k} ${rows[i][k]} != ${f[k]}`);
for (const [i, f] of all.entries())
  if (rows[i].suppressed !== (f.suppressed === true))
    throw new Error(`finding ${i + 1}: suppressed differs`);
for (const sev of ['error', 'warning', 'info']) {
  const n = rows.filter(o => o.severity === sev && !o.suppressed).length;
  if (n !== doc.summary.counts[sev])
    throw new Error(`${sev}: ${n} lines, ${doc.summary.counts[sev]} in json`);
}
EOF
  check jsonl-same-as-json node "$tmp/same.js" "$tmp/all.jsonl" "$tmp/all.json"
  check jsonl-waived-parses node "$tmp/lines.js" "$tmp/waived.jsonl"
  check jsonl-waived-as-json node "$tmp/same.js" "$tmp/waived.jsonl" \
    "$tmp/waived.json"
  # Escapes survive a round trip.
  cat >"$tmp/roundtrip.js" <<'EOF'
const l = require("fs").readFileSync(process.argv[2], "utf8").split("\n");
const f = JSON.parse(l[0]), e = JSON.parse(l[2]);
if (f.message !== "标记 <b> & \"引号\" 'apos' 100% a:b,c\nnext XX\u0001<&>\u001bYY")
  throw new Error("message: " + JSON.stringify(f.message));
if (!f.file.endsWith("/a,b:c.txt") || f.suppressed !== false || "suppression" in f)
  throw new Error("finding: " + l[0]);
if (!e.file.endsWith("/nope.txt") || e.error !== "cannot open: No such file or directory")
  throw new Error("error line: " + l[2]);
EOF
  check jsonl-roundtrip node "$tmp/roundtrip.js" "$tmp/esc.jsonl"
else
  echo "SKIP jsonl parsing: node not found"
fi
n=$(wc -l <"$tmp/esc.jsonl")
if [ "$n" -eq 3 ]; then pass=$((pass + 1)); else
  echo "FAIL jsonl-lines: $n lines, expected 2 findings + 1 error"
  fail=$((fail + 1))
fi
run jsonl-dropped 1 $RUN check --format jsonl --max-findings 2 $S0
has_line jsonl-dropped out "{\"file\":\"$S0\",\"dropped\":8,\"limit\":2}"

# --- exit status: as for the text format ----------------------------------
mkdir -p "$tmp/badrules"
printf 'rules:\n  - id: x\n    type: nonsense\n' >"$tmp/badrules/r.yaml"
for fmt in junit github jsonl; do
  run "$fmt-exit-findings" 1 $RUN check --format $fmt $S0
  run "$fmt-exit-fail-none" 0 $RUN check --format $fmt --fail-on none $S0
  run "$fmt-exit-warning" 1 $RUN check --format $fmt --fail-on warning $S4
  run "$fmt-exit-clean" 0 $RUN check --format $fmt $S4
  run "$fmt-exit-input" 3 $RUN check --format $fmt "$tmp/nope.txt" $S4
  run "$fmt-exit-rules" 2 $RUN check --format $fmt --rules "$tmp/badrules" $S4
  run "$fmt-output" 1 $RUN check --format $fmt -o "$tmp/o.$fmt" $S0
  if [ -s "$tmp/o.$fmt" ] && [ ! -s "$tmp/out" ]; then
    pass=$((pass + 1))
  else
    echo "FAIL $fmt-output: -o did not get the output"
    fail=$((fail + 1))
  fi
done

finish formats
