#!/bin/sh
# reportlint serve over loopback, driven with curl.
#   BIN=./reportlint sh tests/serve.sh
# Every route; the upload limit (a body over it, and a Content-Length of
# 2 GB answered at once); a body that is not a form; a file that cannot be
# read (the CLI's one-line reason, 422); the API formats against `check`;
# a binary upload; slow headers; 100 uploads at once, all answered alike,
# memory bounded; no report text in the log; SIGTERM during a check; a
# busy server's 503 (one worker, --queue-wait 0); a DOCX uploaded through
# the form in headless Chromium; a clean stop on SIGTERM.
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
cp "$tmp/body" "$tmp/api.json"
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
code no-boundary 400 -H 'Content-Type: multipart/form-data' --data-binary "@$seed" "$url/check"
code no-file 400 -F "ruleset=auto" "$url/check"
printf -- '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n某区' >"$tmp/trunc"
code truncated 400 -H 'Content-Type: multipart/form-data; boundary=XYZ' --data-binary "@$tmp/trunc" "$url/check"
# Limits: a body over --max-upload (1M), and a 2 GB Content-Length.
head -c 1500000 /dev/zero | tr '\0' 'a' >"$tmp/big.txt"
code too-big 413 -F "file=@$tmp/big.txt" "$url/check"; body_has too-big '1 MB'
code huge-length 413 -H 'Content-Length: 2000000000' -H 'Content-Type: multipart/form-data; boundary=XYZ' --data-binary "@$tmp/trunc" "$url/check"
# A binary upload: the reason, 422, and the server still serves.
head -c 4096 /dev/urandom >"$tmp/random.bin"
code binary 422 -F "file=@$tmp/random.bin" "$url/check"
# Slow headers: a request whose headers never end is closed after
# --timeout (5 s), and meanwhile the server answers others.
python3 - "$port" >"$tmp/slow" 2>&1 <<'PY' &
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
s.settimeout(12)
t = time.time()
try:
    while s.recv(4096):
        pass
except OSError:
    pass
print("closed after %.0f s" % (time.time() - t))
PY
slowpid=$!
code during-slow 200 "$url/healthz"
wait "$slowpid"
grep -Eq 'closed after ([4-9]|1[01]) s' "$tmp/slow" && ok || bad slow-headers "$(cat "$tmp/slow")"
# 100 uploads at once (SERVE_PARALLEL; fewer under valgrind): every one
# answered, all alike.
par=${SERVE_PARALLEL:-100}
i=0
while [ $i -lt "$par" ]; do
  curl -s -o "$tmp/par.$i" -w '%{http_code}\n' --max-time 60 -F "file=@$seed" "$url/api/check" >"$tmp/code.$i" &
  i=$((i + 1))
done
wait_all=0
while [ $wait_all -lt 3000 ] && [ "$(cat "$tmp"/code.* 2>/dev/null | grep -c .)" -lt "$par" ]; do
  sleep 0.1; wait_all=$((wait_all + 1)); done
n200=$(cat "$tmp"/code.* | grep -c '^200$')
[ "$n200" -eq "$par" ] && ok || bad parallel "$n200 of $par answered 200"
same=$(for f in "$tmp"/par.*; do md5sum <"$f"; done | sort -u | wc -l)
[ "$same" -eq 1 ] && ok || bad parallel "$same different answers"
cmp -s "$tmp/par.0" "$tmp/api.json" && ok || bad parallel "the answers are not the single upload's"
# Memory stays bounded: the server's peak after 100 uploads (under valgrind
# or ASan the process is another, and its peak is theirs: not judged).
if [ -z "${TEST_ENV:-}" ] && [ -r "/proc/$pid/status" ]; then
  hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
  [ "${hwm:-0}" -lt 262144 ] && ok || bad memory "peak RSS ${hwm} KiB after 100 uploads"
fi
# Still serving after all that.
code alive 200 "$url/healthz"
# The log: one line a request, no report text.
grep -q 'POST /api/check 200' "$tmp/log" && ok || bad log "no request line"
grep -q '姑苏区' "$tmp/log" && bad log "report text in the log" || ok
# A drafter's upload in headless Chromium (when chromium and the test
# tools are installed: make deps): the form filled and submitted as a
# person would, the report page's verdict and findings the CLI's, each
# finding marked in the text.
chromium=""
for c in chromium chromium-browser google-chrome; do
  command -v "$c" >/dev/null 2>&1 && { chromium=$(command -v "$c"); break; }
