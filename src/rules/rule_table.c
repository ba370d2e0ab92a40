/* rule_table: assertions over the cells of a table.
 *
 * A table rule selects the tables whose caption (the paragraph before the
 * table), enclosing heading or any cell matches `select`, names rows (by
 * label path) and columns (by header, nth match or position; see
 * rules.h), and checks each assertion: parts that add up to totals, a == b,
 * a <= b, cells that must be filled, in every row (keys naming columns) or
 * every column (keys naming rows); numbers that are non-negative or whole;
 * and numbers quoted in the prose that must equal the cell they name
 * (check text-table). Numbers compare at the precision written: a total
 * written with fewer decimals than its parts may differ by half its last
 * unit. A blank total is not a mismatch: it is left to a `filled`
 * assertion, or reported with the rule's missing_message. Findings cover
 * the number at fault, or the blank cell.
 *
 * The kind's descriptor at the end of the file (rule_kind.h) gives its
 * keys, the message variables it fills, its load-time checks and release;
 * its rows, columns and assertions are read by rule_table_load.c. */
#include "rule_table.h"

#include "rule_kind.h"
#include "rule_table_load.h"
#include "segment.h"
#include "table_view.h"
#include "tables.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bounds that keep a hostile table from costing more than a real one: a
 * table of the national format has under 50 rows, 15 data columns and a
 * few header rows. Bigger tables are not checked; only the first header
 * rows name columns. */
enum { MAX_LINE = 256, MAX_TABLE_ROWS = 5000, MAX_HEADER_ROWS = 32 };

typedef struct tctx {
  engine_run *run;
  const rule_table *rt;
  const table_assert *a;
  table_view v;
  unsigned char *reported; /* FILLED: per doc cell, already reported (a
                              corner total is in two lines); NULL until
                              a blank is */
} tctx;

static int match_text(engine_run *run, const regex *re, const char *s,
                      size_t len) {
  size_t ms, me;
  return len > 0 && engine_find(run, re, s, len, 0, &ms, &me);
}

static int match_cell(engine_run *run, const regex *re, const doc_cell *c) {
  return c && c->s.len && !c->has_number &&
         match_text(run, re, run->d->text + c->s.off, c->s.len);
}

static int match_span(engine_run *run, const regex *re, span s) {
  return match_text(run, re, run->d->text + s.off, s.len);
}

/* The paragraph of heading h, as a span. */
static span heading_span(const doc *d, int h) {
  const doc_para *p = &d->paras[d->heads[h].para];
  return (span){p->off, p->len};
}

int rule_table_selected(engine_run *run, const regex *re,
                        const table_view *v) {
  const doc *d = run->d;
  if (match_span(run, re, v->t->caption))
    return 1;
  int sec = d->paras[v->t->para].section;
  if (sec >= 0 && match_span(run, re, heading_span(d, d->sections[sec].heading)))
    return 1;
  for (int i = 0; i < v->t->nrow && i < MAX_HEADER_ROWS; i++) {
    const doc_row *r = &d->rows[v->t->first_row + i];
    for (int j = 0; j < r->ncell; j++)
      if (match_cell(run, re, &d->cells[r->first_cell + j]))
        return 1;
  }
  return 0;
}

/* ---- keys ----------------------------------------------------------- */

typedef enum { BY_HEADER, BY_AT } col_by;

/* BY_HEADER: the nth distinct data column with a matching header cell;
 * BY_AT: the key's `at`; -1 if none. */
static int find_col_by(tctx *x, const table_key *k, col_by by) {
  const table_view *v = &x->v;
  int at = k->at && k->at <= v->width ? k->at - 1 : -1;
  if (by == BY_AT)
    return at;
  int seen[MAX_LINE], nseen = 0, headers = 0;
  for (int i = 0; i < v->t->nrow && headers < MAX_HEADER_ROWS; i++) {
    if (v->data[i])
      continue;
    headers++;
    for (int c = 0; c < v->width && c < MAX_LINE; c++) {
      if (!match_cell(x->run, k->label, table_view_cell(v, i, c)))
        continue;
      int dup = 0;
      for (int s = 0; s < nseen; s++)
        dup |= seen[s] == c;
      if (dup)
        continue;
      seen[nseen++] = c;
      if (nseen == k->nth)
        return c;
    }
  }
  return -1;
}

