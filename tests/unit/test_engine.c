/* Unit tests for the engine: what only the library API shows. The rule
 * types end to end (rule id, severity, message, positions, excerpt of each
 * finding) are the .case files of tests/cases/engine, run through the binary by
 * tests/cases.py; here are what a checked report tells an audit (its
 * parts, its key metrics), context clones, and doc_check() over the
 * document model of every report in those cases, which the binary never
 * calls. Each test writes a tiny rule directory (mkdtemp, one YAML file,
 * gone again right after loading) and checks a small report text. */
#include "report.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// Declared for -Wmissing-prototypes; the runner finds the definition below.
extern Suite *engine_suite(void);

#define TITLE "某区2024年度法治政府建设情况报告\n"

/* One rule directory, its context and the last checked report. */
typedef struct lint {
  char dir[32];
  rl_ctx *ctx;
  rl_report *r;
  rl_diag diag;
  int rc;
} lint;

static void lint_load(lint *t, const char *yaml, const rl_options *opts) {
  memset(t, 0, sizeof *t);
  snprintf(t->dir, sizeof t->dir, "/tmp/rl-engine-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(t->dir));
  char path[64];
  snprintf(path, sizeof path, "%s/rules.yaml", t->dir);
  FILE *f = fopen(path, "w");
  ck_assert_ptr_nonnull(f);
  fputs(yaml, f);
  fclose(f);
  t->ctx = rl_ctx_new(opts);
  diag_clear(&t->diag);
  int rc = rl_ctx_load_rules(t->ctx, t->dir, &t->diag);
  remove(path);
  rmdir(t->dir);
  ck_assert_msg(rc == 0, "%s:%d:%d: %s", t->diag.file, t->diag.line,
                t->diag.col, t->diag.msg);
}

/* Checks text with the loaded rules; replaces the previous report. */
static void lint_check(lint *t, const char *text) {
  rl_report_free(t->r);
  diag_clear(&t->diag);
  t->r = rl_report_from_text(t->ctx, "t.txt", text, strlen(text), &t->diag);
  ck_assert_ptr_nonnull(t->r);
  ck_assert_int_eq(doc_check(&t->r->d), 0);
  t->rc = rl_report_check(t->ctx, t->r, &t->diag);
}

static void lint_run(lint *t, const char *yaml, const char *text) {
  lint_load(t, yaml, NULL);
  lint_check(t, text);
  ck_assert_msg(t->rc == 0, "check failed: %s", t->diag.msg);
}

static void lint_done(lint *t) {
  rl_report_free(t->r);
  rl_ctx_free(t->ctx);
}

/* All findings, one a line, for failure messages. */
static const char *dump(const lint *t) {
  static char buf[8192];
  size_t n = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < t->r->findings.n && n < sizeof buf - 1; i++) {
    const finding *f = &t->r->findings.v[i];
    int k = snprintf(buf + n, sizeof buf - n, "\n  %d:%d-%d:%d %s [%s] %s",
                     f->line, f->col, f->end_line, f->end_col,
                     rules_severity_name(f->severity), f->rule_id, f->message);
    if (k < 0)
      break;
    n += (size_t)k;
  }
  return buf;
}

static void expect_count(const lint *t, size_t n) {
  ck_assert_msg(t->r->findings.n == n, "want %zu findings, got %zu:%s", n,
                t->r->findings.n, dump(t));
}

#define MEASURES_YAML                                                          \
  "rules:\n"                                                                   \
  "  - id: section.measures\n"                                                 \
  "    type: section\n"                                                        \
  "    severity: error\n"                                                      \
  "    key: measures\n"                                                        \
  "    message: '缺少“{key}”部分'\n"                                   \
  "    headings: 主要举措\n"                                               \
  "    fallback: '主要举措是(\\S{2})'\n"                                  \
  "    fallback_severity: info\n"                                              \
  "    fallback_message: '正文提到“{0}”（{1}），但“{key}”没有单独标题'\n"

/* --- what a checked report tells an audit: parts, key metrics, clones -- */

#define AUDIT_YAML                                                             \
  MEASURES_YAML                                                                \
  "metrics:\n"                                                                 \
  "  - id: review.cases\n"                                                     \
  "    label: 行政复议案件数\n"                                                \
  "    pattern: '复议案件(?<value>\\S{1,8}?)件|(?<zero>复议案件为零)'\n"     \
  "  - id: lost.cases\n"                                                       \
  "    label: 败诉\n"                                                          \
  "    pattern: '败诉(?<value>\\d+)件|(?<zero>零败诉)'\n"