done
docx=tests/fixtures/docx/plain.docx
if [ -n "$chromium" ] && [ -d .tools/node_modules/puppeteer-core ]; then
  want=$($RUN check --no-config --format json --fail-on none "$docx" |
    node -e 'const d=JSON.parse(require("fs").readFileSync(0,"utf8"));
      const r=d.reports[0], f=r.findings.filter(x=>!x.suppressed);
      console.log("verdict=" + (f.some(x=>x.severity=="error") ? "需要修改" : "可以报送") +
        " rows=" + f.length + " marks=" + f.length + " title=reportlint：plain.docx")')
  got=$(node tests/serve_browser.js "$chromium" "$url/" "$PWD/$docx" 2>&1)
  [ "$got" = "$want" ] && ok || bad browser "got '$got', expected '$want'"
else
  echo "serve: skipped the browser upload (no chromium or no .tools/node_modules/puppeteer-core: make deps)"
fi

# Busy: one worker, no waiting (--queue-wait 0), eight slow uploads at
# once: each is answered, 200 or 503 with Retry-After and a page saying
# so, at least one of each; the server then still answers.
port2=$((port + 1))
$RUN serve --listen 127.0.0.1:$port2 --workers 1 --queue-wait 0 \
  --max-upload 20M 2>"$tmp/log2" &
pid2=$!
i=0
while [ $i -lt 100 ] && ! grep -q listening "$tmp/log2" 2>/dev/null &&
      kill -0 "$pid2" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
i=0
while [ $i -lt 60 ]; do cat "$seed"; i=$((i + 1)); done >"$tmp/slow.txt"
i=0
while [ $i -lt 8 ]; do
  curl -s -D "$tmp/busyh.$i" -o "$tmp/busy.$i" -w '%{http_code}\n' --max-time 120 \
    -F "file=@$tmp/slow.txt" "http://127.0.0.1:$port2/api/check" >"$tmp/bcode.$i" &
  i=$((i + 1))
done
wait_all=0
while [ $wait_all -lt 1200 ] && [ "$(cat "$tmp"/bcode.* 2>/dev/null | grep -c .)" -lt 8 ]; do
  sleep 0.1; wait_all=$((wait_all + 1)); done
n200=$(cat "$tmp"/bcode.* | grep -c '^200$')
n503=$(cat "$tmp"/bcode.* | grep -c '^503$')
[ $((n200 + n503)) -eq 8 ] && [ "$n200" -ge 1 ] && [ "$n503" -ge 1 ] && ok ||
  bad busy "$n200 answered 200 and $n503 503 of 8"
busy=$(grep -l '^503$' "$tmp"/bcode.* | head -1 | sed 's/bcode/busy/')
[ -n "$busy" ] && grep -q '服务器正忙' "$busy" && ok || bad busy "no 服务器正忙 page"
[ -n "$busy" ] && grep -qi '^Retry-After: ' "$(echo "$busy" | sed 's/busy\./busyh./')" && ok ||
  bad busy "no Retry-After header"
curl -s -o /dev/null -w '%{http_code}' --max-time 20 "http://127.0.0.1:$port2/healthz" | grep -q 200 &&
  ok || bad busy "not serving after the busy spell"
grep -q 'POST /api/check 503' "$tmp/log2" && ok || bad busy "no 503 in the log"
# SIGTERM during a check: the check in flight is finished and answered,
# then the server exits 0.
i=0
while [ $i -lt 15 ]; do cat "$tmp/slow.txt"; i=$((i + 1)); done >"$tmp/slower.txt"
curl -s -o "$tmp/inflight" -w '%{http_code}' --max-time 120 \
  -F "file=@$tmp/slower.txt" "http://127.0.0.1:$port2/api/check" >"$tmp/inflight.code" &
cpid=$!
sleep 0.4
kill -TERM "$pid2"
wait "$cpid"
wait "$pid2"; st2=$?
[ "$(cat "$tmp/inflight.code")" = 200 ] && [ "$st2" -eq 0 ] && ok ||
  bad sigterm-inflight "upload answered $(cat "$tmp/inflight.code"), exit $st2"

# SIGTERM: a clean stop, exit 0.
kill -TERM "$pid"
wait "$pid"; st=$?
pid=""
[ "$st" -eq 0 ] && ok || bad sigterm "exit $st"
grep -q 'SIGTERM, stopping' "$tmp/log" && ok || bad sigterm "no stopping line"

finish serve
