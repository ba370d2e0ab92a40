/* out_html: the run as one self-contained HTML page (--format html).
 *
 * Consumes the checked reports and produces a page with inline CSS and no
 * script, font or image to fetch: per report its outline (title, year,
 * issuer, date, parts), severity counts, a table of findings, the waived
 * findings apart (greyed, not highlighted), and the text the user reads
 * (r->dec.text: the file, or what a reader extracted from DOCX, PDF or
 * HTML) line by line, each unsuppressed finding highlighted over its exact
 * span with its message beside the line. Everything taken from a report
 * is escaped. Positions are named by report_location() and by the
 * reader's terms (¶N, page and line, HTML source line); the anchors and
 * classes an audit page may link to are listed in output.h. */
#include "output.h"

#include "report.h"
#include "utf8.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Inline, so the page reads the same offline, printed or mailed. The font
 * stack names the CJK faces of Linux, macOS and Windows. Highlights are
 * translucent, so overlapping findings darken where they overlap. */
static const char page_css[] =
    ":root{--error:#c62828;--warning:#a15c00;--info:#1565c0;"
    "--error-bg:rgba(229,57,53,.22);--warning-bg:rgba(255,160,0,.28);"
    "--info-bg:rgba(30,136,229,.16)}\n"
    "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\","
    "\"PingFang SC\",\"Microsoft YaHei\",sans-serif;color:#1f1f1f;"
    "background:#fff;margin:0 auto;max-width:1240px;padding:12px 20px;"
    "line-height:1.6;font-size:15px}\n"
    "h1{font-size:1.5em;margin:.3em 0}h2{font-size:1.25em;margin:1.2em 0 "
    ".3em;border-bottom:2px solid #ddd}h3{font-size:1.05em;margin:.9em 0 "
    ".3em}\n"
    "a{color:#0b57d0}code{font-family:ui-monospace,\"DejaVu Sans Mono\","
    "monospace;font-size:.88em}\n"
    ".counts .c{display:inline-block;padding:0 .6em;margin-right:.4em;"
    "border-radius:3px;color:#fff}\n"
    ".c.sev-error{background:var(--error)}.c.sev-warning{background:"
    "var(--warning)}.c.sev-info{background:var(--info)}.c.waived{"
    "background:#888}\n"
    ".toc .counts{display:inline;margin-left:1em}.toc .title{color:#555;"
    "margin-left:1em}\n"
    ".outline .cols{display:grid;grid-template-columns:minmax(0,2fr) "
    "minmax(0,3fr);column-gap:2em}\n"
    ".outline dl{display:grid;grid-template-columns:6em 1fr;margin:0}"
    ".outline dt{color:#666}.outline dd{margin:0}.none{color:#999}\n"
    ".parts{list-style:none;padding:0;margin:0}.parts li.lv2{padding-left:"
    "2em}.parts li.lv3{padding-left:4em}.parts li.lv4{padding-left:6em}\n"
    ".key{font-size:.8em;color:#555;border:1px solid #bbb;border-radius:3px;"
    "padding:0 .3em;margin-left:.4em}\n"
    "table{border-collapse:collapse;width:100%;font-size:.93em}"
    "th,td{border:1px solid #ddd;padding:.2em .5em;text-align:left;"
    "vertical-align:top}th{background:#f4f4f4}\n"
    "td.sev{font-weight:bold;white-space:nowrap}tr.sev-error td.sev{color:"
    "var(--error)}tr.sev-warning td.sev{color:var(--warning)}"
    "tr.sev-info td.sev{color:var(--info)}\n"
    "tr.waived{color:#888}\n"
    ".text{border:1px solid #ddd;margin-top:.5em}\n"
    ".ln{display:grid;grid-template-columns:4.5em minmax(0,1fr) 20em;"
    "column-gap:.8em;border-top:1px solid #f2f2f2;min-height:1.6em}\n"
    ".ln .no{color:#999;text-align:right;padding-right:.4em;"
    "border-right:1px solid #eee;text-decoration:none;"
    "font-variant-numeric:tabular-nums;user-select:none}\n"
    ".ln .tx{white-space:pre-wrap;overflow-wrap:anywhere}\n"
    ".ln .tx.tr{display:flex;white-space:normal;border-left:1px solid #ccc}"
    ".tx.tr .td{flex:1 1 0;min-width:0;padding:0 .3em;border-right:1px "
    "solid #ccc;text-align:right}.tx.tr .td:first-child{flex:4 1 0;"
    "text-align:left}\n"
    ".ln .notes{grid-column:3;font-size:.82em;line-height:1.45}\n"
    ".ln.has{background:#fcfcfc}\n"
    ".note{border-left:3px solid;padding:0 .4em;margin:.15em 0}\n"
    ".note.sev-error{border-color:var(--error)}.note.sev-warning{"
    "border-color:var(--warning)}.note.sev-info{border-color:var(--info)}"
    ".note.dir{border-color:#aaa;color:#777}\n"
    ".note .sev{font-weight:bold}.note.sev-error .sev{color:var(--error)}"
    ".note.sev-warning .sev{color:var(--warning)}.note.sev-info .sev{"
    "color:var(--info)}\n"
    "mark.f,span.fc{color:inherit;padding:0;border-bottom:2px solid}\n"
    "mark.f.sev-error,span.fc.sev-error{background:var(--error-bg);"
    "border-color:var(--error)}\n"
    "mark.f.sev-warning,span.fc.sev-warning{background:var(--warning-bg);"
    "border-color:var(--warning)}\n"
    "mark.f.sev-info,span.fc.sev-info{background:var(--info-bg);"
    "border-color:var(--info)}\n"
    "mark.f.z{background:none;border:0}mark.f.z::before{content:\"\\2038\";"
    "font-weight:bold}mark.f.z.sev-error::before{color:var(--error)}"
    "mark.f.z.sev-warning::before{color:var(--warning)}"
    "mark.f.z.sev-info::before{color:var(--info)}\n"
    "mark.f:target,tr:target,.ln:target{outline:2px solid #0b57d0}\n"
    ".page{border-top:2px dashed #999;color:#666;text-align:center;"
    "font-size:.85em;padding:.2em 0;background:#f7f7f7}\n"
    "footer{color:#888;font-size:.85em;margin:2em 0 1em}\n"
    ".verdict{font-size:1.1em;padding:.5em .8em;border-left:6px solid;"
    "margin:.6em 0}.verdict.bad{border-color:var(--error);background:"
    "#fdecea}.verdict.warn{border-color:var(--warning);background:#fff4e0}"
    ".verdict.ok{border-color:#2e7d32;background:#e8f5e9}\n"
    "td.place .quote{color:#333;margin:.2em 0}td.place .loc{font-size:.8em;"
    "color:#888}details summary{color:#0b57d0;cursor:pointer;font-size:"
    ".9em}details p{margin:.2em 0;font-size:.9em}.rid{color:#aaa;"
    "font-size:.8em}\n"
    "@media (max-width:800px){.outline "
    ".cols{display:block}.ln{grid-template-columns:3.5em minmax(0,1fr)}"
    ".ln .notes{grid-column:2}}\n"
    "@page{size:A4;margin:15mm}\n"
    "@media print{body{max-width:none;padding:0;font-size:11pt}"
    "details{display:block}details>*{display:block}"
    "a{color:inherit;text-decoration:none}.ln{break-inside:avoid;"
    "grid-template-columns:3.5em minmax(0,1fr) 15em}"
    "section.report+section.report{break-before:page}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

