#!/bin/sh
# SARIF tests: `check --format sarif` on every seed and example (one log
# each), on seeds/ and examples/ together, on an awkward pair of inputs
# (an absolute path under the working directory whose name has a space, a
# '#' and Chinese characters, plus a missing file), with a rule that fails
# at run time (tests/hostile/rules-redos), and with findings waived in the
# report and by a baseline. Every log must
#   - pass Microsoft's SARIF validator (Sarif.Multitool from npm, installed
#     into .tools/ by `make deps`) with its SARIF, GitHub (Gh) and GitHub
#     Advanced Security (Ghas) rules, with no error and no warning;
#   - have, per a node check, each result's ruleIndex pointing at the rule
#     with the same id, and relative artifact URIs that decode to existing
#     files, as GitHub's upload action resolves them.
# A broken log is validated first, to prove the validator's errors and
# warnings are seen at all (it exits 0 either way).
#   BIN=./reportlint sh tests/sarif.sh
set -u
MT=.tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ ! -x "$MT" ] || ! command -v node >/dev/null 2>&1; then
  echo "sarif: Sarif.Multitool or node missing (rm -rf .tools && make deps)"
  echo "sarif: 0 passed, 1 failed"
  exit 1
fi
. tests/lib.sh
mkdir -p build
local_dir=$(mktemp -d build/sarif-test.XXXXXX)
on_exit() { rm -rf "$local_dir"; }
mkdir "$tmp/out" "$tmp/neg"

# SARIF2006 (a note) fetches every URI in the log over HTTP: the test must
# not depend on, or reach for, the network. Disabling it makes the
# validator add one tool warning, WRN999 for SARIF2006, which the checks
# below allow.
cat >"$tmp/mt.xml" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />
  </Properties>
</Properties>
EOF

# validate OUT.sarif FILE...: the validator's own SARIF log of FILEs'
# issues, and its console in OUT.sarif.txt. The invariant culture spares
# the .NET binary a dependency on libicu. (-o must follow --log, which
# would otherwise swallow the file names as more of its values.)
validate() {
  out=$1
  shift
  DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$MT" validate -c "$tmp/mt.xml" \
    --level "Error;Warning" --rule-kind "Sarif;Gh;Ghas" \
    --log ForceOverwrite -o "$out" "$@" >"$out.txt" 2>&1
}

# emit NAME STATUS ARGS...: check --format sarif ARGS into out/NAME.sarif
emit() {
  name=$1 want=$2
  shift 2
  "$BIN" check --format sarif --fail-on none "$@" >"$tmp/out/$name.sarif" \
    2>"$tmp/err"
  got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL $name: exit status $got, expected $want"
    head -5 "$tmp/err"
    fail=$((fail + 1))
  fi
}

