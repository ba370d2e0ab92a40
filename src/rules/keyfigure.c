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
 * and a year in the title must not pass for one. A metric may name a
 * table's cell instead (table: {select, row, col}): its figure as the
 * table gives it. Whether a figure is plausible is left to the metric
 * rules. */
#include "keyfigure.h"

#include "scan.h"
#include "table_view.h"
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

/* ---- a figure from a table ---- */

static int matches(regex_ctx *rx, const regex *re, const char *s, size_t len,
                   int *failed) {
  size_t ms, me;
  int rc = len ? regex_find(rx, re, s, len, 0, &ms, &me) : 0;
  *failed |= rc < 0;
  return rc == 1;
}

/* Table v is the one select names: its caption, the heading it stands
 * under, or a cell of a header row (a row without figures). */
static int table_named(regex_ctx *rx, const regex *select, const doc *d,
                       const table_view *v, int *failed) {
  span c = v->t->caption;
  if (matches(rx, select, d->text + c.off, c.len, failed))
    return 1;
  int sec = d->paras[v->t->para].section;
  if (sec >= 0) {
    const doc_para *h = &d->paras[d->heads[d->sections[sec].heading].para];
    if (matches(rx, select, d->text + h->off, h->len, failed))
      return 1;
  }
  for (int r = 0; r < v->t->nrow; r++) {
    const doc_row *row = &d->rows[v->t->first_row + r];
    for (int j = 0; !v->data[r] && j < row->ncell; j++) {
      const doc_cell *cell = &d->cells[row->first_cell + j];
      if (matches(rx, select, d->text + cell->s.off, cell->s.len, failed))
        return 1;
    }
  }
  return 0;
}

/* The figure in m's table cell: the first readable table select names,
 * its first data row whose label path row matches, the first column whose
 * header col matches. */
static int table_figure(regex_ctx *rx, const key_metric *m, const doc *d,
                        key_figure *out, int *failed) {
  for (int i = 0; i < d->ntable; i++) {
    table_view v;
    table_view_init(&v, d, i);
    if (v.width <= 0 || v.t->ragged ||
        !table_named(rx, m->t_select, d, &v, failed))
      continue;
    for (int r = 0; r < v.t->nrow; r++) {
      const char *path = v.path[r];
      if (!v.data[r] || !matches(rx, m->t_row, path, strlen(path), failed))
        continue;
      for (int c = 0; c < v.width; c++) {
        span h = table_view_header(&v, r, c);
        const doc_cell *cell = table_view_cell(&v, r, c);
        if (!cell || !cell->has_number ||
            !matches(rx, m->t_col, d->text + h.off, h.len, failed))
          continue;
        memset(out, 0, sizeof *out);
        out->value = cell->value;
        out->off = cell->num.off;
        out->end = cell->num.off + cell->num.len;
        copy_text(out->text, sizeof out->text, d->text + cell->num.off,
                  cell->num.len);
        return 1;
      }
      return 0; /* the row, without that column's figure */
    }
    return 0;
  }
  return 0;
}

/* The first match naming a number wins; a "zero" claim (零败诉) counts
 * only when no match states a number, since a count is the more specific
 * statement and their contradiction is a metric rule's finding. */
int keyfigure_find(regex_ctx *rx, const key_metric *m, const doc *d,
                   key_figure *out, rl_diag *diag) {
  if (!m->pattern) {
    int failed = 0, found = table_figure(rx, m, d, out, &failed);
    if (failed)
      return diag_set(diag, DIAG_RULES, m->file, m->line, 0,
                      "metric '%s': pattern failed: %s", m->id,
                      regex_ctx_error(rx));
    return found;
  }
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