static const char *const sev_label[3] = {"提示", "警告", "错误"};

// --- escaping ----------------------------------------------------------

/* The entity or replacement for code point cp, or NULL to copy it. C0/C1
 * controls have no place in HTML text: they become their control picture
 * (U+2400 + c) or U+FFFD, so a stray byte is visible, not swallowed. */
static const char *escape_of(uint32_t cp, char tmp[8]) {
  switch (cp) {
  case '&':
    return "&amp;";
  case '<':
    return "&lt;";
  case '>':
    return "&gt;";
  case '"':
    return "&quot;";
  case '\'':
    return "&#39;";
  case '\t':
  case '\n':
    return NULL;
  }
  if (cp < 0x20 || cp == 0x7f) {
    int n = utf8_encode(cp == 0x7f ? 0x2421 : 0x2400 + cp, tmp);
    tmp[n] = '\0';
    return tmp;
  }
  if (cp >= 0x80 && cp <= 0x9f)
    return "\xEF\xBF\xBD";
  return NULL;
}

int out_html_escape(strbuf *out, const char *s, size_t len) {
  int rc = 0;
  size_t from = 0, i = 0;
  while (i < len) {
    uint32_t cp;
    int k = utf8_decode(s + i, len - i, &cp);
    char tmp[8];
    const char *rep = k < 0 ? "\xEF\xBF\xBD" : escape_of(cp, tmp);
    size_t step = k < 0 ? 1 : (size_t)k;
    if (rep) {
      rc |= strbuf_put(out, s + from, i - from);
      rc |= strbuf_puts(out, rep);
      from = i + step;
    }
    i += step;
  }
  rc |= strbuf_put(out, s + from, len - from);
  return rc;
}

static int put_esc(strbuf *out, const char *s) {
  return out_html_escape(out, s, strlen(s));
}

// --- page --------------------------------------------------------------

int out_html_head(strbuf *out, const char *title) {
  int rc = strbuf_puts(
      out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
           "<meta charset=\"utf-8\"/>\n"
           "<meta name=\"viewport\" content=\"width=device-"
           "width, initial-scale=1\"/>\n"
           "<meta name=\"generator\" content=\"reportlint " RL_VERSION
           "\"/>\n<title>");
  rc |= put_esc(out, title);
  rc |= strbuf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n",
                      page_css);
  return rc;
}

int out_html_foot(strbuf *out) {
  return strbuf_puts(out, "<footer>由 reportlint " RL_VERSION
                          " 生成。高亮为问题所在位置，右侧为说明；"
                          "点击编号可在清单与正文之间跳转。</footer>\n"
                          "</body>\n</html>\n");
}

/* "<span class="c sev-error">错误 2</span> …" */
static int put_counts(strbuf *out, const size_t c[3], size_t waived) {
  int rc = strbuf_puts(out, "<p class=\"counts\">");
  for (int s = RL_SEV_ERROR; s >= RL_SEV_INFO; s--)
    rc |=
        strbuf_printf(out, "<span class=\"c sev-%s\">%s %zu</span>",
                      rules_severity_name((rl_severity)s), sev_label[s], c[s]);
  if (waived)
    rc |= strbuf_printf(out, "<span class=\"c waived\">已豁免 %zu</span>",
                        waived);
  return rc | strbuf_puts(out, "</p>\n");
}

/* The verdict and the next step, for the drafter: whether the report can
 * go out as it is. */
static int put_verdict(strbuf *out, const size_t c[3]) {
  size_t e = c[RL_SEV_ERROR], w = c[RL_SEV_WARNING];
  if (e && w)
    return strbuf_printf(out,
                         "<p class=\"verdict bad\"><strong>需要修改</strong>：有 %zu 个"
                         "错误和 %zu 个警告，请按下面的问题清单逐条改正后再"
                         "报送。</p>\n",
                         e, w);
  if (e)
    return strbuf_printf(out,
                         "<p class=\"verdict bad\"><strong>需要修改</strong>：有 %zu 个"
                         "错误，请按下面的问题清单逐条改正后再报送。</p>\n",
                         e);
  if (w)
    return strbuf_printf(out,
                         "<p class=\"verdict warn\"><strong>可以报送</strong>：没有错误；"
                         "有 %zu 个警告，建议逐条看过，确认无误或改正。</p>\n",
                         w);
  return strbuf_puts(out, "<p class=\"verdict ok\"><strong>可以报送</strong>：没有发现"
                          "错误或警告。</p>\n");
}

