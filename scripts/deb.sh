#!/bin/sh
# Builds the Debian package (make deb): BUILD/reportlint_VERSION_ARCH.deb.
# Consumes the source tree and the Makefile's variables (VERSION, BUILD,
# the SONAMEs of the libraries reportlint opens with dlopen()); produces one
# .deb that installs what `make install PREFIX=/usr` does, plus what Debian
# expects of a package (copyright, changelog, compressed man page, md5sums).
# Leaves installing it and checking it in a clean Debian 12 to tests/deb.sh.
#
# Depends and Recommends come from dpkg-shlibdeps, which maps libraries to
# packages and versions by their shlibs/symbols files. It sees only what the
# binary links; for the libraries opened with dlopen() it is given small
# programs that link them and reference the same symbols reportlint looks up
# with dlsym() (the library's exported names the binary holds as strings),
# so the versions it computes are those the symbols need:
#   DEB_DEPENDS_SONAMES     input formats (PDF, DOCX, HTML): Depends
#   DEB_RECOMMENDS_SONAMES  serve and traditional characters: Recommends
set -eu
: "${VERSION:?}" "${DEB_DEPENDS_SONAMES?}" "${DEB_RECOMMENDS_SONAMES?}"
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
CC=${CC:-cc}
MAINTAINER=${DEB_MAINTAINER:?}
HOMEPAGE=${DEB_HOMEPAGE:-}

die() {
  echo "deb: $*" >&2
  exit 2
}

arch=$(dpkg --print-architecture)
top=$(pwd)
case $BUILD in /*) ;; *) BUILD=$top/$BUILD ;; esac
out=$BUILD/deb                  # its own build tree: RL_DATADIR is /usr
stage=$out/root
bin=$out/reportlint
deb=$BUILD/reportlint_${VERSION}_$arch.deb
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# Reproducible: every file's time is the last commit's.
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s)
fi
export SOURCE_DATE_EPOCH

command -v dpkg-shlibdeps >/dev/null 2>&1 ||
  die "dpkg-shlibdeps is missing: apt-get install dpkg-dev (or: make deps-deb)"

# 1. Build with PREFIX=/usr and Debian's build flags (dpkg-buildflags, as
# dpkg-buildpackage would: stack protector, _FORTIFY_SOURCE, relro and
# bindnow), and stage `make install`.
DEB_BUILD_MAINT_OPTIONS=${DEB_BUILD_MAINT_OPTIONS:-hardening=+all}
export DEB_BUILD_MAINT_OPTIONS
cflags="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
ldflags=$(dpkg-buildflags --get LDFLAGS)
mkdir -p "$out"
$MAKE --no-print-directory BUILD="$out/obj" BIN="$bin" PREFIX=/usr \
  CFLAGS="$cflags" EXTRA_LDFLAGS="$ldflags" "$bin"
rm -rf "$stage"
$MAKE --no-print-directory -s BUILD="$out/obj" BIN="$bin" PREFIX=/usr \
  CFLAGS="$cflags" EXTRA_LDFLAGS="$ldflags" DESTDIR="$stage" install

# The word list's index holds the modification times of the two text
# files it was made from (else a check hashes them to know them);
# dpkg-deb clamps every time to SOURCE_DATE_EPOCH, so clamp those first
# and make the staged index from the staged files.
lex=$stage/usr/share/reportlint/rules/lexicon
touch -d "@$SOURCE_DATE_EPOCH" "$lex/words.txt" "$lex/pinyin.txt"
"$out/obj/lexicon-index" "$lex/words.txt" "$lex/pinyin.txt" "$lex/words.idx"
touch -d "@$SOURCE_DATE_EPOCH" "$lex/words.idx"

# 2. What Debian adds: a stripped binary, a compressed man page, the
# licence as copyright and a changelog, sane permissions.
strip --strip-unneeded --remove-section=.comment --remove-section=.note \
  "$stage/usr/bin/reportlint"
gzip -9nf "$stage/usr/share/man/man1/reportlint.1"
doc=$stage/usr/share/doc/reportlint
install -d "$doc"
{
  echo "reportlint ($VERSION) unstable; urgency=medium"
  echo
  echo "  * Built from the reportlint source tree by make deb."
  echo
  echo " -- $MAINTAINER  $(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$doc/changelog.gz"
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: reportlint"
  echo
  echo "Files: *"
  echo "Copyright: 2026 the reportlint authors"
  echo "License: Expat"
  sed 's/^$/./; s/^/ /' LICENSE
} >"$doc/copyright"
find "$stage" -type d -exec chmod 755 {} +
find "$stage" -type f -exec chmod 644 {} +
chmod 755 "$stage/usr/bin/reportlint"

# 3. Depends and Recommends.
# stub NAME SONAME...: $tmp/NAME, linked to each SONAME and referencing the
# symbols of it that the binary names.
stub() {
  name=$1
  shift
  strings -n 3 "$bin" | sort -u >"$tmp/strings"
  : >"$tmp/syms"
  libs=""
  for so in "$@"; do
    path=$($CC -print-file-name="$so")
    [ -f "$path" ] || die "cannot find $so (is its -dev package installed?)"
    nm -D --defined-only "$path" | awk '{ sub(/@.*/, "", $NF); print $NF }' |
      sort -u | comm -12 "$tmp/strings" - >"$tmp/one"
    [ -s "$tmp/one" ] || die "$bin looks up no symbol of $so"
    cat "$tmp/one" >>"$tmp/syms"
    libs="$libs $path"
  done
  {
    sed 's/.*/extern char &[];/' "$tmp/syms"
    echo "char *rl_syms[] = {"
    sed 's/.*/  &,/' "$tmp/syms"
    echo "};"
    echo "int main(void) { return rl_syms[0] == 0; }"
  } >"$tmp/$name.c"
  # shellcheck disable=SC2086
  $CC -fPIC -o "$tmp/$name" "$tmp/$name.c" -Wl,--no-as-needed $libs
}
stub formats $DEB_DEPENDS_SONAMES
stub extras $DEB_RECOMMENDS_SONAMES
# dpkg-shlibdeps wants a debian/control and the files in a package tree
# (debian/PACKAGE/ with a DEBIAN/).
pkg=$tmp/debian/reportlint
mkdir -p "$pkg/DEBIAN"
printf 'Source: reportlint\n\nPackage: reportlint\nArchitecture: any\n' \
  >"$tmp/debian/control"
