/* tables: find tables in the source lines and place their cells in the
 * normalised text.
 *
 * A row is one source line, trimmed, in one of three forms (checked in
 * this order); consecutive rows of one form make a table (Markdown rows
 * whose cell counts differ by at most one). A table has two rows or more,
 * or is one aligned row with a figure; aligned text needs a figure to be a
 * table at all, and is rebuilt column by column (grid_aligned). Blank
 * lines do not break a table (pdftotext -layout leaves them between rows);
 * any other line does. Cell numbers are read from the normalised text,
 * where full-width digits are folded already. */
#include "tables.h"

#include "alloc.h"
#include "table_view.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_CELLS = 64 };

typedef enum { ROW_NONE, ROW_PIPE, ROW_PIPE_SEP, ROW_TAB, ROW_ALIGNED } row_kind;

typedef struct src_row {
  row_kind kind;
  int ncell;
  size_t a[MAX_CELLS], b[MAX_CELLS]; /* source cell ranges, untrimmed */
  size_t start;                      /* trimmed line start */
  int gap;                           /* aligned: the widest gap, columns */
} src_row;

/* Where an aligned row's cell sits on its line, in display columns (a wide
 * character counts 2): [x0, x1). */
typedef struct cell_x {
  int x0, x1;
} cell_x;

typedef struct builder {
  doc *d;
  const posmap *map;
  const char *src;
  doc_table *t;
  doc_row *r;
  doc_cell *c;
  size_t tcap, rcap, ccap;
  int nt, nr, nc;
  /* for the open table: each row's line start, each cell's columns */
  size_t *line;
  size_t lcap;
  cell_x *x;
  size_t xcap;
  int nx;
} builder;

/* Width of the blank at s (0 if none): ' ' '\t' NBSP and a form feed (a
 * page break pdftotext wrote) count 1, U+3000 2; tabs only when tabs is
 * set. */
static int blank_width_of(const char *s, size_t len, size_t *step, int tabs) {
  uint32_t cp;
  int n = utf8_decode(s, len, &cp);
  *step = n > 0 ? (size_t)n : 1;
  if (cp == ' ' || cp == 0x00A0 || cp == '\f' || (tabs && cp == '\t'))
    return 1;
  return cp == 0x3000 ? 2 : 0;
}

static int blank_width(const char *s, size_t len, size_t *step) {
  return blank_width_of(s, len, step, 1);
}

/* Trims blanks (tabs too when tabs is set) from both ends of [*a, *b). */
static void trim_of(const char *s, size_t *a, size_t *b, int tabs) {
  size_t step;
  while (*a < *b && blank_width_of(s + *a, *b - *a, &step, tabs))
    *a += step;
  while (*b > *a) {
    size_t at = utf8_back(s, *b);
    if (at < *a || !blank_width_of(s + at, *b - at, &step, tabs))
      break;
    *b = at;
  }
}

static void trim(const char *s, size_t *a, size_t *b) { trim_of(s, a, b, 1); }

/* Display width of the character at s (its length in *step): a wide one
 * counts 2, others 1. Aligned rows hold no tabs (those are tab rows). */
static int char_width(const char *s, size_t len, size_t *step) {
  uint32_t cp;
  int n = utf8_decode(s, len, &cp);
  *step = n > 0 ? (size_t)n : 1;
  return utf8_is_wide(cp) ? 2 : 1;
}

/* Display width of [a, b). */
static int columns(const char *s, size_t a, size_t b) {
  int w = 0;
  for (size_t step; a < b; a += step)
    w += char_width(s + a, b - a, &step);
  return w;
}

static int add_cell(src_row *row, size_t a, size_t b) {
  if (row->ncell == MAX_CELLS)
    return -1;
  row->a[row->ncell] = a;
  row->b[row->ncell++] = b;
  return 0;
}

// pipe-sep = "|" ( [ :-]* "|" )+ with at least one "-"
static int is_pipe_separator(const char *s, size_t a, size_t b) {
  int dashes = 0;
  for (size_t i = a; i < b; i++) {
    if (s[i] == '-')
      dashes++;
    else if (!strchr("|: \t", s[i]))
      return 0;
  }
  return dashes > 0;
}

