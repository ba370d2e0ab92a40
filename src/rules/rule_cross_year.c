/* rule_cross_year: this year's report against the same body's report of
 * the year before.
 *
 * Consumes the document model of this year's report (run->d) and of last
 * year's (engine_opts.prev, with the parts its section rules found);
 * produces findings in this year's report that also point at the place
 * of last year's they compare with (engine_relate): a cell that should
 * carry over and does not (check carry: 表三 上年结转 against last year's
 * 结转下年度, column by column), a stock that does not add up across the
 * years (check stock: 表二 现行有效件数 = last year's + 本年制发 − 本年
 * 废止), a part or a paragraph copied from last year's report (check
 * similar: shingles of their letters, so new figures in old sentences
 * still read as copied; paragraphs that every report shares are named in
 * `boilerplate` and never count), a report year that is not last year's
 * plus one (check year), last year's open cases to account for (check
 * pending: 表四 尚未审结), and a key figure that jumped (check jump). Without last year's report the rules do
 * not run. The kind's descriptor is at the end of the file. */
#include "keyfigure.h"
#include "rule_kind.h"
#include "rule_table.h"
#include "shingle.h"
#include "table_view.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PLACE_MAX = 96, QUOTE_CHARS = 16 };

/* run over last year's report: the same rule, regexes and counters. */
static engine_run prev_run(const engine_run *run) {
  engine_run p = *run;
  p.d = (doc *)run->opts->prev;
  return p;
}

static void prev_place(const engine_run *run, size_t off, char *buf,
                       size_t cap) {
  buf[0] = '\0';
  if (run->opts->prev_place)
    run->opts->prev_place(run->opts->prev_arg, off, buf, cap);
}

/* ---- tables ------------------------------------------------------------ */

/* A table read with its columns known: not a ragged text table, whose
 * figures' columns are a guess (table rules do not check those either). */
static int readable(const table_view *v) {
  return v->width > 0 && !v->t->ragged;
}

/* The first readable table of run->d that `select` names (v laid out),
 * or -1. */
static int first_selected(engine_run *run, const regex *select,
                          table_view *v) {
  for (int i = 0; i < run->d->ntable; i++) {
    table_view_init(v, run->d, i);
    if (readable(v) && rule_table_selected(run, select, v))
      return i;
  }
  return -1;
}

/* The first data row whose label path re matches, or -1. */
static int row_of(engine_run *run, const table_view *v, const regex *re) {
  size_t ms, me;
  for (int r = 0; r < v->t->nrow; r++)
    if (v->data[r] && v->path[r][0] &&
        engine_find(run, re, v->path[r], strlen(v->path[r]), 0, &ms, &me))
      return r;
  return -1;
}

/* 1 if spans a of da and b of db hold the same text but for blanks. */
static int same_words(const char *da, span a, const char *db, span b) {
  size_t i = 0, j = 0;
  for (;;) {
    while (i < a.len && (da[a.off + i] == ' ' || da[a.off + i] == '\t'))
      i++;
    while (j < b.len && (db[b.off + j] == ' ' || db[b.off + j] == '\t'))
      j++;
    if (i == a.len || j == b.len)
      return i == a.len && j == b.len;
    if (da[a.off + i++] != db[b.off + j++])
      return 0;
  }
}

/* Last year's data column for this year's column c: the one under the
 * same header (the same position first), or the same position when the
 * tables have the same width and no headers; -1 if none. */
static int prev_column(const table_view *v, int row, int c,
                       const table_view *pv, int prow) {
  span h = table_view_header(v, row, c);
  if (!h.len)
    return v->width == pv->width ? c : -1;
  if (c < pv->width &&
      same_words(v->d->text, h, pv->d->text, table_view_header(pv, prow, c)))
    return c;
  for (int k = 0; k < pv->width; k++)
    if (same_words(v->d->text, h, pv->d->text, table_view_header(pv, prow, k)))
      return k;
  return -1;
}

/* The header of column c as text (newly allocated), "" if none. */
static char *header_text(const table_view *v, int row, int c) {
  span h = table_view_header(v, row, c);
  return xstrndup(v->d->text + h.off, h.len);
}