/* An assertion's columns all by header, or, when a header is missing (a
 * text table printed without one, or with headers broken over lines), all
 * by position: never some of each, which would pair a found header with a
 * guessed column. */
static int resolve_cols(tctx *x, int *parts, int *totals) {
  const table_assert *a = x->a;
  for (col_by by = BY_HEADER; by <= BY_AT; by++) {
    int ok = 1;
    for (int k = 0; k < a->nparts && ok; k++)
      ok = (parts[k] = find_col_by(x, &x->rt->cols[a->parts[k]], by)) >= 0;
    for (int k = 0; k < a->ntotals && ok; k++)
      ok = (totals[k] = find_col_by(x, &x->rt->cols[a->totals[k]], by)) >= 0;
    if (ok)
      return 0;
  }
  return -1;
}

static int row_matches(tctx *x, int i, const table_key *k) {
  const char *p = x->v.path[i];
  return x->v.data[i] && match_text(x->run, k->label, p, strlen(p));
}

/* The first data row whose label path matches, else data row `at`. */
static int find_row(tctx *x, const table_key *k) {
  for (int i = 0; i < x->v.t->nrow; i++)
    if (row_matches(x, i, k))
      return i;
  for (int i = 0, n = 0; k->at && i < x->v.t->nrow; i++)
    if (x->v.data[i] && ++n == k->at)
      return i;
  return -1;
}

/* Resolves the assertion's keys into parts[] and totals[]: columns (see
 * resolve_cols), or rows. A row part of a sum stands for every leaf row
 * it matches that is not a total row, so *nparts may exceed the keys.
 * Returns 0, or -1 if a key is not in this table. */
static int resolve(tctx *x, int *parts, int *nparts, int *totals) {
  const table_assert *a = x->a;
  const rule_table *rt = x->rt;
  if (a->along_cols) {
    *nparts = a->nparts;
    return resolve_cols(x, parts, totals);
  }
  for (int k = 0; k < a->ntotals; k++)
    if ((totals[k] = find_row(x, &rt->rows[a->totals[k]])) < 0)
      return -1;
  *nparts = 0;
  for (int k = 0; k < a->nparts; k++) {
    const table_key *key = &rt->rows[a->parts[k]];
    if (a->check != TABLE_SUM) {
      if ((parts[(*nparts)++] = find_row(x, key)) < 0)
        return -1;
      continue;
    }
    int found = 0;
    for (int i = 0; i < x->v.t->nrow && *nparts < MAX_LINE; i++) {
      if (!x->v.leaf[i] || !row_matches(x, i, key))
        continue;
      int is_total = 0;
      for (int t = 0; t < a->ntotals; t++)
        is_total |= totals[t] == i;
      if (!is_total)
        parts[(*nparts)++] = i, found = 1;
    }
    if (!found)
      return -1;
  }
  return 0;
}

/* ---- findings --------------------------------------------------------- */

static void format_value(char *buf, size_t cap, double x, int decimals) {
  snprintf(buf, cap, "%.*f", decimals, x);
}

static const char *template_of(const tctx *x) {
  return x->a->message ? x->a->message : x->run->r->message;
}

/* Emits over s with {expected}, {actual} (also {quoted}), {row} and
 * {col} (the label and header of cell row, col) and {parts}. */
