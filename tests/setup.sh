#!/bin/sh
# Set-up tests (issue 17 item 2): the package lists live in the Makefile
# only; `make deps-build` (what `make run` installs) asks for the build
# packages and nothing else, `make deps` adds the test tools; an install
# that fails says what failed and how to do it by hand; `make` names every
# missing pkg-config module in one line before compiling; README's "build
# only" paragraph installs exactly the build packages. apt-get and dpkg
# are replaced by fakes on PATH, so nothing is installed.
#   sh tests/setup.sh        (from the top of the source tree)
set -u
ROOT=$(pwd)
. tests/lib.sh

deps() { make -s --no-print-directory -C "$ROOT" print-deps | sed -n "s/^$1: //p"; }
BUILD_DEBS=$(deps build)
TEST_DEBS=$(deps test)
[ -n "$BUILD_DEBS" ] && [ -n "$TEST_DEBS" ] && ok || bad print-deps "empty lists"

# Fakes: dpkg knows no package; apt-get logs its arguments and fails when
# $FAKE_OFFLINE is set, as it does without a network.
mkdir "$tmp/bin"
cat >"$tmp/bin/dpkg" <<'EOS'
#!/bin/sh
exit 1
EOS
cat >"$tmp/bin/apt-get" <<'EOS'
#!/bin/sh
echo "$*" >>"$FAKE_LOG"
if [ -n "${FAKE_OFFLINE:-}" ]; then
  echo "E: Failed to fetch http://deb.debian.org/debian/pool/main/x.deb  Temporary failure resolving 'deb.debian.org'" >&2
  exit 100
fi
EOS
cp "$tmp/bin/dpkg" "$tmp/bin/sudo"
printf '#!/bin/sh\nexec "$@"\n' >"$tmp/bin/sudo"
chmod +x "$tmp/bin/"*

# installed WANT LOG: the packages the apt-get install lines of LOG named
installed() { sed -n 's/^install //p' "$1" | tr ' ' '\n' | grep -v '^-' | grep . | sort -u; }
same_set() { # NAME "A B C" FILE
  printf '%s\n' $2 | sort -u >"$tmp/want"
  if cmp -s "$tmp/want" "$3"; then ok; else
    bad "$1" "package sets differ (< expected, > got)"
    diff "$tmp/want" "$3" | head -10
  fi
}

# 1. make deps-build: the build packages only
: >"$tmp/log"
if FAKE_LOG=$tmp/log PATH=$tmp/bin:$PATH make -s --no-print-directory -C "$ROOT" deps-build \
    >"$tmp/out" 2>&1; then ok; else bad deps-build "failed" "$tmp/out"; fi
installed "$tmp/log" >"$tmp/got"
same_set deps-build-set "$BUILD_DEBS" "$tmp/got"
lacks deps-build-no-chromium "$tmp/got" chromium
lacks deps-build-no-valgrind "$tmp/got" valgrind

# 2. make run installs through deps-build (not deps)
make -n -C "$ROOT" run 2>/dev/null | grep 'scripts/deps.sh' >"$tmp/run" || true
has run-deps-build "$tmp/run" "debs build"
lacks run-no-test-debs "$tmp/run" "debs test"
lacks run-no-npm "$tmp/run" "deps.sh npm"

# 3. make deps: the build and the test packages
: >"$tmp/log"
FAKE_LOG=$tmp/log PATH=$tmp/bin:$PATH make -s --no-print-directory -C "$ROOT" deps \
  >"$tmp/out" 2>&1
installed "$tmp/log" >"$tmp/got"
same_set deps-set "$BUILD_DEBS $TEST_DEBS" "$tmp/got"

# 3b. make deps-deb: what make deb and deb-test need, and nothing else
DEB_DEBS=$(deps deb)
: >"$tmp/log"
FAKE_LOG=$tmp/log PATH=$tmp/bin:$PATH make -s --no-print-directory -C "$ROOT" deps-deb \
  >"$tmp/out" 2>&1
installed "$tmp/log" >"$tmp/got"
same_set deps-deb-set "$DEB_DEBS" "$tmp/got"
has deps-deb-dpkg-dev "$tmp/got" dpkg-dev

# 4. offline: what failed, how to do it by hand, exit 2 (not make's Error 1)
: >"$tmp/log"
FAKE_OFFLINE=1 FAKE_LOG=$tmp/log PATH=$tmp/bin:$PATH \
  make -s --no-print-directory -C "$ROOT" deps-build >"$tmp/out" 2>&1
st=$?
[ $st -eq 2 ] && ok || bad offline-status "exit $st, expected 2" "$tmp/out"
has offline-what "$tmp/out" "could not install the build packages: $BUILD_DEBS"
has offline-why "$tmp/out" "Temporary failure resolving"
has offline-by-hand "$tmp/out" "  apt-get install $BUILD_DEBS"
has offline-dpkg "$tmp/out" "dpkg -i *.deb"
lacks offline-no-error1 "$tmp/out" "Error 1"

