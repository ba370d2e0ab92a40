#!/bin/sh
# CI gate tests: every file in examples/ci/ and .pre-commit-hooks.yaml is
# exercised, together with the features they rely on (configuration,
# baseline, inline suppressions, sidecar waivers, --fail-on).
#   BIN=./reportlint sh tests/ci.sh        (from the top of the source tree)
# The last line is "ci: N passed, M failed".
set -u
ROOT=$(pwd)
BIN=${BIN:-./reportlint}
case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac
. "$ROOT/tests/lib.sh"
EX=$ROOT/examples/ci
SEED000=$ROOT/seeds/000_34462ac303488de8.txt
SEED004=$ROOT/seeds/004_40ce34e03101b79a.txt
# A directory holding only a "reportlint" that runs the built binary, for
# the hooks that look reportlint up on PATH.
mkdir "$tmp/bin"
printf '#!/bin/sh\nexec %s "$@"\n' "${TEST_ENV:-} \"$BIN\"" >"$tmp/bin/reportlint"
chmod +x "$tmp/bin/reportlint"
HOOKPATH=$tmp/bin:$PATH

# js NAME FILE EXPR: FILE is JSON (d) and the JavaScript EXPR is true
js() {
  if node -e '
    const fs = require("fs");
    let d;
    try { d = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); }
    catch (e) { console.error("not JSON: " + e.message); process.exit(2); }
    const f = new Function("d", "return (" + process.argv[2] + ");");
    process.exit(f(d) ? 0 : 1);' "$2" "$3" 2>"$tmp/js.err"; then
    ok
  else
    bad "$1" "false: $3" "$tmp/js.err"
  fi
}

# yaml NAME FILE: FILE parsed by the project's YAML reader into $tmp/y.json
yaml() {
  if $RUN rules-to-json "$1" >"$tmp/y.json" 2>"$tmp/y.err"; then
    ok
  else
    bad "yaml $1" "does not parse" "$tmp/y.err"
  fi
}

# Unsuppressed findings of a --format json output: "rule severity line".
findings() {
  node -e '
    const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const r of d.reports) for (const f of r.findings)
      if (!f.suppressed) console.log(f.rule, f.severity, f.line);' "$1"
}

# insert SRC LINE TEXT...: SRC with the lines TEXT inserted before LINE
insert() {
  src=$1 at=$2
  shift 2
  printf '%s\n' "$@" >"$tmp/insert"
  awk -v at="$at" 'NR == FNR { add[++n] = $0; next }
                   FNR == at { for (i = 1; i <= n; i++) print add[i] }
                   { print }' "$tmp/insert" "$src"
}

