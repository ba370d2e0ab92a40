/* Unit tests for the audit: CSV fields as RFC 4180 quotes them, numbers
 * and shares as the summary prints them, the aggregation of records into
 * per-rule counts and totals, one report's record, and the thread pool:
 * records reach the sink in input order whatever the number of workers,
 * and a sink that stops the run stops it. */
#include "audit.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Declared for -Wmissing-prototypes; the runner finds the definition below.
extern Suite *audit_suite(void);

static char *csv(const char *s, int first) {
  static char buf[256];
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  audit_csv_field(&sb, s, first);
  snprintf(buf, sizeof buf, "%s", sb.p);
  strbuf_release(&sb);
  return buf;
}

START_TEST(csv_quoting) {
  ck_assert_str_eq(csv("plain", 1), "\"plain\"");
  ck_assert_str_eq(csv("plain", 0), ",\"plain\"");
  ck_assert_str_eq(csv("", 1), "\"\"");
  ck_assert_str_eq(csv(NULL, 1), "\"\"");
  // RFC 4180: quotes doubled; commas, CR and LF kept inside the quotes.
  ck_assert_str_eq(csv("say \"hi\"", 1), "\"say \"\"hi\"\"\"");
  ck_assert_str_eq(csv("a,b\r\nc", 1), "\"a,b\r\nc\"");
  ck_assert_str_eq(csv("香山街道，“零败诉”", 1), "\"香山街道，“零败诉”\"");
  // Text a spreadsheet would run as a formula is defused.
  ck_assert_str_eq(csv("=HYPERLINK(\"x\")", 1), "\"'=HYPERLINK(\"\"x\"\")\"");
  ck_assert_str_eq(csv("+1", 1), "\"'+1\"");
  ck_assert_str_eq(csv("-1", 1), "\"'-1\"");
  ck_assert_str_eq(csv("@SUM(A1)", 1), "\"'@SUM(A1)\"");
  ck_assert_str_eq(csv("a=b", 1), "\"a=b\"");
  ck_assert_str_eq(csv("-", 1), "\"-\""); /* stdin's name */
}
END_TEST

START_TEST(numbers_and_shares) {
  char buf[64];
  ck_assert_str_eq(audit_number(100, buf, sizeof buf), "100");
  ck_assert_str_eq(audit_number(98.8, buf, sizeof buf), "98.8");
  ck_assert_str_eq(audit_number(41000, buf, sizeof buf), "41000");
  ck_assert_str_eq(audit_number(0.125, buf, sizeof buf), "0.125");
  ck_assert_str_eq(audit_number(0, buf, sizeof buf), "0");
  ck_assert_str_eq(audit_number(-0.0, buf, sizeof buf), "0");
  ck_assert_str_eq(audit_number(1e20, buf, sizeof buf), "1e+20");
  ck_assert_str_eq(audit_share(1, 3, buf, sizeof buf), "33.3%");
  ck_assert_str_eq(audit_share(3, 3, buf, sizeof buf), "100.0%");
  ck_assert_str_eq(audit_share(0, 0, buf, sizeof buf), "");
}
END_TEST

static rl_ctx *fzzf(void) {
  rl_ctx *ctx = rl_ctx_new(NULL);
  rl_diag d;
  ck_assert_int_eq(rl_ctx_load_rules(ctx, "rules/fzzf", &d), 0);
  ck_assert_int_eq(rl_ctx_load_all(ctx, &d), 0); /* audit_init reads every set */
  return ctx;
}

static int part_col(const audit *a, const char *key) {
  for (int i = 0; i < a->nparts; i++)
    if (strcmp(a->parts[i].key, key) == 0)
      return i;
  ck_abort_msg("no part %s", key);
  return -1;
}

/* A checked record by hand: every part found, no findings. */
static audit_record *record(const audit *a) {
  audit_record *r = calloc(1, sizeof *r);
  r->file = strdup("r.txt");
  r->parts = malloc((size_t)a->nparts);
  memset(r->parts, RL_PART_HEADING, (size_t)a->nparts);
  r->rules = calloc(4, sizeof *r->rules);
  r->rule_sev = calloc(4, sizeof *r->rule_sev);
  r->time = AUDIT_TIME_ON;
  return r;
}

static void add_rule(audit_record *r, const char *id, rl_severity sev) {
  r->rules[r->nrules] = id;
  r->rule_sev[r->nrules++] = sev;
}