static size_t count_waived(const rl_report *r) {
  size_t n = 0;
  for (size_t i = 0; i < r->findings.n; i++)
    n += r->findings.v[i].suppressed != 0;
  return n;
}

// --- positions ---------------------------------------------------------

static int clamp(int v, int lo, int hi) {
  return v < lo ? lo : v > hi ? hi : v;
}

/* Lines of the text shown: a final '\n' does not start a line. */
static int shown_lines(const rl_report *r) {
  int n = (int)r->lm.n;
  if (n > 1 && r->dec.len && r->dec.text[r->dec.len - 1] == '\n')
    n--;
  return n;
}

static void line_text(const rl_report *r, int line, const char **p,
                      size_t *len) {
  linemap_line(&r->lm, r->lm.starts[line - 1], p, len);
}

/* Line `line` of the text as the user names it: "12", "¶12" (DOCX), the
 * line within its page (PDF), the line of the HTML source. */
static void line_label(const rl_report *r, int line, char *buf, size_t cap) {
  locmap_line_name(&r->loc, line, buf, cap);
}

// --- outline -----------------------------------------------------------

/* Text of a span of the normalised text, line breaks dropped (a title may
 * run over two lines). */
static int put_span(strbuf *out, const rl_report *r, span s) {
  char *t = report_span_text(r, s);
  char *w = t;
  for (char *p = t; *p; p++)
    if (*p != '\n')
      *w++ = *p;
  *w = '\0';
  int rc = put_esc(out, t);
  free(t);
  return rc;
}

/* <dt>label</dt><dd>…</dd> for a span, linked to its line, or 未识别. */
static int put_field(strbuf *out, const rl_report *r, int index,
                     const char *label, span s) {
  int rc = strbuf_printf(out, "<dt>%s</dt><dd>", label);
  if (!s.len)
    return rc | strbuf_puts(out, "<span class=\"none\">未识别</span></dd>\n");
  rc |= strbuf_printf(out, "<a href=\"#r%d-L%d\">", index,
                      report_line_of(r, s.off));
  rc |= put_span(out, r, s);
  return rc | strbuf_puts(out, "</a></dd>\n");
}

static int put_facts(strbuf *out, const rl_report *r, int index) {
  int rc = strbuf_puts(out, "<dl>\n");
  rc |= put_field(out, r, index, "标题", r->d.title);
  rc |= strbuf_puts(out, "<dt>年度</dt><dd>");
  rc |= r->d.year ? strbuf_printf(out, "%d", r->d.year)
                  : strbuf_puts(out, "<span class=\"none\">未识别</span>");
  rc |= strbuf_puts(out, "</dd>\n");
  rc |= put_field(out, r, index, "发文机关", r->d.issuer);
  span date = {0, 0};
  if (r->d.sig_date >= 0)
    date = r->d.dates[r->d.sig_date].s;
  rc |= put_field(out, r, index, "成文日期", date);
  rc |= strbuf_printf(out, "<dt>格式</dt><dd>%s，%s</dd>\n",
                      r->fmt->name, r->dec.encoding);
  if (r->rs) {
    rc |= strbuf_puts(out, "<dt>规则集</dt><dd>");
    rc |= put_esc(out, r->rs->name);
    rc |= strbuf_putc(out, ' ');
    rc |= put_esc(out, r->rs->version);
    rc |= strbuf_puts(out, "</dd>\n");
  }
  return rc | strbuf_puts(out, "</dl>\n");
}

/* The parts the model found, indented by level. */
static int put_parts(strbuf *out, const rl_report *r, int index) {
  int rc = strbuf_puts(out, "<h3>各部分</h3>\n");
  if (r->d.nsection == 0)
    return rc | strbuf_puts(out, "<p class=\"none\">未识别出标题</p>\n");
  rc |= strbuf_puts(out, "<ol class=\"parts\">\n");
  for (int i = 0; i < r->d.nsection; i++) {
    const doc_heading *h = &r->d.heads[r->d.sections[i].heading];
    const doc_para *p = &r->d.paras[h->para];
    int line = report_line_of(r, p->off);
    char label[32];
    line_label(r, line, label, sizeof label);
    rc |= strbuf_printf(out, "<li class=\"lv%d\"><a href=\"#r%d-L%d\">%s</a> ",
                        clamp(h->level, 1, 4), index, line, label);
    rc |= put_span(out, r, (span){p->off, h->text.off + h->text.len - p->off});
    rc |= strbuf_puts(out, "</li>\n");
  }
  return rc | strbuf_puts(out, "</ol>\n");
}

/* What the section rules say is missing, misplaced or thin. */
static int put_part_findings(strbuf *out, const rl_report *r, int index) {
  int rc = strbuf_puts(out, "<h3>结构问题</h3>\n");
  int any = 0;
  for (size_t i = 0; i < r->findings.n; i++) {
    const finding *f = &r->findings.v[i];
    if (f->suppressed || strncmp(f->rule_id, "section.", 8) != 0)
      continue;
    rc |= strbuf_puts(out, any ? "" : "<ul class=\"missing\">\n");
    any = 1;
    rc |= strbuf_printf(out, "<li class=\"sev-%s\"><a href=\"#r%d-f%zu\">",
                        rules_severity_name(f->severity), index, i + 1);
    rc |= put_esc(out, f->message);
    rc |= strbuf_puts(out, "</a></li>\n");
  }
  if (!any)
    return rc | strbuf_puts(out, "<p class=\"none\">未发现结构问题</p>\n");
  return rc | strbuf_puts(out, "</ul>\n");
}

// --- findings tables ---------------------------------------------------

