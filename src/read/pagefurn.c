/* pagefurn: blanks page numbers and running headers/footers.
 *
 * Consumes an array of page texts; produces the same pages with the
 * furniture lines emptied in place (their '\n' stays). Only the first and
 * last PAGEFURN_ZONE non-blank lines of a page are looked at: a
 * page-number line there is furniture on its own; any other line there is
 * furniture when the identical line (blanks around it ignored) sits in the
 * zone of at least half of the pages and of 3 pages or more, or of every
 * page of a document of 2 (a two-page report's running header). On one page a
 * repeated line is blanked once, nearest the page edge, so a title that
 * equals the running header survives below it. */
#include "pagefurn.h"

#include "alloc.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RUNNING_MIN_PAGES 3

// A cursor over one line, for the page-number grammar.
typedef struct cursor {
  const char *p, *end;
} cursor;

static int peek_cp(const cursor *c, uint32_t *cp) {
  if (c->p >= c->end)
    return 0;
  return utf8_decode(c->p, (size_t)(c->end - c->p), cp);
}

// blank = SP / TAB / U+00A0 / U+3000
static int is_blank_cp(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000;
}

// dash = "-" / U+2010..2015 / U+2212 / U+FE58 / U+FE63 / U+FF0D
static int is_dash_cp(uint32_t cp) {
  return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 ||
         cp == 0xFE58 || cp == 0xFE63 || cp == 0xFF0D;
}

static void skip_blanks(cursor *c) {
  uint32_t cp;
  int n;
  while ((n = peek_cp(c, &cp)) > 0 && is_blank_cp(cp))
    c->p += n;
}

// Consumes up to max dashes; returns how many.
static int dashes(cursor *c, int max) {
  uint32_t cp;
  int n, count = 0;
  while (count < max && (n = peek_cp(c, &cp)) > 0 && is_dash_cp(cp)) {
    c->p += n;
    count++;
  }
  return count;
}

// number = 1*5 (ASCII digit / fullwidth digit U+FF10..FF19)
static int number(cursor *c, long *value) {
  uint32_t cp;
  int n, digits = 0;
  long v = 0;
  while (digits < 6 && (n = peek_cp(c, &cp)) > 0 &&
         ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19))) {
    v = v * 10 + (long)(cp >= 0xFF10 ? cp - 0xFF10 : cp - '0');
    c->p += n;
    digits++;
  }
  *value = v;
  return digits >= 1 && digits <= 5;
}

// Consumes the UTF-8 literal lit, blanks before it allowed.
static int literal(cursor *c, const char *lit) {
  size_t n = strlen(lit);
  skip_blanks(c);
  if ((size_t)(c->end - c->p) < n || memcmp(c->p, lit, n) != 0)
    return 0;
  c->p += n;
  return 1;
}

static int at_end(cursor *c) {
  skip_blanks(c);
  return c->p == c->end;
}

// dashed = 1*3dash blank* number blank* 1*3dash        e.g. — 3 —, -3-
static int dashed(cursor c) {
  long n;
  if (!dashes(&c, 3))
    return 0;
  skip_blanks(&c);
  if (!number(&c, &n))
    return 0;
  skip_blanks(&c);
  return dashes(&c, 3) && at_end(&c);
}

// page-of = "第" number "页"                           e.g. 第 3 页
static int page_of(cursor *c, const char *first, long *n) {
  if (!literal(c, first))
    return 0;
  skip_blanks(c);
  return number(c, n) && literal(c, "页");
}

// sep = [，/ , / 、 / "/" / ／]
static void separator(cursor *c) {
  static const char *const seps[] = {"，", ",", "、", "/", "／"};
  for (size_t i = 0; i < sizeof seps / sizeof *seps; i++)
    if (literal(c, seps[i]))
      return;
}

// chinese = "第" n "页" [sep "共" m "页"] / "共" m "页" sep "第" n "页"
//                                                      e.g. 第 3 页 共 10 页
static int chinese(cursor c) {
  long n, m;
  cursor start = c;
  if (page_of(&c, "第", &n)) {
    if (at_end(&c))
      return 1;
    separator(&c);
    return page_of(&c, "共", &m) && n <= m && at_end(&c);
  }
  c = start;
  if (!page_of(&c, "共", &m))
    return 0;
  separator(&c);
  return page_of(&c, "第", &n) && n <= m && at_end(&c);
}