static int same_value(const doc_cell *a, double b, int b_dec) {
  int dec = a->decimals < b_dec ? a->decimals : b_dec;
  double tol = 0.5 * pow(10, -dec) * (a->decimals != b_dec);
  return fabs(a->value - b) <= tol + 1e-9 * (1 + fabs(b));
}

/* A finding at this year's cell c, pointing at last year's cell pc. */
static void emit_cell(engine_run *run, const table_view *v, int row, int col,
                      const doc_cell *c, double expected, int dec,
                      const doc_cell *pc) {
  char want[48], got[48], place[PLACE_MAX];
  snprintf(want, sizeof want, "%.*f", dec, expected);
  snprintf(got, sizeof got, "%.*f", c->decimals, c->value);
  prev_place(run, pc->num.off, place, sizeof place);
  char *col_name = header_text(v, row, col);
  if (!col_name[0]) { /* a column it cannot name: better unsaid */
    free(col_name);
    return;
  }
  engine_var vars[] = {{"col", col_name},
                       {"row", table_view_label(v, row)},
                       {"actual", got},
                       {"expected", want},
                       {"previous", place}};
  engine_hit(run);
  engine_emit(run, c->num.off, c->num.off + c->num.len, vars, 5, NULL);
  engine_relate(run, pc->num.off);
  free(col_name);
}

typedef struct two_tables {
  table_view v, pv;
} two_tables;

/* The table `select` names in both reports. Returns 0, or -1 if either
 * report lacks it. */
static int both_tables(engine_run *run, two_tables *t) {
  const rule_cross_year *cy = &run->r->u.cross;
  engine_run pr = prev_run(run);
  if (first_selected(run, cy->select, &t->v) < 0 ||
      first_selected(&pr, cy->select, &t->pv) < 0)
    return -1;
  run->failed |= pr.failed;
  return 0;
}

// carry: this year's row `this`, column by column, equals last year's row
// `last` in the same column.
static void check_carry(engine_run *run) {
  const rule_cross_year *cy = &run->r->u.cross;
  two_tables t;
  if (both_tables(run, &t) < 0)
    return;
  engine_run pr = prev_run(run);
  int row = row_of(run, &t.v, cy->this_row);
  int prow = row_of(&pr, &t.pv, cy->last_row);
  for (int c = 0; row >= 0 && prow >= 0 && c < t.v.width; c++) {
    int pc = prev_column(&t.v, row, c, &t.pv, prow);
    const doc_cell *a = table_view_cell(&t.v, row, c);
    const doc_cell *b = pc >= 0 ? table_view_cell(&t.pv, prow, pc) : NULL;
    if (a && b && a->has_number && b->has_number &&
        !same_value(a, b->value, b->decimals))
      emit_cell(run, &t.v, row, c, a, b->value, b->decimals, b);
  }
}

/* The data column of v whose header (over row) re matches, or -1. */
static int column_named(engine_run *run, const table_view *v, int row,
                        const regex *re) {
  size_t ms, me;
  for (int c = 0; c < v->width; c++) {
    span h = table_view_header(v, row, c);
    if (h.len && engine_find(run, re, v->d->text + h.off, h.len, 0, &ms, &me))
      return c;
  }
  return -1;
}

/* The row of pv with the same last label as row of v, or -1. */
static int same_row(const table_view *v, int row, const table_view *pv) {
  const char *label = table_view_label(v, row);
  for (int r = 0; label[0] && r < pv->t->nrow; r++)
    if (pv->data[r] && strcmp(table_view_label(pv, r), label) == 0)
      return r;
  return -1;
}

static const doc_cell *number_at(const table_view *v, int row, int col) {
  const doc_cell *c = col >= 0 ? table_view_cell(v, row, col) : NULL;
  return c && c->has_number ? c : NULL;
}

