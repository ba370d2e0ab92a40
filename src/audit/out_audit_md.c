/* out_audit_md: the audit summary as Markdown (GitHub tables), the
 * default of `reportlint audit`.
 *
 * Tables: per report (timeliness, parts, findings, verdict), the key
 * figures per report, the pairs across years with their cross-year
 * findings (and the reports left unpaired), each body's key figures by
 * year, per rule (reports with findings, worst first) and totals. The two
 * per-report tables are written as the records come: the first to the
 * output, the second to the spool, which the caller copies in after the
 * last row; the rest follow. */
#include "audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A table cell: '|' escaped, and '<' so that a renderer takes no text
 * of a report for HTML; line breaks and tabs as spaces. */
static void cell(strbuf *out, const char *s) {
  strbuf_puts(out, " ");
  for (; s && *s; s++) {
    if (*s == '|')
      strbuf_puts(out, "\\|");
    else if (*s == '<')
      strbuf_puts(out, "\\<");
    else if (*s == '\n' || *s == '\r' || *s == '\t')
      strbuf_putc(out, ' ');
    else
      strbuf_putc(out, *s);
  }
  strbuf_puts(out, " |");
}

static void cell_size(strbuf *out, size_t n) {
  strbuf_printf(out, " %zu |", n);
}

static const char *const sev_words[] = {"提示", "警告", "错误"};

static void md_head(const audit *a, const audit_out_opts *o, strbuf *out) {
  (void)o;
  strbuf_printf(out, "# %s审核汇总\n\n规则集 rule set:", a->report_type);
  for (int s = a->set_lo; s <= a->set_hi; s++) {
    const rl_ruleset *rs = rl_ctx_ruleset(a->ctx, s);
    strbuf_printf(out, "%s %s %s", s > a->set_lo ? "," : "", rs->name,
                  rs->version);
  }
  if (a->fail_on == AUDIT_FAIL_NONE)
    strbuf_puts(out, "。结论 verdict: 不设不通过线（--fail-on none）。\n");
  else
    strbuf_printf(out, "。结论 verdict: 有“%s”及以上级别的问题为不通过。\n",
                  sev_words[a->fail_on]);
  strbuf_puts(out, "\n## 各报告情况 per report\n\n|");
  cell(out, "文件 file");
  cell(out, "发文机关 issuer");
  cell(out, "年度 year");
  cell(out, "落款日期 date");
  cell(out, "按时 on time");
  for (int i = 0; i < a->nparts; i++)
    cell(out, a->parts[i].name);
  cell(out, "错误 errors");
  cell(out, "警告 warnings");
  cell(out, "提示 info");
  cell(out, "结论 verdict");
  cell(out, "备注 note");
  strbuf_puts(out, "\n|---|---|--:|---|---|");
  for (int i = 0; i < a->nparts; i++)
    strbuf_puts(out, "---|");
  strbuf_puts(out, "--:|--:|--:|---|---|\n");
}

static void report_row(const audit *a, const audit_record *r, strbuf *out) {
  char year[16] = "";
  if (r->year)
    snprintf(year, sizeof year, "%d", r->year);
  strbuf_puts(out, "|");
  cell(out, r->file);
  cell(out, r->issuer);
  cell(out, year);
  cell(out, r->date);
  cell(out, r->unreadable ? "" : audit_time_word(r->time));
  for (int i = 0; i < a->nparts; i++)
    cell(out, r->parts ? audit_part_word(r->parts[i]) : "");
  for (int s = RL_SEV_ERROR; s >= RL_SEV_INFO; s--)
    if (r->unreadable)
      cell(out, "");
    else
      cell_size(out, r->counts[s]);
  cell(out, audit_verdict_word(r));
  cell(out, r->unreadable    ? r->error.msg
            : r->rule_failed ? r->rule_error.msg
                             : "");
  strbuf_putc(out, '\n');
}

static void figures_row(const audit *a, const audit_record *r, strbuf *out) {
  strbuf_puts(out, "|");
  cell(out, r->file);
  cell(out, r->issuer);
  for (int i = 0; i < a->nmetrics; i++) {
    char num[64] = "";
    if (r->figures && r->figures[i].has)
      audit_number(r->figures[i].value, num, sizeof num);
    cell(out, num);
  }
  strbuf_putc(out, '\n');
}

static void md_row(const audit *a, const audit_record *r, strbuf *out,
                   strbuf *spool) {
  report_row(a, r, out);
  if (a->nmetrics)
    figures_row(a, r, spool);
}

static void md_spool_head(const audit *a, strbuf *out) {
  if (!a->nmetrics)
    return;
  strbuf_puts(out, "\n## 关键指标 key figures\n\n空白表示报告未写明该指标"
                   "（不是0）。\n\n|");
  cell(out, "文件 file");
  cell(out, "发文机关 issuer");
  strbuf metric;
  strbuf_init(&metric, STRBUF_UNLIMITED);
  for (int i = 0; i < a->nmetrics; i++) {
    strbuf_reset(&metric);
    audit_metric_heading(&a->metrics[i], &metric);
    cell(out, metric.p);
  }
  strbuf_release(&metric);
  strbuf_puts(out, "\n|---|---|");
  for (int i = 0; i < a->nmetrics; i++)
    strbuf_puts(out, "--:|");
  strbuf_putc(out, '\n');
}