# fence LANG MARKER FILE: the first ```LANG block of FILE containing MARKER
fence() {
  awk -v lang="$1" -v mark="$2" '
    $0 == "```" lang { inb = 1; buf = ""; next }
    inb && /^```/ { if (index(buf, mark)) { printf "%s", buf; exit } inb = 0; next }
    inb { buf = buf $0 "\n" }' "$3"
}

# --- 1. the GitHub Actions workflow -------------------------------------
W=$EX/github-actions.yml
yaml "$W"
cp "$tmp/y.json" "$tmp/gh.json"
js gh-jobs "$tmp/gh.json" 'typeof d.jobs === "object" && Object.keys(d.jobs).length === 1'
js gh-triggers "$tmp/gh.json" '"pull_request" in d.on && "push" in d.on'
STEPS='Object.values(d.jobs)[0].steps'
js gh-permissions "$tmp/gh.json" \
  '(d.permissions || Object.values(d.jobs)[0].permissions)["security-events"] === "write"'
js gh-checkout-reports "$tmp/gh.json" \
  "$STEPS.some(s => /^actions\/checkout@/.test(s.uses || '') && !s.with)"
# The build packages, from the Makefile (the one list): each must be in the
# example's apt-get install (build-essential stands for gcc and make).
BUILD_DEBS=$(make -s --no-print-directory -C "$ROOT" print-deps | sed -n 's/^build: //p')
[ -n "$BUILD_DEBS" ] && ok || bad print-deps "no build list from make print-deps"
# installs NAME TEXT: TEXT (apt-get lines) installs every build package
installs() {
  for p in $BUILD_DEBS; do
    case " $(echo "$2" | tr -s ' \n' '  ') " in
    *" $p "*) ok ;;
    *" build-essential "*) case $p in gcc | make) ok; continue ;; esac
      bad "$1" "does not install $p" ;;
    *) bad "$1" "does not install $p" ;;
    esac
  done
}
node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const s of Object.values(d.jobs)[0].steps)
    for (const l of (s.run || "").split("\n"))
      if (/apt-get install/.test(l)) console.log(l);' "$tmp/gh.json" >"$tmp/gh.apt"
installs gh-apt "$(cat "$tmp/gh.apt")"
has gh-apt-sudo "$tmp/gh.apt" "sudo apt-get install -y"
js gh-checkout-reportlint "$tmp/gh.json" \
  "$STEPS.some(s => /^actions\/checkout@/.test(s.uses || '') && s.with && s.with.repository === 'reportlint/reportlint' && s.with.path === '.reportlint-src')"
js gh-build "$tmp/gh.json" "$STEPS.some(s => (s.run || '').includes('make -C .reportlint-src'))"
js gh-sarif-run "$tmp/gh.json" \
  'Object.values(d.jobs)[0].steps.some(s => (s.run || "").includes("--format sarif -o reportlint.sarif reports/") && (s["continue-on-error"] === true || s.run.includes("|| echo \"status=$?\" >> \"$GITHUB_OUTPUT\"")))'
js gh-upload-sarif "$tmp/gh.json" \
  "$STEPS.some(s => /^github\/codeql-action\/upload-sarif@v3$/.test(s.uses || '') && s.with.sarif_file === 'reportlint.sarif')"
js gh-upload-after-lint "$tmp/gh.json" \
  "$STEPS.findIndex(s => /--format sarif/.test(s.run || '')) < $STEPS.findIndex(s => /upload-sarif/.test(s.uses || ''))"
js gh-gate "$tmp/gh.json" \
  "$STEPS.some(s => /--format github/.test(s.run || '') && /--fail-on error/.test(s.run))"
js gh-gate-last-lint "$tmp/gh.json" \
  "$STEPS.findIndex(s => /--format github/.test(s.run || '')) > $STEPS.findIndex(s => /upload-sarif/.test(s.uses || ''))"
# every step is commented: a comment line right above each "- name:"
if awk '/^ *- name:/ && prev !~ /^ *#/ { bad = 1; print } { prev = $0 }
        END { exit bad }' "$W" >"$tmp/nc"; then ok; else bad gh-comments "steps without a comment" "$tmp/nc"; fi

# --- 2. the GitLab CI job ---------------------------------------------------
G=$EX/gitlab-ci.yml
yaml "$G"
cp "$tmp/y.json" "$tmp/gl.json"
js gl-junit "$tmp/gl.json" 'd.reportlint.artifacts.reports.junit === "reportlint-junit.xml"'
js gl-when-always "$tmp/gl.json" 'd.reportlint.artifacts.when === "always"'
js gl-image "$tmp/gl.json" 'd.reportlint.image === "debian:12"'
node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const l of d.reportlint.before_script)
    if (/apt-get install/.test(l)) console.log(l);' "$tmp/gl.json" >"$tmp/gl.apt"
installs gl-packages "$(cat "$tmp/gl.apt")"
js gl-junit-run "$tmp/gl.json" \
  'd.reportlint.script.some(l => l.includes("--format junit -o reportlint-junit.xml"))'
js gl-fail-on-error "$tmp/gl.json" \
  'd.reportlint.script.some(l => l.includes("--fail-on error"))'

# --- 3. pre-commit: .pre-commit-hooks.yaml and pre-commit-config.yaml ----
yaml "$ROOT/.pre-commit-hooks.yaml"
cp "$tmp/y.json" "$tmp/hooks.json"
js hooks-id "$tmp/hooks.json" 'Array.isArray(d) && d.length === 1 && d[0].id === "reportlint"'
js hooks-entry "$tmp/hooks.json" \
  'd[0].entry === "reportlint check --force-exclude --fail-on error" && d[0].language === "system" && d[0].description'
# pre-commit's regexes are Python's: a leading (?i) is the i flag
PYRE='s => s.startsWith("(?i)") ? new RegExp(s.slice(4), "i") : new RegExp(s)'
js hooks-files "$tmp/hooks.json" \
  '((re, ex) => ["a.txt", "reports/香山 街道.md", "a.docx", "b.DOCX", "c.PDF", "d.html", "e.htm", "f.markdown", "g.doc", "h.WPS"].every(f => re.test(f) && !ex.test(f)) && !re.test("a.xlsx") && !re.test("a.txt.bak") && ex.test("reports/README.md"))(('"$PYRE"')(d[0].files), new RegExp(d[0].exclude || "^$"))'
# the entry run as pre-commit runs it: entry + file names
entry=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1]))[0].entry)' "$tmp/hooks.json")
# shellcheck disable=SC2086 # the entry is split into words, as pre-commit does
run hooks-entry-blocks 1 env PATH="$HOOKPATH" $entry --no-config "$SEED000" "$SEED004"
has hooks-entry-blocks-output "$tmp/out" "[section.plans]"
# shellcheck disable=SC2086
run hooks-entry-passes 0 env PATH="$HOOKPATH" $entry --no-config "$SEED004"
yaml "$EX/pre-commit-config.yaml"
js precommit-config "$tmp/y.json" \
  'd.repos.length === 1 && d.repos[0].hooks[0].id === "reportlint" && /reportlint/.test(d.repos[0].repo) && d.repos[0].rev'
js precommit-config-formats "$tmp/y.json" \
  '(re => ["reports/a.docx", "reports/x/B.PDF", "reports/c.txt"].every(f => re.test(f)) && !re.test("notes/a.docx"))(('"$PYRE"')(d.repos[0].hooks[0].files))'

# --- 3b. the plain git pre-commit hook, in a scratch repository ---------
HOOK=$EX/pre-commit
if sh -n "$HOOK" && head -1 "$HOOK" | grep -qx '#!/bin/sh' && [ -x "$HOOK" ]; then ok; else bad hook-posix "not an executable /bin/sh script"; fi
repo=$tmp/repo
BADF="reports/街道 报告/姑苏 区 2024.txt"   # spaces and Chinese, in a directory with both
GOODF="reports/香山 街道.md"
DASHF="reports/-第二份.txt"                  # a name that looks like an option
git init -q "$repo"
git -C "$repo" config user.name "CI test"
git -C "$repo" config user.email "ci@example.invalid"
git -C "$repo" config commit.gpgsign false
mkdir -p "$repo/reports/街道 报告"
cp "$SEED000" "$repo/$BADF"
cp "$SEED004" "$repo/$GOODF"
cp "$SEED004" "$repo/$DASHF"
printf '# 说明\n\n本目录存放各街道报告。\n' >"$repo/reports/README.md"  # not a report
printf '不是报告\n' >"$repo/notes.xlsx"                                 # not a report
hook() { (cd "$repo" && PATH="$HOOKPATH" sh "$HOOK"); }
git -C "$repo" add -A
run hook-blocks 1 hook
cat "$tmp/out" >>"$tmp/err"
has hook-names-file "$tmp/err" "$BADF:1:2: error: "
has hook-error-rule "$tmp/err" "[section.plans]"
has hook-checks-dash-name "$tmp/err" "$DASHF"
lacks hook-skips-readme "$tmp/err" "README.md"
has hook-message-zh "$tmp/err" "已阻止提交"
has hook-message-en "$tmp/err" "commit blocked"
# installed as the repository's hook, git commit is refused
cp "$HOOK" "$repo/.git/hooks/pre-commit"
(cd "$repo" && PATH="$HOOKPATH" git commit -q -m "add reports" >"$tmp/out" 2>&1)
if [ $? -ne 0 ] && ! git -C "$repo" rev-parse -q --verify HEAD >/dev/null; then ok; else bad hook-git-commit-blocked "git commit went through" "$tmp/out"; fi
# the staged content is checked, not the working tree: fix the file in the
# working tree only, and the commit is still blocked
cp "$SEED004" "$repo/$BADF"
run hook-checks-index 1 hook
cp "$SEED000" "$repo/$BADF"
# unstage the bad report: the commit passes
git -C "$repo" reset -q -- "$BADF"
run hook-passes-after-unstage 0 hook
(cd "$repo" && PATH="$HOOKPATH" git commit -q -m "add the clean reports" >"$tmp/out" 2>&1)
if [ $? -eq 0 ] && [ "$(git -C "$repo" ls-files reports | wc -l)" -eq 3 ]; then ok; else bad hook-git-commit "git commit failed" "$tmp/out"; fi
# a bad version in the working tree, a clean one staged: passes
cp "$SEED004" "$repo/$BADF"
git -C "$repo" add -- "$BADF"
cp "$SEED000" "$repo/$BADF"
run hook-staged-clean-passes 0 hook
git -C "$repo" checkout -q -- "$BADF"
git -C "$repo" reset -q -- "$BADF"
cp "$SEED000" "$repo/$BADF"
# nothing staged that is a report: passes without running reportlint
run hook-nothing-staged 0 env REPORTLINT=/nonexistent/reportlint sh -c 'cd "$1" && sh "$2"' sh "$repo" "$HOOK"
# reportlint missing: blocks, saying so in both languages
git -C "$repo" add -- "$BADF"
run hook-no-reportlint 1 env REPORTLINT=/nonexistent/reportlint sh -c 'cd "$1" && sh "$2"' sh "$repo" "$HOOK"
has hook-no-reportlint-zh "$tmp/err" "未找到 reportlint"
has hook-no-reportlint-en "$tmp/err" "command not found"
# the repository's baseline and configuration are used: with the bad
# report's findings in the baseline, it passes
(cd "$repo" && $RUN check --no-config --write-baseline .reportlint-baseline.json reports/ >/dev/null 2>&1)
run hook-baseline 0 hook
rm "$repo/.reportlint-baseline.json"
printf 'fail-on: error\ndisable: [section.]\n' >"$repo/.reportlint.yaml"
run hook-config 0 hook
printf 'fail_on: error\n' >"$repo/.reportlint.yaml"
run hook-broken-config 1 hook
has hook-broken-config-message "$tmp/err" "退出码 2"
rm "$repo/.reportlint.yaml"
# a staged sidecar waiver file is honoured
printf 'waivers:\n  - rule: section.\n    reason: 旧报告，缺少部分已另行说明\n' >"$repo/$BADF.reportlint.yaml"
git -C "$repo" add -- "$BADF.reportlint.yaml"
run hook-sidecar 0 hook
# every format (issue 17 item 4): a staged .DOCX with errors is blocked,
# a Word 97-2003 file told to be saved as .docx; the configuration's
# ignore: applies to the staged files named (--force-exclude)
repo2=$tmp/repo2
git init -q "$repo2"
git -C "$repo2" config user.name "CI test"
git -C "$repo2" config user.email "ci@example.invalid"
mkdir -p "$repo2/reports/drafts"
cp "$ROOT/examples/xxgk/02_column_balance.docx" "$repo2/reports/表格.DOCX"
git -C "$repo2" add -A
hook2() { (cd "$repo2" && PATH="$HOOKPATH" sh "$HOOK"); }
run hook-docx 1 hook2
has hook-docx-named "$tmp/out" "reports/表格.DOCX"
git -C "$repo2" rm -q --cached "reports/表格.DOCX"
printf '\320\317\021\340\241\261\032\341\0\0\0\0' >"$repo2/reports/旧.doc"
git -C "$repo2" add -A -- reports/旧.doc
run hook-doc 1 hook2
has hook-doc-message "$tmp/err" "请另存为 .docx"
git -C "$repo2" rm -q --cached reports/旧.doc
cp "$SEED000" "$repo2/reports/drafts/草稿.txt"
printf 'ignore:\n  - reports/drafts/**\n' >"$repo2/.reportlint.yaml"
git -C "$repo2" add -- reports/drafts/草稿.txt
run hook-force-exclude 0 hook2
# the option itself
run force-exclude 0 sh -c 'cd "$1" && '"$RUN"' check --force-exclude reports/drafts/草稿.txt' sh "$repo2"
has force-exclude-summary "$tmp/out" "0 files checked"
has force-exclude-why "$tmp/err" "1 ignored by the configuration's ignore:"
run no-force-exclude 1 sh -c 'cd "$1" && '"$RUN"' check reports/drafts/草稿.txt' sh "$repo2"

# --- 4. the sample configuration ------------------------------------------
C=$EX/reportlint.yaml
yaml "$C"
cp "$tmp/y.json" "$tmp/cfg.json"
js config-every-key "$tmp/cfg.json" \
  '["ruleset","fail-on","year","reporter","enable","disable","severity","ignore","overrides","waivers"].every(k => k in d)'
# rules: is shown but commented out: copied as is, the file must work
# wherever it lands (issue 17 item 6)
js config-no-rules-key "$tmp/cfg.json" '!("rules" in d)'
has config-rules-commented "$C" "# rules: rules/"
js config-override-keys "$tmp/cfg.json" \
  '["files","enable","disable","severity","year","reporter"].every(k => d.overrides.some(o => k in o))'
js config-waiver-keys "$tmp/cfg.json" \
  '["file","rule","reason","until","line"].every(k => d.waivers.some(w => k in w))'
js config-streets "$tmp/cfg.json" \
  'd.overrides.some(o => [].concat(o.files).includes("reports/streets/**") && o.disable.includes("section.other"))'
js config-departments "$tmp/cfg.json" \
  'd.overrides.some(o => [].concat(o.files).includes("reports/departments/**") && o.reporter === "department")'
# every top-level key is explained by a comment in Chinese just above it
if node -e '
    const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n");
    let bad = 0;
    lines.forEach((l, i) => {
      if (!/^[a-z-]+:/.test(l)) return;
      let j = i - 1, text = "";
      while (j >= 0 && /^\s*#/.test(lines[j])) text += lines[j--];
      if (!/[\u4e00-\u9fff]/.test(text)) { console.log(l); bad = 1; }
    });
    process.exit(bad);' "$C" >"$tmp/nc"; then ok; else bad config-comments "keys without a Chinese comment" "$tmp/nc"; fi
run config-loads "0|1" $RUN check --config "$C" --format json "$SEED004"
js config-loads-json "$tmp/out" 'd.reports.length === 1'
run config-loads-elsewhere "0|1" sh -c 'cd / && '"$RUN"' check --config "$1" --format json "$2"' sh "$C" "$SEED004"
# copied as is into a repository of reports (no --rules): not exit 2
copyrepo=$tmp/copyrepo
mkdir -p "$copyrepo/reports"
cp "$C" "$copyrepo/.reportlint.yaml"
cp "$SEED004" "$copyrepo/reports/"
run config-copied "0|1" sh -c 'cd "$1" && '"$RUN"' check reports/' sh "$copyrepo"
# a rules: path is relative to the configuration file, not the cwd
mkdir -p "$copyrepo/sub"
printf 'rules: ../myrules\n' >"$copyrepo/sub/rel.yaml"
cp -R "$ROOT/rules" "$copyrepo/myrules"
run config-rules-relative "0|1" sh -c 'cd / && '"$RUN"' check --config "$1" "$2"' sh "$copyrepo/sub/rel.yaml" "$SEED004"
printf 'rules: nowhere\n' >"$copyrepo/sub/none.yaml"
run config-rules-missing 2 $RUN check --config "$copyrepo/sub/none.yaml" "$SEED004"
has config-rules-missing-message "$tmp/err" "nowhere: error: rules: no such directory"
printf 'rules: rel.yaml\n' >"$copyrepo/sub/file.yaml"
run config-rules-file 2 $RUN check --config "$copyrepo/sub/file.yaml" "$SEED004"
has config-rules-file-message "$tmp/err" "rel.yaml: error: rules: not a directory"
# no rule set anywhere: where it looked and what to do
mkdir -p "$tmp/lone/bin"
cp "$BIN" "$tmp/lone/bin/reportlint"
if [ -d /usr/local/share/reportlint/rules ]; then ok; else
  run no-rules 2 env -u REPORTLINT_RULES ${TEST_ENV:-} "$tmp/lone/bin/reportlint" check --no-config "$SEED004"
  has no-rules-env "$tmp/err" 'no rule set found; looked in $REPORTLINT_RULES (not set)'
  has no-rules-beside "$tmp/err" "$tmp/lone/bin/rules"
  has no-rules-prefix "$tmp/err" "$tmp/lone/bin/../share/reportlint/rules"
  has no-rules-what "$tmp/err" "Give --rules DIR, set REPORTLINT_RULES=DIR"
fi
# what the comments promise, on a scratch repository laid out like them
cfgrepo=$tmp/cfgrepo
mkdir -p "$cfgrepo/reports/streets" "$cfgrepo/reports/departments" "$cfgrepo/reports/drafts"
cp "$C" "$cfgrepo/.reportlint.yaml"
cp "$SEED004" "$cfgrepo/reports/streets/香山街道2024年度法治政府建设工作报告.txt"
cp "$SEED004" "$cfgrepo/reports/departments/香山街道.txt"
cp "$SEED000" "$cfgrepo/reports/drafts/草稿.txt"
(cd "$cfgrepo" && REPORTLINT_TODAY=2026-06-01 $RUN check --rules "$ROOT/rules" --format json reports/ >"$tmp/cfg.out" 2>"$tmp/err")
[ $? -eq 1 ] && ok || bad config-repo "exit status, expected 1 (metric.partial-year raised to error)" "$tmp/err"
js config-ignore "$tmp/cfg.out" 'd.reports.length === 2 && !d.reports.some(r => r.file.includes("drafts"))'
js config-override-disable "$tmp/cfg.out" \
  '!d.reports.find(r => r.file.includes("streets")).findings.some(f => f.rule === "section.other")'
js config-override-other-files "$tmp/cfg.out" \
  'd.reports.find(r => r.file.includes("departments")).findings.some(f => f.rule === "section.other" && f.severity === "warning")'
js config-severity "$tmp/cfg.out" \
  'd.reports.every(r => r.findings.some(f => f.rule === "metric.partial-year" && f.severity === "error"))'
js config-waiver "$tmp/cfg.out" \
  'd.reports.find(r => r.file.includes("streets")).findings.some(f => f.rule === "text.markup" && f.line === 45 && f.suppressed && /原文引用/.test(f.suppression))'
js config-waiver-file-glob "$tmp/cfg.out" \
  'd.reports.find(r => r.file.includes("departments")).findings.some(f => f.rule === "text.markup" && !f.suppressed)'

# --- 5. configuration errors ------------------------------------------------
printf 'rules: ../rules\nfail_on: error\n' >"$tmp/unknown.yaml"
run config-unknown-key 2 $RUN check --config "$tmp/unknown.yaml" "$SEED004"
has config-unknown-key-message "$tmp/err" "$tmp/unknown.yaml:2:1: error: unknown key 'fail_on'"
printf 'overrides:\n  - files: reports/**\n    disabel: [topic.]\n' >"$tmp/unknown2.yaml"
run config-unknown-override-key 2 $RUN check --config "$tmp/unknown2.yaml" "$SEED004"
has config-unknown-override-key-message "$tmp/err" "$tmp/unknown2.yaml:3:5: error: unknown key 'disabel'"
printf 'disable: [metric.summ]\n' >"$tmp/norule.yaml"
run config-unknown-rule 2 $RUN check --config "$tmp/norule.yaml" "$SEED004"
has config-unknown-rule-message "$tmp/err" "metric.summ"
printf 'fail-on: warnings\n' >"$tmp/failon.yaml"
run config-bad-fail-on 2 $RUN check --config "$tmp/failon.yaml" "$SEED004"
has config-bad-fail-on-message "$tmp/err" "$tmp/failon.yaml:1:10: error:"
printf 'waivers:\n  - rule: text.markup\n    reason: 原文\n' >"$tmp/nofile.yaml"
run config-waiver-no-file 2 $RUN check --config "$tmp/nofile.yaml" "$SEED004"
has config-waiver-no-file-message "$tmp/err" "has no 'file'"
printf 'waivers:\n  - file: "*.txt"\n    rule: text.markup\n    reason: 原文\n    until: 2026-3-31\n' >"$tmp/baddate.yaml"
run config-waiver-bad-date 2 $RUN check --config "$tmp/baddate.yaml" "$SEED004"
has config-waiver-bad-date-message "$tmp/err" "$tmp/baddate.yaml:5:12: error: 'until' must be a date"

# --- 6. baseline round trip ---------------------------------------------------
bl=$tmp/bl
mkdir -p "$bl/reports"
cp "$ROOT"/seeds/*.txt "$bl/reports/"
(cd "$bl" && $RUN check --no-config --write-baseline .reportlint-baseline.json reports/ >/dev/null 2>"$tmp/err")
[ $? -eq 1 ] && [ -s "$bl/.reportlint-baseline.json" ] && ok || bad baseline-write "no baseline written" "$tmp/err"
js baseline-file "$bl/.reportlint-baseline.json" \
  'd.tool === "reportlint" && d.findings.length > 10 && d.findings.every(f => f.file.startsWith("reports/") && f.rule && f.fingerprint)'
nbase=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).findings.length)' "$bl/.reportlint-baseline.json")
run baseline-clean 0 sh -c 'cd "$1" && '"$RUN"' check --no-config --baseline .reportlint-baseline.json reports/' sh "$bl"
has baseline-clean-summary "$tmp/out" "0 errors, 0 warnings, 0 infos ($nbase suppressed)"
lacks baseline-clean-quiet "$tmp/err" "baseline"
# the same baseline, the reports named otherwise (issue 17 item 5): its
# paths are relative to its own directory
run baseline-dot 0 sh -c 'cd "$1" && '"$RUN"' check --no-config --baseline .reportlint-baseline.json ./reports' sh "$bl"
has baseline-dot-summary "$tmp/out" "($nbase suppressed)"
run baseline-absolute 0 $RUN check --no-config --baseline "$bl/.reportlint-baseline.json" "$bl/reports/"
has baseline-absolute-summary "$tmp/out" "($nbase suppressed)"
run baseline-subdir 0 sh -c 'cd "$1/reports" && '"$RUN"' check --no-config --baseline ../.reportlint-baseline.json .' sh "$bl"
has baseline-subdir-summary "$tmp/out" "($nbase suppressed)"
# written from a subdirectory, read from the top: the same entries
(cd "$bl/reports" && $RUN check --no-config --write-baseline ../sub.json . >/dev/null 2>&1)
js baseline-write-relative "$bl/sub.json" 'd.findings.every(f => f.file.startsWith("reports/"))'
run baseline-write-subdir 0 sh -c 'cd "$1" && '"$RUN"' check --no-config --baseline sub.json reports/' sh "$bl"
rm "$bl/sub.json"
# a baseline that matches nothing says so; entries that match no finding
# any more are listed
mkdir -p "$bl/other"
cp "$bl/.reportlint-baseline.json" "$bl/other/moved.json"
run baseline-none-matched 1 sh -c 'cd "$1" && '"$RUN"' check --no-config --baseline other/moved.json reports/' sh "$bl"
has baseline-none-matched-warning "$tmp/err" "reportlint: warning: no entry of the baseline other/moved.json matched a finding"
has baseline-none-matched-list "$tmp/err" "of $nbase baseline entries match no finding any more"
rm -r "$bl/other"
mv "$bl/reports/000_34462ac303488de8.txt" "$bl/reports/renamed.txt"
run baseline-stale 1 sh -c 'cd "$1" && '"$RUN"' check --no-config --baseline .reportlint-baseline.json reports/' sh "$bl"
has baseline-stale-list "$tmp/err" "baseline entries match no finding any more (rewrite it with --write-baseline):"
has baseline-stale-entry "$tmp/err" "  reports/000_34462ac303488de8.txt:"
lacks baseline-stale-no-warning "$tmp/err" "no entry of the baseline"
mv "$bl/reports/renamed.txt" "$bl/reports/000_34462ac303488de8.txt"
# one new defect, inserted near the top of seed 004: every line below moves
f4=$bl/reports/004_40ce34e03101b79a.txt
insert "$SEED004" 9 "全年办理案件XX件。" "" >"$f4"
run baseline-new-defect 1 sh -c 'cd "$1" && '"$RUN"' check --no-config --baseline .reportlint-baseline.json --format json reports/' sh "$bl"
cp "$tmp/out" "$tmp/bl.json"
findings "$tmp/bl.json" >"$tmp/new"
if [ "$(cat "$tmp/new")" = "text.placeholder error 9" ]; then ok; else bad baseline-exactly-one "expected only 'text.placeholder error 9'" "$tmp/new"; fi
js baseline-rest-suppressed "$tmp/bl.json" \
  "d.reports.flatMap(r => r.findings).filter(f => f.suppressed && f.suppression === 'baseline').length === $nbase"
run baseline-new-defect-text 1 sh -c 'cd "$1" && '"$RUN"' check --no-config --no-source --baseline .reportlint-baseline.json reports/' sh "$bl"
has baseline-new-defect-line "$tmp/out" "reports/004_40ce34e03101b79a.txt:9:7: error: "
has baseline-new-defect-summary "$tmp/out" "1 error, 0 warnings, 0 infos ($nbase suppressed)"

# --- 7. inline suppressions ---------------------------------------------------
# seed 004 has "$1+1>2$" (text.markup, warning) on line 45; a directive
# inserted before it moves it to line 46.
sup=$tmp/sup
mkdir "$sup"
check_json() { # FILE [env...]: --format json of FILE into $tmp/out
  f=$1
  shift
  env "$@" $RUN check --no-config --format json "$f" >"$tmp/out" 2>"$tmp/err"
}
insert "$SEED004" 45 '// reportlint-disable-next-line text.markup reason: 引用原文公式 until: 2026-03-31' >"$sup/used.txt"
insert "$SEED004" 45 '# reportlint-disable-next-line text.markup reason: 引用原文公式 until: 2026-03-31' >"$sup/hash.txt"
insert "$SEED004" 45 '<!-- reportlint-disable-next-line text.markup reason: 引用原文公式 until: 2026-03-31 -->' >"$sup/used.md"
for f in used.txt hash.txt used.md; do
  check_json "$sup/$f" REPORTLINT_TODAY=2026-01-15
  js "suppress-used-$f" "$tmp/out" \
    'd.reports[0].findings.some(f => f.rule === "text.markup" && f.line === 46 && f.suppressed === true && f.suppression === "引用原文公式") && !d.reports[0].findings.some(f => f.rule.startsWith("suppression."))'
done
REPORTLINT_TODAY=2026-01-15 $RUN check --no-config --no-source "$sup/used.txt" >"$tmp/out" 2>&1
lacks suppress-used-text-hidden "$tmp/out" "[text.markup]"
has suppress-used-text-counted "$tmp/out" "(1 suppressed)"
# unused: nothing on the next line for metric.sum
insert "$SEED004" 45 '// reportlint-disable-next-line metric.sum reason: 分项口径不同' >"$sup/unused.txt"
check_json "$sup/unused.txt"
js suppress-unused "$tmp/out" \
  'd.reports[0].findings.some(f => f.rule === "suppression.unused" && f.severity === "info" && f.line === 45)'
# a rule that does not exist
insert "$SEED004" 45 '<!-- reportlint-disable-next-line text.markupp reason: 拼写错误 -->' >"$sup/unknown.md"
check_json "$sup/unknown.md"
js suppress-unknown-rule "$tmp/out" \
  'd.reports[0].findings.some(f => f.rule === "suppression.unknown-rule" && f.severity === "info" && f.line === 45 && f.message.includes("text.markupp"))'
js suppress-unknown-rule-not-suppressed "$tmp/out" \
  'd.reports[0].findings.some(f => f.rule === "text.markup" && !f.suppressed)'
# no reason: invalid, suppresses nothing
insert "$SEED004" 45 '// reportlint-disable-next-line text.markup' >"$sup/noreason.txt"
check_json "$sup/noreason.txt"
js suppress-invalid "$tmp/out" \
  'd.reports[0].findings.some(f => f.rule === "suppression.invalid" && f.severity === "warning" && f.line === 45)'
js suppress-invalid-not-suppressed "$tmp/out" \
  'd.reports[0].findings.some(f => f.rule === "text.markup" && f.line === 46 && !f.suppressed)'
# expired: until 2026-03-31, today 2027-01-01
for f in used.txt used.md; do
  check_json "$sup/$f" REPORTLINT_TODAY=2027-01-01
  js "suppress-expired-$f" "$tmp/out" \
    'd.reports[0].findings.some(f => f.rule === "text.markup" && f.line === 46 && !f.suppressed) && d.reports[0].findings.some(f => f.rule === "suppression.expired" && f.message.includes("2026-03-31"))'
done
# the last day is still covered
check_json "$sup/used.txt" REPORTLINT_TODAY=2026-03-31
js suppress-until-inclusive "$tmp/out" \
  'd.reports[0].findings.some(f => f.rule === "text.markup" && f.suppressed)'
# a block and a whole-file directive, by prefix
insert "$SEED004" 27 '// reportlint-disable metric. reason: 街道数据口径说明见附件' >"$tmp/b1"
insert "$tmp/b1" 30 '// reportlint-enable metric.' >"$sup/block.txt"
check_json "$sup/block.txt"
js suppress-block "$tmp/out" \
  'd.reports[0].findings.some(f => f.rule === "metric.partial-year" && f.suppressed) && d.reports[0].findings.some(f => f.rule === "metric.zero-contradiction" && !f.suppressed)'
insert "$SEED004" 1 '<!-- reportlint-disable-file metric.* reason: 全文数据待统计部门核实 -->' >"$sup/file.md"
check_json "$sup/file.md"
js suppress-file "$tmp/out" \
  'd.reports[0].findings.filter(f => f.rule.startsWith("metric.")).every(f => f.suppressed) && d.reports[0].findings.some(f => f.rule === "metric.zero-contradiction")'
# the README's examples work as documented
md=$(fence markdown reportlint-disable-next-line "$EX/README.md")
# shellcheck disable=SC2086
(IFS='
'; insert "$SEED004" 45 $md) >"$sup/readme.md"
check_json "$sup/readme.md" REPORTLINT_TODAY=2026-06-01
js readme-markdown-example "$tmp/out" \
  'd.reports[0].findings.some(f => f.rule === "metric.sum" && f.suppressed) && !d.reports[0].findings.some(f => f.rule.startsWith("suppression."))'
txt=$(fence text reportlint-disable-next-line "$EX/README.md" | head -1)
insert "$SEED004" 45 "$txt" >"$sup/readme.txt"
check_json "$sup/readme.txt" REPORTLINT_TODAY=2026-06-01
js readme-text-example "$tmp/out" \
  'd.reports[0].findings.some(f => f.rule === "text.markup" && f.suppressed) && !d.reports[0].findings.some(f => f.rule.startsWith("suppression."))'

# --- 8. sidecar waivers -----------------------------------------------------------
side=$tmp/side
mkdir "$side"
R="$side/香山 街道 2024.txt"
cp "$SEED004" "$R"
cat >"$R.reportlint.yaml" <<'EOF'
waivers:
  - rule: text.markup
    reason: 原文第5页的公式
    until: 2027-03-31
    line: 45
  - rule: metric.sum
    reason: 分项口径不同
    until: 2027-03-31
EOF
check_json "$R" REPORTLINT_TODAY=2026-06-01
js sidecar-used "$tmp/out" \
  'd.reports[0].findings.some(f => f.rule === "text.markup" && f.line === 45 && f.suppressed)'
js sidecar-reason "$tmp/out" \
  'd.reports[0].findings.some(f => f.rule === "text.markup" && f.line === 45 && f.suppression === "原文第5页的公式")'
js sidecar-unused "$tmp/out" \
  'd.reports[0].findings.some(f => f.rule === "suppression.unused" && f.message.includes(".reportlint.yaml:6"))'
check_json "$R" REPORTLINT_TODAY=2027-04-01
js sidecar-expired "$tmp/out" \
  'd.reports[0].findings.some(f => f.rule === "text.markup" && !f.suppressed) && d.reports[0].findings.some(f => f.rule === "suppression.expired")'
# line: only that line
sed 's/line: 45/line: 44/' "$R.reportlint.yaml" >"$tmp/x" && mv "$tmp/x" "$R.reportlint.yaml"
check_json "$R" REPORTLINT_TODAY=2026-06-01
js sidecar-line "$tmp/out" 'd.reports[0].findings.some(f => f.rule === "text.markup" && !f.suppressed)'
# the README's sidecar example, for a text extracted from a PDF
fence yaml "waivers:" "$EX/README.md" >"$side/报告.txt.reportlint.yaml"
cp "$SEED004" "$side/报告.txt"
check_json "$side/报告.txt" REPORTLINT_TODAY=2026-06-01
js readme-sidecar-example "$tmp/out" \
  '["text.markup", "metric.partial-year"].every(r => d.reports[0].findings.some(f => f.rule === r && f.suppressed)) && !d.reports[0].findings.some(f => f.rule.startsWith("suppression."))'
# a broken sidecar: exit 2 naming the file, line and column
printf 'waivers:\n  - rule: text.markup\n' >"$R.reportlint.yaml"
run sidecar-no-reason 2 $RUN check --no-config "$R"
has sidecar-no-reason-message "$tmp/err" "$R.reportlint.yaml:2:5: error: a waiver has no 'reason'"
printf 'waiver:\n  - rule: text.markup\n' >"$R.reportlint.yaml"
run sidecar-unknown-key 2 $RUN check --no-config "$R"
has sidecar-unknown-key-message "$tmp/err" "unknown key 'waiver'"

# --- 9. --fail-on on one warning and one info -------------------------------
sed -e 's/达到 \$1+1>2\$ 的效果/达到事半功倍的效果/' -e 's/截止目前/全年/' "$SEED004" >"$tmp/wi.txt"
check_json "$tmp/wi.txt"
js failon-fixture "$tmp/out" \
  'd.summary.counts.error === 0 && d.summary.counts.warning === 1 && d.summary.counts.info === 1'
run failon-default 0 $RUN check --no-config "$tmp/wi.txt"
run failon-error 0 $RUN check --no-config --fail-on error "$tmp/wi.txt"
run failon-warning 1 $RUN check --no-config --fail-on warning "$tmp/wi.txt"
run failon-info 1 $RUN check --no-config --fail-on info "$tmp/wi.txt"
run failon-none 0 $RUN check --no-config --fail-on none "$tmp/wi.txt"
run failon-none-errors 0 $RUN check --no-config --fail-on none "$SEED000"
run failon-bad 2 $RUN check --no-config --fail-on warnings "$tmp/wi.txt"
# the configuration's fail-on, and the command line beating it
printf 'fail-on: warning\n' >"$tmp/fw.yaml"
run failon-config 1 $RUN check --config "$tmp/fw.yaml" "$tmp/wi.txt"
run failon-cli-beats-config 0 $RUN check --config "$tmp/fw.yaml" --fail-on error "$tmp/wi.txt"
# the warning waived: --fail-on warning passes, --fail-on info still fails
printf 'waivers:\n  - rule: metric.zero-contradiction\n    reason: 已核实\n' >"$tmp/wi.txt.reportlint.yaml"
run failon-waived-warning 0 $RUN check --no-config --fail-on warning "$tmp/wi.txt"
run failon-waived-info 1 $RUN check --no-config --fail-on info "$tmp/wi.txt"
rm "$tmp/wi.txt.reportlint.yaml"

# --- 10. the CI output formats, and the CI steps run as written --------------
ci=$tmp/ci
mkdir -p "$ci/reports"
cp "$SEED000" "$ci/reports/姑苏 区.txt"
cp "$SEED004" "$ci/reports/香山街道.md"
for fmt in sarif junit github jsonl; do
  $RUN check --no-config --format $fmt "$SEED004" >"$tmp/fmt.out" 2>"$tmp/fmt.err"
  st=$?
  [ $st -eq 0 ] && ok || bad "format-$fmt" "exit status $st on seed 004, expected 0" "$tmp/fmt.err"
done
{
  $RUN check --no-config --format sarif "$SEED004" >"$tmp/s.json" 2>/dev/null
  js sarif-shape "$tmp/s.json" \
    'd.version === "2.1.0" && d.runs[0].tool.driver.name === "reportlint" && d.runs[0].results.length === 4'
}
{
  $RUN check --no-config --format junit "$SEED000" >"$tmp/j.xml" 2>/dev/null
  has junit-testsuite "$tmp/j.xml" "<testsuite"
  has junit-failure "$tmp/j.xml" "<failure"
  if command -v xmllint >/dev/null; then
    if xmllint --noout "$tmp/j.xml" 2>"$tmp/err"; then ok; else bad junit-wellformed "not well-formed XML" "$tmp/err"; fi
  fi
}
{
  $RUN check --no-config --format github "$SEED000" >"$tmp/g.txt" 2>/dev/null
  has github-error-annotation "$tmp/g.txt" "::error file=$SEED000,line=1"
  has github-warning-annotation "$tmp/g.txt" "::warning file="
}
{
  $RUN check --no-config --format jsonl "$SEED004" >"$tmp/l.txt" 2>/dev/null
  if node -e 'const l = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean);
      l.forEach(x => JSON.parse(x)); process.exit(l.length >= 4 ? 0 : 1)' "$tmp/l.txt" 2>"$tmp/err"; then ok; else bad jsonl-lines "not one JSON object a line" "$tmp/err"; fi
}
# GitHub: the baseline, SARIF and gate steps' scripts as the runner runs
# them (bash -e, outputs substituted), reportlint on PATH
gh_step() { # INDEX-PATTERN: the run: of the first step whose run matches
  node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1]));
    const s = Object.values(d.jobs)[0].steps.find(s => new RegExp(process.argv[2]).test(s.run || ""));
    process.stdout.write(s.run);' "$tmp/gh.json" "$1"
}
gh_run() { # NAME WANT SCRIPT
  printf '%s\n' "$3" | sed "s|\${{ steps.baseline.outputs.args }}|$baseargs|g" >"$tmp/step.sh"
  run "$1" "$2" env PATH="$HOOKPATH" GITHUB_OUTPUT="$ci/out" GITHUB_STEP_SUMMARY="$ci/summary" \
    sh -c 'cd "$1" && exec bash -e "$2"' sh "$ci" "$tmp/step.sh"
}
: >"$ci/out"
: >"$ci/summary"
baseargs=""
gh_run gh-step-baseline 0 "$(gh_step '.reportlint-baseline.json')"
baseargs=$(sed -n 's/^args=//p' "$ci/out")
{
  gh_run gh-step-sarif 0 "$(gh_step '--format sarif')"
  has gh-step-sarif-status "$ci/out" "status=1"
  js gh-step-sarif-file "$ci/reportlint.sarif" 'd.runs[0].results.length > 0'
}
{
  gh_run gh-step-gate 1 "$(gh_step '--format github')"
  has gh-step-gate-annotation "$tmp/out" "::error file=reports/"
  if [ -s "$ci/summary" ]; then ok; else bad gh-step-summary "nothing appended to GITHUB_STEP_SUMMARY"; fi
  # with a baseline committed, the same steps pass
  (cd "$ci" && $RUN check --no-config --write-baseline .reportlint-baseline.json reports/ >/dev/null 2>&1)
  : >"$ci/out"
  gh_run gh-step-baseline-present 0 "$(gh_step '.reportlint-baseline.json')"
  baseargs=$(sed -n 's/^args=//p' "$ci/out")
  gh_run gh-step-gate-baseline 0 "$(gh_step '--format github')"
  rm "$ci/.reportlint-baseline.json"
}
# GitLab: before_script's baseline lines and the script, in one sh -e
{
  node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1])).reportlint;
    console.log(d.before_script.filter(l => /BASELINE/.test(l)).concat(d.script).join("\n"));' \
    "$tmp/gl.json" >"$tmp/gl.sh"
  run gl-script 1 env PATH="$HOOKPATH" sh -c 'cd "$1" && exec sh -e "$2"' sh "$ci" "$tmp/gl.sh"
  has gl-script-log "$tmp/out" "[section.plans]"
  has gl-script-junit "$ci/reportlint-junit.xml" "<testsuite"
}

finish ci