/* The rule that gave finding f (its id is the rule set's string). */
static const rule *rule_of(const rl_report *r, const finding *f) {
  for (int i = 0; r->rs && i < r->rs->nrules; i++)
    if (r->rs->rules[i].id == f->rule_id ||
        strcmp(r->rs->rules[i].id, f->rule_id) == 0)
      return &r->rs->rules[i];
  return NULL;
}

/* The paragraph holding normalised offset off. */
static int para_at(const doc *d, size_t off) {
  int lo = 0, hi = d->npara - 1;
  while (lo < hi) {
    int mid = (lo + hi + 1) / 2;
    if (d->paras[mid].off <= off)
      lo = mid;
    else
      hi = mid - 1;
  }
  return lo;
}

enum { PATH_PART_CHARS = 14 };

/* A heading as the path shows it: its marker and the start of its text. */
static int put_heading_short(strbuf *out, const rl_report *r, int h) {
  const doc_heading *hd = &r->d.heads[h];
  const char *t = r->d.text + hd->marker.off;
  size_t len = hd->text.off + hd->text.len - hd->marker.off, i = 0;
  for (int n = 0; i < len && n < PATH_PART_CHARS; n++)
    i += utf8_step(t + i, len - i);
  int rc = out_html_escape(out, t, i);
  return rc | (i < len ? strbuf_puts(out, "…") : 0);
}

/* Where a drafter finds it in Word: the part and item path down the
 * headings, and the paragraph's number within its innermost part
 * (二、主要举措和成效 › （一）发挥… › 第2段). */
static int put_place(strbuf *out, const rl_report *r, const finding *f) {
  const doc *d = &r->d;
  if (d->npara == 0)
    return 0;
  int p = para_at(d, f->off), sec = d->paras[p].section, rc = 0;
  if (d->title_first >= 0 && p <= d->title_last)
    return strbuf_puts(out, "标题");
  int chain[8], n = 0;
  for (int s = sec; s >= 0 && n < 8; s = d->sections[s].parent)
    chain[n++] = s;
  for (int k = n - 1; k >= 0; k--) {
    rc |= put_heading_short(out, r, d->sections[chain[k]].heading);
    rc |= strbuf_puts(out, " › ");
  }
  int first = sec >= 0 ? d->heads[d->sections[sec].heading].para : -1;
  if (p == first)
    return rc | strbuf_puts(out, "标题所在段");
  int no = 0;
  for (int i = first + 1; i <= p; i++)
    no += d->paras[i].table < 0 && d->paras[i].heading < 0;
  if (d->paras[p].table >= 0)
    return rc | strbuf_puts(out, "表格");
  return rc | strbuf_printf(out, "第%d段", no > 0 ? no : 1);
}

static int put_finding_row(strbuf *out, const rl_report *r, int index,
                           size_t k, const char *rules_url) {
  const finding *f = &r->findings.v[k - 1];
  const rule *ru = rule_of(r, f);
  const char *sev = rules_severity_name(f->severity);
  char loc[48];
  report_location(r, f, loc, sizeof loc);
  int rc = strbuf_printf(out,
                         "<tr id=\"r%d-i%zu\" class=\"sev-%s\"><td><a "
                         "href=\"#r%d-f%zu\">%zu</a></td><td class=\"sev\">%s"
                         "</td><td class=\"place\">",
                         index, k, sev, index, k, k, sev_label[f->severity]);
  rc |= put_place(out, r, f);
  if (f->excerpt && *f->excerpt) {
    rc |= strbuf_puts(out, "<div class=\"quote\">“");
    rc |= put_esc(out, f->excerpt);
    rc |= strbuf_puts(out, "”</div>");
  }
  rc |= strbuf_printf(out, "<a class=\"loc\" href=\"#r%d-f%zu\">", index, k);
  rc |= put_esc(out, loc);
  rc |= strbuf_puts(out, "</a></td><td>");
  rc |= put_esc(out, f->message);
  if (ru && (ru->description || ru->regulation)) {
    rc |= strbuf_puts(out, "<details><summary>说明与依据</summary>");
    if (ru->description) {
      rc |= strbuf_puts(out, "<p>");
      rc |= put_esc(out, ru->description);
      rc |= strbuf_puts(out, "</p>");
    }
    if (ru->regulation) {
      rc |= strbuf_puts(out, "<p>依据：");
      rc |= put_esc(out, ru->regulation);
      rc |= strbuf_puts(out, "</p>");
    }
    if (rules_url) {
      rc |= strbuf_puts(out, "<p><a href=\"");
      rc |= put_esc(out, rules_url);
      rc |= put_esc(out, r->rs->name);
      rc |= strbuf_puts(out, "/");
      rc |= put_esc(out, f->rule_id);
      rc |= strbuf_puts(out, "\">这条规则的说明和示例</a></p>");
    }
    rc |= strbuf_puts(out, "<p class=\"rid\">");
    rc |= put_esc(out, f->rule_id);
    rc |= strbuf_puts(out, "</p></details>");
  }
  return rc | strbuf_puts(out, "</td></tr>\n");
}

static int put_findings(strbuf *out, const rl_report *r, int index,
                        const char *rules_url) {
  size_t shown = r->findings.n - count_waived(r);
  int rc = strbuf_printf(out,
                         "<section class=\"findings\"><h3>问题清单（%zu）"
                         "</h3>\n",
                         shown);
  if (!shown)
    rc |= strbuf_puts(out, "<p class=\"clean\">未发现问题。</p>\n");
  else
    rc |= strbuf_puts(out, "<table>\n<thead><tr><th>#</th><th>级别</th><th>"
                           "位置（在 Word 中可按引文查找）</th><th>问题</th>"
                           "</tr></thead>\n<tbody>\n");
  for (size_t k = 1; k <= r->findings.n; k++)
    if (!r->findings.v[k - 1].suppressed)
      rc |= put_finding_row(out, r, index, k, rules_url);
  if (shown)
    rc |= strbuf_puts(out, "</tbody>\n</table>\n");
  if (r->findings.dropped)
    rc |= strbuf_printf(out,
                        "<p class=\"dropped\">另有 %zu 条未列出（每份报告"
                        "最多 %zu 条）。</p>\n",
                        r->findings.dropped, r->findings.max);
  return rc | strbuf_puts(out, "</section>\n");
}