static void emit(tctx *x, span s, int row, int col, const char *tmpl,
                 const char *expected, const char *actual,
                 const char *parts) {
  span h = table_view_header(&x->v, row, col);
  /* A message that names the column or the row it cannot name is a guess
   * about a table read wrongly (a PDF whose header cells were not found):
   * better unsaid than said as "“”栏". */
  if ((h.len == 0 && strstr(tmpl, "{col}")) ||
      (!table_view_label(&x->v, row)[0] && strstr(tmpl, "{row}")))
    return;
  char *col_name = xstrndup(x->run->d->text + h.off, h.len);
  engine_var vars[] = {{"expected", expected},
                       {"actual", actual},
                       {"quoted", actual},
                       {"row", table_view_label(&x->v, row)},
                       {"col", col_name},
                       {"parts", parts ? parts : ""}};
  engine_hit(x->run);
  engine_emit_as(x->run, x->run->r->severity, tmpl, s.off, s.off + s.len,
                 vars, 6, NULL);
  free(col_name);
}

/* Emits at cell c: its number ({actual}), or the blank cell. */
static void emit_at(tctx *x, const doc_cell *c, int row, int col,
                    const char *tmpl, const char *expected,
                    const char *parts) {
  char act[64] = "";
  if (c->has_number)
    format_value(act, sizeof act, c->value, c->decimals);
  emit(x, c->has_number ? c->num : c->s, row, col, tmpl, expected, act,
       parts);
}

/* Tolerance of total vs sum: half the total's last unit when it is written
 * with fewer decimals than the parts (a rounded total), else none. */
static int same_value(double total, int total_dec, double sum, int parts_dec) {
  double tol = total_dec < parts_dec ? 0.5 * pow(10, -total_dec) : 0;
  return fabs(total - sum) <= tol + 1e-9 * (1 + fabs(sum));
}

/* ---- line assertions (a row when keys name columns, else a column) ---- */

static const doc_cell *line_cell(const tctx *x, int line, int key) {
  return x->a->along_cols ? table_view_cell(&x->v, line, key)
                          : table_view_cell(&x->v, key, line);
}

static void cell_rc(const tctx *x, int line, int key, int *row, int *col) {
  *row = x->a->along_cols ? line : key;
  *col = x->a->along_cols ? key : line;
}

static void check_sum(tctx *x, int line, const int *parts, int np,
                      const int *totals) {
  const table_assert *a = x->a;
  double sum = 0, tsum = 0;
  int any = 0, blank = 0, pdec = 0, tdec = 0;
  char expr[512] = "";
  size_t used = 0;
  for (int k = 0; k < np; k++) {
    const doc_cell *c = line_cell(x, line, parts[k]);
    if (!c)
      return;
    any |= c->has_number;
    if (c->has_number) {
      sum += c->value;
      pdec = c->decimals > pdec ? c->decimals : pdec;
    }
    char v[64] = "空";
    if (c->has_number)
      format_value(v, sizeof v, c->value, c->decimals);
    if (used < sizeof expr)
      used += (size_t)snprintf(expr + used, sizeof expr - used, "%s%s",
                               k ? "+" : "", v);
  }
  if (!any)
    return;
  const doc_cell *first = NULL;
  for (int k = 0; k < a->ntotals; k++) {
    const doc_cell *c = line_cell(x, line, totals[k]);
    if (!c)
      return;
    first = first ? first : c;
    blank |= !c->has_number;
    if (c->has_number) {
      tsum += c->value;
      tdec = c->decimals > tdec ? c->decimals : tdec;
    }
  }
  int row, col;
  cell_rc(x, line, totals[0], &row, &col);
  char exp[64];
  format_value(exp, sizeof exp, sum, pdec);
  if (blank) {
    /* a row with no label is a wrapped label's figures as often as not
     * (pdftotext -layout): its blank is not named, so not said */
    if (x->rt->missing_message && a->ntotals == 1 && x->v.path[row][0])
      emit_at(x, first, row, col, x->rt->missing_message, exp, expr);
    return;
  }
  if (same_value(tsum, tdec, sum, pdec))
    return;
  if (a->ntotals == 1) {
    emit_at(x, first, row, col, template_of(x), exp, expr);
    return;
  }
  /* several totals: {actual} is their sum, not the first cell */
  doc_cell shown = *first;
  shown.value = tsum;
  shown.decimals = tdec;
  emit_at(x, &shown, row, col, template_of(x), exp, expr);
}