# The checks, in node: argv = validator log, then the logs to check.
# Prints one "PASS name what" or "FAIL name what: why" line per check.
CHECK='
const fs = require("fs"), path = require("path");
const read = (f) => JSON.parse(fs.readFileSync(f, "utf8").replace(/^\uFEFF/, ""));
const [mtLog, ...files] = process.argv.slice(1);
const mt = read(mtLog);
const issues = {};
// A result or notification without a level is a warning (SARIF 3.27.10,
// 3.58.6).
const serious = (l) => ["error", "warning"].includes(l || "warning");
for (const run of mt.runs || []) {
  for (const r of run.results || []) {
    if (!serious(r.level)) continue;
    const loc = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri || "";
    const f = path.basename(decodeURIComponent(loc));
    (issues[f] = issues[f] || []).push(r.ruleId + ": " + (r.message.text ||
      (r.message.arguments || []).join(" ")));
  }
  for (const inv of run.invocations || [])
    for (const n of (inv.toolExecutionNotifications || [])
                   .concat(inv.toolConfigurationNotifications || [])) {
      const id = n.descriptor?.id || "";
      const text = n.message?.text || "";
      const allowed = id.startsWith("WRN999") && text.includes("SARIF2006");
      if (serious(n.level) && !allowed)
        (issues["*"] = issues["*"] || []).push(id + ": " + text);
    }
}
const edge = process.env.EDGE_PATH;
const isRelative = (u) => !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(u) && !u.startsWith("/");
function structure(name, log) {
  const errs = [];
  if (log.version !== "2.1.0" || !log.$schema) errs.push("version/$schema");
  if (!log.runs || log.runs.length !== 1) return ["not one run"];
  const run = log.runs[0];
  const rules = run.tool.driver.rules || [];
  if (run.tool.driver.name !== "reportlint") errs.push("driver name");
  if (run.columnKind !== "unicodeCodePoints") errs.push("columnKind");
  const ids = new Set(rules.map((r) => r.id));
  if (ids.size !== rules.length) errs.push("duplicate rule ids");
  run.results.forEach((r, i) => {
    const ru = rules[r.ruleIndex];
    if (!Number.isInteger(r.ruleIndex) || !ru || ru.id !== r.ruleId)
      errs.push(`results[${i}]: ruleIndex ${r.ruleIndex} is not ${r.ruleId}`);
    if (!/^[0-9a-f]{16}$/.test(r.partialFingerprints?.["reportlint/v1"] || ""))
      errs.push(`results[${i}]: no reportlint/v1 fingerprint`);
  });
  const uris = run.results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri)
    .concat((run.artifacts || []).map((a) => a.location.uri));
  for (const u of uris) {
    if (!isRelative(u)) errs.push(`uri ${u} is not relative`);
    else if (!fs.existsSync(decodeURIComponent(u))) errs.push(`uri ${u}: no such file`);
  }
  const inv = run.invocations[0];
  const errors = (inv.toolExecutionNotifications || []).filter((n) => n.level === "error");
  const where = (n) => n.locations?.[0]?.physicalLocation;
  const failedAt = (uri, line) => inv.executionSuccessful === false &&
    errors.length === 1 && where(errors[0])?.artifactLocation?.uri === uri &&
    where(errors[0])?.region?.startLine === line;
  if (name === "edge") {
    const want = edge.split("/").map(encodeURIComponent).join("/");
    if (!uris.length || uris.some((u) => u !== want)) errs.push(`uris are not ${want}`);
    if (!failedAt("file:///nonexistent", undefined))
      errs.push("the missing file is not an error notification");
  } else if (name === "ruleerr") {
    if (!failedAt("tests/hostile/rules-redos/r.yaml", 5))
      errs.push("the failing rule is not an error notification at its line");
  } else if (name === "suppressed") {
    const sup = run.results.flatMap((r) => r.suppressions || []);
    if (!sup.some((x) => x.kind === "inSource" && x.justification === "司法局报告不涉及" &&
                         x.location?.physicalLocation?.region?.startLine === 1))
      errs.push("no inSource suppression at the directive");
    if (!sup.some((x) => x.kind === "external" && x.justification === "baseline"))
      errs.push("no external suppression by the baseline");
  }
  if (name !== "edge" && name !== "ruleerr" && (!inv.executionSuccessful || errors.length)) {
    errs.push("execution not successful");
  }
  return errs;
}
for (const f of files) {
  const name = path.basename(f, ".sarif");
  const v = (issues[path.basename(f)] || []).concat(issues["*"] || []);
  console.log(v.length ? `FAIL ${name} validator: ${v.join("; ")}` : `PASS ${name} validator`);
  let s;
  try { s = structure(name, read(f)); } catch (e) { s = [String(e)]; }
  console.log(s.length ? `FAIL ${name} structure: ${s.join("; ")}` : `PASS ${name} structure`);
}
'

# 1. The validator sees errors and warnings: a log with a space in a URI
# (SARIF1002, error) and a rule whose name is its id (SARIF1001, warning).
"$BIN" check --format sarif --fail-on none seeds/000_34462ac303488de8.txt \
  2>/dev/null | node -e '
const l = JSON.parse(require("fs").readFileSync(0, "utf8"));
const run = l.runs[0];
run.results[0].locations[0].physicalLocation.artifactLocation.uri = "a b.txt";
run.tool.driver.rules[0].name = run.tool.driver.rules[0].id;
console.log(JSON.stringify(l));' >"$tmp/neg/broken.sarif"
validate "$tmp/neg.sarif" "$tmp/neg/broken.sarif"
if grep -q ': error SARIF1002' "$tmp/neg.sarif.txt" &&
  grep -q ': warning SARIF1001' "$tmp/neg.sarif.txt"; then
  pass=$((pass + 1))
else
  echo "FAIL the validator did not report a broken log:"
  head -20 "$tmp/neg.sarif.txt"
  fail=$((fail + 1))
fi

