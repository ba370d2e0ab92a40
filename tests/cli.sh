#!/bin/sh
# CLI tests: exit codes, stdin, formats, options, unreadable and binary
# inputs, missing rules. Each case runs the built binary and compares the
# exit status and (parts of) stdout/stderr (tests/lib.sh). Broken rule
# files with their exact errors are tests/cases/errors.
#   BIN=./reportlint sh tests/cli.sh
set -u
. tests/lib.sh

S0=seeds/000_34462ac303488de8.txt
S1=seeds/001_8d96fa208fb949fd.txt
S4=seeds/004_40ce34e03101b79a.txt

run version 0 $RUN --version && equal version out "reportlint 0.1.0"
run help 0 $RUN --help && has help out "usage: reportlint check"
run no-command 2 $RUN && has no-command err "no command given"
run unknown-command 2 $RUN frobnicate && has unknown-command err "unknown command 'frobnicate'"
run unknown-option 2 $RUN check --bogus $S4 && has unknown-option err "unknown option '--bogus'"
run no-input 2 $RUN check && has no-input err "no input"
run bad-format 2 $RUN check --format xml $S4 && has bad-format err "--format: expected text, json, model, sarif, junit, github, jsonl or html, not 'xml'"
run bad-fail-on 2 $RUN check --fail-on sometimes $S4 && has bad-fail-on err "--fail-on: expected"

# A report with errors exits 1; the same with --fail-on none exits 0.
run seed0 1 $RUN check --no-source $S0
has seed0 out "$S0:1:2: error: 缺少“存在的不足和原因”部分 [section.shortcomings]"
has seed0 out "1 file checked (rule set fzzf "
run seed0-fail-none 0 $RUN check --fail-on none $S0
# Source line and caret under a finding (the default).
run seed0-source 1 $RUN check $S0 && has seed0-source out "     1 |  姑苏区司法局 2024年度"

# stdin is '-', and the same findings come out.
run stdin 1 sh -c "cat $S0 | $RUN check --no-source -"
has stdin out "-:1:2: error: 缺少“存在的不足和原因”部分 [section.shortcomings]"

# --disable removes a rule; --enable of an unknown id is a usage error.
run disable 1 $RUN check --no-source --disable section.shortcomings $S0
lacks disable out "[section.shortcomings]"
run disable-prefix 0 $RUN check --no-source --disable section. --disable metric. --disable date. --disable title. --disable numbering. --disable signature. $S0
run enable-unknown 2 $RUN check --enable no.such-rule $S0 && has enable-unknown err "no rule matches 'no.such-rule'"

# Unreadable inputs: exit 3, a one-line error, and the other files checked.
run missing 3 $RUN check --no-source nope.txt $S0
has missing err "nope.txt: error: cannot open: No such file or directory"
has missing out "[section.shortcomings]"
has missing out "; 1 file could not be read"
printf 'abc\000def' >"$tmp/binary.txt"
run binary 3 $RUN check "$tmp/binary.txt"
has binary err "binary.txt:1:4: error: binary file (NUL byte at line 1, column 4)"
: >"$tmp/empty.txt"
run empty 3 $RUN check "$tmp/empty.txt" && has empty err "empty.txt: error: empty file"
mkdir -p "$tmp/dir/sub"
cp $S0 "$tmp/dir/a.txt"
cp $S4 "$tmp/dir/sub/b.md"
echo skip >"$tmp/dir/c.odt"
run directory 1 $RUN check --no-source "$tmp/dir"
has directory out "2 files checked"
has directory out "a.txt:1:2:"
lacks directory out "c.odt"

# GB18030 and CRLF inputs give the same findings at the same positions.
iconv -f UTF-8 -t GB18030 $S0 >"$tmp/gb.txt"
run gb18030 1 $RUN check --no-source "$tmp/gb.txt"
has gb18030 out "gb.txt: note: decoded as GB18030"
$RUN check --no-source --format json --fail-on none $S0 | grep -v '"file"\|"encoding"' >"$tmp/utf8.json"
$RUN check --no-source --format json --fail-on none "$tmp/gb.txt" | grep -v '"file"\|"encoding"' >"$tmp/gb.json"
same gb18030-same "$tmp/utf8.json" "$tmp/gb.json"
sed 's/$/\r/' $S0 >"$tmp/crlf.txt"
$RUN check --no-source --format json --fail-on none "$tmp/crlf.txt" | grep -v '"file"\|"encoding"' >"$tmp/crlf.json"
same crlf-same "$tmp/utf8.json" "$tmp/crlf.json"