static void check_pair(tctx *x, int line, const int *parts) {
  const doc_cell *p = line_cell(x, line, parts[0]);
  const doc_cell *q = line_cell(x, line, parts[1]);
  if (!p || !q || !p->has_number || !q->has_number)
    return;
  int bad = x->a->check == TABLE_EQ
                ? !same_value(q->value, q->decimals, p->value, p->decimals)
                : p->value > q->value;
  if (!bad)
    return;
  int row, col;
  cell_rc(x, line, parts[1], &row, &col);
  char exp[64];
  format_value(exp, sizeof exp, p->value, p->decimals);
  emit_at(x, q, row, col, template_of(x), exp, NULL);
}

/* 1 if blank cell c was reported by an earlier assertion of this rule,
 * else records it. */
static int already_reported(tctx *x, const doc_cell *c) {
  if (!x->reported)
    x->reported = xcalloc((size_t)x->run->d->ncell + 1, 1);
  unsigned char *seen = &x->reported[c - x->run->d->cells];
  int was = *seen;
  *seen = 1;
  return was;
}

/* A line with a number must have every named cell filled. */
static void check_filled(tctx *x, int line, const int *parts, int np) {
  int any = 0, n = x->a->along_cols ? x->v.width : x->v.t->nrow;
  for (int k = 0; k < n; k++) {
    const doc_cell *c = line_cell(x, line, k);
    any |= c && c->has_number && (x->a->along_cols || x->v.data[k]);
  }
  if (!any)
    return;
  for (int k = 0; k < np; k++) {
    const doc_cell *c = line_cell(x, line, parts[k]);
    if (!c || c->has_number || already_reported(x, c))
      continue;
    int row, col;
    cell_rc(x, line, parts[k], &row, &col);
    if (!x->v.path[row][0])
      continue; /* an unlabelled row: see check_sum */
    emit_at(x, c, row, col, template_of(x), "", NULL);
  }
}

static void check_lines(tctx *x) {
  int parts[MAX_LINE], totals[MAX_LINE], np = 0;
  if (x->a->nparts > MAX_LINE || x->a->ntotals > MAX_LINE ||
      resolve(x, parts, &np, totals) < 0)
    return; /* a named row or column is not in this table */
  int lines = x->a->along_cols ? x->v.t->nrow : x->v.width;
  for (int line = 0; line < lines && !x->run->failed; line++) {
    if (x->a->along_cols && !x->v.data[line])
      continue;
    switch (x->a->check) {
    case TABLE_SUM:
      check_sum(x, line, parts, np, totals);
      break;
    case TABLE_EQ:
    case TABLE_LE:
      check_pair(x, line, parts);
      break;
    case TABLE_FILLED:
      check_filled(x, line, parts, np);
      break;
    default:
      break;
    }
  }
}

/* ---- every cell --------------------------------------------------------- */

static int excepted(tctx *x, int row, int col) {
  const regex *re = x->a->except;
  if (!re)
    return 0;
  const char *p = x->v.path[row];
  if (match_text(x->run, re, p, strlen(p)))
    return 1;
  for (int i = 0, headers = 0; i < x->v.t->nrow && headers < MAX_HEADER_ROWS;
       i++) {
    if (x->v.data[i])
      continue;
    headers++;
    if (match_cell(x->run, re, table_view_cell(&x->v, i, col)))
      return 1;
  }
  return 0;
}

static void check_every_cell(tctx *x) {
  for (int i = 0; i < x->v.t->nrow && !x->run->failed; i++) {
    if (!x->v.data[i])
      continue;
    for (int c = 0; c < x->v.width; c++) {
      const doc_cell *cell = table_view_cell(&x->v, i, c);
      if (!cell || !cell->has_number)
        continue;
      int bad = x->a->check == TABLE_NONNEGATIVE ? cell->value < 0
                                                 : cell->decimals > 0;
      if (bad && !excepted(x, i, c))
        emit_at(x, cell, i, c, template_of(x),
                x->a->check == TABLE_NONNEGATIVE ? ">= 0" : "an integer",
                NULL);
    }
  }
}

