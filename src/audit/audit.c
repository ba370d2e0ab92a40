/* audit: the per-report summary record and the aggregation over a run.
 *
 * Consumes checked reports (one at a time, on any worker thread) and
 * produces audit_records: file, issuer, year, signature date, timeliness,
 * parts found, findings counted by severity and by rule, key figures and
 * the verdict. audit_add folds records into per-rule counts and totals on
 * the thread that writes the summary, in input order. The run over the
 * inputs is audit_run.c; the renderings are out_audit_*.c. */
#include "audit.h"
#include "utf8.h"

#include "alloc.h"
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- columns -------------------------------------------------------------- */

static int find_part(const audit *a, const char *key) {
  for (int i = 0; i < a->nparts; i++)
    if (strcmp(a->parts[i].key, key) == 0)
      return i;
  return -1;
}

static int find_metric(const audit *a, const char *id) {
  for (int i = 0; i < a->nmetrics; i++)
    if (strcmp(a->metrics[i].id, id) == 0)
      return i;
  return -1;
}

/* Parts and metrics of every loaded rule set, each once, in set order:
 * with one rule set (the usual case) its own order. */
static void add_columns(audit *a, const rl_ruleset *rs) {
  for (int i = 0; i < rs->nrules; i++) {
    const rule *r = &rs->rules[i];
    if (r->type != RULE_SECTION || find_part(a, r->u.section.key) >= 0)
      continue;
    audit_part *p = &a->parts[a->nparts++];
    p->key = r->u.section.key;
    p->name = r->u.section.name ? r->u.section.name : r->u.section.key;
    p->required = r->u.section.required && r->severity > RL_SEV_INFO;
  }
  for (int i = 0; i < rs->nmetrics; i++) {
    const key_metric *m = &rs->metrics[i];
    if (find_metric(a, m->id) >= 0)
      continue;
    a->metrics[a->nmetrics++] = (audit_metric){m->id, m->label, m->unit};
  }
}

void audit_init(audit *a, rl_ctx *ctx, int fail_on) {
  memset(a, 0, sizeof *a);
  a->ctx = ctx;
  a->fail_on = fail_on;
  size_t nr = 1, nm = 1;
  int forced = rl_ctx_forced_ruleset(ctx);
  a->set_lo = forced >= 0 ? forced : 0;
  a->set_hi = forced >= 0 ? forced : rl_ctx_ruleset_count(ctx) - 1;
  const rl_ruleset *main_set = rl_ctx_ruleset(ctx, a->set_lo);
  a->report_type = main_set && main_set->report_type && main_set->report_type[0]
                       ? main_set->report_type
                       : "年度报告";
  for (int s = a->set_lo; s <= a->set_hi; s++) {
    nr += (size_t)rl_ctx_ruleset(ctx, s)->nrules;
    nm += (size_t)rl_ctx_ruleset(ctx, s)->nmetrics;
  }
  a->parts = xcalloc(nr, sizeof *a->parts);
  a->metrics = xcalloc(nm, sizeof *a->metrics);
  for (int s = a->set_lo; s <= a->set_hi; s++)
    add_columns(a, rl_ctx_ruleset(ctx, s));
  a->totals.missing = xcalloc((size_t)a->nparts + 1, sizeof(size_t));
}

void audit_release(audit *a) {
  audit_pairs_release(a);
  free(a->parts);
  free(a->metrics);
  free(a->rules);
  free(a->totals.missing);
  memset(a, 0, sizeof *a);
}

/* --- one report → one record --------------------------------------------- */

void audit_record_free(audit_record *r) {
  if (!r)
    return;
  free(r->file);
  free(r->path);
  free(r->ruleset);
  free(r->title);
  free(r->issuer);
  free(r->parts);
  for (int i = 0; i < r->nfigures; i++)
    free(r->figures[i].text);
  free(r->figures);
  free(r->rules);
  free(r->rule_sev);
  free(r->html);
  free(r);
}

/* A span of the normalised text as one line (a title may wrap). */
static char *one_line(const rl_report *r, span s) {
  if (!s.len)
    return NULL;
  char *t = report_span_text(r, s);
  char *w = t;
  for (char *p = t; *p; p++)
    if (*p != '\n')
      *w++ = *p;
  *w = '\0';
  return t;
}

