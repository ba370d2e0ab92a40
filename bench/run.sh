#!/bin/sh
# bench/run.sh: what `make bench` runs. Prints a table and writes it to
# bench/results.md (machine, date, commit, the issue's targets, met or not).
#
#   BIN=./reportlint RUSAGE=build/bench-rusage sh bench/run.sh
#
# One corpus of BENCH_N reports (default 3,000, about 20 MB;
# bench/make-corpus.sh, deterministic) and, in the same run:
#  1. `check --format jsonl` with the default rules at -j 1 and -j N (N =
#     the cores; the two outputs must be the same bytes), and `audit -j 1`
#     / `audit -j N --format json`; wall time, MB/s, reports/s, peak RSS
#     (bench/rusage.c: wait4's ru_maxrss, the largest single process);
#  2. the scanning floor: one `grep -P -c` pass with every default rule
#     pattern (bench/patterns.js) joined by `|`, over the same files;
#  3. one report: median latency of `check` on one seed over BENCH_RUNS
#     (50) runs, against the same grep on the same seed;
#  and, as the reference for -jN, J busy awk loops at once against one;
#  4. scaling: 1×, 2×, 4×, 8× the corpus (hard-linked copies) at -j1 and
#     audit -jN: time and peak RSS as ratios to 1× (BENCH_SCALE_REPEAT, 3,
#     runs each);
#  5. worst-case texts (nothing but numbers, sum sentences, findings on one
#     long line, runs of every pattern character, the report year over and
#     over in the measures to take, pdftotext -layout pages of tables, a
#     reposting site's insertions, its name learnt across them) at
#     1× and 2× their size: time and peak RSS as ratios;
#  6. PDF: median latency of a 4-page PDF against its text, and of a PDF
#     with the national tables, as ms per page;
#  7. the lexicon rules (text.typo, text.doubled): one report and the
#     corpus at -j1 with the rule sets as shipped and without their
#     lexicon.yaml: the word list's load and the rules' cost;
#  8. serve --workers 2: requests per second of POST /api/check over
#     loopback for a DOCX and a PDF, against one `check` process a file.
# bench/results.md gets the tables and then bench/optimisations.md (what
# each optimisation bought, written by hand); README.md's table between
# the bench markers is replaced by this run's targets.
# Machines are shared and noisy, so figures are ratios against a reference
# measured in the same run; each timing is the median of BENCH_REPEAT (5).
set -eu
BIN=${BIN:-./reportlint}
RUSAGE=${RUSAGE:-build/bench-rusage}
DIR=${BENCH_DIR:-build/bench}
N=${BENCH_N:-3000}
RUNS=${BENCH_RUNS:-50}
REPEAT=${BENCH_REPEAT:-5}
SCALE_REPEAT=${BENCH_SCALE_REPEAT:-3}
README=${BENCH_README:-README.md}
SCALES=${BENCH_SCALES:-1 2 4 8}
OUT=${BENCH_OUT:-bench/results.md}
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
J=${BENCH_JOBS:-$cores}
export LC_ALL=C.UTF-8
fail() {
  echo "bench: $*" >&2
  exit 1
}

