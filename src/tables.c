/* tables: find tables in the source lines and place their cells in the
 * normalised text.
 *
 * A row is one source line, trimmed, in one of three forms (checked in
 * this order); consecutive rows of one form whose cell counts differ by
 * at most one make a table of two rows or more. Blank lines do not break
 * a table (pdftotext -layout leaves them between rows); any other line
 * does. Cell numbers are read from the normalised text, where full-width
 * digits are folded already. */
#include "tables.h"

#include "alloc.h"
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
} src_row;

typedef struct builder {
  doc *d;
  const posmap *map;
  doc_table *t;
  doc_row *r;
  doc_cell *c;
  size_t tcap, rcap, ccap;
  int nt, nr, nc;
} builder;

/* Width of the blank at s (0 if none): ' ' '\t' NBSP count 1, U+3000 2. */
static int blank_width(const char *s, size_t len, size_t *step) {
  uint32_t cp;
  int n = utf8_decode(s, len, &cp);
  *step = n > 0 ? (size_t)n : 1;
  if (cp == ' ' || cp == '\t' || cp == 0x00A0)
    return 1;
  return cp == 0x3000 ? 2 : 0;
}

static void trim(const char *s, size_t *a, size_t *b) {
  size_t step;
  while (*a < *b && blank_width(s + *a, *b - *a, &step))
    *a += step;
  while (*b > *a) {
    size_t at = utf8_back(s, *b);
    if (at < *a || !blank_width(s + at, *b - at, &step))
      break;
    *b = at;
  }
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

// tab-row = cell ( "\t" cell )+                 (DOCX and HTML rows)
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

// aligned-row = cell ( gap cell ){2,}  gap = blanks 2+ columns wide
static row_kind aligned_row(const char *s, size_t a, size_t b, src_row *row) {
  size_t cell = a, step;
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
    }
    i = j;
  }
  if (add_cell(row, cell, b) < 0)
    return ROW_NONE;
  return row->ncell >= 3 ? ROW_ALIGNED : ROW_NONE;
}

/* Classifies the source line [a, b); ROW_NONE for prose, blank lines
 * too (the caller tells them apart). */
static row_kind classify(const char *s, size_t a, size_t b, src_row *row) {
  trim(s, &a, &b);
  row->ncell = 0;
  row->start = a;
  row->kind = ROW_NONE;
  if (a == b)
    return ROW_NONE;
  if (s[a] == '|')
    row->kind = pipe_row(s, a, b, row);
  else if (memchr(s + a, '\t', b - a))
    row->kind = tab_row(s, a, b, row);
  else
    row->kind = aligned_row(s, a, b, row);
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

static void put_cell(builder *bd, size_t src_a, size_t src_b,
                     const char *src) {
  trim(src, &src_a, &src_b);
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

static void put_row(builder *bd, const src_row *row, const char *src,
                    int para) {
  doc_row *r = ARRAY_PUSH(bd->r, bd->nr, bd->rcap);
  r->first_cell = bd->nc;
  r->ncell = row->ncell;
  r->para = para;
  for (int k = 0; k < row->ncell; k++)
    put_cell(bd, row->a[k], row->b[k], src);
}

/* Closes the table of rows [first, bd->nr) (drops it under two rows). */
static void end_table(builder *bd, int first) {
  if (first < 0)
    return;
  if (bd->nr - first < 2) {
    if (bd->nr > first)
      bd->nc = bd->r[first].first_cell;
    bd->nr = first;
    return;
  }
  doc_table *t = ARRAY_PUSH(bd->t, bd->nt, bd->tcap);
  t->first_row = first;
  t->nrow = bd->nr - first;
  t->para = bd->r[first].para;
  t->caption_para = -1;
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

static int fits(row_kind prev_kind, int prev_n, const src_row *row) {
  return prev_kind == row->kind && abs(prev_n - row->ncell) <= 1;
}

void tables_find(doc *d, const char *src, size_t len, const posmap *map) {
  builder bd = {.d = d, .map = map};
  src_row *row = xmalloc(sizeof *row);
  int first = -1, prev_n = 0;
  row_kind prev_kind = ROW_NONE;
  for (size_t start = 0; start < len && d->npara > 0;) {
    const char *nl = memchr(src + start, '\n', len - start);
    size_t eol = nl ? (size_t)(nl - src) : len;
    row_kind k = classify(src, start, eol, row);
    start = eol + 1;
    if (row->start == eol || k == ROW_PIPE_SEP)
      continue; /* blank line or |---|: neither a row nor a break */
    int para = k == ROW_NONE
                   ? -1
                   : doc_para_at(d, posmap_from_src(map, row->start));
    if (para < 0 || first < 0 || !fits(prev_kind, prev_n, row)) {
      end_table(&bd, first);
      first = para < 0 ? -1 : bd.nr;
    }
    if (para < 0)
      continue;
    put_row(&bd, row, src, para);
    prev_kind = k;
    prev_n = row->ncell;
  }
  end_table(&bd, first);
  free(row);
  d->ntable = bd.nt;
  d->nrow = bd.nr;
  d->ncell = bd.nc;
  d->tables = to_arena(d, bd.t, (size_t)bd.nt, sizeof *bd.t);
  d->rows = to_arena(d, bd.r, (size_t)bd.nr, sizeof *bd.r);
  d->cells = to_arena(d, bd.c, (size_t)bd.nc, sizeof *bd.c);
  free(bd.t);
  free(bd.r);
  free(bd.c);
}
