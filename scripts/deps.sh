#!/bin/sh
# Installs what `make deps-build` / `make deps-test` need, taking the lists
# from the Makefile (the one place they are kept):
#   sh scripts/deps.sh debs WHAT PKG...      missing Debian packages, by apt-get
#   sh scripts/deps.sh npm DIR TOOL...       npm tools into DIR/node_modules
# Installs only what is missing, so the second run is cheap. When an install
# fails (offline, no sudo, no such package) it says what failed and how to
# do it by hand, and exits 2; it never leaves just make's "Error 1".
set -u

say() { echo "deps: $*" >&2; }

# as_root CMD...: CMD as root (directly, or through sudo); 1 if neither.
as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    say "not root and no sudo to run: $*"
    return 1
  fi
}

debs() {
  what=$1
  shift
  missing=""
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
  done
  [ -n "$missing" ] || return 0
  say "installing the $what packages:$missing"
  log=$(mktemp)
  # apt-get update may fail offline and install still work from a local
  # mirror or the cache: only the install decides.
  as_root apt-get update -qq >"$log" 2>&1
  if DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq $missing >>"$log" 2>&1; then
    rm -f "$log"
    return 0
  fi
  sed 's/^/deps:   | /' "$log" | tail -8 >&2
  rm -f "$log"
  say "could not install the $what packages:$missing"
  say "apt-get failed (no network, no package source, or not root?)."
  say "Install them by hand, as root, from a mirror or downloaded .deb files:"
  say "  apt-get install$missing"
  say "  (offline: apt-get download them on a connected machine of the same"
  say "   release, copy the .deb files over and run: dpkg -i *.deb)"
  exit 2
}

npm_tools() {
  dir=$1
  shift
  if ! command -v npm >/dev/null 2>&1; then
    say "npm is not installed: install nodejs and npm (apt-get install nodejs npm)"
    exit 2
  fi
  say "installing $* into $dir/"
  mkdir -p "$dir"
  if npm install --silent --no-audit --no-fund --prefix "$dir" "$@" >/dev/null; then
    return 0
  fi
  say "could not install the npm tools $* (no network or no registry?)."
  say "Install them by hand where the registry is reachable:"
  say "  npm install --prefix $dir $*"
  say "and copy $dir/node_modules here. Only the schema and SARIF tests need them."
  exit 2
}

case ${1:-} in
debs) shift; debs "$@" ;;
npm) shift; npm_tools "$@" ;;
*) echo "usage: sh scripts/deps.sh debs WHAT PKG... | npm DIR TOOL..." >&2; exit 2 ;;
esac
