#!/bin/sh
# make real: reportlint measured against real published reports.
#
# The reports and their hand analyses (.truth) live in ../shared/real/ beside
# the checkout (never copied into the repository; see its README.md). For
# every .pdf, .txt and .html under it, `reportlint check --format json` is
# compared with tests/real/<path relative to ../shared/real>.expect, e.g.
# tests/real/xxgk/02_hongze_qu_2023.pdf.expect.
#
# .expect format (UTF-8, one entry a line; `#` starts a comment line; blank
# lines are ignored; fields are separated by blanks):
#
#   <rule-id> <place> <label> "<excerpt>" <what>
#       one expected finding. <place> as reportlint prints it: p4:33:12 (PDF:
#       page, line, column), 149:23 (text and HTML: line, column), - when the
#       finding has no line. <excerpt> is the finding's excerpt as a JSON
#       string, blanks collapsed, cut to 40 characters (used by --update to
#       follow a finding whose place moved). <label> is one of
#         defect:N  the finding reports the N-th `defect` line of the .truth
#                   (counting from 1) at its place
#         right     a correct finding that is not a truth defect (a truth
#                   note/unsure, say); <what> says why
#         false     a known false finding, kept so that it counts against
#                   precision; <what> says why
#         ?         not labelled yet (written by --update): the test fails
#       <what> is free text: the reason, or the finding's message.
#   checkable:N <what>
#       truth defect N is of a kind a rule could check (found or not).
#   uncheckable:N <reason>
#       truth defect N is of a kind no rule checks yet, e.g. "typo (issue 20)".
#   ?:N <truth text>
#       truth defect N not classified yet (written by --update): the test fails.
#
# The test fails for a report when: a finding is not expected (same rule and
# place), an expected finding is missing, a `?` label remains, a truth defect
# is not classified (or a defect:N is marked uncheckable), or a finding lies on
# the quote of an `ok` line of the .truth. The `ok` quote is located in the
# text the way the checker's positions count it: .txt exactly (`\n` in a
# quote is a line break); HTML in the page text without tags and with entities
# decoded, blanks ignored, mapped back to source line:column; PDF in the page
# text reportlint read (its --format html view, page:line:column), blanks
# ignored. A quote that cannot be located is printed as a note.
#
# Then it prints one row per report (findings, right = defect + right, false,
# truth defects, found = defects with a defect:N finding, checkable), the
# totals with precision = right / findings, recall = found / defects and the
# recall over checkable defects, and ends with `real: N passed, M failed`.
#
#   sh tests/real.sh            check (BIN=./reportlint, REAL=../shared/real)
#   sh tests/real.sh --update   rewrite the .expect files from today's output:
#       a finding with the same rule and place as an expectation keeps its
#       label and <what>; else one with the same rule and excerpt keeps it
#       (printed as moved); new findings get `?`; expectations no longer found
#       are dropped and printed ("defect:2 no longer found"). The leading
#       comment block and the checkable/uncheckable lines are kept; other
#       comments are dropped. Then label each `?` by hand (tests/real/README.md).
#
# Before that, the cross-year pairs of tests/real/pairs (check --previous).
# Needs python3 (the comparison is in tests/real.py).
here=$(dirname "$0")
REAL=${REAL:-$here/../../shared/real}
if [ ! -d "$REAL" ]; then
  echo "real: $REAL not found (the real reports must be beside the checkout); skipped"
  exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "real: python3 is needed (make deps installs it)"
  exit 2
fi
# Cross-year pairs (tests/real/pairs): `check --previous LAST THIS` must
# give exactly the cross-year findings listed after each pair.
pairs_check() {
  BIN=${BIN:-./reportlint} REAL=$REAL python3 - "$here/real/pairs" <<'PY'
import json, os, subprocess, sys
real, binary = os.environ["REAL"], os.environ["BIN"]
pairs, cur = [], None
for line in open(sys.argv[1], encoding="utf-8"):
    w = line.split()
    if not w or w[0].startswith("#"):
        continue
    if w[0] == "pair":
        cur = (w[1], w[2], set())
        pairs.append(cur)
    elif w[0] == "expect":
        cur[2].add((w[1], w[2]))
bad = 0
for last, this, want in pairs:
    out = subprocess.run([binary, "check", "--no-config", "--format", "jsonl",
                          "--fail-on", "none", "--previous",
                          os.path.join(real, last), os.path.join(real, this)],
                         capture_output=True, text=True)
    got = set()
    for l in out.stdout.splitlines():
        f = json.loads(l)
        if f["rule"].startswith("cross-year."):
            place = ("p%d:" % f["page"] if "page" in f else "") + \
                "%d:%d" % (f["line"], f["column"])
            got.add((f["rule"], place))
    if out.returncode != 0 or got != want:
        bad += 1
        print("FAIL pair %s -> %s: exit %d, unexpected %s, missing %s" %
              (last, this, out.returncode, sorted(got - want), sorted(want - got)))
print("real pairs: %d passed, %d failed" % (len(pairs) - bad, bad))
sys.exit(1 if bad else 0)
PY
}
[ "${1:-}" = --update ] || pairs_check || exit 1

BIN=${BIN:-./reportlint} REAL=$REAL exec python3 "$here/real.py" "$@"