/* late = a finding of a date rule whose check is `deadline`; on time = a
 * signature date, a report year and a deadline rule switched on, but no
 * such finding; else unknown (nothing to judge by). */
static audit_time timeliness(const rl_ctx *ctx, const rl_report *r) {
  const rl_ruleset *rs = r->rs;
  for (size_t i = 0; i < r->findings.n; i++) {
    const finding *f = &r->findings.v[i];
    int k = f->suppressed ? -1 : rules_find(rs, f->rule_id);
    if (k >= 0 && rs->rules[k].type == RULE_DATE &&
        rs->rules[k].u.date.check == DATE_DEADLINE)
      return AUDIT_TIME_LATE;
  }
  if (r->d.sig_date < 0 || !r->d.year)
    return AUDIT_TIME_UNKNOWN;
  for (int k = 0; k < rs->nrules; k++)
    if (rs->rules[k].type == RULE_DATE &&
        rs->rules[k].u.date.check == DATE_DEADLINE &&
        rl_ctx_rule_enabled(ctx, r->set, k))
      return AUDIT_TIME_ON;
  return AUDIT_TIME_UNKNOWN;
}

static int cmp_str(const void *x, const void *y) {
  return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The rules with unsuppressed findings, each once, sorted by id, with the
 * worst severity each was reported at. */
static void collect_rules(const rl_report *r, audit_record *rec) {
  size_t n = r->findings.n;
  rec->rules = xcalloc(n + 1, sizeof *rec->rules);
  rec->rule_sev = xcalloc(n + 1, sizeof *rec->rule_sev);
  for (size_t i = 0; i < n; i++)
    if (!r->findings.v[i].suppressed)
      rec->rules[rec->nrules++] = r->findings.v[i].rule_id;
  qsort(rec->rules, rec->nrules, sizeof *rec->rules, cmp_str);
  size_t k = 0;
  for (size_t i = 0; i < rec->nrules; i++)
    if (k == 0 || strcmp(rec->rules[k - 1], rec->rules[i]) != 0)
      rec->rules[k++] = rec->rules[i];
  rec->nrules = k;
  for (size_t i = 0; i < n; i++) {
    const finding *f = &r->findings.v[i];
    const char **hit = f->suppressed
                           ? NULL
                           : bsearch(&f->rule_id, rec->rules, rec->nrules,
                                     sizeof *rec->rules, cmp_str);
    if (hit && f->severity > rec->rule_sev[hit - rec->rules])
      rec->rule_sev[hit - rec->rules] = f->severity;
  }
}

/* Key figures by audit column; a figure the pattern fails on is left
 * out and the failure kept (the run then exits 2, as check does). */
static void collect_figures(const audit *a, rl_ctx *ctx, const rl_report *r,
                            audit_record *rec) {
  rec->figures = xcalloc((size_t)a->nmetrics + 1, sizeof *rec->figures);
  rec->nfigures = a->nmetrics;
  for (int i = 0; i < r->rs->nmetrics; i++) {
    int col = find_metric(a, r->rs->metrics[i].id);
    rl_metric_value v;
    rl_diag d;
    int rc = rl_report_metric(ctx, r, i, &v, &d);
    if (rc < 0 && !rec->rule_failed) {
      rec->rule_failed = 1;
      rec->rule_error = d;
    }
    if (rc <= 0 || col < 0)
      continue;
    audit_figure *f = &rec->figures[col];
    f->has = 1;
    f->value = v.value;
    memcpy(f->unit, v.unit, sizeof f->unit);
    f->text = xstrdup(v.text);
  }
}

static void summarise(const audit *a, rl_ctx *ctx, const rl_report *r,
                      audit_record *rec) {
  rec->ruleset = xstrdup(r->rs->name);
  rec->title = one_line(r, r->d.title);
  rec->issuer = one_line(r, r->d.issuer);
  rec->year = r->d.year;
  if (r->d.sig_date >= 0) {
    const doc_date *t = &r->d.dates[r->d.sig_date];
    char buf[48];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", t->year, t->month, t->day);
    snprintf(rec->date, sizeof rec->date, "%.10s", buf);
  }
  rec->time = timeliness(ctx, r);
  rec->parts = xmalloc((size_t)a->nparts + 1);
  for (int i = 0; i < a->nparts; i++)
    rec->parts[i] = (signed char)rl_report_part(r, a->parts[i].key);
  for (int s = RL_SEV_INFO; s <= RL_SEV_ERROR; s++) {
    rec->counts[s] = rl_report_count(r, (rl_severity)s);
    if (s >= a->fail_on && rec->counts[s])
      rec->failed = 1;
  }
  collect_rules(r, rec);
  collect_figures(a, ctx, r, rec);
}

audit_record *audit_summarise(const audit *a, rl_ctx *ctx,
                              const audit_params *p, const run_item *it) {
  audit_record *rec = xcalloc(1, sizeof *rec);
  rec->file = utf8_escape_name_dup(it->in->path);
  rec->path = xstrdup(it->in->path);
  rec->index = it->in->index;
  const rl_report *r = it->report;
  if (!r) {
    rec->unreadable = 1;
    rec->error = it->error;
    return rec;
  }
  if (it->rule_failed) {
    rec->rule_failed = 1;
    rec->rule_error = it->rule_error;
  }
  if (p->section && r->rs) { /* before the settings go: waiver reasons */
    strbuf sb;
    strbuf_init(&sb, STRBUF_UNLIMITED);
    p->section(&sb, r, it->in->index);
    size_t len;
    rec->html = strbuf_detach(&sb, &len);
  }
  if (r->rs)
    summarise(a, ctx, r, rec);
  return rec;
}

/* --- aggregation -----------------------------------------------------------
 */

static audit_rule *rule_stat(audit *a, const char *id) {
  for (size_t i = 0; i < a->nrules; i++)
    if (strcmp(a->rules[i].id, id) == 0)
      return &a->rules[i];
  audit_rule *r = ARRAY_PUSH(a->rules, a->nrules, a->caprules);
  r->id = id;
  return r;
}

static void add_checked(audit *a, const audit_record *r) {
  audit_totals *t = &a->totals;
  t->checked++;
  r->failed ? t->failed++ : t->passed++;
  t->late += r->time == AUDIT_TIME_LATE;
  t->on_time += r->time == AUDIT_TIME_ON;
  t->unknown_time += r->time == AUDIT_TIME_UNKNOWN;
  int missing = 0;
  for (int i = 0; r->parts && i < a->nparts; i++) {
    if (r->parts[i] != RL_PART_MISSING)
      continue;
    t->missing[i]++;
    missing |= a->parts[i].required;
  }
  t->missing_any += missing;
  for (size_t i = 0; i < r->nrules; i++) {
    audit_rule *s = rule_stat(a, r->rules[i]);
    s->reports++;
    if (r->rule_sev[i] > s->severity)
      s->severity = r->rule_sev[i];
  }
}

void audit_add(audit *a, const audit_record *r) {
  a->totals.reports++;
  a->totals.rule_failures += r->rule_failed;
  if (r->unreadable)
    a->totals.unreadable++;
  else
    add_checked(a, r);
  audit_pairs_add(a, r);
}

static int worst_first(const void *x, const void *y) {
  const audit_rule *p = *(const audit_rule *const *)x;
  const audit_rule *q = *(const audit_rule *const *)y;
  if (p->reports != q->reports)
    return p->reports > q->reports ? -1 : 1;
  if (p->severity != q->severity)
    return p->severity > q->severity ? -1 : 1;
  return strcmp(p->id, q->id);
}

const audit_rule **audit_rules_sorted(const audit *a) {
  const audit_rule **v = xcalloc(a->nrules + 1, sizeof *v);
  for (size_t i = 0; i < a->nrules; i++)
    v[i] = &a->rules[i];
  qsort(v, a->nrules, sizeof *v, worst_first);
  return v;
}

/* --- words and numbers the writers share -----------------------------------
 */

void audit_each_total(const audit *a,
                      void (*fn)(void *arg, const char *label, size_t n),
                      void *arg) {
  const audit_totals *t = &a->totals;
  fn(arg, "报告 reports", t->reports);
  fn(arg, "通过 passed", t->passed);
  fn(arg, "不通过 failed", t->failed);
  fn(arg, "无法读取 unreadable", t->unreadable);
  fn(arg, "按时 on time", t->on_time);
  fn(arg, "逾期 late", t->late);
  fn(arg, "是否按时不明 on time unknown", t->unknown_time);
  fn(arg, "缺少必备部分 missing a required part", t->missing_any);
  fn(arg, "规则运行出错 rule failures", t->rule_failures);
  strbuf label;
  strbuf_init(&label, STRBUF_UNLIMITED);
  for (int i = 0; i < a->nparts; i++) {
    strbuf_reset(&label);
    strbuf_printf(&label, "缺“%s” missing %s", a->parts[i].name,
                  a->parts[i].key);
    fn(arg, label.p, t->missing[i]);
  }
  strbuf_release(&label);
}

const char *audit_time_word(audit_time t) {
  return t == AUDIT_TIME_ON ? "按时" : t == AUDIT_TIME_LATE ? "逾期" : "不明";
}

const char *audit_part_word(int found) {
  return found == RL_PART_HEADING   ? "有"
         : found == RL_PART_BODY    ? "无标题"
         : found == RL_PART_MISSING ? "缺"
                                    : "";
}

const char *audit_verdict_word(const audit_record *r) {
  return r->unreadable ? "无法读取" : r->failed ? "不通过" : "通过";
}

/* Figures as people write them: no exponent, no trailing zeros, at most
 * six decimals (scanned values carry no more). */
const char *audit_number(double v, char *buf, size_t cap) {
  if (!isfinite(v) || fabs(v) >= 1e15) {
    snprintf(buf, cap, "%.15g", v);
    return buf;
  }
  snprintf(buf, cap, "%.6f", v);
  char *dot = strchr(buf, '.');
  if (dot) {
    char *end = buf + strlen(buf);
    while (end > dot + 1 && end[-1] == '0')
      *--end = '\0';
    if (end == dot + 1)
      *dot = '\0';
  }
  if (strcmp(buf, "-0") == 0)
    snprintf(buf, cap, "0");
  return buf;
}

const char *audit_share(size_t part, size_t whole, char *buf, size_t cap) {
  if (!whole)
    snprintf(buf, cap, "%s", "");
  else
    snprintf(buf, cap, "%.1f%%", 100.0 * (double)part / (double)whole);
  return buf;
}

void audit_metric_heading(const audit_metric *m, strbuf *out) {
  strbuf_puts(out, m->label);
  if (m->unit)
    strbuf_printf(out, "（%s）", m->unit);
}

/* --- writers -----------------------------------------------------------------
 */

static const audit_writer *const writers[] = {&audit_markdown, &audit_csv,
                                              &audit_json, &audit_html};

const audit_writer *audit_writer_find(const char *name) {
  for (size_t i = 0; i < sizeof writers / sizeof *writers; i++)
    if (strcmp(writers[i]->name, name) == 0)
      return writers[i];
  return NULL;
}

const char *audit_writer_names(void) { return "markdown, csv, json, html"; }

void audit_each_year_row(const audit *a, const audit_body *b, strbuf *out,
                         void (*fn)(strbuf *out, const audit_body *b,
                                    const char *label,
                                    const audit_figure *per_year)) {
  audit_figure *row = xcalloc((size_t)b->nyears + 1, sizeof *row);
  strbuf label;
  strbuf_init(&label, STRBUF_UNLIMITED);
  for (int m = 0; m < a->nmetrics; m++) {
    int any = 0;
    for (int y = 0; y < b->nyears; y++) {
      row[y] = b->figures[(size_t)y * (size_t)a->nmetrics + (size_t)m];
      any |= row[y].has;
    }
    if (!any)
      continue;
    strbuf_reset(&label);
    audit_metric_heading(&a->metrics[m], &label);
    fn(out, b, label.p, row);
  }
  strbuf_release(&label);
  free(row);
}

int audit_year_rows(const audit *a, const audit_body *b) {
  int rows = 0;
  for (int m = 0; m < a->nmetrics; m++) {
    int any = 0;
    for (int y = 0; y < b->nyears && !any; y++)
      any = b->figures[(size_t)y * (size_t)a->nmetrics + (size_t)m].has;
    rows += any;
  }
  return rows;
}
