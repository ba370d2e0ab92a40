/* table_view: data columns, header rows and label paths of a table. */
#include "table_view.h"

#include "alloc.h"
#include "marker.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_LEVELS = 8 };

static const doc_cell *cell_of(const table_view *v, int row, int j) {
  const doc_row *r = &v->d->rows[v->t->first_row + row];
  return j >= 0 && j < r->ncell ? &v->d->cells[r->first_cell + j] : NULL;
}

static int ncell(const table_view *v, int row) {
  return v->d->rows[v->t->first_row + row].ncell;
}

/* 1 for 一、, 2 for （一）, 3 for 1. 1、 （1）, 0 for an unnumbered label. */
static int label_level(const char *s, size_t len) {
  marker m;
  if (!marker_read(s, len, 0, &m))
    return 0;
  switch (m.mark) {
  case MARK_CN_DUN:
  case MARK_CN_DOT:
  case MARK_PART:
    return 1;
  case MARK_CN_PAREN:
  case MARK_CN_HPAREN:
  case MARK_CN_PAREN_DUN:
    return 2;
  case MARK_AR_DOT:
  case MARK_AR_DUN:
  case MARK_AR_PAREN:
    return 3;
  case MARK_NONE:
    break;
  }
  return 0;
}

typedef struct level_stack {
  int level[MAX_LEVELS];
  span label[MAX_LEVELS], rest[MAX_LEVELS]; /* rest: its wrapped end */
  int n;
} level_stack;

/* Pushes a label: an unnumbered first label starts a new hierarchy, an
 * unnumbered later one sits under the row's previous label. */
static void push_label(level_stack *st, span s, int level, int first) {
  if (level == 0)
    level = first || st->n == 0 ? 1 : st->level[st->n - 1] + 1;
  while (st->n > 0 && st->level[st->n - 1] >= level)
    st->n--;
  if (st->n == MAX_LEVELS)
    st->n--;
  st->level[st->n] = level;
  st->rest[st->n] = (span){s.off, 0};
  st->label[st->n++] = s;
}

/* PCRE2's JIT may read a few bytes past a subject's end, within its
 * allocation: paths are matched by regexes, so the slack is zeroed (the
 * arena's blocks are). */
enum { PATH_SLACK = 32, PATH_MAX_LEN = 4096 };

static char *join_path(doc *d, const level_stack *st) {
  size_t n = 0;
  for (int i = 0; i < st->n; i++)
    n += st->label[i].len + st->rest[i].len + 1;
  if (n > PATH_MAX_LEN)
    n = PATH_MAX_LEN; /* a longer path is cut there */
  char *p = arena_alloc(&d->arena, n + PATH_SLACK);
  size_t used = 0;
  for (int i = 0; i < st->n && used < n; i++) {
    if (i)
      p[used++] = '/';
    for (int part = 0; part < 2; part++) {
      span w = part ? st->rest[i] : st->label[i];
      size_t k = w.len < n - used ? w.len : n - used;
      memcpy(p + used, d->text + w.off, k);
      used += k;
    }
  }
  return p;
}

static int first_number(const table_view *v, int row) {
  for (int j = 0; j < ncell(v, row); j++)
    if (cell_of(v, row, j)->has_number)
      return j;
  return -1;
}

/* A row without figures whose last label is numbered, and whose first
 * label is too when it has more than one: a label wrapped onto the next
 * row, where a table was rebuilt from positioned text (5.要求行政机关确认
 * 或重新出 over 具已获取信息 and its figures). Returns that label, or an
 * empty span. The next row's first label, if unnumbered, is its end. */
static span wrapped_start(const table_view *v, int row) {
  span last = {0, 0};
  for (int j = 0; j < ncell(v, row); j++) {
    const doc_cell *c = cell_of(v, row, j);
    if (c->s.len)
      last = c->s;
  }
  if (!last.len || !label_level(v->d->text + last.off, last.len))
    return (span){0, 0};
  return last;
}

void table_view_layout(doc *d, int table) {
  doc_table *t = &d->tables[table];
  table_view v = {.d = d, .t = t};
  int n = t->nrow;
  const char **path = arena_alloc(&d->arena, ((size_t)n + 1) * sizeof *path);
  unsigned char *data = arena_alloc(&d->arena, (size_t)n + 1);
  unsigned char *leaf = arena_alloc(&d->arena, (size_t)n + 1);
  t->width = 0;
  for (int i = 0; i < n; i++) {
    int f = first_number(&v, i);
    data[i] = f >= 0;
    if (f >= 0 && ncell(&v, i) - f > t->width)
      t->width = ncell(&v, i) - f;
  }
  level_stack st = {.n = 0};
  for (int i = 0; i < n; i++) {
    if (!data[i]) {
      path[i] = arena_alloc(&d->arena, PATH_SLACK);
      continue;
    }
    span cut = i > 0 && !data[i - 1] ? wrapped_start(&v, i - 1) : (span){0, 0};
    int first = 1;
    for (int j = 0; j < ncell(&v, i) - t->width; j++) {
      const doc_cell *c = cell_of(&v, i, j);
      if (c->s.len == 0)
        continue;
      int level = label_level(d->text + c->s.off, c->s.len);
      if (first && cut.len && level == 0) { /* the rest of cut */
        push_label(&st, cut, label_level(d->text + cut.off, cut.len), 1);
        st.rest[st.n - 1] = c->s;
      } else {
        push_label(&st, c->s, level, first);
      }
      first = 0;
    }
    if (first) /* no label: not under the previous row's */
      st.n = 0;
    path[i] = join_path(d, &st);
  }
  int next = -1; /* the next data row after i */
  for (int i = n - 1; i >= 0; i--) {
    if (!data[i])
      continue;
    size_t len = strlen(path[i]);
    leaf[i] = !(next >= 0 && len > 0 && strncmp(path[next], path[i], len) == 0 &&
                path[next][len] == '/');
    next = i;
  }
  t->path = path;
  t->data = data;
  t->leaf = leaf;
}

void table_view_init(table_view *v, const doc *d, int table) {
  const doc_table *t = &d->tables[table];
  *v = (table_view){d, t, t->width, t->path, t->data, t->leaf};
}

const doc_cell *table_view_cell(const table_view *v, int row, int col) {
  if (row < 0 || row >= v->t->nrow || col < 0 || col >= v->width)
    return NULL;
  return cell_of(v, row, ncell(v, row) - v->width + col);
}

span table_view_header(const table_view *v, int row, int col) {
  int i = row < 0 || row > v->t->nrow ? v->t->nrow : row;
  while (i > 0 && v->data[i - 1]) /* up to the nearest header rows */
    i--;
  for (; i > 0 && !v->data[i - 1]; i--) {
    const doc_cell *c = cell_of(v, i - 1, ncell(v, i - 1) - v->width + col);
    if (c && c->s.len && !c->has_number)
      return c->s;
  }
  return (span){0, 0};
}

const char *table_view_label(const table_view *v, int row) {
  const char *p = v->path[row], *slash = strrchr(p, '/');
  return slash ? slash + 1 : p;
}