# JSON output and -o: the file is written, stdout stays empty.
run json 1 $RUN check --format json $S0 && has json out '"section.shortcomings"'
run output-file 1 $RUN check --format json -o "$tmp/o.json" $S0
if [ -s "$tmp/out" ]; then bad output-file "stdout not empty" out; else ok; fi
has output-file "$tmp/o.json" '"reports"'
# -o makes an ordinary file: 0666 less the umask, as a shell redirection would
(umask 022 && $RUN check --format json -o "$tmp/mode.json" $S0 >/dev/null 2>&1)
mode=$(stat -c %a "$tmp/mode.json")
if [ "$mode" = 644 ]; then ok; else bad output-mode "-o file has mode $mode, expected 644"; fi
(umask 077 && $RUN check --format json -o "$tmp/mode2.json" $S0 >/dev/null 2>&1)
mode=$(stat -c %a "$tmp/mode2.json")
if [ "$mode" = 600 ]; then ok; else bad output-mode "-o file has mode $mode under umask 077, expected 600"; fi
run output-unwritable 2 $RUN check -o /nonexistent/dir/o.json $S0
has output-unwritable err "cannot write '/nonexistent/dir/o.json'"

# Limits: each with a clear error and the other files still checked.
run max-size 3 $RUN check --no-source --max-size 7k $S4 $S0
has max-size err "$S4: error: file too large (7507 bytes, limit 7168)"
has max-size out "[section.shortcomings]"
run max-line 3 $RUN check --max-line 100 $S4
has max-line err "$S4:5: error: line 5 is too long (453 bytes, limit 100)"
run max-findings 1 $RUN check --no-source --max-findings 2 $S0
has max-findings out "$S0: note: 8 more findings not shown (limit 2)"
run max-size-bad 2 $RUN check --max-size 0 $S0
has max-size-bad err "--max-size: expected a positive size like 50M, not '0'"

# --stats lists every rule and the silent ones.
run stats 1 $RUN check --no-source --stats $S0
has stats err "rule statistics"
has stats err "never matched anything in this run"

# Rule errors: exit 2 (broken rule files with their exact errors are
# tests/cases/errors).
run rules-missing-dir 2 $RUN check --rules /nonexistent $S0
mkdir "$tmp/norules"
run rules-empty-dir 2 $RUN check --rules "$tmp/norules" $S0
has rules-empty-dir err "no rule files (*.yaml) here or in its subdirectories"
run lint-rules 0 $RUN lint-rules rules && has lint-rules out "rule set fzzf"

# Configuration files: the good fixture loads; errors name file:line:col.
run config-good 1 $RUN check --no-source --config tests/config-fixtures/good.yaml $S0
lacks config-good out "[topic."
has config-good out "error: 数据截止于“截至10月底”"
run config-bad-key 2 $RUN check --config tests/config-fixtures/bad-key.yaml $S0
has config-bad-key err "tests/config-fixtures/bad-key.yaml:2:1: error: unknown key 'fail_on' in the configuration (allowed: rules, ruleset, fail-on, year, reporter, enable, disable, severity, ignore, overrides, waivers)"
run config-bad-waiver 2 $RUN check --config tests/config-fixtures/bad-waiver.yaml $S0
has config-bad-waiver err "bad-waiver.yaml:2:5: error: a waiver has no 'reason' (every waiver says why)"
run config-missing 2 $RUN check --config /nonexistent.yaml $S0
has config-missing err "/nonexistent.yaml: error: cannot open"

# --format github appends a Markdown summary to $GITHUB_STEP_SUMMARY.
printf '# earlier step\n' >"$tmp/summary.md"
run github-summary 1 env GITHUB_STEP_SUMMARY="$tmp/summary.md" $BIN check --format github $S0
has github-summary out "::error file=$S0,line=1,endLine=2" # the two-line title
if grep -q '^# earlier step' "$tmp/summary.md" && grep -q 'section.shortcomings' "$tmp/summary.md" && grep -q '|' "$tmp/summary.md"; then pass=$((pass + 1)); else echo "FAIL github-summary: summary not appended"; fail=$((fail + 1)); fi
run github-summary-bad 2 env GITHUB_STEP_SUMMARY=/nonexistent/dir/s.md $BIN check --format github $S0
has github-summary-bad err "cannot append to '/nonexistent/dir/s.md'"