# 5. make with no library headers: one line naming every missing module
mkdir "$tmp/nopc"
PKG_CONFIG_LIBDIR=$tmp/nopc make -s --no-print-directory -C "$ROOT" \
  BUILD="$tmp/b" BIN="$tmp/rl" >"$tmp/out" 2>&1
st=$?
[ $st -eq 2 ] && ok || bad missing-status "exit $st, expected 2" "$tmp/out"
grep 'missing headers' "$tmp/out" >"$tmp/line"
[ "$(wc -l <"$tmp/line")" -eq 1 ] && ok || bad missing-one-line "not one line" "$tmp/out"
for m in yaml-0.1 libpcre2-8 libcjson libzip libxml-2.0 poppler-glib opencc; do
  has "missing-$m" "$tmp/line" " $m"
done
has missing-install "$tmp/line" "apt-get install libyaml-dev"
[ ! -e "$tmp/b/main.o" ] && ok || bad missing-before-compile "compiled anyway"

# 6. README: the build-only paragraph installs exactly the build packages
awk '/^### Build only/ { on = 1; next } on && /^#/ { exit } on' \
  "$ROOT/README.md" >"$tmp/readme"
has readme-build-only "$tmp/readme" "make install"
sed -n 's/^ *\(sudo \)\{0,1\}apt-get install \(-y \)\{0,1\}//p' "$tmp/readme" |
  tr ' ' '\n' | grep . | sort -u >"$tmp/got"
same_set readme-build-debs "$BUILD_DEBS" "$tmp/got"
# the Chinese set-up section says the same
awk '/^### 仅编译/ { on = 1; next } on && /^#/ { exit } on' \
  "$ROOT/README.md" >"$tmp/readme-zh"
sed -n 's/^ *\(sudo \)\{0,1\}apt-get install \(-y \)\{0,1\}//p' "$tmp/readme-zh" |
  tr ' ' '\n' | grep . | sort -u >"$tmp/got"
same_set readme-zh-build-debs "$BUILD_DEBS" "$tmp/got"

# 7. make install puts the binary and the rules where README says
if make -s --no-print-directory -C "$ROOT" install DESTDIR="$tmp/dest" \
    PREFIX=/usr/local >"$tmp/out" 2>&1 && [ -x "$tmp/dest/usr/local/bin/reportlint" ] &&
   [ -d "$tmp/dest/usr/local/share/reportlint/rules/fzzf" ]; then ok
else bad install "no binary or rules under DESTDIR" "$tmp/out"; fi
# ... with its man page and bash completion (issue 17 item 9); the
# installed binary finds the installed rules; uninstall removes it all
P=$tmp/dest/usr/local
[ -f "$P/share/man/man1/reportlint.1" ] && ok || bad install-man "no man page"
[ -f "$P/share/bash-completion/completions/reportlint" ] && ok || bad install-completion "no bash completion"
# ... and its Chinese messages, which the installed binary finds (no build
# tree beside it)
[ -f "$P/share/locale/zh_CN/LC_MESSAGES/reportlint.mo" ] && ok || bad install-mo "no Chinese catalog"
env -u REPORTLINT_LOCALEDIR -u LANGUAGE LC_ALL=zh_CN.UTF-8 "$P/bin/reportlint" --help >"$tmp/out" 2>&1
has installed-zh-help "$tmp/out" "用法：reportlint check"
if command -v man >/dev/null 2>&1; then
  MANWIDTH=80 man -l "$P/share/man/man1/reportlint.1" 2>&1 >"$tmp/man" | grep -v '^$' >"$tmp/manerr"
  has man-renders "$tmp/man" "EXIT STATUS"
  [ -s "$tmp/manerr" ] && bad man-warnings "man warns" "$tmp/manerr" || ok
fi
bash -n "$P/share/bash-completion/completions/reportlint" && ok || bad completion-syntax "bash -n fails"
env -u REPORTLINT_RULES "$P/bin/reportlint" check --no-config \
  "$ROOT/examples/01_clean_district.txt" >"$tmp/out" 2>&1
st=$?
[ $st -eq 0 ] && ok || bad installed-binary "exit $st" "$tmp/out"
# ... with the word list's index, which the installed rules use
[ -f "$P/share/reportlint/rules/lexicon/words.idx" ] && ok ||
  bad install-lexicon-index "no rules/lexicon/words.idx"
env -u REPORTLINT_RULES "$P/bin/reportlint" lint-rules \
  "$P/share/reportlint/rules" >"$tmp/out" 2>&1
lacks installed-index-used "$tmp/out" "index is not used"
make -s --no-print-directory -C "$ROOT" uninstall DESTDIR="$tmp/dest" PREFIX=/usr/local >"$tmp/out" 2>&1
left=$(find "$tmp/dest" -type f | head -5)
[ -z "$left" ] && ok || bad uninstall "files left: $left"
[ -f "$ROOT/LICENSE" ] && grep -q "MIT License" "$ROOT/LICENSE" && ok || bad license "no MIT LICENSE"

finish setup