/* ---- the national form: row labels, split rows, zeros ------------------- */

/* The span of row's own label cell (the last non-empty cell before its
 * first number); len 0 if it has none. */
static span label_span(const tctx *x, int row) {
  const doc *d = x->v.d;
  const doc_row *r = &d->rows[x->v.t->first_row + row];
  span s = {0, 0};
  for (int j = 0; j < r->ncell; j++) {
    const doc_cell *c = &d->cells[r->first_cell + j];
    if (c->has_number)
      break;
    if (c->s.len)
      s = c->s;
  }
  return s;
}

enum { LABEL_CPS = 128 };

/* The code points of s that are not punctuation, blanks or quotes (a
 * label's wording, as the form and the drafter may punctuate it). */
static int wording(const char *s, size_t len, uint32_t *out) {
  int n = 0;
  for (size_t i = 0; i < len && n < LABEL_CPS;) {
    uint32_t cp;
    int k = utf8_decode(s + i, len - i, &cp);
    i += k > 0 ? (size_t)k : 1;
    int punct = cp < 0x80 ? !((cp >= '0' && cp <= '9') ||
                              (cp >= 'a' && cp <= 'z') ||
                              (cp >= 'A' && cp <= 'Z'))
                          : (cp >= 0x2000 && cp <= 0x206F) ||
                                (cp >= 0x3000 && cp <= 0x303F) ||
                                (cp >= 0xFF00 && cp <= 0xFF20);
    if (!punct)
      out[n++] = cp;
  }
  return n;
}

/* Length of the longest common subsequence of a and b. */
static int common(const uint32_t *a, int na, const uint32_t *b, int nb) {
  int prev[LABEL_CPS + 1] = {0}, cur[LABEL_CPS + 1] = {0};
  for (int i = 1; i <= na; i++) {
    for (int j = 1; j <= nb; j++)
      cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1
               : cur[j - 1] > prev[j] ? cur[j - 1]
                                      : prev[j];
    memcpy(prev, cur, sizeof prev);
  }
  return prev[nb];
}

static int is_prefix(const uint32_t *a, int na, const uint32_t *b, int nb) {
  return na <= nb && memcmp(a, b, (size_t)na * sizeof *a) == 0;
}

/* A label's marker (1. 1、 （一）): its level and number; 0 if none. */
static size_t label_marker(const char *s, size_t len, int *level, int *num) {
  doc_mark mark;
  size_t m = segment_heading_marker(s, len, &mark, level, num);
  return m < len ? m : 0;
}

/* Each numbered row label against the form's labels of the same number:
 * the same wording (or a beginning of it: a label cut by a wrapped line)
 * is right; the closest one, when at least half of it is there, is what
 * the drafter meant to write. */
static void check_labels(tctx *x) {
  const table_assert *a = x->a;
  const char *text = x->v.d->text;
  for (int i = 0; i < x->v.t->nrow && !x->run->failed; i++) {
    span ls = label_span(x, i);
    int level, num;
    size_t m = label_marker(text + ls.off, ls.len, &level, &num);
    if (!x->v.data[i] || !m)
      continue;
    uint32_t got[LABEL_CPS], want[LABEL_CPS];
    int ng = wording(text + ls.off + m, ls.len - m, got);
    int best = -1, best_common = 0, exact = 0;
    for (int k = 0; k < a->nlabels && !exact; k++) {
      const char *f = a->labels[k];
      int fl, fn;
      size_t fm = label_marker(f, strlen(f), &fl, &fn);
      if (!fm || fl != level || fn != num)
        continue;
      int nw = wording(f + fm, strlen(f) - fm, want);
      exact = is_prefix(got, ng, want, nw) || is_prefix(want, nw, got, ng);
      int c = common(got, ng, want, nw);
      int longer = ng > nw ? ng : nw;
      if (!exact && 2 * c >= longer && c > best_common)
        best = k, best_common = c;
    }
    if (exact || best < 0)
      continue;
    char *actual = xstrndup(text + ls.off, ls.len);
    emit(x, ls, i, 0, template_of(x), a->labels[best], actual, NULL);
    free(actual);
  }
}

