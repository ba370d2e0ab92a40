#!/bin/sh
# bench/run.sh: what `make bench` runs. Builds corpora of 300 and 3,000
# reports (bench/make-corpus.sh) and audits each, printing wall time and
# the peak resident memory of the reportlint process (bench/rusage.c),
# with ratios against the 300-report run, since absolute figures depend
# on the machine. Linear time means the time ratio stays near 10; flat
# memory means the RSS ratio stays near 1.
#   BIN=./reportlint RUSAGE=build/bench-rusage sh bench/run.sh [SIZES]
set -eu
BIN=${BIN:-./reportlint}
RUSAGE=${RUSAGE:-build/bench-rusage}
DIR=${BENCH_DIR:-build/bench}
SIZES=${*:-300 3000}
JOBS=${BENCH_JOBS:-}
mkdir -p "$DIR"
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
echo "reportlint audit, $cores cores, -j ${JOBS:-$cores} (default: one per core)"
echo
echo "| reports | seconds | reports/s | peak RSS (MiB) | time ÷ first | RSS ÷ first | exit |"
echo "|--:|--:|--:|--:|--:|--:|--:|"
base_t=""
base_m=""
for n in $SIZES; do
  sh bench/make-corpus.sh "$n" "$DIR/$n"
  # shellcheck disable=SC2086
  "$RUSAGE" "$BIN" audit --no-config ${JOBS:+-j $JOBS} "$DIR/$n" \
    >"$DIR/$n.md" 2>"$DIR/$n.err" || true
  read -r t m code <<EOT
$(tail -1 "$DIR/$n.err")
EOT
  rows=$(grep -c '^| '"$DIR/$n"'/' "$DIR/$n.md" || true)
  if [ "$code" -gt 3 ] || [ "$rows" -ne $((2 * n)) ]; then
    echo "bench: audit of $n reports failed (exit $code, $rows rows):" >&2
    head -5 "$DIR/$n.err" >&2
    exit 1
  fi
  [ -z "$base_t" ] && base_t=$t && base_m=$m
  awk -v n="$n" -v t="$t" -v m="$m" -v bt="$base_t" -v bm="$base_m" -v c="$code" \
    'BEGIN { printf "| %d | %.2f | %.0f | %.1f | %.2f | %.2f | %d |\n",
             n, t, n / t, m / 1024, t / bt, m / bm, c }'
done
