#!/bin/sh
# make-corpus.sh N DIR: a corpus of N reports for `make bench`, made
# deterministically from seeds/ and examples/ (the same N gives the same
# bytes). Report i is source i mod S (S sources) followed by the body (all
# but the first line) of source (7i + 3) mod S, so that reports are about
# twice as long as the sources and no two neighbours are alike; renamed
# NNNNN_name, in DIR/NNN/ (100 a directory, so the walk recurses), moved
# to a report year from 2019 to 2024 (R and R+1 replaced together), and
# in one of six forms by i / S: 0 as is; 1 every "N件" count raised by
# i mod 7 (sums may stop adding up); 2 the part under 三、 dropped; 3 lines
# hard-wrapped at 28 characters, as PDF text is; 4 blank lines removed (a
# wrapped seed unwrapped into lines); 5 a GBK copy (GB18030 when GBK
# cannot hold it).
set -eu
if [ $# -ne 2 ] || ! [ "$1" -ge 1 ] 2>/dev/null; then
  echo "usage: $0 N DIR" >&2
  exit 2
fi
n=$1
dir=$2
src=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$dir"
mkdir -p "$dir"
set -- "$src"/seeds/*.txt "$src"/examples/[0-9]*.txt "$src"/examples/[0-9]*.md
nsrc=$#
f=
g=
i=0
while [ "$i" -lt "$n" ]; do
  eval "f=\${$((i % nsrc + 1))}"
  eval "g=\${$(((7 * i + 3) % nsrc + 1))}"
  round=$((i / nsrc))
  year=$((2019 + round % 6))
  sub=$(printf '%03d' $((i / 100)))
  out="$dir/$sub/$(printf '%05d' "$i")_$(basename "$f")"
  mkdir -p "$dir/$sub"
  { cat "$f"; echo; tail -n +2 "$g"; } |
    sed -e "s/2025/@R1@/g; s/2024/@R0@/g; s/@R0@/$year/g; s/@R1@/$((year + 1))/g" >"$out.tmp"
  case $((round % 6)) in
  1) awk -v k=$((i % 7)) '{
       out = ""; s = $0
       while (match(s, /[0-9]+件/)) {
         out = out substr(s, 1, RSTART - 1) (substr(s, RSTART, RLENGTH - 3) + k) "件"
         s = substr(s, RSTART + RLENGTH)
       }
       print out s
     }' "$out.tmp" >"$out" ;;
  2) awk 'index($0, "三、") == 1 { skip = 1 } index($0, "四、") == 1 { skip = 0 } !skip' \
       "$out.tmp" >"$out" ;;
  3) LC_ALL=C.UTF-8 sed -E 's/(.{28})/\1\n/g' "$out.tmp" >"$out" ;;
  4) sed '/^[[:space:]]*$/d' "$out.tmp" >"$out" ;;
  5) iconv -f UTF-8 -t GBK "$out.tmp" >"$out" 2>/dev/null ||
       iconv -f UTF-8 -t GB18030 "$out.tmp" >"$out" ;;
  *) cp "$out.tmp" "$out" ;;
  esac
  rm -f "$out.tmp"
  i=$((i + 1))
done
