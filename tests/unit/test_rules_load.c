/* Unit tests for rules_load: the good fixtures (every type and key) load
 * with the right fields; each kind of bad rule file fails with the exact
 * file:line:col and message; rules_yaml_to_json types plain scalars. */
#include "rules.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

// Declared for -Wmissing-prototypes; the runner finds the definition below.
extern Suite *rules_load_suite(void);

#define GOOD_DIR "tests/rules-fixtures/good"
#define BAD_DIR "tests/rules-fixtures/bad"

static const rule *get_rule(const rl_ruleset *rs, const char *id) {
  int i = rules_find(rs, id);
  ck_assert_msg(i >= 0, "no rule %s", id);
  return &rs->rules[i];
}

static rl_ruleset *load_good(void) {
  rl_ruleset *rs = NULL;
  rl_diag d;
  diag_clear(&d);
  int rc = rules_load_dir(GOOD_DIR, &rs, &d);
  ck_assert_msg(rc == 0, "%s:%d:%d: %s", d.file, d.line, d.col, d.msg);
  return rs;
}

START_TEST(test_header) {
  rl_ruleset *rs = load_good();
  ck_assert_str_eq(rs->name, "fzzf-test");
  ck_assert_str_eq(rs->version, "1.2");
  ck_assert_str_eq(rs->report_type, "法治政府建设年度报告");
  ck_assert_str_eq(rs->regulation, "《法治政府建设与责任落实督察工作规定》");
  ck_assert_str_eq(regex_source(rs->detect), "法治政府建设.*报告");
  ck_assert_str_eq(rs->dir, GOOD_DIR);
  ck_assert_int_eq(rs->nrules, 18);
  // Files in name order, rules in file order.
  ck_assert_str_eq(rs->rules[0].id, "section.measures");
  ck_assert_str_eq(rs->rules[17].id, "date.year");
  ck_assert_int_eq(rules_find(rs, "nope.nope"), -1);
  rules_free(rs);
}
END_TEST

START_TEST(test_section) {
  rl_ruleset *rs = load_good();
  const rule *r = get_rule(rs, "section.measures");
  ck_assert_int_eq(r->type, RULE_SECTION);
  ck_assert_int_eq(r->severity, RL_SEV_ERROR);
  ck_assert_str_eq(r->message, "缺少“{key}”部分");
  ck_assert_int_eq(r->scope.kind, SCOPE_DOCUMENT);
  ck_assert_str_eq(r->description, "报告应当包括推进法治政府建设的主要举措。");
  ck_assert_str_eq(r->regulation, "第二十五条第一项");
  ck_assert_int_eq(r->enabled, 1);
  ck_assert_int_eq(r->year_min, 2021);
  ck_assert_int_eq(r->year_max, 2030);
  ck_assert_int_eq(r->nbad, 1);
  ck_assert_str_eq(r->bad[0], "一、存在的不足");
  ck_assert_int_eq(r->ngood, 2);
  ck_assert_str_eq(r->good[1], "二、主要成效");
  ck_assert_str_eq(r->file, GOOD_DIR "/10-section.yaml");
  ck_assert_int_eq(r->line, 3);
  const rule_section *s = &r->u.section;
  ck_assert_str_eq(s->key, "measures");
  ck_assert_int_eq(s->headings.n, 2);
  ck_assert_str_eq(regex_source(s->headings.v[0]), "主要(举措|做法)");
  ck_assert_int_eq(s->fallback.n, 1);
  ck_assert_int_eq(s->required, 1);
  ck_assert_int_eq(s->order, 1);
  ck_assert_int_eq(s->min_chars, 200);
  ck_assert_int_eq(s->max_level, 3);
  ck_assert_int_eq(s->has_fallback_severity, 1);
  ck_assert_int_eq(s->fallback_severity, RL_SEV_WARNING);
  ck_assert_str_eq(s->fallback_message, "“{key}”没有单独标题");

  r = get_rule(rs, "section.shortcomings"); // defaults
  s = &r->u.section;
  ck_assert_int_eq(r->severity, RL_SEV_WARNING);
  ck_assert_int_eq(r->enabled, 1);
  ck_assert_int_eq(r->year_min, 0);
  ck_assert_ptr_null(r->description);
  ck_assert_int_eq(s->required, 1);
  ck_assert_int_eq(s->max_level, 2);
  ck_assert_int_eq(s->order, 0);
  ck_assert_int_eq(s->has_fallback_severity, 0);
  ck_assert_int_eq(s->fallback.n, 0);

  r = get_rule(rs, "section.order");
  ck_assert_int_eq(r->type, RULE_SECTION_ORDER);
  ck_assert_int_eq(r->severity, RL_SEV_INFO);
  ck_assert_int_eq(r->enabled, 0);
  r = get_rule(rs, "section.length");
  ck_assert_int_eq(r->type, RULE_SECTION_LENGTH);
  ck_assert_int_eq(r->scope.kind, SCOPE_SECTION);
  ck_assert_str_eq(r->scope.key, "measures");
  rules_free(rs);
}
END_TEST