# rules and --explain
run rules-list 0 $RUN rules && has rules-list out "section.shortcomings"
run explain 0 $RUN rules --explain section.shortcomings
has explain out "依据: 《法治政府建设与责任落实督察工作规定》"
run explain-unknown 2 $RUN rules --explain no.such

# REPORTLINT_RULES points at another rule set (here a broken one).
mkdir "$tmp/badregex"
printf 'rules:\n  - id: a.b\n    type: pattern\n    severity: error\n    message: x\n    forbid: "(XX"\n' >"$tmp/badregex/r.yaml"
run env-rules 2 env REPORTLINT_RULES="$tmp/badregex" $BIN check $S0
has env-rules err "r.yaml:6:13: error: rule 'a.b': bad pattern in 'forbid'"

# An installed binary finds PREFIX/share/reportlint/rules (make install).
mkdir -p "$tmp/prefix/bin" "$tmp/prefix/share/reportlint"
cp "$BIN" "$tmp/prefix/bin/reportlint"
cp -R rules "$tmp/prefix/share/reportlint/"
run installed 0 sh -c "cd / && ${TEST_ENV:-} $tmp/prefix/bin/reportlint rules"
has installed out "$tmp/prefix/bin/../share/reportlint/rules/fzzf"

# The README's examples are tests too: its pasted output must be the real one.
readme_block() { # the lines after "$ CMD" up to the next "$ " line
  awk -v cmd="\$ $1" 'found && /^\$ / {exit} found {print} $0 == cmd {found=1}' README.md
}
readme_case() { # NAME CMD: README's output for "$ CMD" equals running CMD
  readme_block "$2" >"$tmp/want"
  cmd=$(printf '%s' "$2" | sed "s#^\./reportlint#${TEST_ENV:-} $BIN#")
  sh -c "$cmd" >"$tmp/got" 2>/dev/null
  if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
    pass=$((pass + 1))
  else
    echo "FAIL $1: README output differs from: $2"
    diff "$tmp/want" "$tmp/got" | head -10
    fail=$((fail + 1))
  fi
}
readme_case readme-first-run "./reportlint check seeds/000_34462ac303488de8.txt"
readme_case readme-summary "./reportlint check seeds/ --fail-on none --no-source | tail -1"
readme_case readme-xxgk "./reportlint check examples/xxgk/05_review_total.txt"
# ... and its example of a rule directory whose word list was edited: the
# index is not used (lint-rules says why, as README shows) until it is
# made again, and the findings are the same either way.
LEXINDEX=${LEXINDEX:-build/lexicon-index}
case $LEXINDEX in /*) ;; *) LEXINDEX=$(pwd)/$LEXINDEX ;; esac
case $BIN in /*) ABSBIN=$BIN ;; *) ABSBIN=$(pwd)/$BIN ;; esac
awk '/^\$ \.\/reportlint lint-rules my-rules >\/dev\/null$/ { n++; next }
     n == 1 && /^\$ / { exit } n == 1' README.md >"$tmp/want"
top=$(pwd)
(cd "$tmp" && cp -R "$top/rules" my-rules && echo 新词 >>my-rules/lexicon/words.txt &&
  ${TEST_ENV:-} "$ABSBIN" lint-rules my-rules >/dev/null 2>"$tmp/got")
if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then pass=$((pass + 1)); else
  echo "FAIL readme-lexicon-index: README's lint-rules warnings differ"
  diff "$tmp/want" "$tmp/got" | head -10
  fail=$((fail + 1))
fi
run stale-index-check 1 $RUN check --no-config --rules "$tmp/my-rules" --format json $S0
cp "$tmp/out" "$tmp/stale.json"
(cd "$tmp" && "$LEXINDEX" my-rules/lexicon/words.txt my-rules/lexicon/pinyin.txt \
  my-rules/lexicon/words.idx)
run remade-index 0 $RUN lint-rules "$tmp/my-rules"
lacks remade-index err "index is not used"
run remade-index-check 1 $RUN check --no-config --rules "$tmp/my-rules" --format json $S0
same remade-index-same "$tmp/stale.json" "$tmp/out"
rm -rf "$tmp/my-rules"
# ... and its example of a test case passes as one.
awk '/^### Test cases/ {f = 1} /^### Real reports/ {f = 0} f' README.md |
  awk '/^```$/ {n++; next} n == 1' >"$tmp/readme.case"
check readme-test-case env BIN="$BIN" TEST_ENV="${TEST_ENV:-}" python3 tests/cases.py "$tmp/readme.case"
# The runner fails a case whose output differs, with a diff: the README's
# case with a wrong column and a wrong exit status.
sed 's/^t\.txt:1:1:/t.txt:1:2:/; s/^--- exit 1$/--- exit 0/' "$tmp/readme.case" >"$tmp/wrong.case"
run cases-wrong 1 env BIN="$BIN" TEST_ENV="${TEST_ENV:-}" python3 tests/cases.py "$tmp/wrong.case"
has cases-wrong out "-t.txt:1:2: error:"
has cases-wrong out "+t.txt:1:1: error:"
has cases-wrong out "exit status 1, expected 0"

# Rule sets are read lazily: past its header, a set's files are read when
# a report selects it. A broken file in a set no report selects does not
# stop a check (lint-rules, rules, audit and -j N read every set); when a
# report needs it, the error is said once and the exit status is 2.
mkdir -p "$tmp/lazy/fzzf" "$tmp/lazy/zz"
cp rules/fzzf/*.yaml "$tmp/lazy/fzzf/"
cp -R rules/lexicon "$tmp/lazy/" # the word list lexicon.yaml names
printf 'ruleset: {name: zz, version: "1", detect: 政务公开}\n' >"$tmp/lazy/zz/00.yaml"
printf 'rules:\n  - id: a.b\n    type: pattern\n    severity: error\n    message: x\n    forbid: "(["\n' >"$tmp/lazy/zz/10.yaml"
run lazy-unselected 1 $RUN check --no-config --no-source --rules "$tmp/lazy" $S0
lacks lazy-unselected err "10.yaml"
printf '某县政务公开工作年度报告\n一、总体情况\n正文。\n' >"$tmp/zz1.txt"
cp "$tmp/zz1.txt" "$tmp/zz2.txt"
run lazy-selected 2 $RUN check --no-config --rules "$tmp/lazy" "$tmp/zz1.txt" "$tmp/zz2.txt"
has lazy-selected err "10.yaml:6:13: error: rule 'a.b': bad pattern in 'forbid'"
n=$(grep -c "10.yaml:6:13" "$tmp/err")
if [ "$n" = 1 ]; then pass=$((pass + 1)); else
  echo "FAIL lazy-selected: the rule file error is said $n times, not once"
  fail=$((fail + 1))
fi
run lazy-jobs 2 $RUN check --no-config -j 2 --rules "$tmp/lazy" $S0
has lazy-jobs err "10.yaml:6:13"
run lazy-lint 2 $RUN lint-rules "$tmp/lazy/zz"
run lazy-rules 2 $RUN rules --rules "$tmp/lazy"

# rules --explain takes an id as SARIF writes it for a second rule set.
run explain-qualified 0 $RUN rules --explain xxgk/date.deadline
has explain-qualified out "date.deadline  (error, date, rule set xxgk"
lacks explain-qualified out "rule set fzzf"

# --input-format: a bad value is a usage error; md forces Markdown syntax
# off a .txt name, and txt keeps it.
run input-format-bad 2 $RUN check --input-format doc $S0
has input-format-bad err "unknown input format 'doc' (auto, txt, md, docx, html, pdf)"
printf '某区2024年度法治政府建设情况报告\n**一、主要举措和成效**\n' >"$tmp/strong.txt"
run input-format-txt 1 $RUN check --no-source --enable text.markup "$tmp/strong.txt"
has input-format-txt out "[text.markup]"
run input-format-md 1 $RUN check --no-source --input-format md "$tmp/strong.txt"
lacks input-format-md out "[text.markup]"
run input-format-json 1 $RUN check --format json --input-format markdown "$tmp/strong.txt"
has input-format-json out '"format":	"md"'

# check -j N: the same bytes on stdout and stderr, and the same exit
# status, for every N and every format; -j 0 is a usage error. The inputs
# include unreadable files (tests/fixtures: a corrupt DOCX, a scanned PDF)
# so that the order of the errors is compared too.
for f in text json sarif junit github jsonl html model; do
  $RUN check --no-config --format $f seeds examples tests/fixtures >"$tmp/j1.out" 2>"$tmp/j1.err"
  st1=$?
  $RUN check --no-config -j 2 --format $f seeds examples tests/fixtures >"$tmp/j2.out" 2>"$tmp/j2.err"
  st2=$?
  if [ $st1 -eq $st2 ] && cmp -s "$tmp/j1.out" "$tmp/j2.out" && cmp -s "$tmp/j1.err" "$tmp/j2.err"; then
    pass=$((pass + 1))
  else
    echo "FAIL check-jobs-$f: -j 2 differs from -j 1 (exit $st1, $st2)"
    fail=$((fail + 1))
  fi
done
run jobs-stats 1 $RUN check --no-config -j 2 --stats --no-source seeds
has jobs-stats err "section.plans"
$RUN check --no-config --stats --no-source seeds >/dev/null 2>"$tmp/stats1"
same jobs-stats "$tmp/stats1" "$tmp/err"
run jobs-bad 2 $RUN check -j 0 $S0
has jobs-bad err "-j: expected a number of jobs from 1 to 1024"
run jobs-output 1 $RUN check --no-config -j 2 --format jsonl -o "$tmp/j.jsonl" seeds examples
$RUN check --no-config --format jsonl seeds examples >"$tmp/j1.jsonl" 2>/dev/null
same jobs-output "$tmp/j.jsonl" "$tmp/j1.jsonl"

# The libraries only some formats need are not linked, and a run opens
# them only when it reads such a file: none for text, libxml2 for HTML,
# libzip and libxml2 for DOCX. The loader's own log (LD_DEBUG=files, one
# "file=NAME" line per library it maps) tells; HTML and DOCX are the
# control that the log is there at all. Run without TEST_ENV: valgrind
# maps its own preloads.
ldd "$BIN" >"$tmp/out" 2>&1
for lib in libxml2 libzip libpoppler; do lacks ldd-$lib out "$lib"; done
libs_opened() { # NAME FILE: the libraries a check of FILE maps, in $tmp/err
  LD_DEBUG=files "$BIN" check --no-config "$2" >/dev/null 2>"$tmp/ld"
  grep -o 'file=lib[a-z0-9-]*' "$tmp/ld" | sort -u >"$tmp/err"
}
libs_opened lazy-txt $S0
lacks lazy-txt err "file=libxml2"
lacks lazy-txt err "file=libzip"
lacks lazy-txt err "file=libicu"
has lazy-txt err "file=libpcre2-8"
libs_opened lazy-html tests/fixtures/html/portal.html
has lazy-html err "file=libxml2"
lacks lazy-html err "file=libzip"
libs_opened lazy-docx tests/fixtures/docx/plain.docx
has lazy-docx err "file=libxml2"
has lazy-docx err "file=libzip"
lacks lazy-docx err "file=libpoppler"

# --- the report type: by title, then by content, else "of no known type" ---
# A 政府工作报告 (a speech to the congress, naming 依法行政 and 法治政府 ten
# times) is neither kind: one warning quoting its first line, exit 0.
{ echo "某市人民政府工作报告"; echo "各位代表："
  i=0; while [ $i -lt 4 ]; do
    printf '%s' "深入推进依法行政，加快建设法治政府，严格规范公正文明执法，完善行政复议体制。"
    i=$((i + 1)); done; echo; } >"$tmp/gwr.txt"
run type-other 0 "$BIN" check --no-config --no-source "$tmp/gwr.txt"
equal type-other out "$tmp/gwr.txt:1:1: warning: 无法识别报告类型：开头为“某市人民政府工作报告”，既不是法治政府建设年度报告，也不是政府信息公开工作年度报告，未按任何规则检查；如确属其中一类，请用 --ruleset fzzf 或 --ruleset xxgk 指定 [report.type-unknown]
1 file checked (rule set other 0.1.0): 0 errors, 1 warning, 0 infos"
# --ruleset still forces a set.
run type-forced 1 "$BIN" check --no-config --no-source --ruleset fzzf "$tmp/gwr.txt"
has type-forced out "(rule set fzzf 0.1.0)"
# No title, but the 条例 cited as the report's basis: 政府信息公开.
printf '%s\n' "根据《中华人民共和国政府信息公开条例》要求，编制本报告。" \
  "一、总体情况" "全年主动公开政府信息538条。" >"$tmp/xxgk.txt"
run type-xxgk-content 1 "$BIN" check --no-config --no-source "$tmp/xxgk.txt"
has type-xxgk-content out "(rule set xxgk 0.1.0)"
# No title, but its part headings are a 法治政府建设 report's.
run type-fzzf-content 1 "$BIN" check --no-config --no-source tests/hostile/headings-only.txt
has type-fzzf-content out "(rule set fzzf 0.1.0)"

# Issue 17 item 3: a directory walk takes every report extension in any
# case (the reader's list), reads .doc/.wps to refuse them with a reason,
# and the summary says what was skipped and why.
D=$tmp/walk
mkdir -p "$D/sub"
cp examples/01_clean_district.txt "$D/A.TXT"
cp examples/15_markdown.md "$D/sub/b.markdown"
cp tests/fixtures/docx/plain.docx "$D/C.DOCX"
cp tests/fixtures/html/portal.html "$D/D.HTM"
cp tests/fixtures/pdf/report2.pdf "$D/E.PDF"
printf '\320\317\021\340\241\261\032\341\0\0\0\0' >"$D/old.doc"
cp "$D/old.doc" "$D/x.WPS"
echo x >"$D/data.XLSX"
echo r >"$D/README.md"
cp tests/fixtures/docx/plain.docx "$D/~\$C.docx"
run walk-case 3 $RUN check --no-config --no-source "$D"
has walk-case out "5 files checked"
has walk-case out "2 files could not be read"
has walk-case out "3 files skipped"
has walk-ole2 err "$D/old.doc: error: Word 97-2003 或 WPS 格式，请另存为 .docx 后再检查"
has walk-ole2 err "$D/x.WPS: error: Word 97-2003 或 WPS 格式，请另存为 .docx 后再检查"
has walk-skipped err "reportlint: 3 files skipped: 1 README (describes the folder), 1 Word lock file (~\$), 1 not a report format (.xlsx)"
lacks walk-no-nul err "NUL byte"
run walk-markdown 0 $RUN check --no-config --format json "$D/sub"
has walk-markdown out '"format":	"md"'
run walk-ole2-named 3 $RUN check --no-config "$D/old.doc" examples/01_clean_district.txt
has walk-ole2-named out "1 file checked"
run walk-audit 3 $RUN audit --no-config "$D"
has walk-audit out "| 报告 reports | 7 |"
has walk-audit err "3 files skipped"

# Issue 17 item 8: every command's --help, "did you mean", --opt=value,
# and rules with a one-line meaning per rule.
for cmd in check audit rules lint-rules test-rules rules-to-json; do
  run "help-$cmd" 0 $RUN $cmd --help
  has "help-$cmd" out "usage: reportlint $cmd"
  run "help-cmd-$cmd" 0 $RUN help $cmd
  has "help-cmd-$cmd" out "usage: reportlint $cmd"
done

run help-check-opts 0 $RUN check -h
has help-check-opts out "--fail-on SEV"
run mean-command 2 $RUN chek $S0
has mean-command err "unknown command 'chek'; did you mean 'check'?"
run mean-option 2 $RUN check --fial-on error $S0
has mean-option err "unknown option '--fial-on'; did you mean '--fail-on'?"
run mean-option-eq 2 $RUN check --formt=json $S0
has mean-option-eq err "did you mean '--format'?"
run mean-explain 2 $RUN rules --explain section.shortcoming
has mean-explain err "did you mean 'section.shortcomings'?"
run mean-disable 2 $RUN check --no-config --disable sectoin.other $S0
has mean-disable err "did you mean 'section.other'?"
run mean-ruleset 2 $RUN check --no-config --ruleset fzz $S0
has mean-ruleset err "no rule set named 'fzz'; did you mean 'fzzf'?"
printf 'disable: [metric.partial-yaer]\n' >"$tmp/typo.yaml"
run mean-config 2 $RUN check --config "$tmp/typo.yaml" $S0
has mean-config err "did you mean 'metric.partial-year'?"
run mean-none 2 $RUN check --no-config --disable zzzzzz $S0
lacks mean-none err "did you mean"
run opt-eq 1 $RUN check --no-config --format=json --fail-on=warning --jobs=2 --output="$tmp/eq.json" $S0
has opt-eq-file "$tmp/eq.json" '"findings"'
run rules-meaning 0 $RUN rules --no-config
has rules-meaning out "报告没有提到行政复议工作"

# Under a Chinese locale (LC_ALL, else LC_MESSAGES, else LANG starting
# with zh) the help and the diagnostics are Chinese, also where zh_CN is
# not a generated locale (then C.UTF-8 and LANGUAGE=zh_CN carry it); the
# exit codes are the same. Under any other locale nothing changes.
ZH="env -u LANGUAGE LC_ALL=zh_CN.UTF-8"
run zh-help 0 $ZH $RUN --help
has zh-help out "用法：reportlint check [选项] 路径..."
has zh-help out "check 的选项："
has zh-help out "退出码：0 没有问题"
run zh-check-help 0 $ZH $RUN check --help && has zh-check-help out "--fail-on 级别"
run zh-missing 3 $ZH $RUN check --no-config /nonexistent
has zh-missing err "/nonexistent: error: 无法打开：没有那个文件或目录"
run zh-lang 2 env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=zh_CN.UTF-8 $RUN check --fial-on x
has zh-lang err "reportlint: 未知选项“--fial-on”；是不是要写“--fail-on”？"
has zh-lang err "请运行 'reportlint --help' 查看用法。"
run zh-messages 2 env -u LC_ALL -u LANGUAGE LANG=C LC_MESSAGES=zh_CN.UTF-8 $RUN check -j 0 $S0
has zh-messages err "-j：应为 1 到 1024 之间的并行数，而不是“0”"
mkdir -p "$tmp/zhrules"
printf 'rules:\n  - id: x.y\n    type: pattern\n    severity: error\n    message: m\n    forbid: a\n    bogus: 1\n' >"$tmp/zhrules/r.yaml"
run zh-rules 2 $ZH $RUN lint-rules "$tmp/zhrules"
has zh-rules err "规则“x.y”中有未知的键“bogus”（可用："
mkdir -p "$tmp/zhskip" && : >"$tmp/zhskip/README.md" && : >"$tmp/zhskip/a.xlsx"
run zh-skipped 0 $ZH $RUN check --no-config "$tmp/zhskip"
has zh-skipped err "reportlint: 跳过了 2 个文件：README（文件夹说明） 1 个，非报告格式 1 个 (.xlsx)"
# The findings themselves come from the rule files: the same either way.
run zh-findings 1 $ZH $RUN check --no-config --format json $S0
$RUN check --no-config --format json $S0 >"$tmp/c.json" 2>/dev/null
same zh-findings "$tmp/c.json" "$tmp/out"
# C, an English and a missing locale: byte for byte the same as ever.
for loc in C en_US.UTF-8 fr_FR.UTF-8; do
  run "c-help-$loc" 0 env -u LANGUAGE LC_ALL=$loc $RUN --help
  has "c-help-$loc" out "usage: reportlint check [options] PATH..."
  lacks "c-help-$loc" out "用法"
  run "c-missing-$loc" 3 env -u LANGUAGE LC_ALL=$loc $RUN check --no-config /nonexistent
  has "c-missing-$loc" err "/nonexistent: error: cannot open: No such file or directory"
done
run c-lang-zh-all-c 2 env -u LANGUAGE LC_ALL=C LANG=zh_CN.UTF-8 $RUN check --bogus
has c-lang-zh-all-c err "reportlint: unknown option '--bogus'"

# The catalog: msgfmt -c finds no bad format, nothing is fuzzy or
# untranslated, and every message of the sources (a template made fresh
# from them: $POT) has its translation, so a new English message cannot
# ship untranslated (make pot, then translate it in po/zh_CN.po).
if command -v msgfmt >/dev/null 2>&1; then
  run po-check 0 msgfmt -c --statistics -o /dev/null po/zh_CN.po
  has po-check err "translated messages"
  lacks po-check err "untranslated"
  lacks po-check err "fuzzy"
  run po-complete 0 msgcmp po/zh_CN.po "${POT:-po/reportlint.pot}"
else
  bad po-check "msgfmt is missing (apt-get install gettext)"
fi

finish cli
