/* out_audit_html: the audit summary as one self-contained HTML page.
 *
 * Inline CSS, no scripts, nothing fetched; every text from a report or a
 * rule file is HTML-escaped. One table with a row per report (parts,
 * findings, verdict and key figures side by side, written as the records
 * come), the pairs across years and each body's key figures by year
 * with a small inline SVG chart of each, then the per-rule table and the
 * totals, then every report as
 * `check --format html` shows it (out_html.c), each file name in the
 * table linking to its section #rN. The sections are spooled by the
 * caller, so memory stays flat. */
#include "audit.h"

#include "output.h"

#include <stdio.h>
#include <stdlib.h>

static void esc(strbuf *out, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
    case '&':
      strbuf_puts(out, "&amp;");
      break;
    case '<':
      strbuf_puts(out, "&lt;");
      break;
    case '>':
      strbuf_puts(out, "&gt;");
      break;
    case '"':
      strbuf_puts(out, "&quot;");
      break;
    case '\'':
      strbuf_puts(out, "&#39;");
      break;
    default:
      strbuf_putc(out, *s);
    }
  }
}

/* <tag class="cls">text</tag>; cls may be NULL. */
static void td(strbuf *out, const char *tag, const char *cls,
               const char *text) {
  strbuf_printf(out, "<%s", tag);
  if (cls)
    strbuf_printf(out, " class=\"%s\"", cls);
  strbuf_putc(out, '>');
  esc(out, text);
  strbuf_printf(out, "</%s>", tag);
}

static void td_size(strbuf *out, size_t n) {
  strbuf_printf(out, "<td class=\"n\">%zu</td>", n);
}