/* Waived findings: listed, greyed, never highlighted (the drafter decided
 * they stand); the row carries the finding's anchor, its location links
 * to the line. */
static int put_waived(strbuf *out, const rl_report *r, int index) {
  size_t n = count_waived(r);
  if (!n)
    return 0;
  int rc = strbuf_printf(out,
                         "<section class=\"suppressed\"><h3>已豁免（%zu）"
                         "</h3>\n<table>\n<thead><tr><th>#</th><th>级别"
                         "</th><th>位置</th><th>规则</th><th>说明</th>"
                         "<th>豁免理由</th></tr></thead>\n<tbody>\n",
                         n);
  for (size_t k = 1; k <= r->findings.n; k++) {
    const finding *f = &r->findings.v[k - 1];
    if (!f->suppressed)
      continue;
    char loc[48];
    report_location(r, f, loc, sizeof loc);
    rc |= strbuf_printf(out,
                        "<tr id=\"r%d-f%zu\" class=\"waived\"><td>%zu</td>"
                        "<td class=\"sev\">%s</td><td><a href=\"#r%d-L%d\">",
                        index, k, k, sev_label[f->severity], index,
                        f->xline < 1 ? 1 : f->xline);
    rc |= put_esc(out, loc);
    rc |= strbuf_puts(out, "</a></td><td><code>");
    rc |= put_esc(out, f->rule_id);
    rc |= strbuf_puts(out, "</code></td><td>");
    rc |= put_esc(out, f->message);
    rc |= strbuf_puts(out, "</td><td>");
    rc |= put_esc(out, f->suppression ? f->suppression : "");
    rc |= strbuf_puts(out, "</td></tr>\n");
  }
  return rc | strbuf_puts(out, "</tbody>\n</table>\n</section>\n");
}

// --- the text with its highlights ----------------------------------------

/* A finding's span clamped to the lines shown; columns may still pass the
 * end of their line (clamped per line). */
typedef struct hl_span {
  int line, col, end_line, end_col;
  int anchor; /* the line holding its mark; 0 = not highlighted */
} hl_span;

/* The piece of one finding on the line being rendered. */
typedef struct hl_part {
  size_t k; /* 1-based index in the report's findings */
  int a, b; /* code-point columns [a, b) on this line */
  int mark; /* the finding's mark starts at a on this line */
} hl_part;

typedef struct hl_state {
  const rl_report *r;
  int index, nlines;
  hl_span *spans; /* per finding */
  size_t *order;  /* highlighted findings by start line (0-based) */
  size_t norder, next;
  size_t *active; /* started, not yet ended */
  size_t nactive;
  hl_part *parts; /* this line's pieces, by start column */
  size_t nparts;
  size_t *open; /* parts covering the segment being written */
  size_t nopen;
  int *bounds; /* this line's segment boundaries */
  size_t nbounds, capbounds;
  int *ends; /* per line: code points + 1, 0 = not counted yet */
  int row;   /* the line being written is a table row: a tab ends a cell */
} hl_state;

/* The column one past the end of line `line`, counted once (a line may be
 * long, and thousands of findings may start on it). */
static int line_end(hl_state *t, int line) {
  if (!t->ends[line]) {
    const char *p;
    size_t len;
    line_text(t->r, line, &p, &len);
    t->ends[line] = (int)utf8_count(p, len) + 1;
  }
  return t->ends[line];
}

/* Columns [*a, *b) of span s on line `line` whose end column is `end`. */
static void piece_on(const hl_span *s, int line, int end, int *a, int *b) {
  *a = line == s->line ? clamp(s->col, 1, end) : 1;
  *b = line == s->end_line ? clamp(s->end_col, 1, end) : end;
  if (*b < *a)
    *b = *a;
}

/* The line of a span's mark: its first line with text in the span, else
 * (a zero-length span, or one over line ends only) its first line. */
static int anchor_line(hl_state *t, const hl_span *s) {
  for (int line = s->line; line <= s->end_line; line++) {
    int a, b;
    piece_on(s, line, line_end(t, line), &a, &b);
    if (a < b)
      return line;
  }
  return s->line;
}

static void clamp_position(int nlines, int *line, int *col) {
  if (*line < 1) {
    *line = 1;
    *col = 1;
  } else if (*line > nlines) {
    *line = nlines;
    *col = INT_MAX;
  }
}

/* Findings i before j by start line, ties by index. */
static int starts_after(const hl_span *s, size_t i, size_t j) {
  return s[i].line != s[j].line ? s[i].line > s[j].line : i > j;
}

/* Finding f's span clamped to the lines shown, with its mark's line. */
static hl_span span_of(hl_state *t, const finding *f) {
  hl_span s = {f->xline, f->xcol, f->xend_line, f->xend_col, 0};
  clamp_position(t->nlines, &s.line, &s.col);
  clamp_position(t->nlines, &s.end_line, &s.end_col);
  if (s.end_line < s.line || (s.end_line == s.line && s.end_col < s.col)) {
    s.end_line = s.line;
    s.end_col = s.col;
  }
  s.anchor = anchor_line(t, &s);
  return s;
}