// pipe-row = "|" cell ( "|" cell )* "|"?       e.g. | 自然人 | 12 |
static row_kind pipe_row(const char *s, size_t a, size_t b, src_row *row) {
  if (is_pipe_separator(s, a, b))
    return ROW_PIPE_SEP;
  size_t cell = a + 1;
  for (size_t i = a + 1; i < b; i++) {
    if (s[i] == '\\' && i + 1 < b) {
      i++;
    } else if (s[i] == '|') {
      if (add_cell(row, cell, i) < 0)
        return ROW_NONE;
      cell = i + 1;
    }
  }
  if (cell < b && add_cell(row, cell, b) < 0)
    return ROW_NONE;
  return row->ncell >= 2 ? ROW_PIPE : ROW_NONE;
}

// tab-row = cell ( "\t" cell )+     (DOCX and HTML rows; empty cells kept)
static row_kind tab_row(const char *s, size_t a, size_t b, src_row *row) {
  size_t cell = a;
  for (size_t i = a; i < b; i++) {
    if (s[i] == '\t') {
      if (add_cell(row, cell, i) < 0)
        return ROW_NONE;
      cell = i + 1;
    }
  }
  if (add_cell(row, cell, b) < 0)
    return ROW_NONE;
  return row->ncell >= 2 ? ROW_TAB : ROW_NONE;
}

/* The number of a cell's text [a, b) of s, 0 if none. */
static int is_number(const char *s, size_t a, size_t b) {
  double v;
  span n;
  int dec;
  return tables_number(s + a, b - a, &v, &n, &dec);
}

// aligned-row = cell ( gap cell ){2,} | label gap{4,} cell
// gap = blanks 2+ columns wide
static row_kind aligned_row(const char *s, size_t a, size_t b, src_row *row) {
  size_t cell = a, step;
  row->gap = 0;
  for (size_t i = a; i < b;) {
    int w = blank_width(s + i, b - i, &step);
    if (!w) {
      i += step;
      continue;
    }
    size_t j = i;
    int width = 0;
    while (j < b && (w = blank_width(s + j, b - j, &step)) > 0) {
      width += w;
      j += step;
    }
    if (width >= 2) {
      if (add_cell(row, cell, i) < 0)
        return ROW_NONE;
      cell = j;
      row->gap = width > row->gap ? width : row->gap;
    }
    i = j;
  }
  if (add_cell(row, cell, b) < 0)
    return ROW_NONE;
  if (row->ncell == 2) /* a label and its figure, or two headers */
    return row->gap >= 4 && !is_number(s, row->a[0], row->b[0]) ? ROW_ALIGNED
                                                                 : ROW_NONE;
  return row->ncell >= 3 ? ROW_ALIGNED : ROW_NONE;
}

/* Classifies the source line [a, b); ROW_NONE for prose, blank lines
 * too (the caller tells them apart). A tab row keeps its empty cells at
 * either end (only spaces are trimmed there). */
static row_kind classify(const char *s, size_t a, size_t b, src_row *row) {
  size_t ta = a, tb = b;
  trim(s, &ta, &tb);
  row->ncell = 0;
  row->start = ta;
  row->kind = ROW_NONE;
  if (ta == tb)
    return ROW_NONE;
  if (s[ta] == '|') {
    row->kind = pipe_row(s, ta, tb, row);
  } else if (memchr(s + a, '\t', b - a)) {
    trim_of(s, &a, &b, 0);
    row->kind = tab_row(s, a, b, row);
  } else {
    row->kind = aligned_row(s, ta, tb, row);
  }
  return row->kind;
}

static int is_dash(const char *s, size_t len) {
  static const char *const dashes[] = {"-", "—", "——", "－", "/", "／", "–"};
  for (size_t i = 0; i < sizeof dashes / sizeof *dashes; i++)
    if (len == strlen(dashes[i]) && memcmp(s, dashes[i], len) == 0)
      return 1;
  return 0;
}