command -v node >/dev/null || fail "needs node (bench/patterns.js lists the rule patterns)"
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
ROOT=$(pwd)
case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac
case $RUSAGE in /*) ;; *) RUSAGE=$ROOT/$RUSAGE ;; esac

# measure LABEL CMD...: runs CMD REPEAT times (stdout to $DIR/LABEL.out),
# sets T (median wall seconds), U (median CPU seconds, user + system),
# M (largest peak RSS, KiB), C (last exit code).
measure() {
  label=$1
  shift
  : >"$DIR/$label.times"
  r=0
  while [ "$r" -lt "$REPEAT" ]; do
    "$RUSAGE" "$@" >"$DIR/$label.out" 2>"$DIR/$label.err" || true
    tail -1 "$DIR/$label.err" >>"$DIR/$label.times"
    r=$((r + 1))
  done
  read -r T M C <<EOT
$(sort -n "$DIR/$label.times" | awk '{ t[NR] = $1; if ($2 > m) m = $2; c = $3 }
  END { print t[int((NR + 1) / 2)], m, c }')
EOT
  U=$(sort -n -k4 "$DIR/$label.times" | awk '{ u[NR] = $4 } END { print u[int((NR + 1) / 2)] }')
}

# median LABEL CMD...: RUNS runs; sets T and U to the median wall and CPU time.
median() {
  label=$1
  shift
  : >"$DIR/$label.times"
  r=0
  while [ "$r" -lt "$RUNS" ]; do
    "$RUSAGE" "$@" >/dev/null 2>"$DIR/$label.err" || true
    tail -1 "$DIR/$label.err" >>"$DIR/$label.times"
    r=$((r + 1))
  done
  T=$(sort -n "$DIR/$label.times" | awk '{ t[NR] = $1 }
    END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
  U=$(sort -n -k4 "$DIR/$label.times" | awk '{ t[NR] = $4 }
    END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
}

# The corpus and its file list.
echo "bench: corpus of $N reports" >&2
sh bench/make-corpus.sh "$N" "$DIR/base"
find "$DIR/base" -type f | sort >"$DIR/files"
nfiles=$(wc -l <"$DIR/files")
[ "$nfiles" -eq "$N" ] || fail "corpus has $nfiles files, not $N"
bytes=$(xargs cat <"$DIR/files" | wc -c)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')

# The grep floor's pattern: every default rule pattern that grep -P takes.
for f in rules/fzzf/*.yaml; do "$BIN" rules-to-json "$f"; done |
  node bench/patterns.js >"$DIR/patterns.all"
: >"$DIR/patterns.ok"
rejected=0
while IFS= read -r p; do
  if echo x | grep -P -e "$p" >/dev/null 2>"$DIR/grep.err" || [ ! -s "$DIR/grep.err" ]; then
    printf '%s\n' "$p" >>"$DIR/patterns.ok"
  else
    rejected=$((rejected + 1))
  fi
done <"$DIR/patterns.all"
npat=$(wc -l <"$DIR/patterns.ok")
awk '{ printf "%s(?:%s)", (NR > 1 ? "|" : ""), $0 }' "$DIR/patterns.ok" >"$DIR/union"
union=$(cat "$DIR/union")

# 1 and 2: the corpus.
echo "bench: check, audit and grep over the corpus" >&2
row() { # NAME T M U
  awk -v name="$1" -v t="$2" -v m="$3" -v u="$4" -v b="$bytes" -v n="$N" -v g="$tg" -v gu="$ug" \
    'BEGIN { printf "| %s | %.3f | %.1f | %.0f | %.1f | %.2f | %.3f | %.2f |\n",
             name, t, b / 1e6 / t, n / t, m / 1024, t / g, u, u / gu }'
}
measure grep grep -P -c -r -a -e "$union" "$DIR/base"
tg=$T mg=$M ug=$U
[ "$(wc -l <"$DIR/grep.out")" -eq "$N" ] || fail "grep -P failed: $(head -3 "$DIR/grep.err")"
measure check1 "$BIN" check --no-config --format jsonl "$DIR/base"
t1=$T m1=$M u1=$U
[ "$C" -le 1 ] || fail "check -j1 exit $C: $(head -3 "$DIR/check1.err")"
findings=$(wc -l <"$DIR/check1.out")
measure checkn "$BIN" check --no-config -j "$J" --format jsonl "$DIR/base"
tn=$T mn=$M un=$U
cmp -s "$DIR/check1.out" "$DIR/checkn.out" || fail "check -j 1 and -j $J differ"
measure audit1 "$BIN" audit --no-config -j 1 --format json "$DIR/base"
ta1=$T ma1=$M ua1=$U
[ "$C" -le 1 ] || fail "audit -j 1 exit $C: $(head -3 "$DIR/audit1.err")"
measure auditn "$BIN" audit --no-config -j "$J" --format json "$DIR/base"
tan=$T man=$M uan=$U
[ "$C" -le 1 ] || fail "audit -j $J exit $C: $(head -3 "$DIR/auditn.err")"
cmp -s "$DIR/audit1.out" "$DIR/auditn.out" || fail "audit -j 1 and -j $J differ"

# The parallel headroom the machine gave this run: J CPU-bound loops at
# once against one (J on an idle machine, less when it is shared).
cat >"$DIR/spin.sh" <<'EOF'
n=$1
while [ "$n" -gt 0 ]; do
  awk 'BEGIN { for (i = 0; i < 4e6; i++) s += i }' &
  n=$((n - 1))
done
wait
EOF
measure spin1 sh "$DIR/spin.sh" 1
tsp1=$T
measure spinn sh "$DIR/spin.sh" "$J"
headroom=$(awk -v a="$tsp1" -v b="$T" -v j="$J" 'BEGIN { printf "%.2f", j * a / b }')

# 3: one report.
first() { echo "$1"; }
seed=$(first seeds/*.txt)
echo "bench: $RUNS runs on $seed" >&2
median lat_check "$BIN" check --no-config "$seed"
lc=$T lcu=$U
median lat_grep grep -P -c -a -e "$union" "$seed"
lg=$T lgu=$U

# 6: PDF, per page: a report on 4 pages (the text of seeds/004, made by
# LibreOffice) against its text, and a report whose 3 pages hold the
# national tables (tables rebuilt from glyph boxes).
pdf4=tests/fixtures/pdf/report4.pdf pdf4_pages=4
pdft=tests/xxgk/results-sum.pdf pdft_pages=3
echo "bench: $RUNS runs on $pdf4 and $pdft" >&2
median lat_pdf4 "$BIN" check --no-config "$pdf4"
lp4=$T
median lat_txt4 "$BIN" check --no-config seeds/004_40ce34e03101b79a.txt
lt4=$T
median lat_pdft "$BIN" check --no-config "$pdft"
lpt=$T

# 7: the lexicon rules: the same runs without the rule sets' lexicon.yaml.
rm -rf "$DIR/nolex"
cp -R rules "$DIR/nolex"
rm -f "$DIR"/nolex/*/lexicon.yaml
echo "bench: $RUNS runs on $seed and the corpus without the lexicon rules" >&2
median lat_nolex "$BIN" check --no-config --rules "$DIR/nolex" "$seed"
lnl=$T
measure check1nolex "$BIN" check --no-config --rules "$DIR/nolex" --format jsonl "$DIR/base"
t1nl=$T u1nl=$U m1nl=$M