START_TEST(report_parts) {
  lint t;
  lint_run(&t, AUDIT_YAML, TITLE "一、主要举措和成效\n全年办理行政复议案件12件。\n");
  ck_assert_ptr_eq(rl_report_ruleset(t.r), rl_ctx_ruleset(t.ctx, 0));
  ck_assert_int_eq(rl_report_part(t.r, "measures"), RL_PART_HEADING);
  ck_assert_int_eq(rl_report_part(t.r, "plans"), -1);
  lint_check(&t, TITLE "一、工作概况\n本区主要举措是强化执法，成效明显。\n");
  ck_assert_int_eq(rl_report_part(t.r, "measures"), RL_PART_BODY);
  lint_check(&t, TITLE "一、存在的不足\n还有差距。\n");
  ck_assert_int_eq(rl_report_part(t.r, "measures"), RL_PART_MISSING);
  // A switched-off rule still finds its part (scopes need it).
  rl_diag d;
  ck_assert_int_eq(rl_ctx_set_rule(t.ctx, "section.measures", 0, &d), 0);
  lint_check(&t, TITLE "一、主要举措和成效\n全年办理行政复议案件12件。\n");
  expect_count(&t, 0);
  ck_assert_int_eq(rl_report_part(t.r, "measures"), RL_PART_HEADING);
  lint_done(&t);
}
END_TEST

/* Metric i of t's report: its value, or -1 when absent. */
static double metric(lint *t, int i, rl_metric_value *v) {
  rl_diag d;
  int rc = rl_report_metric(t->ctx, t->r, i, v, &d);
  ck_assert_int_ge(rc, 0);
  return rc ? v->value : -1;
}

START_TEST(report_metrics) {
  lint t;
  rl_metric_value v;
  lint_run(&t, AUDIT_YAML,
           TITLE "全年办理行政复议案件1.2万件，另有复议案件3件。\n"
                 "行政诉讼零败诉。二是败诉2件。\n");
  // The scanner's quantity: 万 applied, its unit as written.
  ck_assert(metric(&t, 0, &v) == 12000);
  ck_assert_str_eq(v.unit, "件");
  ck_assert_str_eq(v.text, "复议案件1.2万件");
  // A stated count beats an earlier "zero" claim.
  ck_assert(metric(&t, 1, &v) == 2);
  ck_assert_str_eq(v.text, "败诉2件");
  lint_check(&t, TITLE "行政复议案件为零。行政诉讼实现零败诉。\n");
  ck_assert(metric(&t, 0, &v) == 0);
  ck_assert_str_eq(v.text, "复议案件为零");
  ck_assert(metric(&t, 1, &v) == 0);
  // A Chinese numeral without a unit the scanner knows is read afresh.
  lint_check(&t, TITLE "行政复议案件十二件。\n");
  ck_assert(metric(&t, 0, &v) == 12);
  // Absent is absent, not zero; the title is not searched.
  lint_check(&t, "某区复议案件5件2024年度法治政府建设情况报告\n没有数字。\n");
  ck_assert(metric(&t, 0, &v) == -1);
  ck_assert(metric(&t, 1, &v) == -1);
  rl_diag d;
  ck_assert_int_eq(rl_report_metric(t.ctx, t.r, 2, &v, &d), 0);
  lint_done(&t);
}
END_TEST

/* A clone checks like the original, with its own switches and counters,
 * and cannot load rules of its own. */
START_TEST(ctx_clone) {
  lint t;
  lint_run(&t, AUDIT_YAML, TITLE "一、存在的不足\n还有差距。\n");
  expect_count(&t, 1);
  rl_ctx *c = rl_ctx_clone(t.ctx);
  ck_assert_int_eq(rl_ctx_ruleset_count(c), 1);
  ck_assert_ptr_eq(rl_ctx_ruleset(c, 0), rl_ctx_ruleset(t.ctx, 0));
  rl_diag d;
  rl_report *r = rl_report_from_text(c, "c.txt", TITLE "一、存在的不足\n",
                                     strlen(TITLE "一、存在的不足\n"), &d);
  ck_assert_int_eq(rl_report_check(c, r, &d), 0);
  ck_assert_int_eq(rl_report_count(r, RL_SEV_ERROR), 1);
  ck_assert_uint_eq(rl_ctx_rule_hits(c, 0, 0), 0);
  ck_assert_int_eq(rl_ctx_set_rule(c, "section.", 0, &d), 0);
  ck_assert_int_eq(rl_ctx_rule_enabled(c, 0, 0), 0);
  ck_assert_int_eq(rl_ctx_rule_enabled(t.ctx, 0, 0), 1);
  ck_assert_int_eq(rl_ctx_load_rules(c, "rules", &d), -1);
  ck_assert_str_eq(d.msg, "rules: load them into the context that is cloned");
  rl_report_free(r);
  rl_ctx_free(c);
  lint_done(&t);
}
END_TEST

