/* out_text: compiler-style findings,
 *   file:line:col: severity: message [rule.id]
 * optionally followed by the source line and a caret under the finding
 * (aligned by display width: a Chinese character takes two cells), then
 * one summary line naming the rule sets applied. */
#include "output.h"

#include "report.h"
#include "utf8.h"

#include <string.h>

static const char *sev_color(rl_severity s) {
  return s == RL_SEV_ERROR ? "\033[1;31m"
         : s == RL_SEV_WARNING ? "\033[1;35m"
                               : "\033[1;36m";
}

static size_t display_width(const char *s, size_t len) {
  size_t w = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    int k = utf8_decode(s + i, len - i, &cp);
    i += k < 0 ? 1 : (size_t)k;
    w += utf8_is_wide(cp) ? 2 : 1;
  }
  return w;
}

/* Whether s is wider than w cells: stops counting past w, so a long line
 * costs each finding on it w steps, not the line. */
static int wider_than(const char *s, size_t len, size_t w) {
  size_t n = 0;
  for (size_t i = 0; i < len && n <= w;) {
    uint32_t cp;
    int k = utf8_decode(s + i, len - i, &cp);
    i += k < 0 ? 1 : (size_t)k;
    n += utf8_is_wide(cp) ? 2 : 1;
  }
  return n > w;
}

/* Where the last column was found: findings come sorted by line and
 * column, so each line is walked once for all the findings on it. */
typedef struct col_cursor {
  const char *line; /* 0: nothing found yet */
  size_t off;
  int col;
} col_cursor;

/* Byte offset of 1-based code-point column col in line, counted on from
 * the cursor when it is on this line at or before col. */
static size_t col_offset(col_cursor *c, const char *line, size_t len,
                         int col) {
  size_t i = 0;
  int at = 1;
  if (c->line == line && c->col <= col && c->off <= len) {
    i = c->off;
    at = c->col;
  }
  for (; at < col && i < len; at++)
    i += utf8_step(line + i, len - i);
  *c = (col_cursor){line, i, at};
  return i;
}

enum { WINDOW_BEFORE = 30, WINDOW_AFTER = 40, WIDE_LINE = 100 };

/* Byte offset n code points before (n < 0) or after off, clamped. */
static size_t step_chars(const char *line, size_t len, size_t off, int n) {
  for (; n < 0 && off > 0; n++)
    off = utf8_back(line, off);
  for (; n > 0 && off < len; n--)
    off += utf8_step(line + off, len - off);
  return off;
}

/* The source line under a finding, with a caret line. A line wider than
 * a terminal is cut to a window around the finding, marked with "…". */
static void put_source(const rl_report *r, const finding *f, col_cursor *c,
                       strbuf *out) {
  if (f->xline < 1 || (size_t)f->xline > r->lm.n)
    return;
  const char *line;
  size_t len;
  linemap_line(&r->lm, r->lm.starts[f->xline - 1], &line, &len);
  size_t a = col_offset(c, line, len, f->xcol);
  col_cursor end = *c; /* the end is looked up from the start, keeping c */
  size_t b = f->xend_line == f->xline ? col_offset(&end, line, len, f->xend_col)
                                      : len;
  if (b < a)
    b = a;
  size_t from = 0, to = len;
  if (wider_than(line, len, WIDE_LINE)) {
    from = step_chars(line, len, a, -WINDOW_BEFORE);
    to = step_chars(line, len, b, WINDOW_AFTER);
  }
  const char *pre = from > 0 ? "…" : "", *post = to < len ? "…" : "";
  strbuf_printf(out, "%6d | %s", f->line, pre);
  for (size_t i = from; i < to; i++) /* a tab (a table's cells) is a column */
    strbuf_putc(out, line[i] == '\t' ? ' ' : line[i]);
  strbuf_printf(out, "%s\n       | ", post);
  size_t pad = display_width(line + from, a - from) + (from > 0 ? 2 : 0);
  for (; pad > 0; pad--)
    strbuf_putc(out, ' ');
  strbuf_putc(out, '^');
  for (size_t i = display_width(line + a, (b < to ? b : to) - a); i > 1; i--)
    strbuf_putc(out, '~');
  strbuf_putc(out, '\n');
}

