#!/bin/sh
# Regenerates the example 政府信息公开工作年度报告 in examples/xxgk/.
# Run from the repository root:  sh examples/xxgk/make.sh
#
#   gen.py writes NN_name.html (portal page) and NN_name.txt (aligned text),
#   and the bare report markup of each into a temporary directory, which
#   LibreOffice (headless, throw-away profile) converts to NN_name.docx.
# The outputs are committed: checking them needs neither python nor
# LibreOffice. The .html and .txt are deterministic; the .docx are not
# byte-for-byte (LibreOffice stamps dates and ids).
set -eu

dir=examples/xxgk
if [ ! -f "$dir/gen.py" ]; then
  echo "make.sh: run from the repository root (no $dir/gen.py)" >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "make.sh: python3 is needed" >&2; exit 2; }
command -v soffice >/dev/null || { echo "make.sh: soffice (LibreOffice) is needed" >&2; exit 2; }

tmp=$(mktemp -d /tmp/xxgk-make.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/src" "$tmp/out" "$tmp/profile"

python3 "$dir/gen.py" --docx-src "$tmp/src"

# HTML (StarWriter): import the page into Writer, not Writer/Web, so that
# the Word export filter applies.
soffice --headless --norestore \
  "-env:UserInstallation=file://$tmp/profile" \
  --infilter="HTML (StarWriter)" \
  --convert-to docx:"MS Word 2007 XML" \
  --outdir "$tmp/out" "$tmp"/src/*.html >"$tmp/soffice.log" 2>&1 || {
  cat "$tmp/soffice.log" >&2
  exit 1
}

n=0
for f in "$tmp"/src/*.html; do
  b=$(basename "$f" .html)
  if [ ! -s "$tmp/out/$b.docx" ]; then
    cat "$tmp/soffice.log" >&2
    echo "make.sh: LibreOffice made no $b.docx" >&2
    exit 1
  fi
  cp "$tmp/out/$b.docx" "$dir/$b.docx"
  n=$((n + 1))
done
echo "make.sh: wrote $n examples (.html, .txt, .docx) in $dir"
