/* out_audit_json: the audit summary as one JSON document, described by
 * schemas/audit.schema.json.
 *
 * Streamed: the head (tool, rule sets, columns) and the opening of the
 * "reports" array first, then one compact object per report as the
 * records come (each built and printed with cJSON), then the per-rule
 * counts and the totals that close the document. Absent figures are
 * null, never 0. */
#include "audit.h"

#include "alloc.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>

/* Prints item compactly into out and deletes it. */
static void put(strbuf *out, cJSON *item) {
  char *s = cJSON_PrintUnformatted(item);
  strbuf_puts(out, s);
  cJSON_free(s);
  cJSON_Delete(item);
}

static cJSON *string_or_null(const char *s) {
  return s && *s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static void json_head(const audit *a, const audit_out_opts *o, strbuf *out) {
  (void)o;
  cJSON *tool = cJSON_CreateObject();
  cJSON_AddStringToObject(tool, "name", "reportlint");
  cJSON_AddStringToObject(tool, "version", RL_VERSION);
  strbuf_puts(out, "{\n  \"tool\": ");
  put(out, tool);
  cJSON *sets = cJSON_CreateArray();
  for (int s = a->set_lo; s <= a->set_hi; s++) {
    const rl_ruleset *rs = rl_ctx_ruleset(a->ctx, s);
    cJSON *o2 = cJSON_CreateObject();
    cJSON_AddStringToObject(o2, "name", rs->name);
    cJSON_AddStringToObject(o2, "version", rs->version);
    cJSON_AddItemToArray(sets, o2);
  }
  strbuf_puts(out, ",\n  \"rulesets\": ");
  put(out, sets);
  strbuf_printf(out, ",\n  \"fail_on\": \"%s\"",
                a->fail_on == AUDIT_FAIL_NONE
                    ? "none"
                    : rules_severity_name((rl_severity)a->fail_on));
  cJSON *parts = cJSON_CreateArray();
  for (int i = 0; i < a->nparts; i++) {
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "key", a->parts[i].key);
    cJSON_AddStringToObject(p, "name", a->parts[i].name);
    cJSON_AddBoolToObject(p, "required", a->parts[i].required);
    cJSON_AddItemToArray(parts, p);
  }
  strbuf_puts(out, ",\n  \"parts\": ");
  put(out, parts);
  cJSON *metrics = cJSON_CreateArray();
  for (int i = 0; i < a->nmetrics; i++) {
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "id", a->metrics[i].id);
    cJSON_AddStringToObject(m, "label", a->metrics[i].label);
    cJSON_AddItemToObject(m, "unit", string_or_null(a->metrics[i].unit));
    cJSON_AddItemToArray(metrics, m);
  }
  strbuf_puts(out, ",\n  \"metrics\": ");
  put(out, metrics);
  strbuf_puts(out, ",\n  \"reports\": [");
}

static const char *const part_words[] = {"missing", "heading", "body"};
static const char *const time_words[] = {"unknown", "on-time", "late"};

static cJSON *parts_json(const audit *a, const audit_record *r) {
  cJSON *o = cJSON_CreateObject();
  for (int i = 0; r->parts && i < a->nparts; i++)
    cJSON_AddItemToObject(o, a->parts[i].key,
                          r->parts[i] < 0
                              ? cJSON_CreateNull()
                              : cJSON_CreateString(part_words[r->parts[i]]));
  return o;
}

static cJSON *figures_json(const audit *a, const audit_record *r) {
  cJSON *o = cJSON_CreateObject();
  for (int i = 0; r->figures && i < a->nmetrics; i++) {
    const audit_figure *f = &r->figures[i];
    cJSON *v = cJSON_CreateNull();
    if (f->has) {
      cJSON_Delete(v);
      v = cJSON_CreateObject();
      cJSON_AddNumberToObject(v, "value", f->value);
      cJSON_AddItemToObject(v, "unit", string_or_null(f->unit));
      cJSON_AddStringToObject(v, "text", f->text);
    }
    cJSON_AddItemToObject(o, a->metrics[i].id, v);
  }
  return o;
}