/* The row the key names is a leaf with numbers: the form of the report's
 * year divides it into sub-rows. */
static void check_split(tctx *x) {
  const table_key *key = &x->rt->rows[x->a->parts[0]];
  for (int i = 0; i < x->v.t->nrow; i++) {
    const char *own = table_view_label(&x->v, i);
    if (!x->v.data[i] || !x->v.leaf[i] ||
        !match_text(x->run, key->label, own, strlen(own)))
      continue; /* its sub-rows, if any, are the leaves */
    span ls = label_span(x, i);
    if (!ls.len)
      continue;
    char *actual = xstrndup(x->v.d->text + ls.off, ls.len);
    emit(x, ls, i, 0, template_of(x), "", actual, NULL);
    free(actual);
    return;
  }
}

/* A column blank in a row that has numbers: the form wants 0 for none.
 * One finding a column, at its first blank; columns whose header matches
 * `except` (the totals, reported by their own rule) are left out. */
static void check_zeros(tctx *x) {
  for (int c = 0; c < x->v.width && !x->run->failed; c++) {
    int blanks = 0, first = -1;
    for (int i = 0; i < x->v.t->nrow; i++) {
      const doc_cell *cell = table_view_cell(&x->v, i, c);
      if (!x->v.data[i] || !cell || cell->has_number || excepted(x, i, c))
        continue;
      if (first < 0)
        first = i;
      blanks++;
    }
    if (first < 0)
      continue;
    char n[32];
    snprintf(n, sizeof n, "%d", blanks);
    emit_at(x, table_view_cell(&x->v, first, c), first, c, template_of(x), n,
            NULL);
  }
}

/* ---- text-table --------------------------------------------------------- */

/* The cell (row key, col key) of the table, or NULL; its column found
 * as `by` says. */
static const doc_cell *named_cell(tctx *x, int rkey, int ckey, col_by by,
                                  int *row, int *col) {
  *row = find_row(x, &x->rt->rows[rkey]);
  *col = find_col_by(x, &x->rt->cols[ckey], by);
  return *row < 0 || *col < 0 ? NULL : table_view_cell(&x->v, *row, *col);
}

/* How to find the relation's columns: all by header if every one has a
 * header, else all by position (as resolve_cols). */
static col_by text_cols_by(tctx *x) {
  const table_assert *a = x->a;
  for (int k = 0; k < a->ncells; k++)
    if (find_col_by(x, &x->rt->cols[a->cell_cols[k]], BY_HEADER) < 0)
      return BY_AT;
  if (a->share_col >= 0 &&
      find_col_by(x, &x->rt->cols[a->share_col], BY_HEADER) < 0)
    return BY_AT;
  return BY_HEADER;
}

/* The cells (row key, col key) adds up: the one row the key names, or,
 * when it names a group of rows (（三）不予公开 over its eight reasons),
 * every leaf row under it. Returns -1 if the table lacks the row or the
 * column, 0 if a cell is blank (nothing to compare with), else 1 with
 * *sum, *dec, and the first row and column in *row, *col. */