# 2. Our logs.
for f in seeds/*.txt seeds/*.md examples/*.txt examples/*.md; do
  case "$(basename "$f")" in README*) continue ;; esac
  [ -f "$f" ] || continue
  n=$(basename "$f")
  emit "$(basename "$(dirname "$f")")-${n%.*}" 0 "$f"
done
emit all 0 seeds examples
# cross-year findings carry last year's place as a related location
emit crossyear 0 --previous examples/years/xxgk-2023.txt examples/years/xxgk-2024.txt
edge="$local_dir/报告 1#.txt"
cp seeds/004_40ce34e03101b79a.txt "$edge"
emit edge 3 "$PWD/$edge" /nonexistent
# Waived findings: a directive in the report (inSource, at its line) and
# the baseline (external).
{ echo '<!-- reportlint-disable-file topic. reason: 司法局报告不涉及 -->'
  cat seeds/000_34462ac303488de8.txt; } >"$local_dir/waived.txt"
"$BIN" check --write-baseline "$local_dir/base.json" \
  seeds/001_8d96fa208fb949fd.txt >/dev/null 2>&1
emit suppressed 0 --baseline "$local_dir/base.json" "$local_dir/waived.txt" \
  seeds/001_8d96fa208fb949fd.txt
# A rule that fails at run time (PCRE2 match limit on more than 10 lines
# of a report): exit 2, an error notification at the rule's line, and the
# other reports' results kept.
awk 'BEGIN { print "某区2024年度法治政府建设情况报告";
             while (length(s) < 5000) s = s "a"; for (i = 0; i < 12; i++) { print ""; print s "!" } }' \
  >"$local_dir/aaaa.txt"
emit ruleerr 2 --rules tests/hostile/rules-redos "$local_dir/aaaa.txt" \
  seeds/004_40ce34e03101b79a.txt

# Run from a subdirectory of the repository, a report's URI is still
# relative to the repository root (%SRCROOT%, as code scanning resolves
# it), and %SRCROOT% is the root.
case $BIN in /*) abs_bin=$BIN ;; *) abs_bin=$(pwd)/$BIN ;; esac
(cd seeds && "$abs_bin" check --format sarif --fail-on none --rules ../rules \
  000_34462ac303488de8.txt) >"$tmp/out/subdir.sarif" 2>/dev/null
node -e 'const l=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).runs[0];
  const a=l.artifacts[0].location, b=l.originalUriBaseIds["%SRCROOT%"].uri;
  const ok=a.uri==="seeds/000_34462ac303488de8.txt" && a.uriBaseId==="%SRCROOT%" &&
    b==="file://"+process.argv[2]+"/" &&
    l.results.every(r=>r.locations[0].physicalLocation.artifactLocation.uri===a.uri);
  if(!ok){console.log(JSON.stringify([a,b]));process.exit(1)}' "$tmp/out/subdir.sarif" "$(pwd)" &&
  pass=$((pass + 1)) || { echo "FAIL sarif from a subdirectory: URIs not relative to the repository root"; fail=$((fail + 1)); }

# helpUri: every shipped rule's points at its set's page in docs/rules/,
# at an anchor that page has, and the pages are what the rules say today.
sh scripts/rule-docs.sh "$abs_bin" rules "$tmp/docs" 2>/dev/null
if diff -r docs/rules "$tmp/docs" >"$tmp/docs.diff"; then
  pass=$((pass + 1))
else
  echo "FAIL docs/rules is out of date (make rule-docs):"; head -10 "$tmp/docs.diff"
  fail=$((fail + 1))
fi
node -e 'const fs=require("fs");
  const l=JSON.parse(fs.readFileSync(process.argv[1],"utf8")).runs[0];
  let bad=0, n=0;
  for (const r of l.tool.driver.rules) {
    if (r.id==="input.too-long") continue;
    n++;
    const m=/blob\/main\/(docs\/rules\/[a-z]+\.md)#(.+)$/.exec(r.helpUri||"");
    if(!m || !fs.readFileSync(m[1],"utf8").includes(`<a id="${m[2]}"></a>`)){console.log(r.id, r.helpUri); bad++}
  }
  if(bad||!n) process.exit(1)' "$tmp/out/all.sarif" &&
  pass=$((pass + 1)) || { echo "FAIL helpUri: a rule without a page or anchor in docs/rules"; fail=$((fail + 1)); }

validate "$tmp/mt.sarif" "$tmp"/out/*.sarif
if [ ! -s "$tmp/mt.sarif" ]; then
  echo "FAIL the validator wrote no log:"
  head -20 "$tmp/mt.sarif.txt"
  fail=$((fail + 1))
else
  # The console says the same; a second reading, in case the log format
  # ever hides a level.
  if grep -E '[(:] *(error|warning) [A-Z]+[0-9]+' "$tmp/mt.sarif.txt" |
    grep -v 'WRN999.*SARIF2006' >"$tmp/console"; then
    echo "FAIL validator console:"
    head -20 "$tmp/console"
    fail=$((fail + 1))
  else
    pass=$((pass + 1))
  fi
  EDGE_PATH=$edge node -e "$CHECK" "$tmp/mt.sarif" "$tmp"/out/*.sarif \
    >"$tmp/check.out" 2>&1
  grep -v '^PASS ' "$tmp/check.out"
  pass=$((pass + $(grep -c '^PASS ' "$tmp/check.out")))
  fail=$((fail + $(grep -vc '^PASS ' "$tmp/check.out")))
fi
finish sarif
