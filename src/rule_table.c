/* rule_table: assertions over the cells of a table.
 *
 * A table rule selects the tables whose caption (the paragraph before the
 * table) or a cell of the first two rows matches `select`, finds its named
 * rows (by the label cells before a row's first number) and columns (by a
 * header cell in the first two rows), and checks each assertion: parts
 * that add up to a total, a == b, a <= b, in every row (keys naming
 * columns) or every column (keys naming rows); numbers that are
 * non-negative or whole. A blank total is reported with the rule's
 * missing_message, not as a mismatch. Findings cover the number at fault. */
#include "engine.h"

#include <math.h>
#include <stdio.h>

typedef struct tview {
  const doc *d;
  const doc_table *t;
} tview;

static const doc_cell *cell_at(const tview *v, int row, int col) {
  if (row < 0 || col < 0 || row >= v->t->nrow)
    return NULL;
  const doc_row *r = &v->d->rows[v->t->first_row + row];
  return col < r->ncell ? &v->d->cells[r->first_cell + col] : NULL;
}

static int cell_matches(engine_run *run, const regex *re, const doc_cell *c) {
  size_t ms, me;
  return c && c->s.len > 0 && engine_match_span(run, re, c->s, &ms, &me);
}

static int is_selected(engine_run *run, const tview *v) {
  const regex *re = run->r->u.table.select;
  size_t ms, me;
  if (v->t->caption.len && engine_match_span(run, re, v->t->caption, &ms, &me))
    return 1;
  for (int i = 0; i < 2 && i < v->t->nrow; i++)
    for (int j = 0; j < v->d->rows[v->t->first_row + i].ncell; j++)
      if (cell_matches(run, re, cell_at(v, i, j)))
        return 1;
  return 0;
}

/* The first row with numbers whose cells before its first number match
 * the key (a header row has no numbers: its 总计 names a column). */
static int find_row(engine_run *run, const tview *v, const table_key *k) {
  for (int i = 0; i < v->t->nrow; i++) {
    const doc_cell *c;
    int j = 0, hit = 0;
    for (; (c = cell_at(v, i, j)) && !c->has_number; j++)
      hit = hit || cell_matches(run, k->label, c);
    if (hit && c)
      return i;
  }
  return -1;
}

/* The first column with a header cell (first two rows) matching the key. */
static int find_col(engine_run *run, const tview *v, const table_key *k) {
  for (int i = 0; i < 2 && i < v->t->nrow; i++) {
    const doc_cell *c;
    for (int j = 0; (c = cell_at(v, i, j)); j++)
      if (!c->has_number && cell_matches(run, k->label, c))
        return j;
  }
  return -1;
}

static void format_value(char *buf, size_t cap, double x, int decimals) {
  snprintf(buf, cap, "%.*f", decimals, x);
}

/* Reports the total cell c: blank → missing_message, else a mismatch. */
static void report_total(engine_run *run, const doc_cell *c, double expected,
                         int decimals) {
  char exp[64], act[64];
  format_value(exp, sizeof exp, expected, decimals);
  format_value(act, sizeof act, c->value, c->decimals);
  engine_var vars[] = {{"expected", exp}, {"actual", act}};
  engine_hit(run);
  if (!c->has_number) {
    const char *m = run->r->u.table.missing_message;
    engine_emit_as(run, run->r->severity,
                   m ? m : "表格合计栏为空（应为{expected}）", c->s.off,
                   c->s.off + c->s.len, vars, 2, NULL);
    return;
  }
  engine_emit(run, c->num.off, c->num.off + c->num.len, vars, 2, NULL);
}

/* One line (a row when keys name columns, else a column) of a SUM, EQ or
 * LE assertion; idx[] are the row or column indices of parts, then the
 * total. */
static void check_line(engine_run *run, const tview *v, const table_assert *a,
                       const int *idx, int line) {
  double sum = 0;
  int any = 0, decimals = 0, n = a->nparts + (a->total >= 0);
  const doc_cell *c[64];
  for (int k = 0; k < n && k < 64; k++) {
    c[k] = a->along_cols ? cell_at(v, line, idx[k]) : cell_at(v, idx[k], line);
    if (!c[k])
      return;
  }
  for (int k = 0; k < a->nparts; k++) {
    any |= c[k]->has_number;
    sum += c[k]->has_number ? c[k]->value : 0;
    decimals = c[k]->decimals > decimals ? c[k]->decimals : decimals;
  }
  if (!any)
    return;
  if (a->check == TABLE_SUM) {
    const doc_cell *t = c[a->nparts];
    if (!t->has_number || fabs(t->value - sum) > 1e-9 * (1 + fabs(sum)))
      report_total(run, t, sum, decimals);
    return;
  }
  if (!c[0]->has_number || !c[1]->has_number)
    return;
  double x = c[0]->value, y = c[1]->value;
  int bad = a->check == TABLE_EQ ? fabs(x - y) > 1e-9 * (1 + fabs(y)) : x > y;
  if (bad)
    report_total(run, c[1], x, c[0]->decimals);
}

static void check_keyed(engine_run *run, const tview *v, const table_assert *a) {
  const rule_table *rt = &run->r->u.table;
  int idx[64], n = a->nparts + (a->total >= 0);
  for (int k = 0; k < n && k < 64; k++) {
    int key = k < a->nparts ? a->parts[k] : a->total;
    idx[k] = a->along_cols ? find_col(run, v, &rt->cols[key])
                           : find_row(run, v, &rt->rows[key]);
    if (idx[k] < 0)
      return; /* a named row or column is not in this table */
  }
  int lines = 0;
  for (int i = 0; i < v->t->nrow; i++) {
    int nc = v->d->rows[v->t->first_row + i].ncell;
    lines = a->along_cols ? v->t->nrow : (nc > lines ? nc : lines);
  }
  for (int line = 0; line < lines; line++)
    check_line(run, v, a, idx, line);
}

static void check_every_cell(engine_run *run, const tview *v,
                             const table_assert *a) {
  const doc_row *first = &v->d->rows[v->t->first_row];
  const doc_row *last = first + v->t->nrow - 1;
  for (int i = first->first_cell; i < last->first_cell + last->ncell; i++) {
    const doc_cell *c = &v->d->cells[i];
    if (!c->has_number)
      continue;
    int bad = a->check == TABLE_NONNEGATIVE ? c->value < 0 : c->decimals > 0;
    if (!bad)
      continue;
    char act[64];
    format_value(act, sizeof act, c->value, c->decimals);
    engine_var vars[] = {{"expected", a->check == TABLE_NONNEGATIVE
                                          ? ">= 0"
                                          : "an integer"},
                         {"actual", act}};
    engine_hit(run);
    engine_emit(run, c->num.off, c->num.off + c->num.len, vars, 2, NULL);
  }
}

void rule_table_run(engine_run *run) {
  const rule_table *rt = &run->r->u.table;
  for (int i = 0; i < run->d->ntable && !run->failed; i++) {
    tview v = {run->d, &run->d->tables[i]};
    if (!is_selected(run, &v))
      continue;
    for (int k = 0; k < rt->nasserts && !run->failed; k++) {
      const table_assert *a = &rt->asserts[k];
      if (a->check == TABLE_NONNEGATIVE || a->check == TABLE_INTEGER)
        check_every_cell(run, &v, a);
      else
        check_keyed(run, &v, a);
    }
  }
}
