/* out_json: the whole run as one JSON object (schemas/findings.schema.json):
 * tool, one entry per report (its model summary, findings and counts),
 * inputs that could not be read, and a summary. Built as a cJSON tree and
 * printed once. */
#include "output.h"

#include "report.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

static cJSON *span_string(const rl_report *r, span s) {
  if (!s.len)
    return cJSON_CreateNull();
  /* A title over two lines is one string, without the line break. */
  char *t = report_span_text(r, s);
  char *w = t;
  for (char *p = t; *p; p++)
    if (*p != '\n')
      *w++ = *p;
  *w = '\0';
  cJSON *j = cJSON_CreateString(t);
  free(t);
  return j;
}

static cJSON *sig_date(const rl_report *r) {
  if (r->d.sig_date < 0)
    return cJSON_CreateNull();
  const doc_date *t = &r->d.dates[r->d.sig_date];
  char buf[32];
  snprintf(buf, sizeof buf, "%04d-%02d-%02d", t->year, t->month, t->day);
  return cJSON_CreateString(buf);
}

static cJSON *sections_json(const rl_report *r) {
  cJSON *a = cJSON_CreateArray();
  for (int i = 0; i < r->d.nsection; i++) {
    const doc_section *s = &r->d.sections[i];
    const doc_heading *h = &r->d.heads[i];
    const doc_para *p = &r->d.paras[h->para];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "key", s->key ? cJSON_CreateString(s->key)
                                           : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "heading", span_string(r, (span){p->off,
                                                              h->text.off + h->text.len - p->off}));
    cJSON_AddNumberToObject(o, "level", h->level);
    cJSON_AddNumberToObject(o, "line", report_line_of(r, p->off));
    cJSON_AddItemToArray(a, o);
  }
  return a;
}

void out_json_finding_fields(cJSON *o, const finding *f) {
  cJSON_AddStringToObject(o, "rule", f->rule_id);
  cJSON_AddStringToObject(o, "severity", rules_severity_name(f->severity));
  cJSON_AddStringToObject(o, "message", f->message);
  if (f->page)
    cJSON_AddNumberToObject(o, "page", f->page);
  cJSON_AddNumberToObject(o, "line", f->line);
  cJSON_AddNumberToObject(o, "column", f->col);
  cJSON_AddNumberToObject(o, "end_line", f->end_line);
  cJSON_AddNumberToObject(o, "end_column", f->end_col);
  cJSON_AddStringToObject(o, "excerpt", f->excerpt);
  cJSON_AddStringToObject(o, "fingerprint", f->fingerprint);
}

void out_json_related(cJSON *o, const rl_report *r, const finding *f) {
  if (!f->has_rel || !r->previous)
    return;
  cJSON *rel = cJSON_AddObjectToObject(o, "related");
  cJSON_AddStringToObject(rel, "file", r->previous->path);
  if (f->rel_page)
    cJSON_AddNumberToObject(rel, "page", f->rel_page);
  cJSON_AddNumberToObject(rel, "line", f->rel_line);
  cJSON_AddNumberToObject(rel, "column", f->rel_col);
}

static cJSON *finding_json(const rl_report *r, const finding *f) {
  cJSON *o = cJSON_CreateObject();
  out_json_finding_fields(o, f);
  out_json_related(o, r, f);
  if (f->suppressed) {
    cJSON_AddTrueToObject(o, "suppressed");
    cJSON_AddStringToObject(o, "suppression",
                            f->suppression ? f->suppression : "");
  }
  return o;
}


static cJSON *counts_json(const size_t c[3]) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "error", (double)c[RL_SEV_ERROR]);
  cJSON_AddNumberToObject(o, "warning", (double)c[RL_SEV_WARNING]);
  cJSON_AddNumberToObject(o, "info", (double)c[RL_SEV_INFO]);
  return o;
}

static cJSON *report_json(const rl_report *r) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "file", r->path);
  cJSON_AddStringToObject(o, "format", r->fmt->name);
  cJSON_AddStringToObject(o, "encoding", r->dec.encoding);
  cJSON *rs = cJSON_AddObjectToObject(o, "ruleset");
  cJSON_AddStringToObject(rs, "name", r->rs ? r->rs->name : "");
  cJSON_AddStringToObject(rs, "version", r->rs ? r->rs->version : "");
  cJSON_AddItemToObject(o, "title", span_string(r, r->d.title));
  cJSON_AddItemToObject(o, "year", r->d.year ? cJSON_CreateNumber(r->d.year)
                                             : cJSON_CreateNull());
  cJSON_AddItemToObject(o, "issuer", span_string(r, r->d.issuer));
  cJSON_AddItemToObject(o, "date", sig_date(r));
  cJSON_AddItemToObject(o, "sections", sections_json(r));
  cJSON *fs = cJSON_AddArrayToObject(o, "findings");
  for (size_t i = 0; i < r->findings.n; i++)
    cJSON_AddItemToArray(fs, finding_json(r, &r->findings.v[i]));
  if (r->findings.dropped)
    cJSON_AddNumberToObject(o, "dropped", (double)r->findings.dropped);
  cJSON_AddItemToObject(o, "counts", counts_json(r->counts));
  return o;
}

static cJSON *error_json(const rl_diag *d) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "file", d->file);
  if (d->line > 0)
    cJSON_AddNumberToObject(o, "line", d->line);
  if (d->col > 0)
    cJSON_AddNumberToObject(o, "column", d->col);
  cJSON_AddStringToObject(o, "message", d->msg);
  return o;
}

int out_json(const out_result *res, strbuf *out) {
  cJSON *root = cJSON_CreateObject();
  cJSON *tool = cJSON_AddObjectToObject(root, "tool");
  cJSON_AddStringToObject(tool, "name", "reportlint");
  cJSON_AddStringToObject(tool, "version", RL_VERSION);
  cJSON *reports = cJSON_AddArrayToObject(root, "reports");
  size_t c[3] = {0, 0, 0};
  for (size_t i = 0; i < res->nreports; i++) {
    cJSON_AddItemToArray(reports, report_json(res->reports[i]));
    for (int s = 0; s < 3; s++)
      c[s] += res->reports[i]->counts[s];
  }
  cJSON *errors = cJSON_AddArrayToObject(root, "errors");
  for (size_t i = 0; i < res->nerrors; i++)
    cJSON_AddItemToArray(errors, error_json(&res->errors[i]));
  cJSON *rule_errors = cJSON_AddArrayToObject(root, "rule_errors");
  for (size_t i = 0; i < res->nrule_errors; i++)
    cJSON_AddItemToArray(rule_errors, error_json(&res->rule_errors[i]));
  cJSON *sum = cJSON_AddObjectToObject(root, "summary");
  cJSON_AddNumberToObject(sum, "files", (double)res->nreports);
  cJSON_AddNumberToObject(sum, "unreadable", (double)res->nerrors);
  cJSON_AddItemToObject(sum, "counts", counts_json(c));
  return out_put_json(root, out);
}

int out_put_json(cJSON *root, strbuf *out) {
  char *text = cJSON_Print(root);
  cJSON_Delete(root);
  int rc = text ? strbuf_puts(out, text) : -1;
  if (rc == 0)
    rc = strbuf_putc(out, '\n');
  cJSON_free(text);
  return rc;
}