START_TEST(test_pattern_sequence) {
  rl_ruleset *rs = load_good();
  const rule *r = get_rule(rs, "pattern.cutoff-words");
  ck_assert_int_eq(r->scope.kind, SCOPE_PARAGRAPHS);
  ck_assert_int_eq(r->u.pattern.forbid.n, 2);
  ck_assert_str_eq(regex_source(r->u.pattern.forbid.v[1]), "\\d+月底");
  ck_assert_int_eq(r->u.pattern.require.n, 0);
  ck_assert_int_eq(r->u.pattern.unless.n, 1);
  r = get_rule(rs, "pattern.require-leader");
  ck_assert_int_eq(r->scope.kind, SCOPE_HEADINGS);
  ck_assert_int_eq(r->u.pattern.require.n, 1);
  ck_assert_int_eq(get_rule(rs, "pattern.title")->scope.kind, SCOPE_TITLE);

  r = get_rule(rs, "sequence.headings");
  ck_assert_str_eq(r->file, GOOD_DIR "/30-sequence.yml");
  ck_assert_int_eq(r->scope.kind, SCOPE_SIGNATURE);
  ck_assert_int_eq(r->u.sequence.target, SEQ_HEADINGS);
  ck_assert_int_eq(r->u.sequence.repeats, 0);
  ck_assert_int_eq(r->u.sequence.gaps, 0);
  ck_assert_int_eq(r->u.sequence.restarts, 1);
  // `target` is the old spelling of `check`: read, with a note.
  int target_notes = 0;
  for (int i = 0; i < rs->nnotes; i++)
    target_notes += strstr(rs->notes[i].file, "30-sequence.yml") != NULL;
  ck_assert_int_eq(target_notes, 2);
  r = get_rule(rs, "sequence.enumerations");
  ck_assert_int_eq(r->u.sequence.target, SEQ_ENUMERATIONS);
  ck_assert_int_eq(r->u.sequence.repeats, 1);
  ck_assert_int_eq(r->u.sequence.gaps, 1);
  ck_assert_int_eq(r->u.sequence.restarts, 0);
  rules_free(rs);
}
END_TEST

START_TEST(test_metric_date) {
  rl_ruleset *rs = load_good();
  const rule_metric *m = &get_rule(rs, "metric.rate")->u.metric;
  ck_assert_int_eq(m->check, METRIC_RANGE);
  ck_assert_str_eq(regex_source(m->label), "率$");
  ck_assert_str_eq(regex_source(m->unit), "%");
  ck_assert_str_eq(regex_source(m->exclude), "增长");
  ck_assert_int_eq(m->has_min, 1);
  ck_assert_int_eq(m->has_max, 1);
  ck_assert(m->min == 0.0);
  ck_assert(m->max == 100.5);
  ck_assert_int_eq(m->relation, REL_EQ);
  ck_assert_ptr_null(m->pattern);
  m = &get_rule(rs, "metric.sum")->u.metric;
  ck_assert_int_eq(m->check, METRIC_SUM);
  ck_assert_int_eq(m->relation, REL_LE);
  ck_assert_int_eq(regex_group_number(m->pattern, "parts"), 2);
  ck_assert_ptr_null(m->label);
  ck_assert_int_eq(m->has_min, 0);
  ck_assert_int_eq(get_rule(rs, "metric.share")->u.metric.check, METRIC_SHARE);
  ck_assert_int_eq(get_rule(rs, "metric.consistency")->u.metric.check,
                   METRIC_CONSISTENCY);

  const rule_date *d = &get_rule(rs, "date.deadline")->u.date;
  ck_assert_int_eq(d->check, DATE_DEADLINE);
  ck_assert_int_eq(d->dl_years, 1);
  ck_assert_int_eq(d->dl_month, 3);
  ck_assert_int_eq(d->dl_day, 31);
  ck_assert_int_eq(d->department, 1);
  d = &get_rule(rs, "date.month-end")->u.date;
  ck_assert_int_eq(d->dl_years, 0);
  ck_assert_int_eq(d->dl_month, 2);
  ck_assert_int_eq(d->dl_day, -1);
  ck_assert_int_eq(d->department, 0);
  ck_assert_int_eq(get_rule(rs, "date.premature")->u.date.check,
                   DATE_PREMATURE);
  d = &get_rule(rs, "date.cutoff")->u.date;
  ck_assert_int_eq(d->check, DATE_CUTOFF);
  ck_assert_int_eq(d->cutoff.n, 2);
  ck_assert_int_eq(get_rule(rs, "date.year")->u.date.check, DATE_YEAR_MISMATCH);
  rules_free(rs);
}
END_TEST

START_TEST(test_names) {
  rl_severity s;
  ck_assert_int_eq(rules_parse_severity("warning", &s), 0);
  ck_assert_int_eq(s, RL_SEV_WARNING);
  ck_assert_int_eq(rules_parse_severity("fatal", &s), -1);
  ck_assert_str_eq(rules_severity_name(RL_SEV_ERROR), "error");
  ck_assert_str_eq(rules_severity_name(RL_SEV_INFO), "info");
  ck_assert_str_eq(rules_type_name(RULE_SECTION_LENGTH), "section-length");
  ck_assert_str_eq(rules_type_name(RULE_DATE), "date");
}
END_TEST

// --- errors ---------------------------------------------------------------

typedef struct bad_case {
  const char *text;
  int line, col;
  const char *msg;
} bad_case;

#define TABLE_HEAD                                                             \
  "rules:\n  - id: t.t\n    type: table\n    severity: info\n"                \
  "    message: m\n    select: 表\n"                                          \
  "    rows: {a: 甲, b: 乙, c: 丙}\n    cols: {x: 总计, y: 其中}\n"         \
  "    assert:\n"
#define RULE_HEAD "rules:\n  - id: a.b\n    type: pattern\n"
#define RULE_FULL RULE_HEAD "    severity: error\n    message: m\n"
#define RULE_OF(type)                                                          \
  "rules:\n  - id: a.b\n    type: " type "\n    severity: info\n"              \
  "    message: m\n"