// fraction = number blank* ("/" / "／") blank* number, n ≤ m   e.g. 3 / 10
// bare     = number, within PAGEFURN_NEAR of the page index    e.g. 3
static int numeric(cursor c, int page) {
  long n, m;
  if (!number(&c, &n))
    return 0;
  if (at_end(&c))
    return n >= 1 && labs(n - page) <= PAGEFURN_NEAR;
  if (!literal(&c, "/") && !literal(&c, "／"))
    return 0;
  skip_blanks(&c);
  return number(&c, &m) && n >= 1 && n <= m && at_end(&c);
}

// page-number = dashed / chinese / fraction / bare
int pagefurn_is_page_number(const char *s, size_t len, int page) {
  cursor c = {s, s + len};
  skip_blanks(&c);
  if (c.p == c.end)
    return 0;
  return dashed(c) || chinese(c) || numeric(c, page);
}

/* --- lines and zones ------------------------------------------------- */

typedef struct line {
  size_t off, len; // without the '\n'
  size_t t0, tlen; // trimmed content: offset in the page and length
  int cut;
} line;

typedef struct page_lines {
  line *v;
  size_t n, cap;
  size_t zone[4 * PAGEFURN_ZONE]; // indices into v, each once
  int edge[4 * PAGEFURN_ZONE];    // non-blank lines between it and an edge
  int nzone;
} page_lines;

static void trim(const char *s, line *ln) {
  cursor c = {s + ln->off, s + ln->off + ln->len};
  skip_blanks(&c);
  const char *e = c.end;
  while (e > c.p) {
    size_t b = utf8_back(c.p, (size_t)(e - c.p));
    uint32_t cp;
    if (utf8_decode(c.p + b, (size_t)(e - c.p) - b, &cp) < 0 ||
        !is_blank_cp(cp))
      break;
    e = c.p + b;
  }
  ln->t0 = (size_t)(c.p - s);
  ln->tlen = (size_t)(e - c.p);
}

static void split_lines(const pagefurn_page *pg, page_lines *pl) {
  size_t start = 0;
  for (size_t i = 0; i <= pg->len; i++) {
    if (i < pg->len && pg->text[i] != '\n')
      continue;
    if (i == pg->len && start == pg->len && pl->n > 0)
      break; // the text ends with '\n': no line after it
    line *ln = ARRAY_PUSH(pl->v, pl->n, pl->cap);
    ln->off = start;
    ln->len = i - start;
    trim(pg->text, ln);
    start = i + 1;
  }
}

static void add_zone(page_lines *pl, size_t idx, int edge) {
  for (int k = 0; k < pl->nzone; k++)
    if (pl->zone[k] == idx) {
      if (edge < pl->edge[k])
        pl->edge[k] = edge;
      return;
    }
  pl->zone[pl->nzone] = idx;
  pl->edge[pl->nzone++] = edge;
}

// The first and last PAGEFURN_ZONE non-blank lines.
static void find_zone(page_lines *pl) {
  int seen = 0;
  for (size_t i = 0; i < pl->n && seen < PAGEFURN_ZONE; i++)
    if (pl->v[i].tlen)
      add_zone(pl, i, seen++);
  seen = 0;
  for (size_t i = pl->n; i-- > 0 && seen < PAGEFURN_ZONE;)
    if (pl->v[i].tlen)
      add_zone(pl, i, seen++);
}

/* --- running headers and footers ------------------------------------- */

typedef struct candidate {
  const char *s;
  size_t len;
  int page, edge;
  line *ln;
} candidate;

static int candidate_cmp(const void *a, const void *b) {
  const candidate *x = a, *y = b;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->s, y->s, n);
  if (c)
    return c;
  if (x->len != y->len)
    return x->len < y->len ? -1 : 1;
  if (x->page != y->page)
    return x->page < y->page ? -1 : 1;
  if (x->edge != y->edge)
    return x->edge < y->edge ? -1 : 1;
  return x->ln->off < y->ln->off ? -1 : x->ln->off > y->ln->off;
}