# 8: serve at --workers 2: POST /api/check of a typical DOCX and a
# typical PDF, SERVE_N requests each with 2 at a time over loopback,
# against the same files checked by one `check` process each (2 at a
# time): what a server saves by loading the rules once.
SERVE_N=${BENCH_SERVE_N:-200}
echo "bench: serve, $SERVE_N requests of a DOCX and a PDF" >&2
sport=$((30000 + $$ % 20000))
"$BIN" serve --listen 127.0.0.1:$sport --workers 2 --queue-wait 60 2>"$DIR/serve.log" &
spid=$!
i=0
while [ $i -lt 100 ] && ! grep -q listening "$DIR/serve.log" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
grep -q listening "$DIR/serve.log" || { kill "$spid" 2>/dev/null; fail "serve did not start"; }
serve_rows=""
for sf in tests/fixtures/docx/plain.docx tests/fixtures/pdf/report4.pdf; do
  measure serve sh -c "seq $SERVE_N | xargs -P 2 -I{} curl -s -o /dev/null \
    -w '%{http_code}\\n' -F 'file=@$sf' http://127.0.0.1:$sport/api/check"
  tsv=$T
  [ "$(grep -c '^200$' "$DIR/serve.out")" -eq "$SERVE_N" ] || fail "serve: not every request of $sf answered 200"
  measure serveref sh -c "seq $SERVE_N | xargs -P 2 -I{} '$BIN' check --no-config \
    --format json '$sf' >/dev/null"
  tsr=$T
  serve_rows="$serve_rows$(awk -v f="$(basename "$sf")" -v a="$tsv" -v b="$tsr" -v n="$SERVE_N" \
    'BEGIN { printf "| %s | %.1f | %.1f | %.2f× |", f, n / a, n / b, b / a }')
"
done
kill -TERM "$spid"; wait "$spid" 2>/dev/null

