#!/bin/sh
# The Debian package in a clean Debian 12 (issue 17 item 9): a minbase
# bookworm root made by debootstrap from the mirror this machine's apt
# uses (kept in $BUILD/deb-root/base between runs; each run works on a
# copy, so the root is clean every time), the .deb installed there with
# apt-get, which must resolve its Depends from the mirror, then:
#   1. with --no-install-recommends: the installed binary checks a text,
#      a PDF and a DOCX report exactly as the build tree's does (--format
#      json, byte for byte), --version, man page, bash completion; serve
#      says which library it misses, a report in traditional characters
#      is read as written;
#   2. with the Recommends installed: serve answers, a report in
#      traditional characters is checked as the build tree's does;
#   3. apt-get remove takes the binary, the rules and the man page away.
# And lintian, when it is installed, has no error or warning.
# Not root, no debootstrap or no mirror: one line, SKIPPED, success.
#   BUILD=build BIN=./reportlint VERSION=0.1.0 sh tests/deb.sh  (make deb-test)
set -u
BUILD=${BUILD:-build}
VERSION=${VERSION:?}
. tests/lib.sh
top=$(pwd)
start=$(date +%s)
skip() {
  echo "deb-test: SKIPPED: $*"
  [ "$fail" -eq 0 ]
  exit
}

deb=$BUILD/reportlint_${VERSION}_$(dpkg --print-architecture).deb
[ -f "$deb" ] || { echo "FAIL deb-test: no $deb (run make deb)"; exit 1; }
# lintian, when installed (it is not in DEB_DEBS: about a hundred packages)
if have lintian; then
  lintian --fail-on error,warning "$deb" >"$tmp/lintian" 2>&1 && ok ||
    bad lintian "errors or warnings" "$tmp/lintian"
fi
[ "$(id -u)" = 0 ] || skip "not root (debootstrap and chroot need root)"
have debootstrap || skip "debootstrap is missing (apt-get install debootstrap)"

# sources: "URI SUITE" for each deb source of this machine's apt, in the
# one-line and the deb822 formats.
sources() {
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -n 's/^deb  *\(\[[^]]*\]  *\)\{0,1\}\([^ ]*\)  *\([^ ]*\).*/\2 \3/p' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'function flush() {
           if (t ~ /(^| )deb( |$)/) for (i = 1; i <= n; i++) print u, s[i]
           t = ""; u = ""; n = 0 }
         /^[ \t]*$/ { flush(); next }
         tolower($1) == "types:" { t = $0; sub(/^[^:]*:/, "", t); t = t " " }
         tolower($1) == "uris:" { u = $2 }
         tolower($1) == "suites:" { n = 0; for (i = 2; i <= NF; i++) s[++n] = $i }
         END { flush() }' "$f"
  done
}
sources | awk '$2 ~ /^bookworm(-updates|-security)?$/' | sort -u >"$tmp/sources"
# DEB_MIRROR=URL: that mirror instead, for debootstrap and apt-get alike.
[ -z "${DEB_MIRROR:-}" ] || echo "$DEB_MIRROR bookworm" >"$tmp/sources"
mirror=$(awk '$2 == "bookworm" { print $1; exit }' "$tmp/sources")
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
if have curl; then
  curl -fsI --max-time 20 "$mirror/dists/bookworm/Release" >/dev/null 2>&1 ||
    skip "the Debian mirror $mirror is unreachable"
fi