static const bad_case bad_cases[] = {
    {RULE_FULL "    forbid: x\n    colour: red\n", 7, 5,
     "unknown key 'colour' in rule 'a.b' (allowed: id, type, severity, "
     "message, scope, description, regulation, enabled, when, examples, "
     "forbid, require, unless, also, cut)"},
    {RULE_OF("section-order") "    key: x\n", 6, 5,
     "unknown key 'key' in rule 'a.b' (allowed: id, type, severity, message, "
     "scope, description, regulation, enabled, when, examples, order)"},
    {RULE_HEAD "    severity: fatal\n    message: m\n    forbid: x\n", 4, 15,
     "'severity' must be one of error, warning, info"},
    {RULE_OF("section") "    key: k\n    headings: h\n    min_chars: -1\n", 8,
     16, "'min_chars' must be a non-negative integer"},
    {RULE_OF("section") "    key: k\n    headings: h\n    order: '3'\n", 8, 12,
     "'order' must be a non-negative integer"},
    {RULE_OF("section") "    key: k\n    headings: h\n    max_level: 5\n", 8,
     16, "'max_level' must be an integer from 1 to 4"},
    {RULE_OF("section") "    key: k\n    headings: {a: b}\n", 7, 15,
     "'headings' must be a string or a list of strings"},
    {RULE_OF("section") "    key: k\n    headings: [a, [b]]\n", 7, 19,
     "'headings' must be a string or a list of strings"},
    {RULE_OF("section") "    key: k\n    headings: []\n", 7, 15,
     "'headings' must not be an empty list"},
    {RULE_OF("section") "    key: k\n", 2, 5, "rule 'a.b' has no 'headings'"},
    {RULE_HEAD "    severity: error\n    forbid: x\n", 2, 5,
     "rule 'a.b' has no 'message'"},
    {RULE_FULL, 2, 5, "rule 'a.b' has no 'forbid', 'require' or 'cut'"},
    {RULE_FULL "    message: again\n", 6, 5,
     "duplicate key 'message' (first at line 5)"},
    {"rules:\n  - type: pattern\n", 2, 5, "rule has no 'id'"},
    {"rules:\n  - id: a.b\n", 2, 5, "rule 'a.b' has no 'type'"},
    {"rules:\n  - id: Bad\n    type: pattern\n", 2, 9,
     "rule id 'Bad' must be dotted lower-case words (e.g. section.measures)"},
    {"rules:\n  - id: a.b\n    type: grammar\n", 3, 11,
     "'type' must be one of section, section-order, section-length, pattern, "
     "sequence, metric, date, input, table, lexicon, cross-year"},
    {RULE_FULL "    forbid: ['ok', '报告(']\n", 6, 20,
     "rule 'a.b': bad pattern in 'forbid': missing closing parenthesis at "
     "offset 7"},
    {RULE_FULL "    require: x\n    enabled: maybe\n", 7, 14,
     "'enabled' must be true or false"},
    {RULE_FULL "    require: x\n    message: \"\"\n", 7, 5,
     "duplicate key 'message' (first at line 5)"},
    {RULE_HEAD "    severity: info\n    message: ''\n    require: x\n", 5, 14,
     "'message' must not be empty"},
    {RULE_HEAD "    severity: info\n    message: 12\n    require: x\n", 5, 14,
     "'message' must be a string"},
    {RULE_FULL "    require: x\n    scope: 'section:'\n", 7, 12,
     "'scope' must be document, title, headings, paragraphs, signature or "
     "section:<key>"},
    {RULE_FULL "    require: x\n    when: {year_min: 2030, year_max: 2021}\n",
     7, 22, "'year_min' is greater than 'year_max'"},
    {RULE_FULL "    require: x\n    when: {year: 2030}\n", 7, 12,
     "unknown key 'year' in 'when' of rule 'a.b' (allowed: year_min, "
     "year_max)"},
    {RULE_FULL "    require: x\n    examples: {bad: [1]}\n", 7, 22,
     "'bad' must be a string or a list of strings"},
    {RULE_OF("sequence") "    target: lists\n", 6, 13,
     "'target' must be one of headings, enumerations, all"},
    {RULE_OF("metric") "    check: sum\n", 2, 5,
     "rule 'a.b' has no 'pattern' (needed by check 'sum')"},
    {RULE_OF("metric") "    check: sum\n    pattern: '(?<total>\\d+)'\n", 7, 14,
     "rule 'a.b': 'pattern' has no named group 'parts' (write "
     "(?<parts>...))"},
    {RULE_OF("metric") "    check: range\n", 2, 5,
     "rule 'a.b' has no 'min' or 'max' (needed by check 'range')"},
    {RULE_OF("metric") "    check: range\n    min: ten\n", 7, 10,
     "'min' must be a number"},
    {RULE_OF("metric") "    check: range\n    min: 5\n    max: 1\n", 7, 10,
     "'min' is greater than 'max'"},
    {RULE_OF("metric") "    check: share\n    relation: lt\n", 7, 15,
     "'relation' must be one of eq, le"},
    {RULE_OF("date") "    check: deadline\n", 2, 5,
     "rule 'a.b' has no 'deadline' (needed by check 'deadline')"},
    {RULE_OF("date") "    check: deadline\n    deadline: 1-03-31\n", 7, 15,
     "'deadline' must look like +1-03-31 (sign and years, month 01-12, day "
     "01-31 or end)"},
    {RULE_OF("date") "    check: deadline\n    deadline: +1-13-01\n", 7, 15,
     "'deadline' must look like +1-03-31 (sign and years, month 01-12, day "
     "01-31 or end)"},
    {RULE_OF("date") "    check: deadline\n    deadline: +1-04-31\n", 7, 15,
     "'deadline': month 04 has no day 31"},
    {RULE_OF("date") "    check: cutoff\n", 2, 5,
     "rule 'a.b' has no 'cutoff' (needed by check 'cutoff')"},
    {RULE_OF("date") "    check: later\n", 6, 12,
     "'check' must be one of deadline, premature, cutoff, year-mismatch, published"},
    {"ruleset:\n  name: x\n  colour: red\n", 3, 3,
     "unknown key 'colour' in 'ruleset' (allowed: name, version, report_type, "
     "regulation, docs, detect, detect_content, fallback)"},
    {"ruleset:\n  detect: '(?<'\n", 2, 11,
     "bad pattern in 'detect': subpattern name expected at offset 3"},
    {"ruleset:\n  version: [1]\n", 2, 12,
     "'version' must be a string or a number"},
    {"rule:\n  - id: a.b\n", 1, 1,
     "unknown top-level key 'rule' (allowed: ruleset, rules, metrics)"},
    {"rules:\n  id: a.b\n", 2, 3, "'rules' must be a list of rules"},
    {"rules:\n  - a.b\n", 2, 5, "each rule must be a mapping"},
    {"- a\n", 1, 1,
     "a rule file must be a mapping with 'ruleset', 'rules' and/or "
     "'metrics'"},
    {"metrics:\n  id: a.b\n", 2, 3, "'metrics' must be a list of metrics"},
    {"metrics:\n  - a.b\n", 2, 5, "each metric must be a mapping"},
    {"metrics:\n  - label: x\n    pattern: '(?<value>\\d+)'\n", 2, 5,
     "metric has no 'id'"},
    {"metrics:\n  - id: Cases\n", 2, 9,
     "metric id must be dotted lower-case words (e.g. review.cases)"},
    {"metrics:\n  - id: a.b\n    label: x\n", 2, 5,
     "metric 'a.b' needs 'label' and one of 'pattern' and 'table'"},
    {"metrics:\n  - id: a.b\n    label: x\n    pattern: '\\d+件'\n", 4, 14,
     "metric 'a.b': 'pattern' needs a named group (?<value>...) around the "
     "number"},
    {"metrics:\n  - id: a.b\n    label: x\n    pattern: '(?<value>'\n", 4,
     14, "bad pattern in 'pattern': missing closing parenthesis at offset 9"},
    {"metrics:\n  - id: a.b\n    label: x\n    colour: red\n", 4, 5,
     "unknown key 'colour' in 'metric' (allowed: id, label, pattern, table, "
     "unit, description, examples)"},
    {"metrics:\n  - id: a.b\n    label: x\n    pattern: '(?<value>1)'\n"
     "  - id: a.b\n    label: y\n    pattern: '(?<value>2)'\n",
     5, 9, "duplicate metric id 'a.b' (first defined at @:2)"},
    {"metrics:\n  - id: a.b\n    label: x\n    pattern: '(?<value>1)'\n"
     "    examples: [{text: t}]\n",
     5, 16,
     "a metric example needs 'text' and 'value' (null: the figure is not "
     "stated)"},
    {"metrics:\n  - id: a.b\n    label: x\n    pattern: '(?<value>1)'\n"
     "    examples: [{text: t, value: many}]\n",
     5, 33, "'value' must be a number"},
    // Message variables: those the type fills and its patterns' groups.
    {"rules:\n  - id: a.b\n    type: metric\n    severity: info\n"
     "    message: 值{vaule}超出\n    check: range\n    min: 1\n",
     5, 14,
     "unknown message variable '{vaule}' for a metric rule; known: label, "
     "value, unit, min, max, total, sum, expr, parts, key, previous, part, "
     "whole, rate, computed"},
    {RULE_HEAD "    severity: info\n    message: '{what}{who}'\n"
               "    forbid: '(?<what>x)'\n",
     5, 14,
     "unknown message variable '{who}' for a pattern rule; known: other, "
     "the groups of its patterns"},
    {RULE_HEAD "    severity: info\n    message: '“{0}”'\n    require: x\n", 5,
     14, "unknown message variable '{0}' for a pattern rule; known: other"},
    {RULE_OF("section") "    key: k\n    headings: h\n"
                        "    fallback_message: '{kee}'\n",
     8, 23, "unknown message variable '{kee}' for a section rule; known: key"},
    {"rules:\n  - id: a.b\n    type: section-order\n    severity: info\n"
     "    message: '{heading} {before}'\n",
     5, 14,
     "unknown message variable '{before}' for a section-order rule; known: "
     "key, heading, after_key, after"},
    {RULE_OF("table") "    select: x\n    cols: {a: a, b: b}\n"
                      "    assert:\n      - {eq: [a, b], message: '{cow}'}\n",
     9, 31,
     "unknown message variable '{cow}' for a table rule; known: expected, "
     "actual, quoted, row, col, parts"},
    {RULE_OF("table") "    select: x\n    cols: {a: a, b: b}\n"
                      "    missing_message: '{expect}'\n"
                      "    assert: [{eq: [a, b]}]\n",
     8, 22,
     "unknown message variable '{expect}' for a table rule; known: expected, "
     "actual, quoted, row, col, parts"},
    {RULE_FULL "    forbid: [{pattern: a, when: {year_min: 1}, year_max: 2}]\n",
     6, 58, "an item has 'when' or 'year_min'/'year_max', not both"},
    {RULE_FULL "    forbid: [{pattern: a, when: {year: 1}}]\n", 6, 34,
     "unknown key 'year' in 'when' of rule 'a.b' (allowed: year_min, "
     "year_max)"},
    {RULE_FULL "    forbid: [{pattern: a, years: 1}]\n", 6, 27,
     "unknown key 'years' in an item of 'forbid' (allowed: pattern, when, "
     "ext)"},
    {RULE_OF("section-order") "    order: [x]\n", 6, 13,
     "rule 'a.b': 'order' names parts by the key of a section rule defined "
     "before it; no section rule has the key 'x'"},
    {RULE_OF("section-order") "    order: 3\n", 6, 12,
     "'order' must be a non-empty list of section keys"},
    {RULE_OF("section-length") "    min_chars: 80\n", 6, 16,
     "'min_chars' must be a mapping of section keys to counts"},
    {TABLE_HEAD "      - {check: sums, keys: [a]}\n", 10, 17,
     "an assertion's 'check' must be one of sum, eq, le, filled, "
     "nonnegative, integer, zeros, readable, present, labels, split, "
     "text-table"},
    {TABLE_HEAD "      - {check: sum, keys: [a, b]}\n", 10, 9,
     "check sum needs 'equals'"},
    {TABLE_HEAD "      - {check: eq, keys: [a, b, c]}\n", 10, 27,
     "'keys' of check eq must be [a, b]"},
    {TABLE_HEAD "      - {check: readable, except: x}\n", 10, 27,
     "unknown key 'except' in 'assert' of rule 't.t' (allowed: check, "
     "message)"},
    {TABLE_HEAD "      - {check: present}\n", 10, 9,
     "check present needs 'heading'"},
    {RULE_OF("sequence") "    repeats: true\n", 2, 5,
     "rule 'a.b' has no 'check'"},
    {RULE_OF("sequence") "    check: all\n    target: all\n", 7, 5,
     "'target' is the old spelling of 'check': give 'check' only"},
    {RULE_OF("sequence") "    check: lists\n", 6, 12,
     "'check' must be one of headings, enumerations, all"},
    {"rules:\n  - &r {id: a.b}\n", 2, 5,
     "anchors and aliases are not supported"},
    {"rules: [\n", 2, 1,
     "did not find expected node content (while parsing a flow node at line "
     "2)"},
};