START_TEST(aggregation) {
  rl_ctx *ctx = fzzf();
  audit a;
  audit_init(&a, ctx, RL_SEV_ERROR);
  // Columns: the section rules' keys (and names), the metrics.
  ck_assert_int_eq(a.nparts, 5);
  ck_assert_str_eq(a.parts[part_col(&a, "measures")].name, "主要举措和成效");
  ck_assert_int_eq(a.parts[part_col(&a, "other")].required, 0);
  ck_assert_int_eq(a.parts[part_col(&a, "plans")].required, 1);
  ck_assert_int_eq(a.nmetrics, 8);
  ck_assert_str_eq(a.metrics[0].id, "litigation.appearance-rate");

  audit_record *r1 = record(&a), *r2 = record(&a), *r3 = record(&a),
               *r4 = record(&a);
  r1->failed = 1;
  r1->time = AUDIT_TIME_LATE;
  r1->parts[part_col(&a, "plans")] = RL_PART_MISSING;
  r1->parts[part_col(&a, "other")] = RL_PART_MISSING;
  add_rule(r1, "date.deadline", RL_SEV_ERROR);
  add_rule(r1, "section.plans", RL_SEV_ERROR);
  r2->parts[part_col(&a, "other")] = RL_PART_MISSING; /* not required */
  r2->time = AUDIT_TIME_UNKNOWN;
  add_rule(r2, "section.plans", RL_SEV_WARNING);
  add_rule(r2, "text.markup", RL_SEV_WARNING);
  add_rule(r3, "text.markup", RL_SEV_WARNING);
  r4->unreadable = 1;
  audit_add(&a, r1);
  audit_add(&a, r2);
  audit_add(&a, r3);
  audit_add(&a, r4);

  const audit_totals *t = &a.totals;
  ck_assert_uint_eq(t->reports, 4);
  ck_assert_uint_eq(t->checked, 3);
  ck_assert_uint_eq(t->unreadable, 1);
  ck_assert_uint_eq(t->passed, 2);
  ck_assert_uint_eq(t->failed, 1);
  ck_assert_uint_eq(t->late, 1);
  ck_assert_uint_eq(t->on_time, 1);
  ck_assert_uint_eq(t->unknown_time, 1);
  ck_assert_uint_eq(t->missing_any, 1);
  ck_assert_uint_eq(t->missing[part_col(&a, "plans")], 1);
  ck_assert_uint_eq(t->missing[part_col(&a, "other")], 2);

  // Worst first: most reports, then the worst severity seen, then id.
  const audit_rule **v = audit_rules_sorted(&a);
  ck_assert_uint_eq(a.nrules, 3);
  ck_assert_str_eq(v[0]->id, "section.plans");
  ck_assert_uint_eq(v[0]->reports, 2);
  ck_assert_int_eq(v[0]->severity, RL_SEV_ERROR);
  ck_assert_str_eq(v[1]->id, "text.markup");
  ck_assert_uint_eq(v[1]->reports, 2);
  ck_assert_int_eq(v[1]->severity, RL_SEV_WARNING);
  ck_assert_str_eq(v[2]->id, "date.deadline");
  free(v);

  audit_record_free(r1);
  audit_record_free(r2);
  audit_record_free(r3);
  audit_record_free(r4);
  audit_record_free(NULL);
  audit_release(&a);
  rl_ctx_free(ctx);
}
END_TEST

/* One report as a record: the fields the summary shows. */
START_TEST(one_record) {
  rl_ctx *ctx = fzzf();
  audit a;
  audit_init(&a, ctx, RL_SEV_ERROR);
  audit_params p = {.run = {.jobs = 1}};
  run_input in = {"examples/08_late.txt", NULL, 1};
  audit_record *r = audit_check(&a, ctx, &p, &in);
  ck_assert_int_eq(r->unreadable, 0);
  ck_assert_str_eq(r->ruleset, "fzzf");
  ck_assert_str_eq(r->issuer, "临江区人民政府");
  ck_assert_int_eq(r->year, 2024);
  ck_assert_str_eq(r->date, "2025-04-15");
  ck_assert_int_eq(r->time, AUDIT_TIME_LATE);
  ck_assert_int_eq(r->failed, 1);
  ck_assert_uint_eq(r->counts[RL_SEV_ERROR], 1);
  ck_assert_uint_eq(r->nrules, 1);
  ck_assert_str_eq(r->rules[0], "date.deadline");
  ck_assert_int_eq(r->parts[part_col(&a, "shortcomings")], RL_PART_HEADING);
  ck_assert_int_eq(r->nfigures, 8);
  ck_assert_int_eq(r->figures[0].has, 1);
  ck_assert(r->figures[0].value == 100);
  ck_assert_str_eq(r->figures[0].unit, "%");
  ck_assert_int_eq(r->figures[4].has, 0); /* no 法律援助 figure */
  audit_record_free(r);
  // --fail-on none: nothing fails; an unreadable input is a record.
  a.fail_on = AUDIT_FAIL_NONE;
  in.path = "examples/08_late.txt";
  r = audit_check(&a, ctx, &p, &in);
  ck_assert_int_eq(r->failed, 0);
  audit_record_free(r);
  in.path = "/nonexistent/report.txt";
  r = audit_check(&a, ctx, &p, &in);
  ck_assert_int_eq(r->unreadable, 1);
  ck_assert_str_eq(r->error.msg, "cannot open: No such file or directory");
  audit_record_free(r);
  rl_diag d;
  diag_set(&d, DIAG_INPUT, "dir", 0, 0, "cannot open directory: x");
  run_input pre = {"dir", &d, 2};
  r = audit_check(&a, ctx, &p, &pre);
  ck_assert_int_eq(r->unreadable, 1);
  ck_assert_str_eq(r->error.msg, "cannot open directory: x");
  audit_record_free(r);
  audit_release(&a);
  rl_ctx_free(ctx);
}
END_TEST