// number = "-"? digit+ ( "," digit{3} )* ( "." digit+ )?
int tables_number(const char *s, size_t len, double *value, span *num,
                  int *decimals) {
  size_t a = 0, b = len;
  trim(s, &a, &b);
  if (a == b || is_dash(s + a, b - a))
    return 0;
  size_t i = a + (s[a] == '-' ? 1 : 0), digits = 0;
  double v = 0, scale = 1;
  int dec = -1;
  for (; i < b; i++) {
    if (s[i] >= '0' && s[i] <= '9') {
      v = v * 10 + (s[i] - '0');
      digits++;
      if (dec >= 0) {
        dec++;
        scale *= 10;
      }
    } else if (s[i] == '.' && dec < 0 && digits > 0) {
      dec = 0;
    } else if (s[i] == ',' && dec < 0 && digits > 0 && i + 3 < b &&
               strspn(s + i + 1, "0123456789") >= 3) {
      continue;
    } else {
      return 0;
    }
  }
  if (digits == 0 || dec == 0)
    return 0;
  *value = (s[a] == '-' ? -v : v) / scale;
  *num = (span){a, b - a};
  *decimals = dec < 0 ? 0 : dec;
  return 1;
}

static void put_cell(builder *bd, size_t src_a, size_t src_b) {
  trim(bd->src, &src_a, &src_b);
  size_t off = posmap_from_src(bd->map, src_a);
  size_t end = src_b > src_a ? posmap_from_src(bd->map, src_b) : off;
  if (end < off)
    end = off;
  doc_cell *c = ARRAY_PUSH(bd->c, bd->nc, bd->ccap);
  memset(c, 0, sizeof *c);
  c->s = (span){off, end - off};
  span n;
  if (tables_number(bd->d->text + off, end - off, &c->value, &n,
                    &c->decimals)) {
    c->has_number = 1;
    c->num = (span){off + n.off, n.len};
  } else {
    c->num = (span){off, 0};
  }
}

/* line: where the row's source line starts. */
static void put_row(builder *bd, const src_row *row, int para, size_t line) {
  doc_row *r = ARRAY_PUSH(bd->r, bd->nr, bd->rcap);
  r->first_cell = bd->nc;
  r->ncell = row->ncell;
  r->para = para;
  int nl = bd->nr - 1;
  *ARRAY_PUSH(bd->line, nl, bd->lcap) = line;
  size_t at = line; /* columns counted along the line once */
  int w = 0;
  for (int k = 0; k < row->ncell; k++) {
    cell_x *x = ARRAY_PUSH(bd->x, bd->nx, bd->xcap);
    *x = (cell_x){0, 0};
    if (row->kind == ROW_ALIGNED) { /* only aligned rows are gridded */
      size_t a = row->a[k], b = row->b[k];
      trim(bd->src, &a, &b);
      x->x0 = w += columns(bd->src, at, a);
      x->x1 = w += columns(bd->src, a, b);
      at = b;
    }
    put_cell(bd, row->a[k], row->b[k]);
  }
}

/* ---- aligned tables: cells into columns -------------------------------
 *
 * Text aligned by spaces has no empty cells: a blank just widens a gap.
 * The columns are where the numbers end (numbers are right-aligned, or
 * centred within a column or two), so the right edges of every number and
 * dash of the table, clustered, give the data columns; each row is rebuilt
 * as its label cells, then one cell per data column, blank where the row
 * has nothing there. A header cell (in a row without numbers) goes to the
 * column its right edge is at or just past. */

typedef struct anchor {
  int lo, hi; /* right edges of the column's numbers */
} anchor;

enum { EDGE_SLACK = 2 };

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

static int is_numeric(const builder *bd, const doc_cell *c) {
  return c->has_number || (c->s.len && is_dash(bd->d->text + c->s.off, c->s.len));
}

/* Clusters the numbers' right edges in cells [from, to); returns the count. */
static int find_anchors(const builder *bd, int from, int to, anchor *out,
                        int cap) {
  int *edges = xmalloc((size_t)(to - from + 1) * sizeof *edges), n = 0;
  for (int i = from; i < to; i++)
    if (is_numeric(bd, &bd->c[i]))
      edges[n++] = bd->x[i].x1;
  qsort(edges, (size_t)n, sizeof *edges, cmp_int);
  int k = 0;
  for (int i = 0; i < n; i++) {
    if (k > 0 && edges[i] - out[k - 1].hi <= EDGE_SLACK)
      out[k - 1].hi = edges[i];
    else if (k < cap)
      out[k++] = (anchor){edges[i], edges[i]};
  }
  free(edges);
  return k;
}

/* The column whose numbers end near x1 (a number's or a text's right
 * edge), or -1. */
static int column_at(const anchor *an, int k, int x1) {
  for (int i = 0; i < k; i++)
    if (x1 >= an[i].lo - EDGE_SLACK && x1 <= an[i].hi + EDGE_SLACK)
      return i;
  return -1;
}

