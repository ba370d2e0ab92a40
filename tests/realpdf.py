#!/usr/bin/env python3
"""make realpdf: the tables read from the real PDFs, cell by cell.

For every tests/real/pdf-tables/NAME.expected (written by hand from the
report's pdftotext -layout text and checked against its .truth), the PDF
$REAL/xxgk/NAME.pdf and its pdftotext -layout text $REAL/xxgk/NAME.txt:

  1. each expected row's figures occur, in that order, as a run of
     blank-separated words on one line of the .txt (so a typo in the
     expectations shows);
  2. the tables 二, 三 and 四 that `reportlint check --format model` reads
     from the PDF, and from the .txt (whose tables, labels wrapped round
     their figures, are rebuilt as the PDF's are), (data rows only: their
     label path and their figures, blank cells left out) are the expected
     rows, in order. Labels are compared without blanks. For the .txt, a
     row listed in tests/real/pdf-tables/NAME.layout-labels (lines
     "ROW reason", ROW counted from 1 as printed) has its label left out
     of the comparison, not its figures: a label the -layout text does not
     give back whole (known, and said why); "ROW unread: reason" lets a
     last row be missing (its table not recognised). A listed row that
     reads right fails too, so that the list stays true.

Prints each difference, then `realpdf: N passed, M failed` (reports).
Environment: BIN (./reportlint), REAL (../shared/real)."""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TABLES = ("二", "三", "四")


def squeeze(s):
    return "".join(s.split())


def read_expected(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3 or fields[0] not in TABLES:
                sys.exit("%s:%d: malformed line" % (path, n))
            rows.append((fields[0], squeeze(fields[1]), fields[2:]))
    return rows


def read_known(path):
    """The rows of a .layout-labels file (absent: none): row → "label" or
    "unread"."""
    known = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    w = line.split()
                    unread = len(w) > 1 and w[1] == "unread:"
                    known[int(w[0])] = "unread" if unread else "label"
    return known


def in_text(figures, lines):
    k = len(figures)
    for words in lines:
        for i in range(len(words) - k + 1):
            if words[i:i + k] == figures:
                return True
    return False


def read_pdf(binary, pdf):
    out = subprocess.run([binary, "check", "--no-config", "--format", "model",
                          pdf], capture_output=True, text=True)
    if out.returncode > 1:
        return None, out.stderr.strip()
    rows = []
    for report in json.loads(out.stdout):
        for t in report.get("tables", []):
            which = t.get("caption", "")[:1]
            if which not in TABLES:
                continue
            width = t.get("data_columns", 0)
            for r in t["rows"]:
                if r.get("header"):
                    continue
                cells = r["cells"][len(r["cells"]) - width:]
                figures = [c["text"] for c in cells if c["text"].strip()]
                rows.append((which, squeeze(r.get("path") or ""), figures))
    return rows, None


def show(row):
    return "%s %s %s" % (row[0], row[1] or "-", " ".join(row[2]))


def check(name, binary, real):
    base = os.path.join(real, "xxgk", name)
    expected = read_expected(os.path.join(HERE, "real", "pdf-tables",
                                          name + ".expected"))
    problems = []
    with open(base + ".txt", encoding="utf-8") as f:
        lines = [line.split() for line in f]
    for row in expected:
        if not in_text(row[2], lines):
            problems.append("expected figures not in the .txt: " + show(row))
    known = read_known(os.path.join(HERE, "real", "pdf-tables",
                                    name + ".layout-labels"))
    for ext in (".pdf", ".txt"):
        got, err = read_pdf(binary, base + ext)
        if got is None:
            problems.append("cannot read the %s: %s" % (ext, err))
            got = []
        for i in range(max(len(expected), len(got))):
            want = expected[i] if i < len(expected) else None
            have = got[i] if i < len(got) else None
            if ext == ".txt" and known.get(i + 1) == "unread" and want:
                if have:
                    problems.append(".txt row %d is read now: take it out "
                                    "of %s.layout-labels" % (i + 1, name))
                continue
            if ext == ".txt" and i + 1 in known and want and have:
                if want == have:
                    problems.append(".txt row %d reads right now: take it "
                                    "out of %s.layout-labels" % (i + 1, name))
                want, have = (want[0], "", want[2]), (have[0], "", have[2])
            if want != have:
                problems.append("%s row %d: expected %s, read %s" % (
                    ext, i + 1, show(want) if want else "nothing",
                    show(have) if have else "nothing"))
    cells = sum(len(r[2]) for r in expected)
    for p in problems[:20]:
        print("FAIL %s: %s" % (name, p))
    if not problems:
        print("ok %s: %d rows, %d cells, as PDF and as text" % (
            name, len(expected), cells))
    return not problems


def main():
    binary = os.environ.get("BIN", "./reportlint")
    real = os.environ["REAL"]
    names = sorted(f[:-len(".expected")] for f in
                   os.listdir(os.path.join(HERE, "real", "pdf-tables"))
                   if f.endswith(".expected"))
    passed = sum(check(n, binary, real) for n in names)
    print("realpdf: %d passed, %d failed" % (passed, len(names) - passed))
    return 0 if passed == len(names) else 1


if __name__ == "__main__":
    sys.exit(main())