cp "$bin" "$tmp/formats" "$tmp/extras" "$pkg/"
(cd "$tmp" && dpkg-shlibdeps -O --warnings=0 -dDepends \
  debian/reportlint/reportlint debian/reportlint/formats \
  -dRecommends debian/reportlint/extras) >"$tmp/substvars"
depends=$(sed -n 's/^shlibs:Depends=//p' "$tmp/substvars")
# A package already in Depends (libc6) is not repeated in Recommends.
recommends=$(sed -n 's/^shlibs:Recommends=//p' "$tmp/substvars" |
  tr ',' '\n' | sed 's/^ *//' | while read -r dep; do
    case ", $depends," in *", ${dep%% *} "* | *", ${dep%% *},"*) ;; *) echo "$dep" ;; esac
  done | paste -sd, - | sed 's/,/, /g')
[ -n "$depends" ] || die "dpkg-shlibdeps found no Depends"

# 4. DEBIAN/control, md5sums, and the package.
install -d "$stage/DEBIAN"
(cd "$stage" && find usr -type f | LC_ALL=C sort | xargs md5sum) \
  >"$stage/DEBIAN/md5sums"
chmod 644 "$stage/DEBIAN/md5sums"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
{
  echo "Package: reportlint"
  echo "Version: $VERSION"
  echo "Architecture: $arch"
  echo "Maintainer: $MAINTAINER"
  echo "Installed-Size: $size"
  echo "Depends: $depends"
  [ -z "$recommends" ] || echo "Recommends: $recommends"
  echo "Section: text"
  echo "Priority: optional"
  [ -z "$HOMEPAGE" ] || echo "Homepage: $HOMEPAGE"
  echo "Description: checker for Chinese government annual reports"
  echo " reportlint checks the annual reports of Chinese government bodies on"
  echo " building a rule-of-law government (法治政府建设年度报告) and on"
  echo " government information disclosure (政府信息公开工作年度报告): missing"
  echo " parts, broken numbering, figures and tables that do not add up, dates"
  echo " and deadlines. It reads text, PDF, DOCX and HTML reports and prints"
  echo " each finding with its line and column, like a compiler; it also audits"
  echo " a folder of reports and serves a web page to check them."
  echo " ."
  echo " 政府年度报告检查工具：检查法治政府建设年度报告和政府信息公开工作年度报告。"
} >"$stage/DEBIAN/control"
chmod 644 "$stage/DEBIAN/control"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "deb: ${deb#"$top"/}"
dpkg-deb -f "$deb" Depends Recommends | sed 's/^/deb:   /'