static void hl_init(hl_state *t, const rl_report *r, int index) {
  memset(t, 0, sizeof *t);
  t->r = r;
  t->index = index;
  t->nlines = shown_lines(r);
  size_t n = r->findings.n;
  t->spans = xcalloc(n + 1, sizeof *t->spans);
  t->order = xcalloc(n + 1, sizeof *t->order);
  t->active = xcalloc(n + 1, sizeof *t->active);
  t->parts = xcalloc(n + 1, sizeof *t->parts);
  t->open = xcalloc(n + 1, sizeof *t->open);
  t->capbounds = 2 * n + 2;
  t->bounds = xcalloc(t->capbounds, sizeof *t->bounds);
  t->ends = xcalloc((size_t)t->nlines + 1, sizeof *t->ends);
  for (size_t i = 0; i < n; i++) {
    if (r->findings.v[i].suppressed)
      continue;
    t->spans[i] = span_of(t, &r->findings.v[i]);
    t->order[t->norder++] = i;
  }
  /* The list is sorted by position already (finding_list_sort), so this
   * insertion sort only checks what the sweep below relies on. */
  for (size_t i = 1; i < t->norder; i++)
    for (size_t j = i;
         j > 0 && starts_after(t->spans, t->order[j - 1], t->order[j]); j--) {
      size_t tmp = t->order[j];
      t->order[j] = t->order[j - 1];
      t->order[j - 1] = tmp;
    }
}

static void hl_release(hl_state *t) {
  free(t->spans);
  free(t->order);
  free(t->active);
  free(t->parts);
  free(t->open);
  free(t->bounds);
  free(t->ends);
}

static int by_int(const void *x, const void *y) {
  int a = *(const int *)x, b = *(const int *)y;
  return a < b ? -1 : a > b;
}

/* Parts by start column, then finding. */
static int by_start(const void *x, const void *y) {
  const hl_part *p = x, *q = y;
  if (p->a != q->a)
    return p->a < q->a ? -1 : 1;
  return p->k < q->k ? -1 : p->k > q->k;
}

/* Moves the sweep to `line`: starts the findings that begin there, drops
 * those that ended, and cuts the active ones into this line's pieces and
 * the boundaries between segments (sorted, unique). */
/* The line's boundaries in order, each once. */
static void sort_bounds(hl_state *t) {
  qsort(t->bounds, t->nbounds, sizeof *t->bounds, by_int);
  size_t u = 0;
  for (size_t i = 0; i < t->nbounds; i++)
    if (u == 0 || t->bounds[u - 1] != t->bounds[i])
      t->bounds[u++] = t->bounds[i];
  t->nbounds = u;
}

static void hl_collect(hl_state *t, int line, int end) {
  while (t->next < t->norder && t->spans[t->order[t->next]].line <= line)
    t->active[t->nactive++] = t->order[t->next++];
  size_t keep = 0;
  t->nparts = 0;
  t->nbounds = 0;
  t->bounds[t->nbounds++] = 1;
  t->bounds[t->nbounds++] = end;
  for (size_t i = 0; i < t->nactive; i++) {
    size_t f = t->active[i];
    const hl_span *s = &t->spans[f];
    if (s->end_line < line)
      continue;
    t->active[keep++] = f;
    hl_part p = {f + 1, 0, 0, s->anchor == line};
    piece_on(s, line, end, &p.a, &p.b);
    if (p.a == p.b && !p.mark)
      continue;
    t->parts[t->nparts++] = p;
    t->bounds[t->nbounds++] = p.a;
    t->bounds[t->nbounds++] = p.b;
  }
  t->nactive = keep;
  qsort(t->parts, t->nparts, sizeof *t->parts, by_start);
  sort_bounds(t);
}

/* Opens the element of finding part p over the segment starting at pos:
 * its mark if this is where the finding starts, else a continuation. */
static int open_piece(strbuf *out, const hl_state *t, const hl_part *p,
                      int pos) {
  const finding *f = &t->r->findings.v[p->k - 1];
  const char *sev = rules_severity_name(f->severity);
  if (!(p->mark && pos == p->a))
    return strbuf_printf(out, "<span class=\"fc sev-%s\" data-f=\"r%d-f%zu\">",
                         sev, t->index, p->k);
  int rc = strbuf_printf(out,
                         "<mark class=\"f sev-%s%s\" id=\"r%d-f%zu\" "
                         "data-f=\"r%d-f%zu\" data-rule=\"",
                         sev, p->a == p->b ? " z" : "", t->index, p->k,
                         t->index, p->k);
  rc |= put_esc(out, f->rule_id);
  rc |= strbuf_puts(out, "\" title=\"");
  rc |= put_esc(out, f->message);
  rc |= strbuf_puts(out, " [");
  rc |= put_esc(out, f->rule_id);
  return rc | strbuf_puts(out, "]\">");
}

/* A segment shows at most this many continuations (span.fc): findings
 * stacked deeper than that add no visible colour, and a staircase of
 * thousands of hostile findings would otherwise make the page quadratic.
 * Every finding still gets its mark where it starts. */
enum { HL_MAX_DEPTH = 16 };

static int piece_shown(const hl_state *t, size_t i, int pos) {
  const hl_part *p = &t->parts[t->open[i]];
  return i < HL_MAX_DEPTH || (p->mark && p->a == pos);
}

/* Segment [pos, …) at bytes s[0, len), inside one element per open part
 * (those covering it), nested in the order they start: the elements of
 * one segment always nest, however the findings overlap or cross. */
static int put_segment(strbuf *out, const hl_state *t, int pos, const char *s,
                       size_t len) {
  int rc = 0;
  for (size_t i = 0; i < t->nopen; i++)
    if (piece_shown(t, i, pos))
      rc |= open_piece(out, t, &t->parts[t->open[i]], pos);
  rc |= out_html_escape(out, s, len);
  for (size_t i = t->nopen; i-- > 0;) {
    const hl_part *p = &t->parts[t->open[i]];
    if (piece_shown(t, i, pos))
      rc |= strbuf_puts(out, p->mark && pos == p->a ? "</mark>" : "</span>");
  }
  return rc;
}

/* At boundary pos: closes the parts that end there, writes the zero-length
 * marks and opens the parts that start there (parts are by start column,
 * *next the first not yet started). */