# 4: scaling, k hard-linked copies of the corpus.
echo "bench: scaling $SCALES" >&2
scale_rows=""
for k in $SCALES; do
  rm -rf "$DIR/x$k"
  mkdir -p "$DIR/x$k"
  i=0
  while [ "$i" -lt "$k" ]; do
    cp -al "$DIR/base" "$DIR/x$k/$i"
    i=$((i + 1))
  done
  keep=$REPEAT
  REPEAT=$SCALE_REPEAT
  measure "s$k" "$BIN" check --no-config --format jsonl "$DIR/x$k"
  [ "$C" -le 1 ] || fail "check over ${k}x exit $C"
  [ "$(wc -l <"$DIR/s$k.out")" -eq $((k * findings)) ] || fail "check over ${k}x: wrong number of findings"
  sc=$T sm=$M scu=$U
  measure "sa$k" "$BIN" audit --no-config -j "$J" --format json "$DIR/x$k"
  REPEAT=$keep
  [ "$C" -le 1 ] || fail "audit over ${k}x exit $C"
  [ -z "${s_t:-}" ] && s_t=$sc s_m=$sm s_at=$T s_am=$M s_u=$scu s_au=$U
  scale_rows="$scale_rows$(awk -v k="$k" -v n="$N" -v t="$sc" -v m="$sm" -v at="$T" -v am="$M" \
    -v bt="$s_t" -v bm="$s_m" -v bat="$s_at" -v bam="$s_am" -v u="$scu" -v bu="$s_u" -v au="$U" -v bau="$s_au" \
    'BEGIN { printf "| %d× (%d) | %.3f | %.2f | %.2f | %.1f | %.2f | %.3f | %.2f | %.2f | %.1f | %.2f |",
             k, k * n, t, t / bt, u / bu, m / 1024, m / bm, at, at / bat, au / bau, am / 1024, am / bam }')
"
  last_k=$k last_t=$sc last_m=$sm last_at=$T last_am=$M last_u=$scu last_au=$U
  rm -rf "$DIR/x$k"
done