// stock: in each row `rows` names, this year's `stock` column = last
// year's `stock` + this year's `added` − `removed`.
static void check_stock_row(engine_run *run, const two_tables *t, int row) {
  const rule_cross_year *cy = &run->r->u.cross;
  engine_run pr = prev_run(run);
  int prow = same_row(&t->v, row, &t->pv);
  if (prow < 0)
    return;
  int sc = column_named(run, &t->v, row, cy->stock);
  const doc_cell *stock = number_at(&t->v, row, sc);
  const doc_cell *added = number_at(&t->v, row,
                                    column_named(run, &t->v, row, cy->added));
  const doc_cell *removed = number_at(
      &t->v, row, column_named(run, &t->v, row, cy->removed));
  const doc_cell *last = number_at(
      &t->pv, prow, column_named(&pr, &t->pv, prow, cy->stock));
  if (!stock || !added || !removed || !last)
    return;
  double want = last->value + added->value - removed->value;
  if (!same_value(stock, want, last->decimals))
    emit_cell(run, &t->v, row, sc, stock, want, last->decimals, last);
}

static void check_stock(engine_run *run) {
  const rule_cross_year *cy = &run->r->u.cross;
  size_t ms, me;
  for (int i = 0; i < run->d->ntable; i++) {
    two_tables t;
    table_view_init(&t.v, run->d, i);
    engine_run pr = prev_run(run);
    if (!readable(&t.v) || !rule_table_selected(run, cy->select, &t.v) ||
        first_selected(&pr, cy->select, &t.pv) < 0)
      continue;
    /* last year's table with these rows: the sub-table of the same label */
    for (int r = 0; r < t.v.t->nrow; r++) {
      const char *label = table_view_label(&t.v, r);
      if (!t.v.data[r] || !label[0] ||
          !engine_find(run, cy->rows, label, strlen(label), 0, &ms, &me))
        continue;
      for (int k = 0; k < pr.d->ntable; k++) {
        table_view_init(&t.pv, pr.d, k);
        if (readable(&t.pv) && same_row(&t.v, r, &t.pv) >= 0) {
          check_stock_row(run, &t, r);
          break;
        }
      }
    }
  }
}

// pending: each column of last year's table whose header `pending` names
// (表四 尚未审结) holding a count above 0 is said at this year's cell of
// the same column: what became of those cases is this year's to report.
static void check_pending(engine_run *run) {
  const rule_cross_year *cy = &run->r->u.cross;
  two_tables t;
  if (both_tables(run, &t) < 0)
    return;
  engine_run pr = prev_run(run);
  int row = -1, prow = -1;
  for (int r = 0; r < t.v.t->nrow && row < 0; r++)
    row = t.v.data[r] ? r : -1;
  for (int r = 0; r < t.pv.t->nrow && prow < 0; r++)
    prow = t.pv.data[r] ? r : -1;
  for (int c = 0; row >= 0 && prow >= 0 && c < t.pv.width; c++) {
    span h = table_view_header(&t.pv, prow, c);
    size_t ms, me;
    const doc_cell *b = number_at(&t.pv, prow, c);
    if (!b || b->value <= 0 || !h.len ||
        !engine_find(&pr, cy->pending, pr.d->text + h.off, h.len, 0, &ms,
                     &me))
      continue;
    int tc = prev_column(&t.pv, prow, c, &t.v, row); /* the other way */
    const doc_cell *a = tc >= 0 ? table_view_cell(&t.v, row, tc) : NULL;
    if (a && a->has_number)
      emit_cell(run, &t.v, row, tc, a, b->value, b->decimals, b);
  }
}

// jump: key metric `metric` in both years, each above 0, one at least
// `factor` times the other: said, as info, where this year states it.
static void check_jump(engine_run *run) {
  const rule_cross_year *cy = &run->r->u.cross;
  int i = rules_find_metric(run->rs, cy->metric);
  int k = rules_find_metric(run->opts->prev_rs, cy->metric);
  key_figure now, last;
  rl_diag ignored;
  if (i < 0 || k < 0 ||
      keyfigure_find(run->rx, &run->rs->metrics[i], run->d, &now,
                     &ignored) != 1 ||
      keyfigure_find(run->rx, &run->opts->prev_rs->metrics[k],
                     run->opts->prev, &last, &ignored) != 1 ||
      now.value <= 0 || last.value <= 0)
    return;
  double factor = cy->has_factor ? cy->factor : 2;
  double ratio = now.value > last.value ? now.value / last.value
                                        : last.value / now.value;
  if (ratio < factor)
    return;
  char got[48], want[48], times[32], place[PLACE_MAX];
  snprintf(got, sizeof got, "%g", now.value);
  snprintf(want, sizeof want, "%g", last.value);
  snprintf(times, sizeof times, "%.1f", ratio);
  prev_place(run, last.off, place, sizeof place);
  engine_var vars[] = {{"label", run->rs->metrics[i].label},
                       {"actual", got},
                       {"expected", want},
                       {"ratio", times},
                       {"previous", place}};
  engine_hit(run);
  engine_emit(run, now.off, now.end, vars, 5, NULL);
  engine_relate(run, last.off);
}