static int sweep_to(strbuf *out, hl_state *t, int pos, size_t *next) {
  size_t keep = 0;
  for (size_t i = 0; i < t->nopen; i++)
    if (t->parts[t->open[i]].b > pos)
      t->open[keep++] = t->open[i];
  t->nopen = keep;
  int rc = 0;
  for (; *next < t->nparts && t->parts[*next].a == pos; ++*next) {
    const hl_part *p = &t->parts[*next];
    if (p->a < p->b) {
      t->open[t->nopen++] = *next;
      continue;
    }
    rc |= open_piece(out, t, p, pos);
    rc |= strbuf_puts(out, "</mark>");
  }
  return rc;
}

/* Adds a boundary at each tab and after it (a table row's cell edges), so
 * that no highlight piece crosses a cell. */
static void add_tab_bounds(hl_state *t, const char *s, size_t len) {
  size_t tabs = 0;
  for (size_t i = 0; i < len; i++)
    tabs += s[i] == '\t';
  if (t->nbounds + 2 * tabs > t->capbounds) {
    t->capbounds = t->nbounds + 2 * tabs;
    t->bounds = xrealloc(t->bounds, t->capbounds * sizeof *t->bounds);
  }
  int col = 1;
  for (size_t off = 0; off < len; col++) {
    if (s[off] == '\t') {
      t->bounds[t->nbounds++] = col;
      t->bounds[t->nbounds++] = col + 1;
    }
    off += utf8_step(s + off, len - off);
  }
  sort_bounds(t);
}

/* The line's text between its boundaries, each segment inside the
 * elements of the findings over it; in a table row a tab closes one cell
 * and opens the next instead (no piece spans it: add_tab_bounds). */
static int put_line_text(strbuf *out, hl_state *t, const char *s, size_t len) {
  int rc = 0;
  size_t off = 0, next = 0;
  int col = 1;
  t->nopen = 0;
  if (t->row)
    rc |= strbuf_puts(out, "<span class=\"td\">");
  for (size_t j = 0; j < t->nbounds; j++) {
    int pos = t->bounds[j];
    rc |= sweep_to(out, t, pos, &next);
    if (j + 1 == t->nbounds)
      break;
    size_t from = off;
    for (; col < t->bounds[j + 1] && off < len; col++)
      off += utf8_step(s + off, len - off);
    if (t->row && off - from == 1 && s[from] == '\t')
      rc |= strbuf_puts(out, "</span><span class=\"td\">");
    else
      rc |= put_segment(out, t, pos, s + from, off - from);
  }
  if (t->row)
    rc |= strbuf_puts(out, "</span>");
  return rc;
}

static int put_notes(strbuf *out, const hl_state *t, int line) {
  int rc = 0;
  for (size_t i = 0; i < t->nparts; i++) {
    const hl_part *p = &t->parts[i];
    if (!p->mark)
      continue;
    const finding *f = &t->r->findings.v[p->k - 1];
    rc |= strbuf_printf(out,
                        "<div class=\"note sev-%s\"><a href=\"#r%d-i%zu\">"
                        "%zu</a> <span class=\"sev\">%s</span> ",
                        rules_severity_name(f->severity), t->index, p->k, p->k,
                        sev_label[f->severity]);
    rc |= put_esc(out, f->message);
    rc |= strbuf_puts(out, "</div>");
  }
  const directive_set *ds = &t->r->directives;
  for (size_t i = 0; i < ds->n; i++) {
    if (ds->v[i].line != line)
      continue;
    rc |=
        strbuf_puts(out, "<div class=\"note dir\">豁免指令（已从正文隐去）：");
    for (size_t j = 0; j < ds->v[i].nrules; j++) {
      rc |= strbuf_puts(out, j ? "、<code>" : "<code>");
      rc |= put_esc(out, ds->v[i].rules[j]);
      rc |= strbuf_puts(out, "</code>");
    }
    if (ds->v[i].reason && *ds->v[i].reason) {
      rc |= strbuf_puts(out, " 理由：");
      rc |= put_esc(out, ds->v[i].reason);
    }
    rc |= strbuf_puts(out, "</div>");
  }
  return rc;
}

static int has_directive(const rl_report *r, int line) {
  for (size_t i = 0; i < r->directives.n; i++)
    if (r->directives.v[i].line == line)
      return 1;
  return 0;
}

/* PDF: a rule with the page number where a page starts. */
static int put_page_break(strbuf *out, const rl_report *r, int index,
                          int line) {
  for (int p = 0; p < r->x.npages; p++) /* none but a PDF's */
    if (r->x.page_start[p] == line)
      return strbuf_printf(out,
                           "<div class=\"page\" id=\"r%d-p%d\">第 %d 页"
                           "</div>\n",
                           index, p + 1, p + 1);
  return 0;
}

/* 1 if line `line` is a row of a table whose cells are tab-separated
 * (DOCX, HTML and PDF tables as the readers write them, tab-separated
 * text): it is drawn as a row of cells. */
static int is_tab_row(const rl_report *r, int line, const char *s,
                      size_t len) {
  if (!memchr(s, '\t', len) || r->d.npara == 0)
    return 0;
  size_t off = posmap_from_src(&r->nt.map, r->lm.starts[line - 1]);
  int p = para_at(&r->d, off);
  return r->d.paras[p].table >= 0;
}

