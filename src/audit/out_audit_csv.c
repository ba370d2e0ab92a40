/* out_audit_csv: the audit summary as CSV (RFC 4180) for spreadsheets.
 *
 * One wide table, a row per report: file, title, issuer, year, signature
 * date, timeliness, each part, findings by severity, verdict, each key
 * figure (a bare number; empty when the report does not state it), note.
 * After an empty line, the per-rule table, and after another the totals.
 * Every field is quoted and records end in CRLF, as RFC 4180 has it; with
 * --bom the file starts with a UTF-8 byte order mark, without which Excel
 * reads UTF-8 as the local code page. Text from reports that a spreadsheet
 * would take for a formula (= + - @ first, and more than that character:
 * "-" for stdin stays "-") is prefixed with an apostrophe, as OWASP
 * advises against CSV injection. */
#include "audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void audit_csv_field(strbuf *out, const char *s, int first) {
  if (!first)
    strbuf_putc(out, ',');
  strbuf_putc(out, '"');
  if (s && *s && s[1] && strchr("=+-@\t\r", *s))
    strbuf_putc(out, '\'');
  for (; s && *s; s++) {
    if (*s == '"')
      strbuf_putc(out, '"');
    strbuf_putc(out, *s);
  }
  strbuf_putc(out, '"');
}

static void field(strbuf *out, const char *s) { audit_csv_field(out, s, 0); }

static void number(strbuf *out, size_t n) {
  char buf[32];
  snprintf(buf, sizeof buf, "%zu", n);
  field(out, buf);
}

static void end_record(strbuf *out) { strbuf_puts(out, "\r\n"); }

static void csv_head(const audit *a, const audit_out_opts *o, strbuf *out) {
  if (o && o->bom)
    strbuf_puts(out, "\xEF\xBB\xBF");
  audit_csv_field(out, "文件 file", 1);
  field(out, "标题 title");
  field(out, "发文机关 issuer");
  field(out, "年度 year");
  field(out, "落款日期 date");
  field(out, "按时 on time");
  for (int i = 0; i < a->nparts; i++)
    field(out, a->parts[i].name);
  field(out, "错误 errors");
  field(out, "警告 warnings");
  field(out, "提示 info");
  field(out, "结论 verdict");
  strbuf metric;
  strbuf_init(&metric, STRBUF_UNLIMITED);
  for (int i = 0; i < a->nmetrics; i++) {
    strbuf_reset(&metric);
    audit_metric_heading(&a->metrics[i], &metric);
    field(out, metric.p);
  }
  strbuf_release(&metric);
  field(out, "备注 note");
  end_record(out);
}

static void csv_row(const audit *a, const audit_record *r, strbuf *out,
                    strbuf *spool) {
  (void)spool;
  char buf[64] = "";
  audit_csv_field(out, r->file, 1);
  field(out, r->title);
  field(out, r->issuer);
  if (r->year)
    snprintf(buf, sizeof buf, "%d", r->year);
  field(out, buf);
  field(out, r->date);
  field(out, r->unreadable ? "" : audit_time_word(r->time));
  for (int i = 0; i < a->nparts; i++)
    field(out, r->parts ? audit_part_word(r->parts[i]) : "");
  for (int s = RL_SEV_ERROR; s >= RL_SEV_INFO; s--)
    if (r->unreadable)
      field(out, "");
    else
      number(out, r->counts[s]);
  field(out, audit_verdict_word(r));
  for (int i = 0; i < a->nmetrics; i++)
    field(out, r->figures && r->figures[i].has
                   ? audit_number(r->figures[i].value, buf, sizeof buf)
                   : "");
  field(out, r->unreadable    ? r->error.msg
             : r->rule_failed ? r->rule_error.msg
                              : "");
  end_record(out);
}

static void total(void *arg, const char *what, size_t n) {
  strbuf *out = arg;
  audit_csv_field(out, what, 1);
  number(out, n);
  end_record(out);
}

static void csv_tail(const audit *a, strbuf *out) {
  end_record(out);
  audit_csv_field(out, "规则 rule", 1);
  field(out, "级别 severity");
  field(out, "报告数 reports");
  field(out, "占比 share");
  end_record(out);
  const audit_rule **v = audit_rules_sorted(a);
  for (size_t i = 0; i < a->nrules; i++) {
    char share[32];
    audit_csv_field(out, v[i]->id, 1);
    field(out, rules_severity_name(v[i]->severity));
    number(out, v[i]->reports);
    field(out,
          audit_share(v[i]->reports, a->totals.checked, share, sizeof share));
    end_record(out);
  }
  free(v);
  end_record(out);
  audit_csv_field(out, "项目 item", 1);
  field(out, "数量 count");
  end_record(out);
  audit_each_total(a, total, out);
}

const audit_writer audit_csv = {"csv", NULL, csv_head, csv_row, NULL, csv_tail};