/* ---- text -------------------------------------------------------------- */

/* The paragraphs [*from, *to) of a report's part (but its own heading),
 * or of its whole body when key is NULL; 0 if it has no such part. */
static int part_paras(const doc *d, const engine_part *p, int whole,
                      int *from, int *to) {
  if (whole) {
    *from = d->body_first;
    *to = d->npara;
    return 1;
  }
  if (!p || p->found != 1)
    return 0;
  *from = *to = -1;
  int own = d->heads[d->sections[p->section].heading].para;
  for (int i = 0; i < d->npara; i++) {
    const doc_para *q = &d->paras[i];
    if (q->off >= p->off && q->off < p->end && i != own) {
      if (*from < 0)
        *from = i;
      *to = i + 1;
    }
  }
  return *from >= 0;
}

static int is_boilerplate(engine_run *run, const doc_para *p) {
  const regex_list *b = &run->r->u.cross.boilerplate;
  size_t ms, me;
  for (int k = 0; k < b->n; k++)
    if (engine_find(run, b->v[k], run->d->text + p->off, p->len, 0, &ms, &me))
      return 1;
  return 0;
}

/* Compared: a paragraph of min_chars letters or more (a run-in heading
 * with its text counts; a heading alone is too short) that is not a table
 * row or boilerplate. */
static int compared(engine_run *run, const doc_para *p) {
  return p->table < 0 &&
         (int)shingle_count(run->d->text + p->off, p->len) + SHINGLE_K - 1 >=
             run->r->u.cross.min_chars &&
         !is_boilerplate(run, p);
}

/* The start of last year's paragraph i, a few characters, for the
 * message. Returns a newly allocated string. */
static char *quote_of(const doc *d, int i) {
  const doc_para *p = &d->paras[i];
  size_t n = 0;
  for (int k = 0; k < QUOTE_CHARS && n < p->len; k++)
    n += utf8_step(d->text + p->off + n, p->len - n);
  char *q = xmalloc(n + 4);
  memcpy(q, d->text + p->off, n);
  strcpy(q + n, n < p->len ? "…" : "");
  return q;
}

/* A copy another rule said already over off (a part found copied: its
 * paragraphs are not said again one by one). */
static int said_at(const engine_run *run, size_t off) {
  for (size_t i = 0; i < run->out->n; i++) {
    const finding *f = &run->out->v[i];
    if (f->has_rel && f->off <= off && off < f->end &&
        strcmp(f->rule_id, run->r->id) != 0)
      return 1;
  }
  return 0;
}

static void emit_copy(engine_run *run, span at, const char *what,
                      double share, int prev_para) {
  const doc *pd = run->opts->prev;
  char pct[16], place[PLACE_MAX];
  snprintf(pct, sizeof pct, "%.0f%%", 100 * share);
  prev_place(run, pd->paras[prev_para].off, place, sizeof place);
  char *quote = quote_of(pd, prev_para);
  engine_var vars[] = {{"what", what},
                       {"similarity", pct},
                       {"previous", place},
                       {"quote", quote}};
  engine_hit(run);
  engine_emit(run, at.off, at.off + at.len, vars, 4, NULL);
  engine_relate(run, pd->paras[prev_para].off);
  free(quote);
}