static int put_line(strbuf *out, hl_state *t, int line) {
  const char *s;
  size_t len;
  line_text(t->r, line, &s, &len);
  hl_collect(t, line, line_end(t, line));
  t->row = is_tab_row(t->r, line, s, len);
  if (t->row)
    add_tab_bounds(t, s, len);
  int notes = has_directive(t->r, line);
  for (size_t i = 0; i < t->nparts && !notes; i++)
    notes = t->parts[i].mark;
  char label[32];
  line_label(t->r, line, label, sizeof label);
  int rc = put_page_break(out, t->r, t->index, line);
  rc |= strbuf_printf(out,
                      "<div class=\"ln%s\" id=\"r%d-L%d\"><a class=\"no\" "
                      "href=\"#r%d-L%d\">%s</a><div class=\"tx%s\">",
                      t->nparts ? " has" : "", t->index, line, t->index, line,
                      label, t->row ? " tr" : "");
  rc |= put_line_text(out, t, s, len);
  rc |= strbuf_puts(out, "</div>");
  if (notes) {
    rc |= strbuf_puts(out, "<div class=\"notes\">");
    rc |= put_notes(out, t, line);
    rc |= strbuf_puts(out, "</div>");
  }
  return rc | strbuf_puts(out, "</div>\n");
}

static int put_text(strbuf *out, const rl_report *r, int index) {
  hl_state t;
  hl_init(&t, r, index);
  int rc = strbuf_puts(out, "<section class=\"body\"><h3>正文</h3>\n"
                            "<div class=\"text\">\n");
  for (int line = 1; line <= t.nlines && rc == 0; line++)
    rc |= put_line(out, &t, line);
  hl_release(&t);
  return rc | strbuf_puts(out, "</div>\n</section>\n");
}

// --- the page ------------------------------------------------------------

static int report_section(strbuf *out, const rl_report *r, int index,
                          const char *rules_url) {
  int rc =
      strbuf_printf(out, "<section class=\"report\" id=\"r%d\">\n<h2>", index);
  rc |= put_esc(out, r->path);
  rc |= strbuf_puts(out, "</h2>\n");
  rc |= put_verdict(out, r->counts);
  rc |= put_counts(out, r->counts, count_waived(r));
  rc |= strbuf_puts(out, "<section class=\"outline\"><div class=\"cols\">"
                         "<div>\n<h3>文档结构</h3>\n");
  rc |= put_facts(out, r, index);
  rc |= strbuf_puts(out, "</div><div>\n");
  rc |= put_parts(out, r, index);
  rc |= put_part_findings(out, r, index);
  rc |= strbuf_puts(out, "</div></div></section>\n");
  rc |= put_findings(out, r, index, rules_url);
  rc |= put_waived(out, r, index);
  rc |= put_text(out, r, index);
  return rc | strbuf_puts(out, "</section>\n");
}

int out_html_report_section(strbuf *out, const rl_report *r, int index) {
  return report_section(out, r, index, NULL);
}

static int put_diags(strbuf *out, const char *heading, const rl_diag *d,
                     size_t n) {
  if (!n)
    return 0;
  int rc = strbuf_printf(out,
                         "<section class=\"errors\"><h2>%s（%zu）</h2>\n"
                         "<ul>\n",
                         heading, n);
  for (size_t i = 0; i < n; i++) {
    char buf[2200];
    diag_format(&d[i], buf, sizeof buf);
    rc |= strbuf_puts(out, "<li><code>");
    rc |= put_esc(out, buf);
    rc |= strbuf_puts(out, "</code></li>\n");
  }
  return rc | strbuf_puts(out, "</ul>\n</section>\n");
}

/* Several reports: a table of contents with each one's counts. */
static int put_toc(strbuf *out, const out_result *res) {
  if (res->nreports < 2)
    return 0;
  int rc = strbuf_puts(out, "<nav class=\"toc\"><h2>目录</h2>\n<ol>\n");
  for (size_t i = 0; i < res->nreports; i++) {
    const rl_report *r = res->reports[i];
    rc |= strbuf_printf(out, "<li><a href=\"#r%zu\">", i + 1);
    rc |= put_esc(out, r->path);
    rc |= strbuf_puts(out, "</a>");
    if (r->d.title.len) {
      rc |= strbuf_puts(out, "<span class=\"title\">");
      rc |= put_span(out, r, r->d.title);
      rc |= strbuf_puts(out, "</span>");
    }
    rc |= put_counts(out, r->counts, count_waived(r));
    rc |= strbuf_puts(out, "</li>\n");
  }
  return rc | strbuf_puts(out, "</ol>\n</nav>\n");
}

static int put_summary(strbuf *out, const out_result *res) {
  size_t c[3] = {0, 0, 0}, waived = 0;
  for (size_t i = 0; i < res->nreports; i++) {
    for (int s = 0; s < 3; s++)
      c[s] += res->reports[i]->counts[s];
    waived += count_waived(res->reports[i]);
  }
  int rc = strbuf_printf(out,
                         "<header>\n<h1>reportlint 检查结果</h1>\n<p>共检查"
                         " %zu 份报告",
                         res->nreports);
  if (res->nerrors)
    rc |= strbuf_printf(out, "，%zu 份无法读取", res->nerrors);
  rc |= strbuf_puts(out, "。</p>\n");
  if (res->nreports > 1) /* one report: its own counts follow at once */
    rc |= put_counts(out, c, waived);
  rc |= strbuf_puts(out, "</header>\n");
  rc |= put_diags(out, "无法读取的文件", res->errors, res->nerrors);
  rc |= put_diags(out, "规则运行错误", res->rule_errors, res->nrule_errors);
  return rc | put_toc(out, res);
}

int out_html(const out_result *res, strbuf *out) {
  strbuf title;
  strbuf_init(&title, STRBUF_UNLIMITED);
  if (res->nreports == 1)
    strbuf_printf(&title, "reportlint：%s", res->reports[0]->path);
  else
    strbuf_printf(&title, "reportlint：%zu 份报告", res->nreports);
  int rc = out_html_head(out, title.p);
  strbuf_release(&title);
  rc |= put_summary(out, res);
  for (size_t i = 0; i < res->nreports && rc == 0; i++)
    rc |= report_section(out, res->reports[i], (int)i + 1, res->rules_url);
  return rc | out_html_foot(out);
}