# The base root, made once.
case $BUILD in /*) roots=$BUILD/deb-root ;; *) roots=$top/$BUILD/deb-root ;; esac
base=$roots/base
if [ ! -f "$base/.reportlint-base" ]; then
  echo "deb-test: debootstrap --variant=minbase bookworm from $mirror (once)"
  rm -rf --one-file-system "$base"
  mkdir -p "$roots"
  t0=$(date +%s)
  if ! debootstrap --variant=minbase bookworm "$base" "$mirror" \
      >"$roots/debootstrap.log" 2>&1; then
    if grep -q 'Failed getting release file\|Couldn.t download\|resolve' \
        "$roots/debootstrap.log"; then
      skip "debootstrap could not download from $mirror"
    fi
    echo "FAIL deb-test: debootstrap failed ($roots/debootstrap.log)"
    tail -5 "$roots/debootstrap.log"
    exit 1
  fi
  echo "deb-test: debootstrap took $(($(date +%s) - t0)) s"
  touch "$base/.reportlint-base"
fi

# This run's root: a copy of the base with this machine's bookworm
# sources, /proc, and a package cache kept between runs.
R=$roots/run
mounted=""
on_exit() {
  [ -z "${spid:-}" ] || kill "$spid" 2>/dev/null
  for m in $mounted; do umount "$m" 2>/dev/null || umount -l "$m"; done
  # The copy (about 400 MB) is kept only when a check failed.
  if [ "$fail" -eq 0 ] && ! grep -q " $R/" /proc/mounts; then
    rm -rf --one-file-system "$R"
  fi
}
# (mounts left by a run that was killed first)
awk -v r="$R/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r |
  while read -r m; do umount -l "$m"; done
rm -rf --one-file-system "$R"
cp -a "$base" "$R"
if [ -s "$tmp/sources" ]; then
  awk '{ print "deb", $1, $2, "main" }' "$tmp/sources" >"$R/etc/apt/sources.list"
fi
cp /etc/resolv.conf "$R/etc/resolv.conf" 2>/dev/null
mkdir -p "$roots/archives/partial"
mount --bind "$roots/archives" "$R/var/cache/apt/archives" && mounted="$R/var/cache/apt/archives"
mount -t proc proc "$R/proc" && mounted="$R/proc $mounted"
in_root() {
  chroot "$R" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
cp "$deb" "$R/tmp/"
debname=$(basename "$deb")
mkdir "$R/tmp/r" "$tmp/r"
files="000_34462ac303488de8.txt report4.pdf plain.docx"
cp seeds/000_34462ac303488de8.txt tests/fixtures/pdf/report4.pdf \
  tests/fixtures/docx/plain.docx "$R/tmp/r/"
cp "$R/tmp/r/"* "$tmp/r/"
# A report in traditional characters (OpenCC converts it before checking).
printf '%s\n' '某區司法局2024年度法治政府建設工作報告' \
  '一、主要舉措和成效' '2024年，本局堅持依法行政，辦理行政複議案件12件。' \
  '二、存在的不足' '法治宣傳的針對性還不夠強。' \
  '三、下一步工作安排' '2025年，繼續推進法治政府建設。' >"$tmp/r/trad.txt"
cp "$tmp/r/trad.txt" "$R/tmp/r/"

# expect NAME FILE...: the installed binary's check --format json of FILEs
# and its exit status are the build tree's (differ NAME FILE...: are not)
expect() {
  name=$1
  shift
  installed_json "$@"
  if cmp -s "$tmp/want.json" "$tmp/got.json"; then ok; else
    bad "$name" "the installed binary's findings differ (< build tree, > installed)" "$tmp/got.err"
    diff "$tmp/want.json" "$tmp/got.json" | head -10
  fi
}
differ() {
  name=$1
  shift
  installed_json "$@"
  cmp -s "$tmp/want.json" "$tmp/got.json" && bad "$name" "same findings" || ok
}
# installed_json FILE...: the build tree's output and exit status in
# $tmp/want.json, the installed binary's in $tmp/got.json
installed_json() {
  (cd "$tmp/r" && env -u REPORTLINT_RULES LC_ALL=C.UTF-8 "$top/$BIN" check \
    --no-config --format json "$@" >"$tmp/want.json" 2>"$tmp/want.err"
   echo "exit $?" >>"$tmp/want.json")
  in_root sh -c 'cd /tmp/r && reportlint check --no-config --format json "$@"
    echo "exit $?"' sh "$@" >"$tmp/got.json" 2>"$tmp/got.err"
}

# 1. Depends only
in_root apt-get update -qq >"$tmp/apt.log" 2>&1 ||
  { cat "$tmp/apt.log"; skip "apt-get update in the root failed (mirror unreachable?)"; }
if in_root apt-get install -y -q --no-install-recommends "/tmp/$debname" >"$tmp/apt.log" 2>&1; then
  ok
else
  bad install "apt-get install ./$debname failed" "$tmp/apt.log"
  tail -15 "$tmp/apt.log"
  finish deb-test
  exit 1
fi
[ -x "$R/usr/bin/reportlint" ] && ok || bad installed "no /usr/bin/reportlint"
in_root reportlint --version >"$tmp/out" 2>&1
has version "$tmp/out" "$VERSION"
expect check-txt 000_34462ac303488de8.txt
expect check-pdf report4.pdf
expect check-docx plain.docx
expect check-all $files
if in_root sh -c 'command -v man' >/dev/null 2>&1; then
  in_root man -w reportlint >"$tmp/out" 2>&1
  has man-w "$tmp/out" /usr/share/man/man1/reportlint.1.gz
fi
zcat "$R/usr/share/man/man1/reportlint.1.gz" 2>/dev/null | head -1 >"$tmp/out"
has man-page "$tmp/out" ".TH REPORTLINT 1"
[ -f "$R/usr/share/bash-completion/completions/reportlint" ] && ok ||
  bad completion "no bash completion"
[ -f "$R/usr/share/doc/reportlint/copyright" ] && ok || bad copyright "no copyright"
# the word list's index is packaged and used
in_root reportlint lint-rules /usr/share/reportlint/rules >"$tmp/out" 2>&1
has lint-installed "$tmp/out" "rules OK"
lacks index-used "$tmp/out" "index is not used"
in_root timeout 10 reportlint serve --listen 127.0.0.1:1 >"$tmp/out" 2>&1
st=$?
[ $st -ne 0 ] && [ $st -ne 124 ] && ok || bad serve-no-mhd "exit $st" "$tmp/out"
has serve-no-mhd-says "$tmp/out" libmicrohttpd

# Without OpenCC a report in traditional characters is read as written
# (and its rules find less), so the check after installing it below
# proves OpenCC was loaded.
differ traditional-without-opencc trad.txt

# 2. the Recommends
recs=$(dpkg-deb -f "$deb" Recommends | sed 's/([^)]*)//g; s/,/ /g')
if in_root apt-get install -y -q --no-install-recommends $recs >"$tmp/apt.log" 2>&1; then
  ok
else
  bad recommends "apt-get install $recs failed" "$tmp/apt.log"
fi
expect check-traditional trad.txt
port=$((20000 + $$ % 20000))
chroot "$R" env -i PATH=/usr/bin:/bin LC_ALL=C.UTF-8 reportlint serve \
  --listen 127.0.0.1:$port --workers 1 >/dev/null 2>"$tmp/serve.log" &
spid=$!
i=0
while [ $i -lt 100 ] && ! grep -q listening "$tmp/serve.log" && kill -0 "$spid" 2>/dev/null; do
  sleep 0.1
  i=$((i + 1))
done
has serve-listening "$tmp/serve.log" listening
if have curl; then
  got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$port/healthz")
  [ "$got" = 200 ] && ok || bad serve-healthz "status $got"
fi
kill "$spid" 2>/dev/null
wait "$spid" 2>/dev/null
spid=""

# 3. apt-get remove
in_root apt-get remove -y -q reportlint >"$tmp/apt.log" 2>&1 && ok || bad remove "failed" "$tmp/apt.log"
for f in /usr/bin/reportlint /usr/share/reportlint /usr/share/man/man1/reportlint.1.gz \
    /usr/share/bash-completion/completions/reportlint; do
  [ ! -e "$R$f" ] && ok || bad "removed:$f" "still there after apt-get remove"
done

echo "deb-test: $(($(date +%s) - start)) s in all"
finish deb-test