static cJSON *checked_json(const audit *a, const audit_record *r, cJSON *o) {
  cJSON_AddItemToObject(o, "ruleset", string_or_null(r->ruleset));
  cJSON_AddItemToObject(o, "title", string_or_null(r->title));
  cJSON_AddItemToObject(o, "issuer", string_or_null(r->issuer));
  cJSON_AddItemToObject(
      o, "year", r->year ? cJSON_CreateNumber(r->year) : cJSON_CreateNull());
  cJSON_AddItemToObject(o, "date", string_or_null(r->date));
  cJSON_AddStringToObject(o, "timeliness", time_words[r->time]);
  cJSON_AddItemToObject(o, "parts", parts_json(a, r));
  cJSON *counts = cJSON_CreateObject();
  cJSON_AddNumberToObject(counts, "error", (double)r->counts[RL_SEV_ERROR]);
  cJSON_AddNumberToObject(counts, "warning", (double)r->counts[RL_SEV_WARNING]);
  cJSON_AddNumberToObject(counts, "info", (double)r->counts[RL_SEV_INFO]);
  cJSON_AddItemToObject(o, "counts", counts);
  cJSON *rules = cJSON_CreateArray();
  for (size_t i = 0; i < r->nrules; i++)
    cJSON_AddItemToArray(rules, cJSON_CreateString(r->rules[i]));
  cJSON_AddItemToObject(o, "rules", rules);
  cJSON_AddItemToObject(o, "metrics", figures_json(a, r));
  return o;
}

static void json_row(const audit *a, const audit_record *r, strbuf *out,
                     strbuf *spool) {
  (void)spool;
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "file", r->file);
  cJSON_AddStringToObject(o, "status",
                          r->unreadable ? "unreadable" : "checked");
  cJSON_AddStringToObject(o, "verdict",
                          r->unreadable ? "unreadable"
                          : r->failed   ? "fail"
                                        : "pass");
  if (!r->unreadable)
    checked_json(a, r, o);
  cJSON_AddItemToObject(o, "error",
                        r->unreadable    ? cJSON_CreateString(r->error.msg)
                        : r->rule_failed ? cJSON_CreateString(r->rule_error.msg)
                                         : cJSON_CreateNull());
  strbuf_puts(out, a->totals.reports > 1 ? ",\n    " : "\n    ");
  put(out, o);
}

/* "pairs": the reports paired across years and their cross-year
 * findings; "unpaired" (the first few) with "unpaired_count"; "bodies":
 * each body's key figures by year. */
