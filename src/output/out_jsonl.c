/* out_jsonl: JSON Lines, one compact object per line, for grep, jq and
 * log pipelines. Lines come in this order, and there is no summary line:
 *
 * one per finding (suppressed ones too), in report order:
 *   file         the report's path as given
 *   rule         rule id
 *   severity     "error" | "warning" | "info"
 *   message      the rule's message, filled in
 *   line, column, end_line, end_column
 *                1-based, in the original file, code points; end_column
 *                is exclusive (one past the last character)
 *   excerpt      the offending text as the source has it (≤ 80 code points)
 *   fingerprint  16 hex digits, stable across unrelated edits
 *   suppressed   true when waived (not counted, not failing)
 *   suppression  why, only when suppressed
 * one per report whose findings passed --max-findings:
 *   file, dropped (findings not stored), limit
 * one per unreadable input:
 *   file, error (the message), line and column when known
 * one per rule that failed at run time:
 *   file (the rule file), rule_error (the message), line and column when
 *   known
 */
#include "output.h"

#include "report.h"

#include <cjson/cJSON.h>

/* Prints o on one line into out and deletes it. */
static int put_line(cJSON *o, strbuf *out) {
  char *text = cJSON_PrintUnformatted(o);
  cJSON_Delete(o);
  int rc = text ? strbuf_puts(out, text) : -1;
  if (rc == 0)
    rc = strbuf_putc(out, '\n');
  cJSON_free(text);
  return rc;
}

static cJSON *finding_json(const rl_report *r, const finding *f) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "file", r->path);
  out_json_finding_fields(o, f);
  out_json_related(o, r, f);
  cJSON_AddBoolToObject(o, "suppressed", f->suppressed != 0);
  if (f->suppressed)
    cJSON_AddStringToObject(o, "suppression",
                            f->suppression ? f->suppression : "");
  return o;
}

static cJSON *dropped_json(const rl_report *r) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "file", r->path);
  cJSON_AddNumberToObject(o, "dropped", (double)r->findings.dropped);
  cJSON_AddNumberToObject(o, "limit", (double)r->findings.max);
  return o;
}

/* {"file", KEY: message, "line"?, "column"?}; the key says which kind. */
static cJSON *diag_json(const rl_diag *d, const char *key) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "file", d->file);
  cJSON_AddStringToObject(o, key, d->msg);
  if (d->line > 0)
    cJSON_AddNumberToObject(o, "line", d->line);
  if (d->col > 0)
    cJSON_AddNumberToObject(o, "column", d->col);
  return o;
}

int out_jsonl_report(const out_result *res, const rl_report *r, strbuf *out) {
  (void)res;
  int rc = 0;
  for (size_t k = 0; k < r->findings.n; k++)
    rc |= put_line(finding_json(r, &r->findings.v[k]), out);
  if (r->findings.dropped)
    rc |= put_line(dropped_json(r), out);
  return rc ? -1 : 0;
}

int out_jsonl_end(const out_result *res, strbuf *out) {
  int rc = 0;
  for (size_t i = 0; i < res->nerrors; i++)
    rc |= put_line(diag_json(&res->errors[i], "error"), out);
  for (size_t i = 0; i < res->nrule_errors; i++)
    rc |= put_line(diag_json(&res->rule_errors[i], "rule_error"), out);
  return rc ? -1 : 0;
}

int out_jsonl(const out_result *res, strbuf *out) {
  int rc = 0;
  for (size_t i = 0; i < res->nreports; i++)
    rc |= out_jsonl_report(res, res->reports[i], out);
  rc |= out_jsonl_end(res, out);
  return rc ? -1 : 0;
}
