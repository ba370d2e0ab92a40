# tests/lib.sh: the harness the shell drivers share, sourced by each
#   . tests/lib.sh
# from the top of the source tree. It sets
#   BIN      the binary (default ./reportlint), RUN = "$TEST_ENV $BIN"
#   tmp      a temporary directory, removed at exit (after on_exit, when a
#            driver defines it: a server to stop, say)
#   pass, fail, xfail   the counts that finish reports
#   known    empty; a driver sets it to a reason around an assertion that
#            is a known failure: it then counts as XFAIL, not as failed,
#            and says XPASS when it passes
# and the checks below. FILE arguments name a file; a bare name without a
# slash (out, err) is that file in $tmp. Each check counts one pass or one
# failure; a failure prints "FAIL NAME: what" and the head of the file.
#   BIN=./reportlint sh tests/cli.sh        (TEST_ENV may prefix the binary)
BIN=${BIN:-./reportlint}
# Messages are Chinese under a Chinese locale (po/zh_CN.po); the expected
# output here is the English one, whatever the developer's locale.
LC_ALL=C.UTF-8
export LC_ALL
unset LANGUAGE
RUN="${TEST_ENV:-} $BIN"
pass=0
fail=0
xfail=0
known=""
lastx="" # the last name reported as XFAIL: one line per case
tmp=$(mktemp -d)
lib_exit() {
  if command -v on_exit >/dev/null 2>&1; then on_exit; fi
  chmod -R u+rwx "$tmp" 2>/dev/null
  rm -rf "$tmp"
}
trap lib_exit EXIT

# lib_file FILE: FILE itself, or $tmp/FILE for a bare name
lib_file() {
  case $1 in
  */*) printf '%s' "$1" ;;
  *) printf '%s' "$tmp/$1" ;;
  esac
}

# ok [NAME]: a passed check
ok() {
  pass=$((pass + 1))
  if [ -n "$known" ]; then
    echo "XPASS ${1:-}: no longer fails ($known); drop the known-failure mark"
  fi
}

# bad NAME [WHAT [FILE]]: a failed check (a known one when $known is set),
# with the head of FILE
bad() {
  if [ -n "$known" ]; then
    if [ "$lastx" != "$1" ]; then
      echo "XFAIL $1: $known"
      xfail=$((xfail + 1))
      lastx=$1
    fi
    return 0
  fi
  echo "FAIL $1${2:+: $2}"
  if [ $# -ge 3 ] && [ -f "$(lib_file "$3")" ]; then
    sed 's/^/  | /' "$(lib_file "$3")" | head -12
  fi
  fail=$((fail + 1))
}

# status NAME WANT GOT [FILE]: an exit status (WANT may be a list like
# "0|1"), and the head of FILE (the run's stderr, say) when it is not WANT
status() {
  case "|$2|" in
  *"|$3|"*) ok "$1" ;;
  *)
    if [ "$3" -eq 124 ]; then
      bad "$1" "timed out (exit status 124), expected $2" ${4:+"$4"}
    else
      bad "$1" "exit status $3, expected $2" ${4:+"$4"}
    fi
    ;;
  esac
}

# run NAME WANT CMD...: runs CMD with stdout and stderr in $tmp/out and
# $tmp/err and checks its exit status (WANT as for status); returns 0
# when it was WANT
run() {
  name=$1 want=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  status "$name" "$want" "$got" err
  case "|$want|" in *"|$got|"*) return 0 ;; esac
  return 1
}

# show: copies its input, the details of a failure, unless it is a known one
show() { if [ -n "$known" ]; then cat >/dev/null; else cat; fi; }

# has NAME FILE TEXT / lacks NAME FILE TEXT: FILE has (or has not) the
# fixed string TEXT
has() {
  if grep -qF -- "$3" "$(lib_file "$2")"; then ok "$1"; else
    bad "$1" "$2 lacks: $3" "$2"
  fi
}
lacks() {
  if grep -qF -- "$3" "$(lib_file "$2")"; then
    bad "$1" "$2 should not contain: $3"
    grep -F -- "$3" "$(lib_file "$2")" | sed 's/^/  | /' | head -3 | show
  else
    ok "$1"
  fi
}

# has_line NAME FILE LINE: FILE has a line that is exactly LINE
has_line() {
  if grep -qxF -- "$3" "$(lib_file "$2")"; then ok "$1"; else
    bad "$1" "$2 lacks the line: $3" "$2"
  fi
}

# equal NAME FILE TEXT: FILE is exactly TEXT and a newline
equal() {
  printf '%s\n' "$3" >"$tmp/want"
  same "$1" "$tmp/want" "$(lib_file "$2")"
}

# same NAME A B: files A and B are identical
same() {
  if cmp -s "$2" "$3"; then ok "$1"; else
    bad "$1" "$2 and $3 differ"
    diff "$2" "$3" | head -10 | show
  fi
}

# check NAME CMD...: CMD succeeds (its output shown when it does not)
check() {
  name=$1
  shift
  if "$@" >"$tmp/check" 2>&1; then ok "$name"; else
    bad "$name" "failed: $*" "$tmp/check"
  fi
}

# have CMD: CMD is on PATH
have() { command -v "$1" >/dev/null 2>&1; }

# finish NAME: the summary line; the driver's exit status
finish() {
  if [ "$xfail" -gt 0 ]; then
    echo "$1: $xfail known failures (XFAIL)"
  fi
  echo "$1: $pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