/* A header cell's column: the nearest right edge within [x0, x1 + slack]. */
static int header_column(const anchor *an, int k, const cell_x *x) {
  int best = -1, dist = 1 << 30;
  for (int i = 0; i < k; i++) {
    int e = an[i].hi;
    if (e < x->x0 || e > x->x1 + EDGE_SLACK)
      continue;
    int d = abs(e - x->x1);
    if (d < dist)
      dist = d, best = i;
  }
  return best;
}

/* Source offset of display column col on the line at line (the line's
 * end if it is shorter). */
static size_t offset_at_column(const char *s, size_t len, size_t line,
                               int col) {
  int w = 0;
  size_t i = line, step;
  for (; i < len && s[i] != '\n' && w < col; i += step)
    w += char_width(s + i, len - i, &step);
  return i;
}

/* Rebuilds the rows [first, bd->nr) column by column. Returns 0, or 1 if
 * the figures do not line up (more columns than any row has figures, as
 * pdftotext -layout leaves a table whose labels wrap): the table is kept
 * but marked ragged. */
static int grid_aligned(builder *bd, int first, size_t src_len) {
  int from = bd->r[first].first_cell, to = bd->nc;
  anchor an[MAX_CELLS];
  int k = find_anchors(bd, from, to, an, MAX_CELLS);
  long rows = bd->nr - first;
  int most = 0; /* the most figures in one row */
  for (int ri = first; ri < bd->nr; ri++) {
    int n = 0;
    for (int j = 0; j < bd->r[ri].ncell; j++)
      n += is_numeric(bd, &bd->c[bd->r[ri].first_cell + j]);
    most = n > most ? n : most;
  }
  if (k == 0)
    return 0;
  if (k > most || rows * k > 8L * (to - from) + 4096)
    return 1; /* no columns a person reads: no grid */
  doc_cell *out = xmalloc(((size_t)(to - from) + (size_t)rows * k) *
                          sizeof *out);
  int n = 0;
  for (int ri = first; ri < bd->nr; ri++) {
    doc_row *r = &bd->r[ri];
    int slot[MAX_CELLS], any_number = 0, start = n, last = -1, nlabel = 0;
    for (int j = 0; j < k; j++)
      slot[j] = -1;
    int first_num = r->ncell; /* labels come before a row's first figure */
    for (int j = r->ncell - 1; j >= 0; j--) {
      const doc_cell *c = &bd->c[r->first_cell + j];
      first_num = is_numeric(bd, c) ? j : first_num;
      any_number |= c->has_number;
    }
    /* Columns left to right: a cell goes to a column right of the last
     * one taken; cells before the first column taken are labels; a cell
     * that fits no column after that (text beside the figures) is left
     * out of the grid. Cells stay in text order. */
    for (int j = 0; j < r->ncell; j++) {
      int ci = r->first_cell + j;
      const doc_cell *c = &bd->c[ci];
      int col = any_number && j < first_num ? -1
                                            : column_at(an, k, bd->x[ci].x1);
      if (col < 0 && !any_number && c->s.len)
        col = header_column(an, k, &bd->x[ci]);
      if (col > last) {
        slot[col] = ci;
        last = col;
      } else if (last < 0) {
        out[n++] = *c; /* a label */
        nlabel++;
      }
    }
    size_t prev_end = nlabel ? out[n - 1].s.off + out[n - 1].s.len
                             : bd->d->paras[r->para].off;
    for (int j = 0; j < k; j++) {
      if (slot[j] >= 0) {
        out[n] = bd->c[slot[j]];
        prev_end = out[n].s.off + out[n].s.len;
        n++;
        continue;
      }
      size_t at = offset_at_column(bd->src, src_len, bd->line[ri], an[j].hi);
      size_t off = posmap_from_src(bd->map, at), next = (size_t)-1;
      for (int m = j + 1; m < k && next == (size_t)-1; m++)
        if (slot[m] >= 0)
          next = bd->c[slot[m]].s.off;
      off = off < prev_end ? prev_end : off > next ? next : off;
      out[n++] = (doc_cell){.s = {off, 0}, .num = {off, 0}};
      prev_end = off;
    }
    r->first_cell = from + start;
    r->ncell = n - start;
  }
  bd->nc = from;
  for (int i = 0; i < n; i++)
    *ARRAY_PUSH(bd->c, bd->nc, bd->ccap) = out[i];
  free(out);
  return 0;
}