static void rules_table(const audit *a, strbuf *out) {
  strbuf_puts(out, "\n## 各规则情况 per rule\n\n");
  if (!a->nrules) {
    strbuf_puts(out, "没有报告存在问题。\n");
    return;
  }
  strbuf_puts(out, "| 规则 rule | 级别 severity | 报告数 reports | "
                   "占比 share |\n|---|---|--:|--:|\n");
  const audit_rule **v = audit_rules_sorted(a);
  for (size_t i = 0; i < a->nrules; i++) {
    char share[32];
    strbuf_puts(out, "|");
    cell(out, v[i]->id);
    cell(out, rules_severity_name(v[i]->severity));
    cell_size(out, v[i]->reports);
    cell(out,
         audit_share(v[i]->reports, a->totals.checked, share, sizeof share));
    strbuf_putc(out, '\n');
  }
  free(v);
}

static void total_row(void *arg, const char *what, size_t n) {
  strbuf *out = arg;
  strbuf_puts(out, "|");
  cell(out, what);
  cell_size(out, n);
  strbuf_putc(out, '\n');
}

/* ---- across years ---- */

static void pairs_table(const audit *a, strbuf *out) {
  strbuf_puts(out, "\n## 跨年度对照 year over year\n\n");
  if (!a->npairs)
    strbuf_puts(out, "没有可配对的报告（同一机关相邻年度各一份）。\n");
  else
    strbuf_puts(out, "| 机关 body | 上年报告 last year | 本年报告 this year |"
                     " 跨年度问题 findings |\n|---|---|---|---|\n");
  for (size_t i = 0; i < a->npairs; i++) {
    const audit_pair *p = &a->pairs[i];
    char last[300], now[300];
    snprintf(last, sizeof last, "%s（%d）", p->last, p->last_year);
    snprintf(now, sizeof now, "%s（%d）", p->this, p->year);
    strbuf found;
    strbuf_init(&found, STRBUF_UNLIMITED);
    if (p->failed)
      strbuf_puts(&found, "未能再次读取或检查");
    else if (!p->nlines)
      strbuf_puts(&found, "无");
    for (size_t k = 0; k < p->nlines; k++)
      strbuf_printf(&found, "%s%s %s", k ? "；" : "", sev_words[p->sev[k]],
                    p->lines[k]);
    strbuf_puts(out, "|");
    cell(out, p->body);
    cell(out, last);
    cell(out, now);
    cell(out, found.p);
    strbuf_puts(out, "\n");
    strbuf_release(&found);
  }
  if (a->lonely)
    strbuf_printf(out, "\n%zu 份报告的机关在本次审核中只有这一份报告，无从对照。\n",
                  a->lonely);
  if (a->unpaired) {
    strbuf_printf(out, "\n未配对的报告 unpaired（%zu）：\n\n", a->unpaired);
    for (size_t i = 0; i < a->nsingles; i++)
      strbuf_printf(out, "- %s（%s，%d）：%s\n", a->singles[i].file,
                    a->singles[i].body, a->singles[i].year,
                    a->singles[i].why);
    if (a->unpaired > a->nsingles)
      strbuf_printf(out, "- ……另有 %zu 份\n", a->unpaired - a->nsingles);
  }
}

static void year_row_out(strbuf *out, const audit_body *b, const char *label,
                         const audit_figure *per_year) {
  strbuf_puts(out, "|");
  cell(out, label);
  for (int i = 0; i < b->nyears; i++) {
    char num[32];
    cell(out, per_year[i].has ? audit_number(per_year[i].value, num,
                                             sizeof num)
                              : "");
  }
  strbuf_puts(out, "\n");
}

/* Each body with two years or more and a key figure: its figures by
 * year. */
static void bodies_tables(const audit *a, strbuf *out) {
  int said = 0;
  for (size_t i = 0; i < a->nbodies; i++) {
    const audit_body *b = &a->bodies[i];
    if (!audit_year_rows(a, b))
      continue;
    if (!said++)
      strbuf_puts(out, "\n## 各机关历年关键指标 key figures by year\n");
    strbuf_printf(out, "\n### %s\n\n| 指标 metric |", b->name);
    for (int y = 0; y < b->nyears; y++)
      strbuf_printf(out, " %d |", b->years[y]);
    strbuf_puts(out, "\n|---|");
    for (int y = 0; y < b->nyears; y++)
      strbuf_puts(out, "--:|");
    strbuf_puts(out, "\n");
    audit_each_year_row(a, b, out, year_row_out);
  }
}

static void md_tail(const audit *a, strbuf *out) {
  pairs_table(a, out);
  bodies_tables(a, out);
  rules_table(a, out);
  strbuf_puts(out, "\n## 合计 totals\n\n| 项目 item | 数量 count |\n"
                   "|---|--:|\n");
  audit_each_total(a, total_row, out);
}

const audit_writer audit_markdown = {"markdown", NULL, md_head, md_row, md_spool_head,
                                     md_tail};
