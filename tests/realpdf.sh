#!/bin/sh
# make realpdf: every cell of tables 二, 三 and 四 that reportlint reads from
# the real PDFs of ../shared/real/xxgk/ equals the figure of the report, as
# written by hand in tests/real/pdf-tables/NAME.expected from its
# pdftotext -layout text and checked against its .truth (the figures of each
# expected row must also occur on one line of the .txt). Where
# ../shared/real/ is absent it says so in one line and succeeds.
#
#   sh tests/realpdf.sh         (BIN=./reportlint, REAL=../shared/real)
#
# Needs python3 (the comparison is in tests/realpdf.py).
here=$(dirname "$0")
REAL=${REAL:-$here/../../shared/real}
if [ ! -d "$REAL" ]; then
  echo "realpdf: $REAL not found (the real reports must be beside the checkout); skipped"
  exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "realpdf: python3 is needed (make deps installs it)"
  exit 2
fi
BIN=${BIN:-./reportlint} REAL=$REAL exec python3 "$here/realpdf.py" "$@"
