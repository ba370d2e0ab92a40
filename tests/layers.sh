#!/bin/sh
# tests/layers.sh: the source folders are the stages of a check, in this
# order, and an #include never points up the stack:
#   base read model rules check output run audit serve cli
# (a file may include headers of its own stage and the stages before it).
# src/reportlint.h, the public API, counts as the check stage. Every
# source file must sit in one of the stage folders, and every quoted
# include must name exactly one header of src/.
#   sh tests/layers.sh
set -u
. tests/lib.sh
stages="base read model rules check output run audit serve cli"

rank_of() { # STAGE -> its place in $stages (1-based), 0 if none
  i=1
  for s in $stages; do
    [ "$s" = "$1" ] && { echo $i; return; }
    i=$((i + 1))
  done
  echo 0
}

stage_of() { # src/STAGE/FILE -> STAGE; src/reportlint.h -> check
  case $1 in
  src/reportlint.h) echo check ;;
  src/*/*) d=${1#src/}; echo "${d%%/*}" ;;
  *) echo "" ;;
  esac
}

for f in src/*.c src/*.h; do
  [ -e "$f" ] || continue
  [ "$f" = src/reportlint.h ] && continue
  bad "$f" "not in a stage folder ($stages)"
done
for f in src/*/*.c src/*/*.h; do
  st=$(stage_of "$f")
  r=$(rank_of "$st")
  [ "$r" -gt 0 ] || { bad "$f" "folder $st is not a stage ($stages)"; continue; }
  for h in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
    set -- src/*/"$h" src/"$h"
    found=""
    for c; do [ -e "$c" ] && found="$found $c"; done
    set -- $found
    if [ $# -ne 1 ]; then
      bad "$f" "#include \"$h\" names $# headers of src/ ($*)"
      continue
    fi
    hr=$(rank_of "$(stage_of "$1")")
    if [ "$hr" -gt "$r" ]; then
      bad "$f" "includes $1: points up the stack ($st before $(stage_of "$1"))"
    else
      ok
    fi
  done
done
finish layers