static int same_text(const candidate *a, const candidate *b) {
  return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

// Cuts, on each page, the edge-most copy of cand[0..n-1] (one text,
// sorted by page then edge) if the text is on enough pages.
static int cut_if_running(candidate *cand, size_t n, int npages) {
  int pages = 0;
  for (size_t i = 0; i < n; i++)
    pages += i == 0 || cand[i].page != cand[i - 1].page;
  int enough = pages >= RUNNING_MIN_PAGES ? 2 * pages >= npages
                                          : pages >= 2 && pages == npages;
  if (!enough)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (i == 0 || cand[i].page != cand[i - 1].page)
      cand[i].ln->cut = 1;
  return pages;
}

static int cut_running(const pagefurn_page *pages, page_lines *pls,
                       int npages) {
  candidate *cand = NULL;
  size_t n = 0, cap = 0;
  for (int p = 0; p < npages; p++)
    for (int k = 0; k < pls[p].nzone; k++) {
      line *ln = &pls[p].v[pls[p].zone[k]];
      if (ln->cut)
        continue;
      *ARRAY_PUSH(cand, n, cap) =
          (candidate){pages[p].text + ln->t0, ln->tlen, p, pls[p].edge[k], ln};
    }
  if (n)
    qsort(cand, n, sizeof *cand, candidate_cmp);
  int cut = 0;
  for (size_t i = 0, j; i < n; i = j) {
    for (j = i + 1; j < n && same_text(&cand[i], &cand[j]); j++)
      ;
    cut += cut_if_running(cand + i, j - i, npages);
  }
  free(cand);
  return cut;
}

/* --- blanking --------------------------------------------------------- */

// Rewrites the page without the content of its cut lines.
static void blank_cut_lines(pagefurn_page *pg, const page_lines *pl) {
  size_t w = 0;
  for (size_t i = 0; i < pl->n; i++) {
    const line *ln = &pl->v[i];
    if (!ln->cut) {
      memmove(pg->text + w, pg->text + ln->off, ln->len);
      w += ln->len;
    }
    if (ln->off + ln->len < pg->len)
      pg->text[w++] = '\n';
  }
  pg->len = w;
  pg->text[w] = '\0';
}

/* Marks the furniture lines of every page in pls (allocated by the
 * caller, npages of them, zeroed): page numbers at either end, then
 * running headers and footers. Returns how many lines it marked. */
static int mark_furniture(const pagefurn_page *pages, int npages,
                          page_lines *pls) {
  int cut = 0;
  for (int p = 0; p < npages; p++) {
    split_lines(&pages[p], &pls[p]);
    find_zone(&pls[p]);
    for (int k = 0; k < pls[p].nzone; k++) {
      line *ln = &pls[p].v[pls[p].zone[k]];
      if (pagefurn_is_page_number(pages[p].text + ln->t0, ln->tlen, p + 1)) {
        ln->cut = 1;
        cut++;
      }
    }
  }
  return cut + cut_running(pages, pls, npages);
}

int pagefurn_strip(pagefurn_page *pages, int npages) {
  if (npages <= 0)
    return 0;
  page_lines *pls = xcalloc((size_t)npages, sizeof *pls);
  int cut = mark_furniture(pages, npages, pls);
  for (int p = 0; p < npages; p++) {
    blank_cut_lines(&pages[p], &pls[p]);
    free(pls[p].v);
  }
  free(pls);
  return cut;
}

/* --- pages of a saved text ------------------------------------------- */

int pagefurn_blank_text_pages(char *text, size_t len) {
  if (!memchr(text, '\f', len))
    return 0;
  int npages = 1;
  for (size_t i = 0; i < len; i++)
    npages += text[i] == '\f';
  pagefurn_page *pages = xmalloc((size_t)npages * sizeof *pages);
  int n = 0;
  for (size_t a = 0; n < npages; n++) {
    const char *ff = memchr(text + a, '\f', len - a);
    size_t b = ff ? (size_t)(ff - text) : len;
    pages[n] = (pagefurn_page){text + a, b - a};
    a = b + 1;
  }
  while (npages > 1 && utf8_blank(pages[npages - 1].text, pages[npages - 1].len))
    npages--; /* pdftotext ends the last page with a form feed too */
  page_lines *pls = xcalloc((size_t)npages, sizeof *pls);
  int cut = mark_furniture(pages, npages, pls);
  for (int p = 0; p < npages; p++) { /* blanks, so positions stay */
    for (size_t i = 0; i < pls[p].n; i++)
      if (pls[p].v[i].cut)
        memset(pages[p].text + pls[p].v[i].off, ' ', pls[p].v[i].len);
    free(pls[p].v);
  }
  free(pls);
  free(pages);
  return cut;
}