// Writes text as name in a fresh temp dir; returns the dir (free()).
static char *temp_dir_with(const char *name, const char *text) {
  char *dir = strdup("/tmp/rules-load-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(dir));
  char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  ck_assert_ptr_nonnull(f);
  fputs(text, f);
  fclose(f);
  return dir;
}

static void remove_dir(char *dir) {
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  ck_assert_int_eq(system(cmd), 0);
  free(dir);
}

START_TEST(test_bad_case) {
  const bad_case *c = &bad_cases[_i];
  char *dir = temp_dir_with("r.yaml", c->text);
  rl_ruleset *rs = (rl_ruleset *)1;
  rl_diag d;
  diag_clear(&d);
  ck_assert_int_eq(rules_load_dir(dir, &rs, &d), -1);
  ck_assert_ptr_null(rs);
  char path[256];
  snprintf(path, sizeof path, "%s/r.yaml", dir);
  ck_assert_int_eq(d.kind, DIAG_RULES);
  ck_assert_str_eq(d.file, path);
  // '@' in an expected message stands for the file's path.
  char want[512];
  const char *at = strchr(c->msg, '@');
  if (at)
    snprintf(want, sizeof want, "%.*s%s%s", (int)(at - c->msg), c->msg, path,
             at + 1);
  else
    snprintf(want, sizeof want, "%s", c->msg);
  ck_assert_str_eq(d.msg, want);
  ck_assert_msg(d.line == c->line && d.col == c->col,
                "case %d: at %d:%d, expected %d:%d", _i, d.line, d.col, c->line,
                c->col);
  remove_dir(dir);
}
END_TEST

START_TEST(test_duplicate_id_across_files) {
  char *dir = temp_dir_with("a.yaml", RULE_FULL "    forbid: x\n");
  char path[256];
  snprintf(path, sizeof path, "%s/b.yml", dir);
  FILE *f = fopen(path, "w");
  fputs("rules:\n  - type: section-order\n    id: a.b\n"
        "    severity: info\n    message: m\n",
        f);
  fclose(f);
  rl_ruleset *rs = NULL;
  rl_diag d;
  ck_assert_int_eq(rules_load_dir(dir, &rs, &d), -1);
  char want[600];
  snprintf(want, sizeof want,
           "duplicate rule id 'a.b' (first defined at "
           "%s/a.yaml:2)",
           dir);
  ck_assert_str_eq(d.file, path);
  ck_assert_str_eq(d.msg, want);
  ck_assert_int_eq(d.line, 3);
  ck_assert_int_eq(d.col, 9);
  remove_dir(dir);
}
END_TEST

START_TEST(test_second_header) {
  char *dir = temp_dir_with("a.yaml", "ruleset:\n  name: x\n");
  char path[256];
  snprintf(path, sizeof path, "%s/b.yaml", dir);
  FILE *f = fopen(path, "w");
  fputs("ruleset:\n  name: x\n  version: '0'\n", f);
  fclose(f);
  rl_ruleset *rs = NULL;
  rl_diag d;
  // An identical second header is accepted, but there are no rules: fine.
  ck_assert_int_eq(rules_load_dir(dir, &rs, &d), 0);
  ck_assert_str_eq(rs->name, "x");
  ck_assert_str_eq(rs->version, "0");
  ck_assert_int_eq(rs->nrules, 0);
  rules_free(rs);
  f = fopen(path, "w");
  fputs("ruleset:\n  name: y\n", f);
  fclose(f);
  ck_assert_int_eq(rules_load_dir(dir, &rs, &d), -1);
  ck_assert_str_eq(d.file, path);
  ck_assert_str_eq(d.msg, "a rule set has one 'ruleset' header; this one "
                          "differs from the first in 'name'");
  ck_assert_int_eq(d.line, 2);
  ck_assert_int_eq(d.col, 3);
  remove_dir(dir);
}
END_TEST

START_TEST(test_key_metrics) {
  rl_ruleset *rs = load_good();
  ck_assert_int_eq(rs->nmetrics, 2);
  ck_assert_int_eq(rules_find_metric(rs, "appearance.rate"), 1);
  ck_assert_int_eq(rules_find_metric(rs, "nope.nope"), -1);
  const key_metric *m = &rs->metrics[0];
  ck_assert_str_eq(m->id, "review.cases");
  ck_assert_str_eq(m->label, "行政复议案件数");
  ck_assert_str_eq(m->unit, "件");
  ck_assert_str_eq(m->description, "全年行政复议案件数。");
  ck_assert_int_eq(regex_group_number(m->pattern, "value"), 1);
  ck_assert_int_eq(m->nexamples, 2);
  ck_assert_str_eq(m->examples[0].text, "办理行政复议案件12件。");
  ck_assert_int_eq(m->examples[0].has_value, 1);
  ck_assert(m->examples[0].value == 12);
  ck_assert_int_eq(m->examples[1].has_value, 0);
  ck_assert_str_eq(m->file, GOOD_DIR "/60-metrics.yaml");
  ck_assert_int_eq(m->line, 3);
  m = &rs->metrics[1];
  ck_assert_ptr_null(m->unit);
  ck_assert_ptr_null(m->description);
  ck_assert_int_eq(m->nexamples, 0);
  rules_free(rs);
}
END_TEST

START_TEST(test_dir_errors) {
  rl_ruleset *rs = NULL;
  rl_diag d;
  ck_assert_int_eq(rules_load_dir("/nonexistent/rules", &rs, &d), -1);
  ck_assert_str_eq(d.file, "/nonexistent/rules");
  ck_assert_str_eq(d.msg,
                   "cannot open rule directory: No such file or directory");
  ck_assert_int_eq(d.line, 0);
  char *dir = temp_dir_with("notes.txt", "rules: []\n");
  ck_assert_int_eq(rules_load_dir(dir, &rs, &d), -1);
  ck_assert_str_eq(d.file, dir);
  ck_assert_str_eq(d.msg, "no *.yaml rule files");
  remove_dir(dir);
}
END_TEST

// Defaults: name from the directory, version "0"; an empty file is fine.
START_TEST(test_defaults) {
  char *dir = temp_dir_with("empty.yaml", "");
  char *slash = malloc(strlen(dir) + 2);
  sprintf(slash, "%s/", dir);
  rl_ruleset *rs = NULL;
  rl_diag d;
  ck_assert_int_eq(rules_load_dir(slash, &rs, &d), 0);
  ck_assert_str_eq(rs->name, strrchr(dir, '/') + 1);
  ck_assert_str_eq(rs->version, "0");
  ck_assert_ptr_null(rs->detect);
  ck_assert_int_eq(rs->nrules, 0);
  rules_free(rs);
  free(slash);
  remove_dir(dir);
  rules_free(NULL);
}
END_TEST

// The checked-in bad fixtures (also used by the schema test) fail too.
START_TEST(test_bad_fixtures) {
  static const struct {
    const char *file;
    int line, col;
    const char *msg;
  } cases[] = {
      {"unknown-key.yaml", 8, 5,
       "unknown key 'pattern' in rule 'pattern.typo' (allowed: id, type, "
       "severity, message, scope, description, regulation, enabled, when, "
       "examples, forbid, require, unless, also, cut)"},
      {"bad-severity.yaml", 4, 15,
       "'severity' must be one of error, warning, info"},
      {"missing-headings.yaml", 2, 5,
       "rule 'section.measures' has no 'headings'"},
      {"bad-deadline.yaml", 7, 15,
       "'deadline' must look like +1-03-31 (sign and years, month 01-12, day "
       "01-31 or end)"},
      {"other-type-key.yaml", 8, 5,
       "unknown key 'forbid' in rule 'date.premature' (allowed: id, type, "
       "severity, message, scope, description, regulation, enabled, when, "
       "examples, check, deadline, cutoff, department, issuer, plans, measures, action)"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    rl_ruleset rs;
    memset(&rs, 0, sizeof rs);
    rl_diag d;
    char path[256];
    snprintf(path, sizeof path, BAD_DIR "/%s", cases[i].file);
    ck_assert_int_eq(rules_load_file(&rs, path, &d), -1);
    ck_assert_str_eq(d.file, path);
    ck_assert_str_eq(d.msg, cases[i].msg);
    ck_assert_int_eq(d.line, cases[i].line);
    ck_assert_int_eq(d.col, cases[i].col);
    ck_assert_int_eq(rs.nrules, 0);
    free(rs.rules);
  }
}
END_TEST

// A failing file leaves the rules of earlier files in place.
START_TEST(test_load_file_rollback) {
  char *dir =
      temp_dir_with("a.yaml", RULE_FULL "    forbid: x\n"
                                        "  - id: c.d\n    type: date\n");
  char path[256];
  snprintf(path, sizeof path, "%s/a.yaml", dir);
  rl_ruleset *rs = NULL;
  rl_diag d;
  ck_assert_int_eq(rules_load_dir(GOOD_DIR, &rs, &d), 0);
  int before = rs->nrules;
  ck_assert_int_eq(rules_load_file(rs, path, &d), -1);
  ck_assert_str_eq(d.msg, "rule 'c.d' has no 'severity'");
  ck_assert_int_eq(rs->nrules, before);
  ck_assert_int_eq(rules_find(rs, "a.b"), -1);
  rules_free(rs);
  remove_dir(dir);
}
END_TEST

// Loads text as one rule file; returns the set (rules_free()).
static rl_ruleset *load_text(const char *text) {
  char *dir = temp_dir_with("r.yaml", text);
  rl_ruleset *rs = NULL;
  rl_diag d;
  diag_clear(&d);
  int rc = rules_load_dir(dir, &rs, &d);
  ck_assert_msg(rc == 0, "%d:%d: %s", d.line, d.col, d.msg);
  remove_dir(dir);
  return rs;
}

// A forbid item's years: when: {year_min, year_max}, or the old spelling
// beside the pattern, which loads the same with a note at the key.
START_TEST(test_forbid_item_years) {
  rl_ruleset *rs =
      load_text(RULE_FULL "    forbid:\n"
                          "      - pattern: a\n"
                          "        when: {year_min: 2021}\n"
                          "      - {pattern: b, when: {year_max: 2020}}\n");
  const regex_list *l = &rs->rules[0].u.pattern.forbid;
  ck_assert_int_eq(l->n, 2);
  ck_assert_int_eq(l->year_min[0], 2021);
  ck_assert_int_eq(l->year_max[0], 0);
  ck_assert_int_eq(l->year_max[1], 2020);
  ck_assert_int_eq(rs->nnotes, 0);
  rules_free(rs);
  rs = load_text(RULE_FULL "    forbid:\n"
                           "      - pattern: a\n"
                           "        year_min: 2021\n"
                           "      - {pattern: b, year_max: 2020}\n");
  l = &rs->rules[0].u.pattern.forbid;
  ck_assert_int_eq(l->year_min[0], 2021);
  ck_assert_int_eq(l->year_max[1], 2020);
  ck_assert_int_eq(rs->nnotes, 2);
  ck_assert_int_eq(rs->notes[0].line, 8);
  ck_assert_int_eq(rs->notes[0].col, 9);
  ck_assert_str_eq(rs->notes[1].msg,
                   "'year_max' beside 'pattern' is deprecated: write "
                   "when: {year_min: ..., year_max: ...}");
  rules_free(rs);
}
END_TEST

// The order and the thresholds belong to the rules that check them; a
// section rule's own order and min_chars still load, with a note each.
START_TEST(test_section_parts) {
  rl_ruleset *rs = load_text(
      "rules:\n"
      "  - {id: s.a, type: section, severity: info, message: m, key: a, "
      "headings: a}\n"
      "  - {id: s.b, type: section, severity: info, message: m, key: b, "
      "headings: b, order: 2}\n"
      "  - {id: s.order, type: section-order, severity: info, message: m, "
      "order: [a, [b]]}\n"
      "  - {id: s.len, type: section-length, severity: info, message: m, "
      "min_chars: {b: 80}}\n");
  const rule_parts *o = &rs->rules[2].u.parts;
  ck_assert_int_eq(o->n, 2);
  ck_assert_str_eq(o->keys[1], "b");
  ck_assert_int_eq(o->values[0], 1);
  ck_assert_int_eq(o->values[1], 2);
  const rule_parts *l = &rs->rules[3].u.parts;
  ck_assert_int_eq(l->n, 1);
  ck_assert_int_eq(l->values[0], 80);
  ck_assert_int_eq(rs->nnotes, 1);
  ck_assert_int_eq(rs->notes[0].line, 3);
  ck_assert_int_eq(rs->notes[0].col, 79);
  ck_assert_str_eq(rs->notes[0].msg,
                   "'order' of a section rule is deprecated: list the part's "
                   "key in the section-order rule's 'order'");
  rules_free(rs);
}
END_TEST

static const char old_asserts[] =
    TABLE_HEAD "      - {sum: [a, b], equals: c}\n"
               "      - {eq: [x, y], message: '{row}'}\n"
               "      - {le: [a, b], along: rows}\n"
               "      - {filled: [x]}\n"
               "      - {nonnegative: true, except: 增减}\n"
               "      - {integer: true}\n"
               "      - {zeros: true, except: 总计}\n"
               "      - {readable: true}\n"
               "      - {present: 申请情况}\n"
               "      - {labels: [1.甲, 2.乙]}\n"
               "      - {split: c}\n"
               "      - {relation: text-table, text: '(?<value>\\d+)件', "
               "cells: [[a, x], [b, x]], share_of: [c, x]}\n"
               "      - {relation: text-table, text: 均获维持, value: 0, "
               "cell: [a, y]}\n";

static const char new_asserts[] =
    TABLE_HEAD "      - {check: sum, keys: [a, b], equals: c}\n"
               "      - {check: eq, keys: [x, y], message: '{row}'}\n"
               "      - {check: le, keys: [a, b], along: rows}\n"
               "      - {check: filled, keys: [x]}\n"
               "      - {check: nonnegative, except: 增减}\n"
               "      - {check: integer}\n"
               "      - {check: zeros, except: 总计}\n"
               "      - {check: readable}\n"
               "      - {check: present, heading: 申请情况}\n"
               "      - {check: labels, labels: [1.甲, 2.乙]}\n"
               "      - {check: split, row: c}\n"
               "      - {check: text-table, text: '(?<value>\\d+)件', "
               "cells: [[a, x], [b, x]], share_of: [c, x]}\n"
               "      - {check: text-table, text: 均获维持, value: 0, "
               "cell: [a, y]}\n";

static void same_ints(const int *a, const int *b, int n) {
  for (int i = 0; i < n; i++)
    ck_assert_int_eq(a[i], b[i]);
}

static void same_regex(const regex *a, const regex *b) {
  ck_assert_int_eq(a == NULL, b == NULL);
  if (a)
    ck_assert_str_eq(regex_source(a), regex_source(b));
}

static void same_assert(const table_assert *a, const table_assert *b) {
  ck_assert_int_eq(a->check, b->check);
  ck_assert_int_eq(a->along_cols, b->along_cols);
  ck_assert_int_eq(a->nparts, b->nparts);
  same_ints(a->parts, b->parts, a->nparts);
  ck_assert_int_eq(a->ntotals, b->ntotals);
  same_ints(a->totals, b->totals, a->ntotals);
  ck_assert_int_eq(a->message == NULL, b->message == NULL);
  same_regex(a->except, b->except);
  same_regex(a->text, b->text);
  ck_assert_int_eq(a->ncells, b->ncells);
  same_ints(a->cell_rows, b->cell_rows, a->ncells);
  same_ints(a->cell_cols, b->cell_cols, a->ncells);
  ck_assert_int_eq(a->share_row, b->share_row);
  ck_assert_int_eq(a->share_col, b->share_col);
  ck_assert_int_eq(a->has_value, b->has_value);
  ck_assert(a->value == b->value);
  ck_assert_int_eq(a->nlabels, b->nlabels);
  for (int i = 0; i < a->nlabels; i++)
    ck_assert_str_eq(a->labels[i], b->labels[i]);
}

// Every assertion reads the same in both spellings; the old one (a key
// naming the check and holding its operands) leaves a note each.
START_TEST(test_table_assert_spellings) {
  rl_ruleset *old = load_text(old_asserts);
  rl_ruleset *cur = load_text(new_asserts);
  const rule_table *a = &old->rules[0].u.table, *b = &cur->rules[0].u.table;
  ck_assert_int_eq(a->nasserts, 13);
  ck_assert_int_eq(b->nasserts, 13);
  for (int i = 0; i < a->nasserts; i++)
    same_assert(&a->asserts[i], &b->asserts[i]);
  ck_assert_int_eq(cur->nnotes, 0);
  ck_assert_int_eq(old->nnotes, 13);
  ck_assert_int_eq(old->notes[0].line, 10);
  ck_assert_int_eq(old->notes[0].col, 9);
  ck_assert_str_eq(old->notes[11].msg,
                   "this spelling of a table assertion is deprecated: "
                   "write {check: text-table, ...}");
  rules_free(old);
  rules_free(cur);
}
END_TEST

START_TEST(test_yaml_to_json) {
  char *dir = temp_dir_with("j.yaml", "a: 1\n"
                                      "b: '1'\n"
                                      "c: yes\n"
                                      "d: no\n"
                                      "e: ~\n"
                                      "f: -2.5e3\n"
                                      "g: [x, \"true\", null, ]\n"
                                      "h: +1-03-31\n"
                                      "i: 1.2.3\n"
                                      "j:\n");
  char path[256];
  snprintf(path, sizeof path, "%s/j.yaml", dir);
  rl_diag d;
  char *json = rules_yaml_to_json(path, &d);
  ck_assert_ptr_nonnull(json);
  // Compare without layout.
  char flat[512];
  size_t n = 0;
  for (const char *p = json; *p && n + 1 < sizeof flat; p++)
    if (*p != ' ' && *p != '\n' && *p != '\t')
      flat[n++] = *p;
  flat[n] = '\0';
  ck_assert_str_eq(flat, "{\"a\":1,\"b\":\"1\",\"c\":true,\"d\":false,"
                         "\"e\":null,\"f\":-2500,\"g\":[\"x\",\"true\",null],"
                         "\"h\":\"+1-03-31\",\"i\":\"1.2.3\",\"j\":null}");
  free(json);
  remove_dir(dir);
  ck_assert_ptr_null(rules_yaml_to_json("/nonexistent.yaml", &d));
  ck_assert_str_eq(d.msg, "cannot open: No such file or directory");
}
END_TEST

Suite *rules_load_suite(void) {
  Suite *s = suite_create("rules_load");
  TCase *tc = tcase_create("good");
  tcase_add_test(tc, test_header);
  tcase_add_test(tc, test_section);
  tcase_add_test(tc, test_pattern_sequence);
  tcase_add_test(tc, test_metric_date);
  tcase_add_test(tc, test_names);
  tcase_add_test(tc, test_defaults);
  tcase_add_test(tc, test_key_metrics);
  tcase_add_test(tc, test_yaml_to_json);
  suite_add_tcase(s, tc);
  tc = tcase_create("bad");
  tcase_add_loop_test(tc, test_bad_case, 0,
                      (int)(sizeof bad_cases / sizeof *bad_cases));
  tcase_add_test(tc, test_duplicate_id_across_files);
  tcase_add_test(tc, test_second_header);
  tcase_add_test(tc, test_dir_errors);
  tcase_add_test(tc, test_bad_fixtures);
  tcase_add_test(tc, test_load_file_rollback);
  tcase_add_test(tc, test_forbid_item_years);
  tcase_add_test(tc, test_section_parts);
  tcase_add_test(tc, test_table_assert_spellings);
  suite_add_tcase(s, tc);
  return s;
}
