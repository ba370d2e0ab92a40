#!/usr/bin/env python3
"""Prints the tables of reportlint's --format model JSON (stdin) as the
rules see them: per table its caption, then one line per data row, the
row's label path and its data cells (blank cells as _), tab-separated."""
import json
import sys

for report in json.load(sys.stdin):
    for t in report.get("tables", []):
        width = t.get("data_columns", 0)
        print("table\t" + t.get("caption", ""))
        for r in t["rows"]:
            if r.get("header"):
                continue
            cells = [c["text"] or "_" for c in r["cells"][len(r["cells"]) - width:]]
            print("row\t" + r.get("path", "") + "\t" + "\t".join(cells))