# 5: worst-case texts (issue 16), each at 1x and 2x its size: time and
# peak RSS must grow about as the input does. wc KIND K FILE writes one.
echo "bench: worst-case texts" >&2
for f in rules/fzzf/*.yaml rules/xxgk/*.yaml; do "$BIN" rules-to-json "$f"; done |
  node bench/patterns.js >"$DIR/worst.patterns"
worst() {
  case $1 in
  numbers) awk -v n="$2" 'BEGIN { print "某区2024年度法治政府建设情况报告"
      for (l = 0; l < 100 * n; l++) { s = ""; for (i = 0; i < 10000; i++) s = s "1% "; print s } }' ;;
  sums) awk -v n="$2" 'BEGIN { print "某区2024年度法治政府建设情况报告"; print "一、主要举措和成效"
      for (i = 0; i < 40000 * n; i++) print "办理案件100件，其中纠错21件，占21%。" }' ;;
  columns) awk -v n="$2" 'BEGIN { print "某区2024年度法治政府建设情况报告"; print ""
      for (i = 0; i < 10000 * n; i++) printf "法治政府建设工作取得成效，"
      for (i = 0; i < 2500 * n; i++) printf "本段落有XX件。"
      print "" }' ;;
  runs) node tests/hostile/runs.js $((6000 * $2)) <"$DIR/worst.patterns" ;;
  years) awk -v n="$2" 'BEGIN { print "某区2024年度法治政府建设情况报告"; print "一、主要举措和成效"
      printf "下一步，"; for (i = 0; i < 20000 * n; i++) printf "2024年工作，"; print "。" }' ;;
  layout) for i in $(seq $((20 * $2))); do cat tests/xxgk/pdftotext-layout.txt; done ;;
  reposts) awk -v n="$2" 'BEGIN { print "某区2024年度法治政府建设情况报告"; print "一、主要举措和成效"
      split("执法 复议 应诉 普法", w, " ")
      for (i = 1; i <= 20000 * n; i++) printf "推进%s法律文库网www.example.com工作%s", w[i % 4 + 1], i % 1000 ? "，" : "。\n" }' ;;
  esac >"$3"
}
worst_rows=""
worst_ok=1
for kind in numbers sums columns runs years layout reposts; do
  worst $kind 1 "$DIR/w1.txt"
  worst $kind 2 "$DIR/w2.txt"
  keep=$REPEAT
  REPEAT=$SCALE_REPEAT
  measure "w1$kind" "$BIN" check --no-config --format jsonl "$DIR/w1.txt"
  w1t=$T w1u=$U w1m=$M
  measure "w2$kind" "$BIN" check --no-config --format jsonl "$DIR/w2.txt"
  REPEAT=$keep
  wmb=$(awk -v b="$(wc -c <"$DIR/w1.txt")" 'BEGIN { printf "%.1f", b / 1e6 }')
  row=$(awk -v k="$kind" -v mb="$wmb" -v t1="$w1t" -v u1="$w1u" -v m1="$w1m" -v u2="$U" -v m2="$M" \
    'BEGIN { printf "| %s | %s | %.3f | %.3f | %.1f | %.2f | %.2f |", k, mb, t1, u1, m1 / 1024, u2 / u1, m2 / m1 }')
  worst_rows="$worst_rows$row
"
  awk -v u1="$w1u" -v u2="$U" -v m1="$w1m" -v m2="$M" \
    'BEGIN { exit !(u2 <= 2.5 * u1 + 0.05 && m2 <= 2.5 * m1) }' || worst_ok=0
  rm -f "$DIR/w1.txt" "$DIR/w2.txt"
done

# The report.
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- src rules Makefile bench/run.sh bench/make-corpus.sh bench/rusage.c bench/patterns.js 2>/dev/null || commit="$commit (with uncommitted changes)"
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
mark() { awk -v ok="$1" 'BEGIN { print (ok ? "met" : "**not met**") }'; }
ratio_grep=$(awk -v a="$t1" -v b="$tg" 'BEGIN { printf "%.2f", a / b }')
ratio_grepu=$(awk -v a="$u1" -v b="$ug" 'BEGIN { printf "%.2f", a / b }')
ulin=$(awk -v a="$last_u" -v b="$s_u" 'BEGIN { printf "%.2f", a / b }')
aulin=$(awk -v a="$last_au" -v b="$s_au" 'BEGIN { printf "%.2f", a / b }')
speedup=$(awk -v a="$t1" -v b="$tn" 'BEGIN { printf "%.2f", a / b }')
aspeedup=$(awk -v a="$ta1" -v b="$tan" 'BEGIN { printf "%.2f", a / b }')
lc_ms=$(awk -v t="$lc" 'BEGIN { printf "%.2f", t * 1000 }')
lg_ms=$(awk -v t="$lg" 'BEGIN { printf "%.2f", t * 1000 }')
rss1=$(awk -v m="$m1" 'BEGIN { printf "%.1f", m * 1024 / 1e6 }')
tlin=$(awk -v a="$last_t" -v b="$s_t" 'BEGIN { printf "%.2f", a / b }')
mflat=$(awk -v a="$last_m" -v b="$s_m" 'BEGIN { printf "%.2f", a / b }')
atlin=$(awk -v a="$last_at" -v b="$s_at" 'BEGIN { printf "%.2f", a / b }')
amflat=$(awk -v a="$last_am" -v b="$s_am" 'BEGIN { printf "%.2f", a / b }')
{
  echo "# reportlint benchmark"
  echo
  echo "Written by \`make bench\` (bench/run.sh). Machine: $cores cores, ${model:-unknown CPU},"
  echo "load average at the end $load (a shared machine makes -j figures noisy);"
  echo "date $(date -u '+%Y-%m-%d %H:%M UTC'); commit $commit."
  echo "Corpus: $N reports, $mb MB (bench/make-corpus.sh from seeds/ and examples/),"
  echo "$findings findings. Times are medians of $REPEAT runs; RSS is the largest"
  echo "single process's peak. Figures depend on the machine: read the ratios."
  echo
  echo "## Targets"
  echo
  echo "| target | measured | |"
  echo "|--|--|--|"
  echo "| check -j1 within 3× of the grep -P floor (CPU time; wall in brackets) | $ratio_grepu× ($ratio_grep×) | $(mark "$(awk -v r="$ratio_grepu" 'BEGIN { print (r <= 3) }')") |"
  echo "| one report under 5 ms (median of $RUNS) | $lc_ms ms | $(mark "$(awk -v t="$lc" 'BEGIN { print (t < 0.005) }')") |"
  echo "| peak RSS at -j1 under 16 MB | $rss1 MB | $(mark "$(awk -v m="$m1" 'BEGIN { print (m * 1024 < 16e6) }')") |"
  echo "| linear -j scaling (speedup at -j$J ≥ 0.8 × what $J busy loops got: $headroom×) | check -j $J $speedup×, audit -j $J $aspeedup× | $(awk -v a="$speedup" -v b="$aspeedup" -v h="$headroom" -v j="$J" 'BEGIN {
    if (h < 0.8 * j) print "not judged: the machine gave " h "× to " j " busy loops"
    else print ((a >= 0.8 * h && b >= 0.8 * h) ? "met" : "**not met**") }') |"
  echo "| linear time in corpus size ($last_k× the corpus: CPU time within ±25% of $last_k×; wall in brackets) | check -j1 $ulin× ($tlin×), audit -j $J $aulin× ($atlin×) | $(mark "$(awk -v t="$ulin" -v a="$aulin" -v k="$last_k" 'BEGIN { print (t <= 1.25 * k && t >= 0.75 * k && a <= 1.25 * k && a >= 0.75 * k) }')") |"
  echo "| flat memory in corpus size ($last_k× the corpus: RSS ≤ 1.1×) | check -j1 $mflat×, audit -j $J $amflat× | $(mark "$(awk -v m="$mflat" -v a="$amflat" 'BEGIN { print (m <= 1.1 && a <= 1.1) }')") |"
  echo "| worst-case texts linear (2× the input: CPU time and RSS ≤ 2.5×; section 5) | see section 5 | $(mark "$worst_ok") |"
  echo
  echo "## 1–2. Corpus ($N reports, $mb MB)"
  echo
  echo "| run | wall s | MB/s | reports/s | peak RSS (MiB) | wall ÷ grep | CPU s | CPU ÷ grep |"
  echo "|--|--:|--:|--:|--:|--:|--:|--:|"
  row "grep -P -c, $npat patterns joined by \`|\` ($rejected rejected by grep)" "$tg" "$mg" "$ug"
  row "check --format jsonl, -j1 (one process)" "$t1" "$m1" "$u1"
  row "check --format jsonl -j $J (the same bytes as -j 1)" "$tn" "$mn" "$un"
  row "audit --format json -j 1" "$ta1" "$ma1" "$ua1"
  row "audit --format json -j $J" "$tan" "$man" "$uan"
  echo
  echo "## 3. One report ($(basename "$seed"), $(wc -c <"$seed") bytes, median of $RUNS)"
  echo
  echo "| run | wall ms | ÷ grep | CPU ms | ÷ grep |"
  echo "|--|--:|--:|--:|--:|"
  echo "| grep -P -c, the same union | $lg_ms | 1.00 | $(awk -v u="$lgu" 'BEGIN { printf "%.2f", u * 1000 }') | 1.00 |"
  echo "| reportlint check (start, rules load and compile, check, output) | $lc_ms | $(awk -v a="$lc" -v b="$lg" 'BEGIN { printf "%.2f", a / b }') | $(awk -v u="$lcu" 'BEGIN { printf "%.2f", u * 1000 }') | $(awk -v a="$lcu" -v b="$lgu" 'BEGIN { printf "%.2f", a / b }') |"
  echo
  echo "## 6. PDF (median of $RUNS; a page's share of a check)"
  echo
  echo "| input | pages | wall ms | ms per page | ÷ the text |"
  echo "|--|--:|--:|--:|--:|"
  echo "| seeds/004 as text | - | $(awk -v t="$lt4" 'BEGIN { printf "%.2f", t * 1000 }') | - | 1.00 |"
  echo "| $(basename "$pdf4") (the same report, LibreOffice) | $pdf4_pages | $(awk -v t="$lp4" 'BEGIN { printf "%.2f", t * 1000 }') | $(awk -v t="$lp4" -v p="$pdf4_pages" 'BEGIN { printf "%.2f", t * 1000 / p }') | $(awk -v a="$lp4" -v b="$lt4" 'BEGIN { printf "%.2f", a / b }') |"
  echo "| $(basename "$pdft") (tables 二 to 四) | $pdft_pages | $(awk -v t="$lpt" 'BEGIN { printf "%.2f", t * 1000 }') | $(awk -v t="$lpt" -v p="$pdft_pages" 'BEGIN { printf "%.2f", t * 1000 / p }') | - |"
  echo
  echo "## 7. The lexicon rules (text.typo, text.doubled)"
  echo
  echo "| run | as shipped | without lexicon.yaml | the lexicon's share |"
  echo "|--|--:|--:|--:|"
  echo "| one report, wall ms (median of $RUNS) | $(awk -v t="$lc" 'BEGIN { printf "%.2f", t * 1000 }') | $(awk -v t="$lnl" 'BEGIN { printf "%.2f", t * 1000 }') | $(awk -v a="$lc" -v b="$lnl" 'BEGIN { printf "%.2f", (a - b) * 1000 }') ms |"
  echo "| the corpus, check -j1 CPU s | $(awk -v t="$u1" 'BEGIN { printf "%.2f", t }') | $(awk -v t="$u1nl" 'BEGIN { printf "%.2f", t }') | $(awk -v a="$u1" -v b="$u1nl" 'BEGIN { printf "%.2f×", a / b }') |"
  echo "| the corpus, check -j1 peak RSS MiB | $(awk -v m="$m1" 'BEGIN { printf "%.1f", m / 1024 }') | $(awk -v m="$m1nl" 'BEGIN { printf "%.1f", m / 1024 }') | |"
  echo
  echo "## 8. \`reportlint serve --workers 2\` ($SERVE_N uploads a file, 2 at a time)"
  echo
  echo "| file | serve requests/s | check, a process a file, files/s | serve ÷ check |"
  echo "|--|--:|--:|--:|"
  printf '%s' "$serve_rows"
  echo
  echo "## 4. Scaling (copies of the corpus)"
  echo
  echo "| corpus (reports) | check -j1 wall s | ÷ 1× | CPU ÷ 1× | RSS MiB | ÷ 1× | audit -j $J wall s | ÷ 1× | CPU ÷ 1× | RSS MiB | ÷ 1× |"
  echo "|--|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
  printf '%s' "$scale_rows"
  echo
  echo "## 5. Worst-case texts (1× and 2× the size, check -j1, median of $SCALE_REPEAT)"
  echo
  echo "numbers: nothing but \`1% \`; sums: correct 其中/占 sentences for metric.sum"
  echo "and metric.ratio; columns: findings near the end of one long line; runs:"
  echo "a paragraph of each character any shipped pattern names; years: the report"
  echo "year again and again in the measures to take (date.year-mismatch); layout:"
  echo "copies of a pdftotext -layout report, its pages' tables rebuilt; reposts:"
  echo "a reposting site's name and address put into one paragraph again and again."
  echo
  echo "| text | 1× MB | 1× wall s | 1× CPU s | 1× RSS MiB | 2× CPU ÷ 1× | 2× RSS ÷ 1× |"
  echo "|--|--:|--:|--:|--:|--:|--:|"
  printf '%s' "$worst_rows"
} >"$OUT"

# What each optimisation bought (bench/optimisations.md, by hand).
if [ -f bench/optimisations.md ]; then
  { echo; cat bench/optimisations.md; } >>"$OUT"
fi

# README.md: the targets table between the markers, with this run's date.
if [ -f "$README" ] && grep -q '^<!-- bench:begin -->$' "$README"; then
  awk '/^\| target \|/ { on = 1 } on && /^$/ { exit } on' "$OUT" >"$DIR/targets.md"
  awk -v t="$DIR/targets.md" -v when="$(date -u '+%Y-%m-%d')" -v c="$commit" -v cores="$cores" \
      -v n="$N" -v mb="$mb" '
    /^<!-- bench:begin -->$/ {
      print
      printf "Latest `make bench` (%s, commit %s, %d cores; %d reports, %s MB):\n\n", when, c, cores, n, mb
      while ((getline line < t) > 0) print line
      print ""
      skip = 1; next
    }
    /^<!-- bench:end -->$/ { skip = 0 }
    !skip' "$README" >"$DIR/README.new"
  cat "$DIR/README.new" >"$README"
fi
cat "$OUT"