static const char style[] =
    "body{font-family:system-ui,\"Noto Sans CJK SC\",\"Microsoft YaHei\","
    "sans-serif;margin:1.5em;color:#222}"
    "table{border-collapse:collapse;margin:.5em 0 1.5em}"
    "th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}"
    "th{background:#f3f3f3;text-align:left}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".fail{color:#b00020;font-weight:600}.pass{color:#1b5e20}"
    ".missing{background:#fdecea}.late{background:#fff4e5}"
    ".wrap{overflow-x:auto}";

static void html_head(const audit *a, const audit_out_opts *o, strbuf *out) {
  (void)o;
  /* the check page's head and CSS, so the reports' sections below look
   * as `check --format html` shows them; the summary's own rules after */
  char title[256];
  snprintf(title, sizeof title, "%s审核汇总", a->report_type);
  out_html_head(out, title);
  strbuf_printf(out, "<style>%s</style>\n<h1>", style);
  esc(out, title);
  strbuf_puts(out, "</h1>\n<p>规则集 rule set:");
  for (int s = a->set_lo; s <= a->set_hi; s++) {
    const rl_ruleset *rs = rl_ctx_ruleset(a->ctx, s);
    strbuf_puts(out, s > a->set_lo ? ", " : " ");
    esc(out, rs->name);
    strbuf_putc(out, ' ');
    esc(out, rs->version);
  }
  strbuf_puts(out, "</p>\n<h2>各报告情况 per report</h2>\n<div class=\"wrap\">"
                   "<table>\n<tr><th>文件 file</th><th>发文机关 issuer</th>"
                   "<th>年度 year</th><th>落款日期 date</th>"
                   "<th>按时 on time</th>");
  for (int i = 0; i < a->nparts; i++)
    td(out, "th", NULL, a->parts[i].name);
  strbuf_puts(out, "<th>错误</th><th>警告</th><th>提示</th>"
                   "<th>结论 verdict</th>");
  strbuf metric;
  strbuf_init(&metric, STRBUF_UNLIMITED);
  for (int i = 0; i < a->nmetrics; i++) {
    strbuf_reset(&metric);
    audit_metric_heading(&a->metrics[i], &metric);
    td(out, "th", NULL, metric.p);
  }
  strbuf_release(&metric);
  strbuf_puts(out, "<th>备注 note</th></tr>\n");
}

static void html_row(const audit *a, const audit_record *r, strbuf *out,
                     strbuf *spool) {
  char buf[64] = "";
  strbuf_puts(out, "<tr>");
  if (r->html) { /* the file links to its section below the summary */
    strbuf_printf(out, "<td><a href=\"#r%d\">", r->index);
    esc(out, r->file);
    strbuf_puts(out, "</a></td>");
    strbuf_puts(spool, r->html);
  } else {
    td(out, "td", NULL, r->file);
  }
  td(out, "td", NULL, r->issuer);
  if (r->year)
    snprintf(buf, sizeof buf, "%d", r->year);
  td(out, "td", "n", buf);
  td(out, "td", NULL, r->date);
  td(out, "td", r->time == AUDIT_TIME_LATE ? "late" : NULL,
     r->unreadable ? "" : audit_time_word(r->time));
  for (int i = 0; i < a->nparts; i++) {
    int p = r->parts ? r->parts[i] : -1;
    td(out, "td", p == RL_PART_MISSING ? "missing" : NULL, audit_part_word(p));
  }
  for (int s = RL_SEV_ERROR; s >= RL_SEV_INFO; s--)
    if (r->unreadable)
      td(out, "td", NULL, "");
    else
      td_size(out, r->counts[s]);
  td(out, "td", r->failed || r->unreadable ? "fail" : "pass",
     audit_verdict_word(r));
  for (int i = 0; i < a->nmetrics; i++)
    td(out, "td", "n",
       r->figures && r->figures[i].has
           ? audit_number(r->figures[i].value, buf, sizeof buf)
           : "");
  td(out, "td", NULL,
     r->unreadable    ? r->error.msg
     : r->rule_failed ? r->rule_error.msg
                      : "");
  strbuf_puts(out, "</tr>\n");
}

static void total(void *arg, const char *what, size_t n) {
  strbuf *out = arg;
  strbuf_puts(out, "<tr>");
  td(out, "td", NULL, what);
  td_size(out, n);
  strbuf_puts(out, "</tr>\n");
}

/* After the last row: the per-rule and totals tables, then the heading
 * of the reports' sections (the spool). */
/* ---- across years ---- */

static const char *const sev_word[] = {"提示", "警告", "错误"};

static void pairs_section(const audit *a, strbuf *out) {
  strbuf_puts(out, "<h2>跨年度对照 year over year</h2>\n");
  if (!a->npairs)
    strbuf_puts(out, "<p>没有可配对的报告（同一机关相邻年度各一份）。</p>\n");
  else
    strbuf_puts(out, "<table>\n<tr><th>机关 body</th><th>上年报告 last "
                     "year</th><th>本年报告 this year</th><th>跨年度问题 "
                     "findings</th></tr>\n");
  for (size_t i = 0; i < a->npairs; i++) {
    const audit_pair *p = &a->pairs[i];
    char y1[16], y2[16];
    snprintf(y1, sizeof y1, "（%d）", p->last_year);
    snprintf(y2, sizeof y2, "（%d）", p->year);
    strbuf_puts(out, "<tr>");
    td(out, "td", NULL, p->body);
    strbuf_puts(out, "<td>");
    esc(out, p->last);
    esc(out, y1);
    strbuf_puts(out, "</td><td>");
    esc(out, p->this);
    esc(out, y2);
    strbuf_puts(out, "</td><td>");
    if (p->failed || !p->nlines)
      esc(out, p->failed ? "未能再次读取或检查" : "无");
    for (size_t k = 0; k < p->nlines; k++) {
      strbuf_printf(out, "%s<span class=\"sev-%s\">%s</span> ",
                    k ? "<br>" : "", rules_severity_name(p->sev[k]),
                    sev_word[p->sev[k]]);
      esc(out, p->lines[k]);
    }
    strbuf_puts(out, "</td></tr>\n");
  }
  if (a->npairs)
    strbuf_puts(out, "</table>\n");
  if (a->lonely)
    strbuf_printf(out, "<p>%zu 份报告的机关在本次审核中只有这一份报告，无从对照。"
                       "</p>\n",
                  a->lonely);
  if (!a->unpaired)
    return;
  strbuf_printf(out, "<p>未配对的报告 unpaired（%zu）：</p>\n<ul>\n",
                a->unpaired);
  for (size_t i = 0; i < a->nsingles; i++) {
    char what[160];
    snprintf(what, sizeof what, "（%d）：", a->singles[i].year);
    strbuf_puts(out, "<li>");
    esc(out, a->singles[i].file);
    esc(out, what);
    esc(out, a->singles[i].why);
    strbuf_puts(out, "</li>\n");
  }
  if (a->unpaired > a->nsingles)
    strbuf_printf(out, "<li>……另有 %zu 份</li>\n", a->unpaired - a->nsingles);
  strbuf_puts(out, "</ul>\n");
}

enum { CHART_W = 120, CHART_H = 28 };

/* A small line chart of one figure over the years (inline SVG, no
 * script): a point a year it is stated in, joined in order. */
static void chart(strbuf *out, const audit_figure *v, int n) {
  double lo = 0, hi = 0;
  int any = 0;
  for (int i = 0; i < n; i++)
    if (v[i].has) {
      lo = any && lo < v[i].value ? lo : v[i].value;
      hi = any && hi > v[i].value ? hi : v[i].value;
      any = 1;
    }
  strbuf_printf(out, "<svg class=\"trend\" width=\"%d\" height=\"%d\" "
                     "viewBox=\"0 0 %d %d\" role=\"img\"><polyline "
                     "fill=\"none\" stroke=\"#0b57d0\" stroke-width=\"2\" "
                     "points=\"",
                CHART_W, CHART_H, CHART_W, CHART_H);
  for (int i = 0; any && i < n; i++) {
    if (!v[i].has)
      continue;
    double x = n > 1 ? 4 + (CHART_W - 8) * (double)i / (n - 1) : CHART_W / 2.0;
    double y = hi > lo ? 4 + (CHART_H - 8) * (hi - v[i].value) / (hi - lo)
                       : CHART_H / 2.0;
    strbuf_printf(out, "%.1f,%.1f ", x, y);
  }
  strbuf_puts(out, "\"/></svg>");
}

static void year_row_out(strbuf *out, const audit_body *b, const char *label,
                         const audit_figure *per_year) {
  strbuf_puts(out, "<tr>");
  td(out, "td", NULL, label);
  for (int i = 0; i < b->nyears; i++) {
    char num[32];
    td(out, "td", "n",
       per_year[i].has ? audit_number(per_year[i].value, num, sizeof num) : "");
  }
  strbuf_puts(out, "<td>");
  chart(out, per_year, b->nyears);
  strbuf_puts(out, "</td></tr>\n");
}

static void bodies_section(const audit *a, strbuf *out) {
  int said = 0;
  for (size_t i = 0; i < a->nbodies; i++) {
    const audit_body *b = &a->bodies[i];
    if (!audit_year_rows(a, b))
      continue;
    if (!said++)
      strbuf_puts(out, "<h2>各机关历年关键指标 key figures by year</h2>\n");
    strbuf_puts(out, "<h3>");
    esc(out, b->name);
    strbuf_puts(out, "</h3>\n<table>\n<tr><th>指标 metric</th>");
    for (int y = 0; y < b->nyears; y++)
      strbuf_printf(out, "<th>%d</th>", b->years[y]);
    strbuf_puts(out, "<th>趋势 trend</th></tr>\n");
    audit_each_year_row(a, b, out, year_row_out);
    strbuf_puts(out, "</table>\n");
  }
}

static void html_summary(const audit *a, strbuf *out) {
  const audit_totals *t = &a->totals;
  strbuf_puts(out, "</table></div>\n<p>关键指标空白表示报告未写明该指标（不是0）。"
                   "</p>\n");
  pairs_section(a, out);
  bodies_section(a, out);
  strbuf_puts(out,
              "<h2>各规则情况 per rule</h2>\n<table>\n"
              "<tr><th>规则 rule</th><th>级别 severity</th>"
              "<th>报告数 reports</th><th>占比 share</th></tr>\n");
  const audit_rule **v = audit_rules_sorted(a);
  for (size_t i = 0; i < a->nrules; i++) {
    char share[32];
    strbuf_puts(out, "<tr>");
    td(out, "td", NULL, v[i]->id);
    td(out, "td", NULL, rules_severity_name(v[i]->severity));
    td_size(out, v[i]->reports);
    td(out, "td", "n",
       audit_share(v[i]->reports, t->checked, share, sizeof share));
    strbuf_puts(out, "</tr>\n");
  }
  free(v);
  strbuf_puts(out, "</table>\n<h2>合计 totals</h2>\n<table>\n");
  audit_each_total(a, total, out);
  strbuf_puts(out, "</table>\n<h2>各报告全文 the reports</h2>\n");
}

static void html_tail(const audit *a, strbuf *out) {
  (void)a;
  out_html_foot(out);
}

const audit_writer audit_html = {"html", out_html_report_section, html_head,
                                 html_row, html_summary, html_tail};