/* --- the document model of every report in tests/cases ----------------- */

#define CASES_DIR "tests/cases"

/* The report text of a `--- file NAME FLAGS` section: its lines, each
 * ended by \n (\r\n under crlf), the last one not under noeol
 * (tests/cases/README.md). */
static char *case_text(const char *body, size_t len, const char *flags) {
  const char *eol = strstr(flags, "crlf") ? "\r\n" : "\n";
  char *out = malloc(2 * len + 3);
  ck_assert_ptr_nonnull(out);
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    if (body[i] == '\n') {
      memcpy(out + n, eol, strlen(eol));
      n += strlen(eol);
    } else {
      out[n++] = body[i];
    }
  }
  if (strstr(flags, "noeol") && n > 0)
    n -= strlen(eol);
  out[n] = '\0';
  return out;
}

/* Builds the model of each .txt or .md file section of one .case file and
 * checks its invariants; returns how many reports it checked. */
static int check_case_reports(rl_ctx *ctx, const char *path) {
  FILE *f = fopen(path, "rb");
  ck_assert_ptr_nonnull(f);
  static char buf[1 << 16];
  size_t len = fread(buf, 1, sizeof buf - 1, f);
  ck_assert_msg(feof(f), "%s: larger than %zu bytes", path, sizeof buf);
  fclose(f);
  buf[len] = '\0';
  int n = 0;
  for (char *p = strstr(buf, "--- file "); p; p = strstr(p, "\n--- file ")) {
    p += p[0] == '\n';
    char *eol = strchr(p, '\n');
    if (!eol)
      break;
    char head[256];
    snprintf(head, sizeof head, "%.*s", (int)(eol - p - 9), p + 9);
    const char *body = eol + 1;
    const char *end = strstr(body, "\n--- ");
    size_t blen = end ? (size_t)(end - body) + 1 : strlen(body);
    char *sp = strchr(head, ' ');
    const char *flags = sp ? sp + 1 : "";
    if (sp)
      *sp = '\0';
    size_t hl = strlen(head);
    int report = (hl > 4 && strcmp(head + hl - 4, ".txt") == 0) ||
                 (hl > 3 && strcmp(head + hl - 3, ".md") == 0);
    if (report && !strstr(flags, "base64")) {
      char *text = case_text(body, blen, flags);
      rl_diag d;
      diag_clear(&d);
      rl_report *r = rl_report_from_text(ctx, head, text, strlen(text), &d);
      ck_assert_msg(r != NULL, "%s: %s: %s", path, head, d.msg);
      ck_assert_msg(doc_check(&r->d) == 0, "%s: %s: doc_check", path, head);
      rl_report_free(r);
      free(text);
      n++;
    }
    p = eol;
  }
  return n;
}

START_TEST(case_reports_doc_check) {
  rl_ctx *ctx = rl_ctx_new(NULL);
  DIR *top = opendir(CASES_DIR);
  ck_assert_ptr_nonnull(top);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(top)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/%s", CASES_DIR, e->d_name);
    DIR *sub = opendir(dir);
    if (!sub)
      continue;
    struct dirent *c;
    while ((c = readdir(sub)) != NULL) {
      size_t l = strlen(c->d_name);
      if (l < 6 || strcmp(c->d_name + l - 5, ".case") != 0)
        continue;
      char path[1024];
      snprintf(path, sizeof path, "%s/%s", dir, c->d_name);
      n += check_case_reports(ctx, path);
    }
    closedir(sub);
  }
  closedir(top);
  ck_assert_int_ge(n, 72); // the engine cases alone have 72
  rl_ctx_free(ctx);
}
END_TEST

Suite *engine_suite(void) {
  Suite *s = suite_create("engine");
  TCase *tc = tcase_create("audit");
  tcase_add_test(tc, report_parts);
  tcase_add_test(tc, report_metrics);
  tcase_add_test(tc, ctx_clone);
  suite_add_tcase(s, tc);

  tc = tcase_create("model");
  tcase_add_test(tc, case_reports_doc_check);
  suite_add_tcase(s, tc);
  return s;
}