// similar: last year's part (or body) as shingles; this year's part is
// copied when its compared paragraphs are, taken together, at least
// `threshold` found there (one finding, at the part's first paragraph);
// else each compared paragraph that is.
static void check_similar(engine_run *run) {
  const rule_cross_year *cy = &run->r->u.cross;
  const doc *d = run->d, *pd = run->opts->prev;
  int whole = cy->part == NULL, from, to, pfrom, pto;
  engine_run pr = prev_run(run);
  if (!part_paras(d, whole ? NULL : engine_part_of(run, cy->part), whole,
                  &from, &to) ||
      !part_paras(pd, whole ? NULL : engine_prev_part(run, cy->part), whole,
                  &pfrom, &pto))
    return;
  shingle_set s;
  shingle_set_init(&s);
  for (int i = pfrom; i < pto; i++)
    if (compared(&pr, &pd->paras[i]))
      shingle_set_add(&s, pd->text + pd->paras[i].off, pd->paras[i].len, i);
  double *share = xcalloc((size_t)(to - from) + 1, sizeof *share);
  int *best = xcalloc((size_t)(to - from) + 1, sizeof *best);
  size_t total = 0;
  double found = 0;
  int first = -1;
  for (int i = from; i < to; i++) {
    const doc_para *p = &d->paras[i];
    best[i - from] = -1;
    if (!compared(run, p))
      continue;
    size_t n = shingle_count(d->text + p->off, p->len);
    share[i - from] = shingle_containment(&s, d->text + p->off, p->len,
                                          &best[i - from]);
    total += n;
    found += share[i - from] * (double)n;
    first = first < 0 ? i : first;
  }
  double threshold = cy->has_threshold ? cy->threshold : 0.9;
  if (!whole && first >= 0 && total && found / (double)total >= threshold &&
      best[first - from] >= 0) {
    const doc_para *p = &d->paras[first], *q = &d->paras[to - 1];
    emit_copy(run, (span){p->off, q->off + q->len - p->off}, "本部分",
              found / (double)total, best[first - from]);
  } else {
    for (int i = from; i < to; i++)
      if (best[i - from] >= 0 && share[i - from] >= threshold &&
          !said_at(run, d->paras[i].off))
        emit_copy(run, (span){d->paras[i].off, d->paras[i].len}, "本段",
                  share[i - from], best[i - from]);
  }
  free(share);
  free(best);
  shingle_set_release(&s);
}

// year: this year's report year is last year's plus one.
static void check_year(engine_run *run) {
  const doc *d = run->d, *pd = run->opts->prev;
  if (!d->year || !pd->year || d->year == pd->year + 1 || !d->title.len)
    return;
  char last[16], now[16], want[16], place[PLACE_MAX];
  snprintf(last, sizeof last, "%d", pd->year);
  snprintf(now, sizeof now, "%d", d->year);
  snprintf(want, sizeof want, "%d", pd->year + 1);
  prev_place(run, pd->title.off, place, sizeof place);
  const char *problem = d->year == pd->year   ? "与上年报告是同一年度"
                        : d->year < pd->year ? "早于上年报告"
                                             : "与上年报告之间缺了年度";
  engine_var vars[] = {{"year", now},       {"last_year", last},
                       {"expected", want},  {"problem", problem},
                       {"previous", place}};
  engine_hit(run);
  engine_emit(run, d->title.off, d->title.off + d->title.len, vars, 5, NULL);
  engine_relate(run, pd->title.off);
}

/* Figures carry over from the year just before, not across a gap (the
 * year check says so). */
static int consecutive(const engine_run *run) {
  const doc *d = run->d, *pd = run->opts->prev;
  return !d->year || !pd->year || d->year == pd->year + 1;
}

static void run_cross_year(engine_run *run) {
  if (!run->opts->prev)
    return; /* no report of the year before: nothing to compare */
  cross_check c = run->r->u.cross.check;
  if ((c == CROSS_CARRY || c == CROSS_STOCK || c == CROSS_PENDING) &&
      !consecutive(run))
    return;
  switch (c) {
  case CROSS_CARRY:
    check_carry(run);
    break;
  case CROSS_STOCK:
    check_stock(run);
    break;
  case CROSS_SIMILAR:
    check_similar(run);
    break;
  case CROSS_YEAR:
    check_year(run);
    break;
  case CROSS_PENDING:
    check_pending(run);
    break;
  case CROSS_JUMP:
    check_jump(run);
    break;
  }
}

/* ---- the kind ---------------------------------------------------------- */

#define CY(f) RULE_FIELD(cross, f)

static const key_word cross_words[] = {{"carry", CROSS_CARRY},
                                       {"stock", CROSS_STOCK},
                                       {"similar", CROSS_SIMILAR},
                                       {"year", CROSS_YEAR},
                                       {"pending", CROSS_PENDING},
                                       {"jump", CROSS_JUMP},
                                       {NULL, 0}};

