#!/bin/sh
# reportlint serve over loopback, driven with curl.
#   BIN=./reportlint sh tests/serve.sh
# Every route; the upload limit (a body over it, and a Content-Length of
# 2 GB answered at once); a body that is not a form; a file that cannot be
# read (the CLI's one-line reason, 422); the API formats against `check`;
# 40 uploads at once, all answered alike; no report text in the log; a
# clean stop on SIGTERM.
set -u
. tests/lib.sh
pid=""
on_exit() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; fi; }
command -v curl >/dev/null 2>&1 || { echo "serve: curl is missing (apt-get install curl)"; exit 1; }

# A free loopback port: try a few until one binds.
port=$((20000 + $$ % 20000))
for try in 1 2 3 4 5 6 7 8; do
  $RUN serve --listen 127.0.0.1:$port --workers 2 --max-upload 1M \
    --timeout 5 2>"$tmp/log" &
  pid=$!
  i=0
  while [ $i -lt 100 ] && ! grep -q listening "$tmp/log" 2>/dev/null &&
        kill -0 "$pid" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
  grep -q listening "$tmp/log" && break
  wait "$pid" 2>/dev/null; pid=""; port=$((port + 1))
done
[ -n "$pid" ] || { echo "FAIL serve: could not start"; cat "$tmp/log"; exit 1; }
url=http://127.0.0.1:$port

# code NAME WANT CURL-ARGS...: the status, body in $tmp/body
code() {
  name=$1 want=$2
  shift 2
  got=$(curl -s -o "$tmp/body" -w '%{http_code}' --max-time 20 "$@")
  [ "$got" = "$want" ] && ok || bad "$name" "status $got, expected $want"
}
body_has() { grep -qF -- "$2" "$tmp/body" && ok || bad "$1" "body lacks: $2"; }

code healthz 200 "$url/healthz"; body_has healthz "ok"
code upload-page 200 "$url/"
body_has upload-page 'enctype="multipart/form-data"'
body_has upload-page '法治政府建设年度报告'
code rules 200 "$url/rules"; body_has rules "section.shortcomings"
code rule 200 "$url/rules/fzzf/section.shortcomings"; body_has rule "依据"
code rule-missing 404 "$url/rules/no.such-rule"
code not-found 404 "$url/nothing"
code check-get 405 "$url/check"

seed=seeds/000_34462ac303488de8.txt
# The API's findings are the command line's.
code api-json 200 -F "file=@$seed" "$url/api/check"
node -e 'const d=JSON.parse(require("fs").readFileSync(0,"utf8"));
  for (const f of d.reports[0].findings) console.log(f.rule, f.line, f.column, f.message)' \
  <"$tmp/body" >"$tmp/api" 2>/dev/null
$RUN check --no-config --format json --fail-on none "$seed" |
  node -e 'const d=JSON.parse(require("fs").readFileSync(0,"utf8"));
  for (const f of d.reports[0].findings) console.log(f.rule, f.line, f.column, f.message)' >"$tmp/cli"
[ -s "$tmp/cli" ] && cmp -s "$tmp/api" "$tmp/cli" && ok ||
  { bad api-json "findings differ from check's"; diff "$tmp/cli" "$tmp/api" | head -5; }
code api-sarif 200 -F "file=@$seed" "$url/api/check?format=sarif"; body_has api-sarif '"version":	"2.1.0"'
code api-junit 200 -F "file=@$seed" "$url/api/check?format=junit"; body_has api-junit '<testsuites'
code api-bad-format 400 -F "file=@$seed" "$url/api/check?format=pdf"
# The report page of a DOCX, and a forced report type.
code page-docx 200 -F "file=@tests/fixtures/docx/plain.docx" "$url/check"
body_has page-docx '<section class="report"'
code page-forced 200 -F "file=@$seed" -F ruleset=xxgk "$url/check"
body_has page-forced 'xxgk'
code bad-ruleset 400 -F "file=@$seed" -F ruleset=nope "$url/check"
# A file that cannot be read: the command line's reason, 422.
code unreadable 422 -F "file=@tests/fixtures/pdf/truncated.pdf" "$url/check"
body_has unreadable 'corrupt PDF'
# Not a form, a form without the file, a broken multipart body.
code not-form 400 -d "x=1" "$url/check"
code no-file 400 -F "ruleset=auto" "$url/check"
printf -- '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n某区' >"$tmp/trunc"
code truncated 400 -H 'Content-Type: multipart/form-data; boundary=XYZ' --data-binary "@$tmp/trunc" "$url/check"
# Limits: a body over --max-upload (1M), and a 2 GB Content-Length.
head -c 1500000 /dev/zero | tr '\0' 'a' >"$tmp/big.txt"
code too-big 413 -F "file=@$tmp/big.txt" "$url/check"; body_has too-big '1 MB'
code huge-length 413 -H 'Content-Length: 2000000000' -H 'Content-Type: multipart/form-data; boundary=XYZ' --data-binary "@$tmp/trunc" "$url/check"
# 40 uploads at once: every one answered, all alike.
i=0
while [ $i -lt 40 ]; do
  curl -s -o "$tmp/par.$i" -w '%{http_code}\n' --max-time 60 -F "file=@$seed" "$url/api/check" >"$tmp/code.$i" &
  i=$((i + 1))
done
wait_all=0
while [ $wait_all -lt 600 ] && [ "$(cat "$tmp"/code.* 2>/dev/null | grep -c .)" -lt 40 ]; do
  sleep 0.1; wait_all=$((wait_all + 1)); done
n200=$(cat "$tmp"/code.* | grep -c '^200$')
[ "$n200" -eq 40 ] && ok || bad parallel "$n200 of 40 answered 200"
same=$(for f in "$tmp"/par.*; do md5sum <"$f"; done | sort -u | wc -l)
[ "$same" -eq 1 ] && ok || bad parallel "$same different answers"
# Still serving after all that.
code alive 200 "$url/healthz"
# The log: one line a request, no report text.
grep -q 'POST /api/check 200' "$tmp/log" && ok || bad log "no request line"
grep -q '姑苏区' "$tmp/log" && bad log "report text in the log" || ok
# SIGTERM: a clean stop, exit 0.
kill -TERM "$pid"
wait "$pid"; st=$?
pid=""
[ "$st" -eq 0 ] && ok || bad sigterm "exit $st"
grep -q 'SIGTERM, stopping' "$tmp/log" && ok || bad sigterm "no stopping line"

finish serve