static void across_years(const audit *a, strbuf *out) {
  cJSON *pairs = cJSON_CreateArray();
  for (size_t i = 0; i < a->npairs; i++) {
    const audit_pair *p = &a->pairs[i];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "body", p->body);
    cJSON *last = cJSON_AddObjectToObject(o, "last");
    cJSON_AddStringToObject(last, "file", p->last);
    cJSON_AddNumberToObject(last, "year", p->last_year);
    cJSON *now = cJSON_AddObjectToObject(o, "this");
    cJSON_AddStringToObject(now, "file", p->this);
    cJSON_AddNumberToObject(now, "year", p->year);
    cJSON_AddBoolToObject(o, "checked", !p->failed);
    cJSON *fs = cJSON_AddArrayToObject(o, "findings");
    for (size_t k = 0; k < p->nlines; k++) {
      cJSON *f = cJSON_CreateObject();
      cJSON_AddStringToObject(f, "severity", rules_severity_name(p->sev[k]));
      cJSON_AddStringToObject(f, "text", p->lines[k]);
      cJSON_AddItemToArray(fs, f);
    }
    cJSON_AddItemToArray(pairs, o);
  }
  strbuf_puts(out, ",\n  \"pairs\": ");
  put(out, pairs);
  cJSON *un = cJSON_CreateArray();
  for (size_t i = 0; i < a->nsingles; i++) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", a->singles[i].file);
    cJSON_AddStringToObject(o, "body", a->singles[i].body);
    cJSON_AddNumberToObject(o, "year", a->singles[i].year);
    cJSON_AddStringToObject(o, "why", a->singles[i].why);
    cJSON_AddItemToArray(un, o);
  }
  strbuf_puts(out, ",\n  \"unpaired\": ");
  put(out, un);
  strbuf_printf(out, ",\n  \"unpaired_count\": %zu", a->unpaired);
  strbuf_printf(out, ",\n  \"alone\": %zu", a->lonely);
  cJSON *bodies = cJSON_CreateArray();
  for (size_t i = 0; i < a->nbodies; i++) {
    const audit_body *b = &a->bodies[i];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "body", b->name);
    cJSON *years = cJSON_AddArrayToObject(o, "years");
    for (int y = 0; y < b->nyears; y++)
      cJSON_AddItemToArray(years, cJSON_CreateNumber(b->years[y]));
    cJSON *ms = cJSON_AddObjectToObject(o, "metrics");
    for (int m = 0; m < a->nmetrics; m++) {
      cJSON *vals = cJSON_AddArrayToObject(ms, a->metrics[m].id);
      for (int y = 0; y < b->nyears; y++) {
        const audit_figure *f =
            &b->figures[(size_t)y * (size_t)a->nmetrics + (size_t)m];
        cJSON_AddItemToArray(vals, f->has ? cJSON_CreateNumber(f->value)
                                          : cJSON_CreateNull());
      }
    }
    cJSON_AddItemToArray(bodies, o);
  }
  strbuf_puts(out, ",\n  \"bodies\": ");
  put(out, bodies);
}

static void json_tail(const audit *a, strbuf *out) {
  const audit_totals *t = &a->totals;
  strbuf_puts(out, t->reports ? "\n  ]" : "]");
  across_years(a, out);
  strbuf_puts(out, ",\n  \"rules\": [");
  const audit_rule **v = audit_rules_sorted(a);
  for (size_t i = 0; i < a->nrules; i++) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "rule", v[i]->id);
    cJSON_AddStringToObject(o, "severity", rules_severity_name(v[i]->severity));
    cJSON_AddNumberToObject(o, "reports", (double)v[i]->reports);
    double share = t->checked ? (double)v[i]->reports / (double)t->checked : 0;
    cJSON_AddNumberToObject(o, "share", round(share * 10000) / 10000);
    strbuf_puts(out, i ? ",\n    " : "\n    ");
    put(out, o);
  }
  free(v);
  strbuf_puts(out, a->nrules ? "\n  ],\n  \"totals\": " : "],\n  \"totals\": ");
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "reports", (double)t->reports);
  cJSON_AddNumberToObject(o, "checked", (double)t->checked);
  cJSON_AddNumberToObject(o, "unreadable", (double)t->unreadable);
  cJSON_AddNumberToObject(o, "passed", (double)t->passed);
  cJSON_AddNumberToObject(o, "failed", (double)t->failed);
  cJSON_AddNumberToObject(o, "on_time", (double)t->on_time);
  cJSON_AddNumberToObject(o, "late", (double)t->late);
  cJSON_AddNumberToObject(o, "on_time_unknown", (double)t->unknown_time);
  cJSON_AddNumberToObject(o, "missing_required_part", (double)t->missing_any);
  cJSON *missing = cJSON_CreateObject();
  for (int i = 0; i < a->nparts; i++)
    cJSON_AddNumberToObject(missing, a->parts[i].key, (double)t->missing[i]);
  cJSON_AddItemToObject(o, "missing", missing);
  cJSON_AddNumberToObject(o, "rule_failures", (double)t->rule_failures);
  put(out, o);
  strbuf_puts(out, "\n}\n");
}

const audit_writer audit_json = {"json", NULL, json_head, json_row, NULL, json_tail};