static int has_number(const builder *bd, const doc_row *r) {
  for (int j = 0; j < r->ncell; j++)
    if (bd->c[r->first_cell + j].has_number)
      return 1;
  return 0;
}

static int any_number(const builder *bd, int first) {
  for (int i = first; i < bd->nr; i++)
    if (has_number(bd, &bd->r[i]))
      return 1;
  return 0;
}

/* Closes the table of rows [first, bd->nr) (at least one). Aligned text
 * is a table when it has a figure, even in one row (a label and its
 * figure, as 行政许可  86 under its own header line); other rows need a
 * second row. */
static void end_table(builder *bd, int first, row_kind kind, size_t src_len) {
  if (first < 0)
    return;
  int keep = kind == ROW_ALIGNED ? any_number(bd, first) : bd->nr - first >= 2;
  if (!keep) {
    bd->nc = bd->r[first].first_cell;
    bd->nr = first;
    bd->nx = bd->nc;
    return;
  }
  int ragged = kind == ROW_ALIGNED && grid_aligned(bd, first, src_len);
  bd->nx = bd->nc; /* x is for the open table only; the next starts here */
  doc_table *t = ARRAY_PUSH(bd->t, bd->nt, bd->tcap);
  t->first_row = first;
  t->nrow = bd->nr - first;
  t->para = bd->r[first].para;
  t->caption_para = -1;
  t->ragged = ragged;
  t->caption = (span){bd->d->paras[t->para].off, 0};
  if (t->para > 0) {
    const doc_para *p = &bd->d->paras[t->para - 1];
    t->caption_para = t->para - 1;
    t->caption = (span){p->off, p->len};
  }
}

static void *to_arena(doc *d, const void *v, size_t n, size_t sz) {
  void *a = arena_alloc(&d->arena, n * sz + 1);
  if (n)
    memcpy(a, v, n * sz);
  return a;
}

/* Tab and aligned rows of any width continue a table (spans and blank
 * cells change the count); Markdown rows differ by one at most. */
static int fits(row_kind prev_kind, int prev_n, const src_row *row) {
  if (prev_kind != row->kind)
    return 0;
  return row->kind != ROW_PIPE || abs(prev_n - row->ncell) <= 1;
}

void tables_find(doc *d, const char *src, size_t len, const posmap *map) {
  builder bd = {.d = d, .map = map, .src = src};
  src_row *row = xmalloc(sizeof *row);
  int first = -1, prev_n = 0;
  row_kind prev_kind = ROW_NONE;
  for (size_t start = 0; start < len && d->npara > 0;) {
    const char *nl = memchr(src + start, '\n', len - start);
    size_t eol = nl ? (size_t)(nl - src) : len, line = start;
    row_kind k = classify(src, start, eol, row);
    start = eol + 1;
    if (row->start == eol || k == ROW_PIPE_SEP)
      continue; /* blank line or |---|: neither a row nor a break */
    int para = k == ROW_NONE
                   ? -1
                   : doc_para_at(d, posmap_from_src(map, row->start));
    if (para < 0 || first < 0 || !fits(prev_kind, prev_n, row)) {
      end_table(&bd, first, prev_kind, len);
      first = para < 0 ? -1 : bd.nr;
    }
    if (para < 0)
      continue;
    put_row(&bd, row, para, line);
    prev_kind = k;
    prev_n = row->ncell;
  }
  end_table(&bd, first, prev_kind, len);
  free(row);
  for (int i = 0; i < bd.nt; i++)
    for (int j = 0; j < bd.t[i].nrow; j++)
      d->paras[bd.r[bd.t[i].first_row + j].para].table = i;
  d->ntable = bd.nt;
  d->nrow = bd.nr;
  d->ncell = bd.nc;
  d->tables = to_arena(d, bd.t, (size_t)bd.nt, sizeof *bd.t);
  d->rows = to_arena(d, bd.r, (size_t)bd.nr, sizeof *bd.r);
  d->cells = to_arena(d, bd.c, (size_t)bd.nc, sizeof *bd.c);
  for (int i = 0; i < d->ntable; i++)
    table_view_layout(d, i);
  free(bd.t);
  free(bd.r);
  free(bd.c);
  free(bd.line);
  free(bd.x);
}
