/* posmap: normalised offset → source offset → (line, column).
 *
 * Consumes the runs the normaliser appends and the decoded source text;
 * produces source offsets and 1-based line/column pairs for diagnostics.
 * Both lookups are binary searches (runs are sorted by norm offset, line
 * starts by byte offset), so mapping every finding of a report stays
 * O(f log n). Rendering the line and caret is left to diag and main. */
#include "posmap.h"

#include "alloc.h"
#include "utf8.h"

#include <stdlib.h>

void posmap_init(posmap *pm) {
  pm->runs = NULL;
  pm->n = pm->cap = 0;
}

void posmap_release(posmap *pm) {
  free(pm->runs);
  posmap_init(pm);
}

static int is_one_to_one(const posmap_run *r) {
  return r->norm_len == r->src_len;
}

void posmap_add(posmap *pm, size_t norm, size_t norm_len, size_t src,
                size_t src_len) {
  if (pm->n > 0) {
    posmap_run *last = &pm->runs[pm->n - 1];
    if (norm_len == src_len && is_one_to_one(last) &&
        last->norm + last->norm_len == norm &&
        last->src + last->src_len == src) {
      last->norm_len += norm_len;
      last->src_len += src_len;
      return;
    }
  }
  posmap_run *r = ARRAY_PUSH(pm->runs, pm->n, pm->cap);
  r->norm = norm;
  r->norm_len = norm_len;
  r->src = src;
  r->src_len = src_len;
}

/* Index of the last run starting at or before off; 0 if none does. */
static size_t find_run(const posmap *pm, size_t off) {
  size_t lo = 0, hi = pm->n;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (pm->runs[mid].norm <= off)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

size_t posmap_to_src(const posmap *pm, size_t off) {
  if (pm->n == 0)
    return 0;
  const posmap_run *r = &pm->runs[find_run(pm, off)];
  if (off < r->norm)
    return r->src;
  if (off >= r->norm + r->norm_len)
    return r->src + r->src_len;
  if (is_one_to_one(r))
    return r->src + (off - r->norm);
  return r->src;
}

size_t posmap_from_src(const posmap *pm, size_t src) {
  size_t lo = 0, hi = pm->n;
  while (lo < hi) { /* the first run that ends after src */
    size_t mid = lo + (hi - lo) / 2;
    const posmap_run *r = &pm->runs[mid];
    if (r->src + r->src_len <= src)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == pm->n)
    return pm->n ? pm->runs[pm->n - 1].norm + pm->runs[pm->n - 1].norm_len : 0;
  const posmap_run *r = &pm->runs[lo];
  if (src <= r->src)
    return r->norm;
  return is_one_to_one(r) ? r->norm + (src - r->src) : r->norm;
}

void linemap_init(linemap *lm, const char *src, size_t len) {
  size_t cap = 0;
  lm->src = src;
  lm->len = len;
  lm->starts = NULL;
  lm->n = 0;
  *ARRAY_PUSH(lm->starts, lm->n, cap) = 0;
  for (size_t i = 0; i < len; i++)
    if (src[i] == '\n')
      *ARRAY_PUSH(lm->starts, lm->n, cap) = i + 1;
}

size_t linemap_offset(const linemap *lm, int line, int col) {
  if (lm->n == 0 || line < 1)
    return 0;
  if ((size_t)line > lm->n)
    return lm->len;
  size_t off = lm->starts[line - 1];
  for (; col > 1 && off < lm->len && lm->src[off] != '\n'; col--)
    off += utf8_step(lm->src + off, lm->len - off);
  return off;
}

void linemap_release(linemap *lm) {
  free(lm->starts);
  lm->starts = NULL;
  lm->n = 0;
}

/* Index of the line containing off (off is clamped to the text). */
static size_t find_line(const linemap *lm, size_t off) {
  size_t lo = 0, hi = lm->n;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (lm->starts[mid] <= off)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

void linemap_lookup(const linemap *lm, size_t off, int *line, int *col) {
  linemap_cursor c = {0};
  linemap_lookup_from(lm, &c, off, line, col);
}

void linemap_lookup_from(const linemap *lm, linemap_cursor *c, size_t off,
                         int *line, int *col) {
  if (off > lm->len)
    off = lm->len;
  size_t l = find_line(lm, off);
  size_t i = lm->starts[l];
  int n = 0;
  if (c->col > 0 && c->line == l && c->off <= off) {
    i = c->off;
    n = c->col - 1;
  }
  // Count the code points that start before off; an offset inside a
  // multi-byte character gets that character's column.
  while (i < off) {
    size_t step = utf8_step(lm->src + i, lm->len - i);
    if (i + step > off)
      break;
    i += step;
    n++;
  }
  *line = (int)l + 1;
  *col = n + 1;
  *c = (linemap_cursor){i, l, n + 1};
}

void linemap_line(const linemap *lm, size_t off, const char **p, size_t *len) {
  if (off > lm->len)
    off = lm->len;
  size_t l = find_line(lm, off);
  size_t start = lm->starts[l];
  size_t end = l + 1 < lm->n ? lm->starts[l + 1] - 1 : lm->len;
  *p = lm->src + start;
  *len = end - start;
}
