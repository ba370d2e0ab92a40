#!/usr/bin/env python3
"""make real: reportlint against the real reports in ../shared/real.

Run through tests/real.sh, whose header documents the .expect format, what
fails and what --update does (tests/real/README.md has the workflow).
Environment: BIN (the reportlint binary), REAL (the reports' folder),
TEST_ENV (a command prefix, as for the other test drivers).
"""
import collections
import html
import json
import os
import re
import shlex
import subprocess
import sys

BIN = os.environ.get("BIN", "./reportlint")
REAL = os.path.normpath(os.environ.get("REAL", "../shared/real"))
TEST_ENV = shlex.split(os.environ.get("TEST_ENV", ""))
EXPECT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "real")
EXTS = (".pdf", ".txt", ".html")
EXCERPT_MAX = 40


# --- the report and its truth ---------------------------------------------

def reports():
    out = []
    for root, _dirs, files in os.walk(REAL):
        for name in files:
            if name.endswith(EXTS):
                path = os.path.join(root, name)
                out.append(os.path.relpath(path, REAL))
    return sorted(out)


def truth_of(rel):
    """The .truth beside a report: lists of (kind, text, quote or None)."""
    base = os.path.join(REAL, os.path.splitext(rel)[0] + ".truth")
    items = []
    if not os.path.exists(base):
        return None
    with open(base, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            m = re.match(r"(\w+)\s*(.*)$", line)
            if not m:
                continue
            kind, rest = m.group(1), m.group(2)
            quote = None
            q = re.search(r'@ "(.*)"\s*$', rest)
            if q:
                quote = unescape_quote(q.group(1))
                rest = rest[:q.start()].rstrip()
            items.append((kind, rest, quote))
    return items


def unescape_quote(s):
    return re.sub(r'\\(.)', lambda m: "\n" if m.group(1) == "n" else m.group(1), s)


# --- running reportlint -------------------------------------------------------

def run(path, fmt):
    cmd = TEST_ENV + [BIN, "check", "--no-config", "--fail-on", "none",
                      "--format", fmt, path]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace")


def place_of(f):
    if f.get("line") is None:
        return "-"
    pl = "%d:%d" % (f["line"], f.get("column") or 0)
    if f.get("page") is not None:
        pl = "p%d:%s" % (f["page"], pl)
    return pl


def short_excerpt(s):
    s = " ".join((s or "").split())
    return s[:EXCERPT_MAX]


def span_of(f):
    """A finding's [start, end) as comparable (page, line, column) tuples."""
    if f.get("line") is None:
        return None
    page = f.get("page") or 0
    s = (page, f["line"], f.get("column") or 1)
    e = (page, f.get("end_line") or f["line"], f.get("end_column") or 0)
    if e <= s:
        e = (s[0], s[1], s[2] + 1)
    return s, e


# --- locating truth quotes in the text the checker read ----------------------

class TextMap:
    """The report's text as characters, each with its (page, line, column)."""

    def __init__(self, exact):
        self.exact = exact        # match blanks too (.txt)
        self.chars = []
        self.pos = []

    def add(self, ch, pos):
        self.chars.append(ch)
        self.pos.append(pos)

    def locate(self, quote):
        """Every span of the quote as [start, end) positions."""
        if self.exact:
            text, idx, q = "".join(self.chars), list(range(len(self.chars))), quote
        else:
            idx = [i for i, c in enumerate(self.chars) if not c.isspace()]
            text = "".join(self.chars[i] for i in idx)
            q = "".join(quote.split())
        spans = []
        if not q:
            return spans
        start = text.find(q)
        while start >= 0:
            a, b = self.pos[idx[start]], self.pos[idx[start + len(q) - 1]]
            spans.append((a, (b[0], b[1], b[2] + 1)))
            start = text.find(q, start + 1)
        return spans


def decode(data):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def map_txt(path):
    tm = TextMap(exact=True)
    with open(path, "rb") as fh:
        text = decode(fh.read())
    for ln, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        for col, ch in enumerate(line, 1):
            tm.add(ch, (0, ln, col))
        tm.add("\n", (0, ln, len(line) + 1))
    return tm


def map_html(path):
    """Page text without tags, entities decoded, at source line:column."""
    tm = TextMap(exact=False)
    with open(path, "rb") as fh:
        data = fh.read()
    m = re.search(rb'charset=["\']?([-\w]+)', data[:4096], re.I)
    text = None
    if m and m.group(1).lower() in (b"gb2312", b"gbk", b"gb18030"):
        text = data.decode("gb18030", "replace")
    if text is None:
        text = decode(data)
    # position of every code point
    line, col = 1, 1
    posv = []
    for ch in text:
        posv.append((0, line, col))
        if ch == "\n":
            line, col = line + 1, 1
        else:
            col += 1
    i, n = 0, len(text)
    low = text.lower()
    while i < n:
        ch = text[i]
        if ch == "<":
            if text.startswith("<!--", i):
                j = text.find("-->", i)
                i = n if j < 0 else j + 3
                continue
            m = re.match(r"<\s*(script|style)\b", low[i:i + 10])
            j = text.find(">", i)
            if j < 0:
                break
            if m:
                k = low.find("</" + m.group(1), j)
                j = n - 1 if k < 0 else low.find(">", k)
                if j < 0:
                    j = n - 1
            i = j + 1
            tm.add(" ", posv[i - 1])   # a tag separates words at most
            continue
        if ch == "&":
            m = re.match(r"&(#\d+|#[xX][0-9a-fA-F]+|\w+);", text[i:i + 12])
            if m:
                tm.add(html.unescape(m.group(0)), posv[i])
                i += len(m.group(0))
                continue
        tm.add(ch, posv[i])
        i += 1
    return tm


VIEW_PAGE = re.compile(r'<div class="page" id="r\d+-p(\d+)">')
VIEW_LINE = re.compile(r'<div class="ln[^"]*" id="r\d+-L\d+"><a class="no"[^>]*>(\d+)</a>'
                       r'<div class="tx">(.*?)</div>')


def map_pdf(path):
    """The page text reportlint read, from its --format html view."""
    tm = TextMap(exact=False)
    rc, out, _err = run(path, "html")
    if rc not in (0, 1):
        return tm
    body = out[out.find('class="body"'):]
    page = 0
    for ln in body.split("\n"):
        m = VIEW_PAGE.search(ln)
        if m:
            page = int(m.group(1))
        m = VIEW_LINE.search(ln)
        if not m:
            continue
        no = int(m.group(1))
        text = html.unescape(re.sub(r"<[^>]*>", "", m.group(2)))
        for col, ch in enumerate(text, 1):
            tm.add(ch, (page, no, col))
        tm.add("\n", (page, no, len(text) + 1))
    return tm


def text_map(path):
    if path.endswith(".pdf"):
        return map_pdf(path)
    if path.endswith(".html"):
        return map_html(path)
    return map_txt(path)


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


# --- the .expect file ----------------------------------------------------------

ENTRY = re.compile(r'(\S+)\s+(\S+)\s+(\S+)\s+("(?:[^"\\]|\\.)*")\s*(.*)$')
CLASS = re.compile(r'(checkable|uncheckable|\?):(\d+)\s*(.*)$')
LABEL = re.compile(r'(defect:(\d+)|right|false|\?)$')


class Expect:
    def __init__(self):
        self.header = []       # the leading comment block
        self.entries = []      # dicts: rule place label excerpt what lineno
        self.classes = {}      # N -> (kind, text)
        self.errors = []
        self.exists = False


def read_expect(path):
    ex = Expect()
    if not os.path.exists(path):
        return ex
    ex.exists = True
    leading = True
    with open(path, encoding="utf-8") as fh:
        for no, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            s = line.strip()
            if not s or s.startswith("#"):
                if leading and s:
                    ex.header.append(line)
                continue
            leading = False
            m = CLASS.match(s)
            if m:
                n = int(m.group(2))
                if n in ex.classes:
                    ex.errors.append("line %d: defect %d classified twice" % (no, n))
                ex.classes[n] = (m.group(1), m.group(3))
                continue
            m = ENTRY.match(s)
            if not m or not LABEL.match(m.group(3)):
                ex.errors.append("line %d: not an expectation: %s" % (no, s))
                continue
            try:
                excerpt = json.loads(m.group(4))
            except ValueError:
                ex.errors.append("line %d: bad excerpt string" % no)
                continue
            ex.entries.append(dict(rule=m.group(1), place=m.group(2), label=m.group(3),
                                   excerpt=excerpt, what=m.group(5), lineno=no))
    return ex


def read_text(path):
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def entry_line(e):
    what = " ".join(e["what"].split())
    return "%s %s %s %s %s" % (e["rule"], e["place"], e["label"],
                               json.dumps(e["excerpt"], ensure_ascii=False), what)


def write_expect(path, rel, ex):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    header = ex.header or [
        "# %s: expected findings of reportlint on ../shared/real/%s" % (rel, rel),
        "# <rule> <place> <label> \"<excerpt>\" <what>; label defect:N|right|false|?",
        "# (format and workflow: tests/real.sh, tests/real/README.md)"]
    with open(path, "w", encoding="utf-8") as fh:
        for h in header:
            fh.write(h + "\n")
        fh.write("\n")
        for e in ex.entries:
            fh.write(entry_line(e) + "\n")
        if ex.classes:
            fh.write("\n")
            for n in sorted(ex.classes):
                kind, text = ex.classes[n]
                fh.write(("%s:%d %s" % (kind, n, text)).rstrip() + "\n")


# --- one report ----------------------------------------------------------------

class Result:
    def __init__(self, rel):
        self.rel = rel
        self.fails = []
        self.notes = []
        self.findings = self.right = self.false = self.unlabelled = 0
        self.defects = self.checkable = 0
        self.found = set()


def findings_of(rel, res):
    path = os.path.join(REAL, rel)
    rc, out, err = run(path, "json")
    if rc not in (0, 1):
        res.fails.append("reportlint exit %d: %s" % (rc, err.strip().splitlines()[:1]))
        return None
    try:
        doc = json.loads(out)
    except ValueError:
        res.fails.append("reportlint printed no JSON")
        return None
    for e in doc.get("errors", []):
        res.fails.append("reportlint error: %s" % (e.get("message") or e))
    fs = []
    for r in doc.get("reports", []):
        fs.extend(r.get("findings", []))
    return fs


def quote_spans(rel, truth, res):
    """(kind, N, span) for every located ok and defect quote."""
    tm = None
    out = []
    ndef = 0
    for i, (kind, text, quote) in enumerate(truth):
        if kind == "defect":
            ndef += 1
        if quote is None or kind not in ("ok", "defect"):
            continue
        if tm is None:
            tm = text_map(os.path.join(REAL, rel))
        spans = tm.locate(quote)
        if not spans:
            res.notes.append("%s quote not located in the text: %s"
                             % (kind, quote.replace("\n", "\\n")))
        for sp in spans:
            out.append((kind, ndef if kind == "defect" else None, sp, text))
    return out


def hint(f, spans):
    sp = span_of(f)
    if sp is None:
        return ""
    for kind, n, qs, _text in spans:
        if overlaps(sp, qs):
            return " [on the quote of defect:%d]" % n if kind == "defect" \
                else " [on an ok quote]"
    return ""


def match(findings, entries):
    """Pair findings with expectations: same rule and place, then (when
    by_excerpt) same rule and excerpt. Returns pairs, lone findings, lone entries."""
    left = list(entries)
    pairs, lone = [], []
    for f in findings:
        key = (f["rule"], place_of(f))
        for e in left:
            if (e["rule"], e["place"]) == key:
                pairs.append((f, e))
                left.remove(e)
                break
        else:
            lone.append(f)
    return pairs, lone, left


def check_report(rel, update):
    res = Result(rel)
    truth = truth_of(rel)
    if truth is None:
        res.notes.append("no .truth beside the report")
        truth = []
    defects = [t for t in truth if t[0] == "defect"]
    res.defects = len(defects)
    findings = findings_of(rel, res)
    if findings is None:
        return res
    spans = quote_spans(rel, truth, res)
    epath = os.path.join(EXPECT_DIR, rel + ".expect")
    ex = read_expect(epath)

    if update:
        pairs, lone, left = match(findings, ex.entries)
        moved = []
        for f in lone:
            ek = short_excerpt(f.get("excerpt"))
            for e in left:
                if e["rule"] == f["rule"] and e["excerpt"] == ek:
                    moved.append((f, e))
                    left.remove(e)
                    res.notes.append("%s %s moved to %s (%s kept)"
                                     % (e["rule"], e["place"], place_of(f), e["label"]))
                    break
        carried = {id(f): e for f, e in pairs + moved}
        entries = []
        for f in findings:
            e = carried.get(id(f))
            if e:
                entries.append(dict(e, place=place_of(f), excerpt=short_excerpt(f.get("excerpt"))))
            else:
                entries.append(dict(rule=f["rule"], place=place_of(f), label="?",
                                    excerpt=short_excerpt(f.get("excerpt")),
                                    what=f.get("message", "") + hint(f, spans)))
        for e in left:
            res.notes.append("%s %s %s no longer found (dropped)"
                             % (e["label"], e["rule"], e["place"]))
        found = {int(e["label"].split(":")[1]) for e in entries
                 if e["label"].startswith("defect:")}
        classes = {}
        for n in range(1, len(defects) + 1):
            if n in ex.classes and ex.classes[n][0] != "?":
                classes[n] = ex.classes[n]
            elif n in found:
                classes[n] = ("checkable", defects[n - 1][1])
            else:
                classes[n] = ("?", defects[n - 1][1])
        for n in ex.classes:
            if n > len(defects):
                res.notes.append("defect %d is no longer in the .truth (dropped)" % n)
        ex.entries, ex.classes = entries, classes
        old = read_text(epath) if ex.exists else None
        write_expect(epath, rel, ex)
        if read_text(epath) != old:
            res.notes.append("rewrote tests/real/%s.expect" % rel)
        ex = read_expect(epath)

    if not ex.exists:
        res.fails.append("no tests/real/%s.expect (run tests/real.sh --update)" % rel)
    res.fails.extend("tests/real/%s.expect %s" % (rel, m) for m in ex.errors)

    # the truth defects' classification
    for n in range(1, len(defects) + 1):
        kind = ex.classes.get(n, (None, ""))[0]
        if kind is None and ex.exists:
            res.fails.append("truth defect %d is neither checkable nor uncheckable" % n)
        elif kind == "?":
            res.fails.append("truth defect %d not classified (?:%d)" % (n, n))
        if kind != "uncheckable":
            res.checkable += 1
    for n in ex.classes:
        if not 1 <= n <= len(defects):
            res.fails.append("%s:%d: the .truth has %d defects" % (ex.classes[n][0], n, len(defects)))

    # findings against expectations
    pairs, lone, left = match(findings, ex.entries)
    res.findings = len(findings)
    for f, e in pairs:
        lab = e["label"]
        if lab == "?":
            res.unlabelled += 1
            res.fails.append("%s %s not labelled (?)" % (f["rule"], place_of(f)))
        elif lab == "false":
            res.false += 1
        else:
            res.right += 1
            if lab.startswith("defect:"):
                n = int(lab.split(":")[1])
                if not 1 <= n <= len(defects):
                    res.fails.append("%s %s: %s but the .truth has %d defects"
                                     % (f["rule"], place_of(f), lab, len(defects)))
                elif ex.classes.get(n, ("",))[0] == "uncheckable":
                    res.fails.append("%s %s: %s is marked uncheckable"
                                     % (f["rule"], place_of(f), lab))
                else:
                    res.found.add(n)
    for f in lone:
        res.unlabelled += 1
        res.fails.append("unexpected %s at %s: %s" % (f["rule"], place_of(f), f.get("message", "")))
    for e in left:
        res.fails.append("missing %s at %s (%s): %s" % (e["rule"], e["place"], e["label"], e["what"]))

    # nothing on an `ok` line's quote
    for f in findings:
        sp = span_of(f)
        if sp is None:
            continue
        for kind, _n, qs, text in spans:
            if kind == "ok" and overlaps(sp, qs):
                res.fails.append("%s at %s lies on an ok line: %s" % (f["rule"], place_of(f), text))
    return res


# --- the table ---------------------------------------------------------------

def pct(a, b):
    return "%.1f%% (%d/%d)" % (100.0 * a / b, a, b) if b else "- (0/0)"


def table(results):
    w = max([len(r.rel) for r in results] + [6])
    head = "%-*s %8s %5s %5s %7s %5s %9s" % (w, "report", "findings", "right", "false",
                                             "defects", "found", "checkable")
    print(head)
    print("-" * len(head))
    tot = [0] * 6
    for r in results:
        row = [r.findings, r.right, r.false, r.defects, len(r.found), r.checkable]
        tot = [a + b for a, b in zip(tot, row)]
        print("%-*s %8d %5d %5d %7d %5d %9d" % ((w, r.rel) + tuple(row)))
    print("-" * len(head))
    print("%-*s %8d %5d %5d %7d %5d %9d" % ((w, "total") + tuple(tot)))
    print("precision %s, recall %s, recall over checkable defects %s"
          % (pct(tot[1], tot[0]), pct(tot[4], tot[3]), pct(tot[4], tot[5])))
    unl = sum(r.unlabelled for r in results)
    if unl:
        print("%d findings not labelled (counted as findings, neither right nor false)" % unl)


def main(argv):
    update = False
    for a in argv:
        if a == "--update":
            update = True
        else:
            print("usage: tests/real.sh [--update]", file=sys.stderr)
            return 2
    rels = reports()
    if not rels:
        print("real: no reports under %s" % REAL)
        return 1
    results = []
    known = {rel + ".expect" for rel in rels}
    for root, _dirs, files in os.walk(EXPECT_DIR):
        for name in files:
            epath = os.path.join(root, name)
            rel = os.path.relpath(epath, EXPECT_DIR)
            if name.endswith(".expect") and rel not in known:
                if update:
                    os.remove(epath)
                    print("note %s: its report is gone from %s; removed" % (rel, REAL))
                else:
                    print("note %s: no such report in %s (make real-update removes it)"
                          % (rel, REAL))
    for rel in rels:
        r = check_report(rel, update)
        results.append(r)
        for n in r.notes:
            print("note %s: %s" % (rel, n))
        for fl in r.fails:
            print("FAIL %s: %s" % (rel, fl))
    table(results)
    failed = sum(1 for r in results if r.fails)
    print("real: %d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
