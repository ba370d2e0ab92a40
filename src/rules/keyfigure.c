/* keyfigure: the key figures a rule set names (`metrics:`), read from
 * one report's document model: for audits that put the same figure of
 * many reports in one table, and for the cross-year rules that compare a
 * figure with last year's.
 *
 * Consumes a report's document model and a key_metric's pattern; produces
 * the figure the first match names: the quantity the scanner read where
 * the match's `value` group stands (so 万, 余 and Chinese numerals mean
 * what they mean everywhere else), or 0 for a `zero` group (败诉案件为零)
 * when no match states a number.
 * Only the body is searched: the title and the signature hold no figures,
 * and a year in the title must not pass for one. Whether a figure is
 * plausible is left to the metric rules. */
#include "keyfigure.h"

#include "scan.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

/* The body: from the first paragraph after the title to the last one
 * before the signature. */
static span body_of(const doc *d) {
  if (d->npara == 0 || d->body_first > d->body_last ||
      d->body_first >= d->npara)
    return (span){0, 0};
  int last = d->body_last < d->npara ? d->body_last : d->npara - 1;
  size_t off = d->paras[d->body_first].off;
  return (span){off, d->paras[last].off + d->paras[last].len - off};
}

/* The first quantity whose number lies in [gs, ge). */
static const doc_quantity *quantity_in(const doc *d, size_t gs, size_t ge) {
  for (int i = 0; i < d->nqty; i++) {
    const doc_quantity *q = &d->qty[i];
    if (q->num.off >= gs && q->num.off < ge)
      return q;
  }
  return NULL;
}

/* Copies s[0, len) into buf, cut at a character boundary if it is too
 * long. */
static void copy_text(char *buf, size_t cap, const char *s, size_t len) {
  if (len >= cap) {
    len = cap - 1;
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
      len--;
  }
  memcpy(buf, s, len);
  buf[len] = '\0';
}

/* The figure in group `value` of the last match: the scanner's quantity
 * there, else the number read afresh (a bare 零, a number without a
 * unit). 1 and *out, or 0 when the group holds no number. */
static int read_value(const doc *d, size_t gs, size_t ge,
                      key_figure *out) {
  const doc_quantity *q = quantity_in(d, gs, ge);
  if (q) {
    out->value = q->value;
    copy_text(out->unit, sizeof out->unit, d->text + q->unit.off, q->unit.len);
    return 1;
  }
  doc_quantity tmp;
  memset(&tmp, 0, sizeof tmp);
  for (size_t i = gs; i < ge; i += utf8_step(d->text + i, ge - i)) {
    if (scan_number(d->text + i, ge - i, i, &tmp)) {
      out->value = tmp.value;
      return 1;
    }
  }
  return 0;
}

/* What the match just found on rx names: FIGURE_VALUE (the number in
 * `value`, in *out), FIGURE_ZERO (the `zero` group), or FIGURE_NONE. */
enum { FIGURE_NONE, FIGURE_VALUE, FIGURE_ZERO };

static int figure_of(regex_ctx *rx, const regex *re, const doc *d,
                     key_figure *out) {
  size_t gs, ge;
  int vg = regex_group_number(re, "value");
  int zg = regex_group_number(re, "zero");
  memset(out, 0, sizeof *out);
  if (vg >= 0 && regex_group(rx, vg, &gs, &ge) && read_value(d, gs, ge, out))
    return FIGURE_VALUE;
  if (zg >= 0 && regex_group(rx, zg, &gs, &ge))
    return FIGURE_ZERO;
  return FIGURE_NONE;
}

/* The first match naming a number wins; a "zero" claim (零败诉) counts
 * only when no match states a number, since a count is the more specific
 * statement and their contradiction is a metric rule's finding. */
int keyfigure_find(regex_ctx *rx, const key_metric *m, const doc *d,
                   key_figure *out, rl_diag *diag) {
  span body = body_of(d);
  size_t at = body.off, end = body.off + body.len, ms, me;
  key_figure zero;
  int have_zero = 0;
  while (at < end) {
    int rc = regex_find(rx, m->pattern, d->text, end, at, &ms, &me);
    if (rc < 0)
      return diag_set(diag, DIAG_RULES, m->file, m->line, 0,
                      "metric '%s': pattern failed: %s", m->id,
                      regex_ctx_error(rx));
    if (rc == 0)
      break;
    int kind = figure_of(rx, m->pattern, d, out);
    if (kind == FIGURE_VALUE) {
      copy_text(out->text, sizeof out->text, d->text + ms, me - ms);
      out->off = ms;
      out->end = me;
      return 1;
    }
    if (kind == FIGURE_ZERO && !have_zero) {
      have_zero = 1;
      zero = *out;
      zero.off = ms;
      zero.end = me;
      copy_text(zero.text, sizeof zero.text, d->text + ms, me - ms);
    }
    at = me > ms ? me : ms + utf8_step(d->text + ms, end - ms);
  }
  if (have_zero)
    *out = zero;
  return have_zero;
}