static const key_spec cross_keys[] = {
    {.name = "check",
     .kind = K_WORD,
     .off = CY(check),
     .words = cross_words,
     .required = 1},
    {.name = "select", .kind = K_PATTERN, .off = CY(select)},
    {.name = "this", .kind = K_PATTERN, .off = CY(this_row)},
    {.name = "last", .kind = K_PATTERN, .off = CY(last_row)},
    {.name = "rows", .kind = K_PATTERN, .off = CY(rows)},
    {.name = "stock", .kind = K_PATTERN, .off = CY(stock)},
    {.name = "added", .kind = K_PATTERN, .off = CY(added)},
    {.name = "removed", .kind = K_PATTERN, .off = CY(removed)},
    {.name = "pending", .kind = K_PATTERN, .off = CY(pending)},
    {.name = "metric", .kind = K_STR, .off = CY(metric)},
    {.name = "factor",
     .kind = K_NUMBER,
     .off = CY(factor),
     .has = 1,
     .has_off = CY(has_factor)},
    {.name = "part", .kind = K_STR, .off = CY(part)},
    {.name = "threshold",
     .kind = K_NUMBER,
     .off = CY(threshold),
     .has = 1,
     .has_off = CY(has_threshold)},
    {.name = "min_chars", .kind = K_COUNT, .off = CY(min_chars)},
    {.name = "boilerplate", .kind = K_PATTERNS, .off = CY(boilerplate)},
    {.name = NULL}};

static void cross_defaults(rule *r) { r->u.cross.min_chars = 30; }

/* The keys each check needs. */
static int cross_load(rules_loader *ld) {
  static const struct {
    cross_check check;
    const char *keys[5];
  } needs[] = {{CROSS_CARRY, {"select", "this", "last"}},
               {CROSS_STOCK, {"select", "rows", "stock", "added", "removed"}},
               {CROSS_SIMILAR, {NULL}},
               {CROSS_YEAR, {NULL}},
               {CROSS_PENDING, {"select", "pending"}},
               {CROSS_JUMP, {"metric"}}};
  const rule_cross_year *cy = &ld->r->u.cross;
  if (cy->has_factor && cy->factor <= 1)
    return rules_load_fail(ld, rules_load_get(ld, "factor"),
                           "'factor' is a ratio: more than 1");
  if (cy->has_threshold && (cy->threshold <= 0 || cy->threshold > 1))
    return rules_load_fail(ld, rules_load_get(ld, "threshold"),
                           "'threshold' is a share: more than 0, at most 1");
  for (size_t i = 0; i < sizeof needs / sizeof *needs; i++)
    for (int k = 0; needs[i].check == cy->check && k < 5 && needs[i].keys[k];
         k++)
      if (!rules_load_get(ld, needs[i].keys[k]))
        return rules_load_fail(ld, ld->m,
                               "rule '%s' has no '%s' (needed by check '%s')",
                               ld->r->id, needs[i].keys[k],
                               cross_words[cy->check].s);
  return 0;
}

static void cross_release(rule *r) {
  rule_cross_year *cy = &r->u.cross;
  regex_free(cy->select);
  regex_free(cy->this_row);
  regex_free(cy->last_row);
  regex_free(cy->rows);
  regex_free(cy->stock);
  regex_free(cy->added);
  regex_free(cy->removed);
  regex_free(cy->pending);
  free(cy->metric);
  free(cy->part);
  regex_list_release(&cy->boilerplate);
}

// Every check's variables: carry, stock and pending (col, row, actual,
// expected), similar (what, similarity, quote), year (year, last_year,
// expected, problem), jump (label, actual, expected, ratio); all name the
// place in last year's report (previous).
static const char *const cross_vars[] = {
    "col",      "row",        "actual",    "expected", "previous",
    "what",     "similarity", "quote",     "year",     "last_year",
    "problem",  "label",      "ratio",     NULL};

const rule_kind rule_kind_cross_year = {
    .name = "cross-year",
    .type = RULE_CROSS_YEAR,
    .keys = cross_keys,
    .vars = cross_vars,
    .defaults = cross_defaults,
    .load = cross_load,
    .release = cross_release,
    .run = run_cross_year,
};