static int key_cells(tctx *x, int rkey, int ckey, col_by by, double *sum,
                     int *dec, int *row, int *col) {
  const table_key *key = &x->rt->rows[rkey];
  int first = find_row(x, key);
  int c = find_col_by(x, &x->rt->cols[ckey], by);
  if (first < 0 || c < 0)
    return -1;
  int n = 0, group = 0;
  for (int i = 0; i < x->v.t->nrow; i++)
    group += x->v.leaf[i] && row_matches(x, i, key) && i != first;
  *row = first, *col = c;
  for (int i = group ? 0 : first; i < x->v.t->nrow; i++) {
    if (group ? !(x->v.leaf[i] && row_matches(x, i, key)) : i != first)
      continue;
    const doc_cell *cell = table_view_cell(&x->v, i, c);
    if (!cell)
      return -1;
    if (!cell->has_number)
      return 0;
    *sum += cell->value;
    *dec = cell->decimals > *dec ? cell->decimals : *dec;
    n++;
    if (!group)
      break;
  }
  return n > 0 ? 1 : -1;
}

/* Every sentence of the prose matching `text`: its quoted number against
 * the cell. Returns 1 if the table had the cell (the relation is checked
 * against the first table that has it). */
static int check_text(tctx *x) {
  engine_run *run = x->run;
  const table_assert *a = x->a;
  int row = -1, col = -1, srow, scol, dec = 0;
  double value = 0;
  col_by by = text_cols_by(x);
  for (int k = 0; k < a->ncells; k++) {
    int r, c;
    int got = key_cells(x, a->cell_rows[k], a->cell_cols[k], by, &value, &dec,
                        &r, &c);
    if (got < 0)
      return 0;
    if (got == 0)
      return 1; /* a blank cell: nothing to compare with */
    if (row < 0)
      row = r, col = c;
  }
  const doc_cell *share = NULL;
  if (a->share_row >= 0 &&
      !(share = named_cell(x, a->share_row, a->share_col, by, &srow, &scol)))
    return 0;
  if (share && (!share->has_number || share->value == 0))
    return 1;
  int group = regex_group_number(a->text, "value");
  group = group < 0 ? 1 : group;
  const doc *d = run->d;
  for (int p = 0; p < d->npara && !run->failed; p++) {
    const doc_para *para = &d->paras[p];
    if (para->table >= 0)
      continue;
    size_t start = 0, ms, me, gs, ge;
    while (start < para->len &&
           engine_find(run, a->text, d->text + para->off, para->len, start, &ms,
                       &me)) {
      start = me > ms ? me : ms + 1;
      double quoted;
      span num;
      int qdec;
      if (a->has_value) { /* said in words: the whole match is the claim */
        quoted = a->value, qdec = 0, gs = ms;
        num = (span){0, me - ms};
      } else if (!regex_group(run->rx, group, &gs, &ge) ||
                 !tables_number(d->text + para->off + gs, ge - gs, &quoted,
                                &num, &qdec)) {
        continue;
      }
      double expected = share ? value / share->value * 100 : value;
      double tol = share ? 0.5 * pow(10, -qdec) : 0;
      if (fabs(quoted - expected) <= tol + 1e-9 * (1 + fabs(expected)))
        continue;
      char exp[64], act[64];
      format_value(exp, sizeof exp, expected, share ? qdec : dec);
      format_value(act, sizeof act, quoted, qdec);
      emit(x, (span){para->off + gs + num.off, num.len}, row, col,
           template_of(x), exp, act, NULL);
    }
  }
  return 1;
}

/* 1 if table t sits in a part (or a sub-part of one) whose heading
 * matches re. */
static int under_heading(engine_run *run, const doc_table *t, const regex *re) {
  const doc *d = run->d;
  for (int sec = d->paras[t->para].section; sec >= 0;
       sec = d->sections[sec].parent)
    if (match_span(run, re, heading_span(d, d->sections[sec].heading)))
      return 1;
  return 0;
}

/* {present: pattern}: when a heading matches but no selected table is in
 * its part (a PDF's tables are not read; a table pasted as an image), one
 * finding at that heading. */