/* The pool: what the sink saw, in order. */
typedef struct seen {
  char files[64][64];
  size_t n, stop_after;
} seen;

static int remember(void *arg, const audit *a, const audit_record *r) {
  seen *s = arg;
  ck_assert_uint_eq(a->totals.reports, s->n + 1);
  snprintf(s->files[s->n++], sizeof s->files[0], "%s", r->file);
  return s->stop_after && s->n >= s->stop_after ? 7 : 0;
}

static const char *const corpus[] = {
    "examples/01_clean_district.txt", "seeds/000_34462ac303488de8.txt",
    "examples/08_late.txt",           "/nonexistent.txt",
    "examples/15_markdown.md",        "examples/27_department_late.txt",
    "seeds/004_40ce34e03101b79a.txt", "examples/03_missing_shortcomings.txt",
};

static void run_pool(int jobs, size_t n, size_t stop_after, seen *s) {
  rl_ctx *ctx = fzzf();
  audit a;
  audit_init(&a, ctx, RL_SEV_ERROR);
  const char *in[40];
  for (size_t i = 0; i < n; i++)
    in[i] = corpus[i % 8];
  audit_params p = {.run = {.jobs = jobs}};
  memset(s, 0, sizeof *s);
  s->stop_after = stop_after;
  int rc = audit_run(&a, in, n, &p, remember, NULL, s, NULL);
  ck_assert_int_eq(rc, stop_after ? 7 : 0);
  ck_assert_uint_eq(a.totals.reports, s->n);
  audit_release(&a);
  rl_ctx_free(ctx);
}

START_TEST(pool_order) {
  // More reports than the reorder window of 1 or 3 workers holds.
  for (int jobs = 1; jobs <= 3; jobs += 2) {
    seen s;
    run_pool(jobs, 40, 0, &s);
    ck_assert_uint_eq(s.n, 40);
    for (size_t i = 0; i < 40; i++)
      ck_assert_str_eq(s.files[i], corpus[i % 8]);
  }
}
END_TEST

START_TEST(pool_stop) {
  seen s;
  run_pool(3, 40, 5, &s);
  ck_assert_uint_eq(s.n, 5);
  run_pool(2, 0, 0, &s);
  ck_assert_uint_eq(s.n, 0);
}
END_TEST

/* The body a report is paired by: its issuer with full-width forms
 * folded, blanks dropped and 人民政府办公室 read as 人民政府. */
START_TEST(body_keys) {
  const struct {
    const char *issuer, *key;
  } cases[] = {{"临江区人民政府办公室", "临江区人民政府"},
               {"临江区人民政府", "临江区人民政府"},
               {"临江区 人民政府", "临江区人民政府"},
               {"某县人民政府办", "某县人民政府"},
               {"ＡＢ市司法局", "AB市司法局"},
               {"某市自然资源和规划局", "某市自然资源和规划局"},
               {"某某经济开发区管理委员会", "某某经济开发区管委会"},
               {"某某经济开发区管委会", "某某经济开发区管委会"},
               {"", ""}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *k = audit_body_key(cases[i].issuer);
    ck_assert_str_eq(k, cases[i].key);
    free(k);
  }
}
END_TEST

Suite *audit_suite(void) {
  Suite *s = suite_create("audit");
  TCase *tc = tcase_create("summary");
  tcase_add_test(tc, csv_quoting);
  tcase_add_test(tc, numbers_and_shares);
  tcase_add_test(tc, aggregation);
  tcase_add_test(tc, one_record);
  tcase_add_test(tc, body_keys);
  suite_add_tcase(s, tc);
  tc = tcase_create("pool");
  tcase_add_test(tc, pool_order);
  tcase_add_test(tc, pool_stop);
  tcase_set_timeout(tc, 60);
  suite_add_tcase(s, tc);
  return s;
}