int out_text_report(const out_result *res, const rl_report *r, strbuf *out) {
  const char *bold = res->color ? "\033[1m" : "", *reset = res->color ? "\033[0m" : "";
  if (strncmp(r->dec.encoding, "GB", 2) == 0)
    strbuf_printf(out, "%s%s:%s note: decoded as %s\n", bold, r->path, reset,
                  r->dec.encoding);
  col_cursor c = {0};
  for (size_t i = 0; i < r->findings.n; i++) {
    const finding *f = &r->findings.v[i];
    if (f->suppressed) /* waived: counted in the summary, not shown */
      continue;
    char loc[48];
    strbuf_printf(out, "%s%s:%s:%s %s%s:%s %s [%s]\n", bold, r->path,
                  report_location(r, f, loc, sizeof loc), reset,
                  res->color ? sev_color(f->severity) : "",
                  rules_severity_name(f->severity), reset, f->message,
                  f->rule_id);
    if (res->show_source)
      put_source(r, f, &c, out);
  }
  if (r->findings.dropped)
    strbuf_printf(out, "%s: note: %zu more findings not shown (limit %zu)\n",
                  r->path, r->findings.dropped, r->findings.max);
  return 0;
}

static void put_plural(strbuf *out, size_t n, const char *one,
                       const char *many) {
  strbuf_printf(out, "%zu %s", n, n == 1 ? one : many);
}

/* "(fzzf 1.0.0)" or "(fzzf 1.0.0, gkbg 0.1)" over the reports' sets. */
static void put_rulesets(const out_result *res, strbuf *out) {
  int any = 0;
  for (int s = 0; s < rl_ctx_ruleset_count(res->ctx); s++) {
    if (s >= res->totals->nsets || !res->totals->sets[s])
      continue;
    const rl_ruleset *rs = rl_ctx_ruleset(res->ctx, s);
    strbuf_printf(out, "%s%s %s", any ? ", " : " (rule set ", rs->name,
                  rs->version);
    any = 1;
  }
  if (any)
    strbuf_putc(out, ')');
}

/* The summary line, from res->totals. */
int out_text_end(const out_result *res, strbuf *out) {
  const out_totals *t = res->totals;
  put_plural(out, t->nreports, "file checked", "files checked");
  put_rulesets(res, out);
  strbuf_puts(out, ": ");
  put_plural(out, t->counts[RL_SEV_ERROR], "error", "errors");
  strbuf_puts(out, ", ");
  put_plural(out, t->counts[RL_SEV_WARNING], "warning", "warnings");
  strbuf_puts(out, ", ");
  put_plural(out, t->counts[RL_SEV_INFO], "info", "infos");
  if (res->nerrors) {
    strbuf_puts(out, "; ");
    put_plural(out, res->nerrors, "file could not be read",
               "files could not be read");
  }
  if (t->suppressed)
    strbuf_printf(out, " (%zu suppressed)", t->suppressed);
  if (res->nrule_errors) {
    strbuf_puts(out, "; ");
    put_plural(out, res->nrule_errors, "rule error", "rule errors");
  }
  if (res->nskipped) {
    strbuf_puts(out, "; ");
    put_plural(out, res->nskipped, "file skipped", "files skipped");
  }
  return strbuf_putc(out, '\n');
}

int out_text(const out_result *res, strbuf *out) {
  out_totals t;
  out_totals_init(&t, res->ctx);
  for (size_t i = 0; i < res->nreports; i++) {
    out_text_report(res, res->reports[i], out);
    out_totals_add(&t, res->reports[i]);
  }
  out_result whole = *res;
  whole.totals = &t;
  int rc = out_text_end(&whole, out);
  out_totals_release(&t);
  return rc;
}