static void check_present(engine_run *run, const table_assert *a,
                          const unsigned char *selected) {
  const doc *d = run->d;
  for (int i = 0; i < d->ntable; i++)
    if (selected[i] && under_heading(run, &d->tables[i], a->text))
      return;
  for (int h = 0; h < d->nhead; h++) {
    span s = heading_span(d, h);
    if (!match_span(run, a->text, s))
      continue;
    engine_hit(run);
    engine_emit_as(run, run->r->severity,
                   a->message ? a->message : run->r->message, s.off,
                   s.off + s.len, NULL, 0, NULL);
    return;
  }
}

/* A ragged table, at its first row (the report's first one: the others
 * are alike and would say the same). */
static void report_ragged(tctx *x) {
  const doc_para *p = &x->run->d->paras[x->v.t->para];
  engine_hit(x->run);
  engine_emit_as(x->run, x->run->r->severity, template_of(x), p->off,
                 p->off + p->len, NULL, 0, NULL);
}

static void run_table(engine_run *run) {
  const rule_table *rt = &run->r->u.table;
  unsigned char *text_done = xcalloc((size_t)rt->nasserts + 1, 1);
  unsigned char *selected = xcalloc((size_t)run->d->ntable + 1, 1);
  tctx x = {.run = run, .rt = rt};
  int ragged_said = 0; /* a report's ragged tables are said once */
  for (int i = 0; i < run->d->ntable && !run->failed; i++) {
    if (run->d->tables[i].nrow > MAX_TABLE_ROWS)
      continue;
    table_view_init(&x.v, run->d, i);
    if (x.v.width > 0 && x.v.width <= MAX_LINE && rule_table_selected(run, run->r->u.table.select, &x.v)) {
      selected[i] = 1;
      for (int k = 0; k < rt->nasserts && !run->failed; k++) {
        x.a = &rt->asserts[k];
        if (x.a->check == TABLE_PRESENT)
          continue; /* once all tables are seen */
        if (x.a->check == TABLE_READABLE) {
          if (x.v.t->ragged && !ragged_said++)
            report_ragged(&x);
          continue;
        }
        if (x.a->check == TABLE_LABELS) { /* labels read whatever the figures */
          check_labels(&x);
          continue;
        }
        if (x.a->check == TABLE_SPLIT) {
          check_split(&x);
          continue;
        }
        if (x.v.t->ragged)
          continue; /* its cells cannot be trusted */
        if (x.a->check == TABLE_NONNEGATIVE || x.a->check == TABLE_INTEGER)
          check_every_cell(&x);
        else if (x.a->check == TABLE_ZEROS)
          check_zeros(&x);
        else if (x.a->check == TABLE_TEXT)
          text_done[k] = text_done[k] || check_text(&x);
        else
          check_lines(&x);
      }
    }
  }
  for (int k = 0; k < rt->nasserts && !run->failed; k++)
    if (rt->asserts[k].check == TABLE_PRESENT)
      check_present(run, &rt->asserts[k], selected);
  free(x.reported);
  free(text_done);
  free(selected);
}

/* --- the kind ----------------------------------------------------------------
 *
 * table = select, assert, [rows, cols, missing_message]; rows, cols and
 * assert are read by rule_table_load.c. */

static const key_spec table_keys[] = {
    {.name = "select",
     .kind = K_PATTERN,
     .off = RULE_FIELD(table, select),
     .required = 1},
    {.name = "rows", .kind = K_LATER},
    {.name = "cols", .kind = K_LATER},
    {.name = "assert", .kind = K_LATER, .required = 1},
    {.name = "missing_message",
     .kind = K_STR,
     .off = RULE_FIELD(table, missing_message)},
    {.name = NULL}};

static const char *const table_vars[] = {"expected", "actual", "quoted", "row",
                                         "col",      "parts",  NULL};
static const char *const table_templates[] = {"missing_message", NULL};

const rule_kind rule_kind_table = {
    .name = "table",
    .type = RULE_TABLE,
    .keys = table_keys,
    .vars = table_vars,
    .templates = table_templates,
    .load = rule_table_load,
    .release = rule_table_release,
    .run = run_table,
};
