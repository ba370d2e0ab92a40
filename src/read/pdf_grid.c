/* pdf_grid: tables rebuilt from the glyph boxes of a PDF page.
 *
 * Consumes the glyphs of one page (code point and box, in the order of
 * poppler's plain text, '\n' ending each of its lines) and produces the
 * page text with every table region rewritten as tab-separated rows.
 * The stages, each a pass over sorted arrays (no scan over the page per
 * glyph):
 *   words    the plain text's lines cut where two glyphs are further
 *            apart than most of a character (spaces are no gap), where
 *            the text goes back left or jumps up or down;
 *   lines    all words of the page by position, whatever poppler's order
 *            (WPS draws each figure column as a block of its own): words
 *            whose vertical centres agree, left to right;
 *   regions  runs of lines around the data lines (a label and figures, or
 *            figures), with the header lines above them, broken by a line
 *            in a larger font, a heading or a wide vertical gap;
 *   columns  figure columns from the overlap of the figures' boxes; label
 *            columns from runs of the body labels' left edges, a run that
 *            every label of the column on its left reaches over being a
 *            label centred or indented in that column (a vertical label,
 *            a hanging indent), not a column; a label glued to the next
 *            column's is cut where that column starts;
 *   blocks   in each label column, the words of one cell: a label wrapped
 *            over lines, or drawn one character per line; a data row owns
 *            its rightmost label, and every other block (a rowspan, set at
 *            the middle or the top of its rows) takes the run of rows
 *            around its centre that have no label there, written in the
 *            first; on a page continuing a table, a label cut by the page
 *            break is joined to the previous page's;
 *   headers  header words joined down one column while they are one
 *            cell's lines (right under each other, centred or starting
 *            alike, not a row of their own), a word over several columns
 *            written in the first, a word over the labels placed by its
 *            centre;
 *   text     each region's rows where its glyphs start in the plain text;
 *            regions whose glyphs the plain text runs together (Chromium
 *            runs one table's header cells into the table and the heading
 *            before it) are written together, top to bottom, each after
 *            the plain lines above it.
 * Text outside the regions is the plain text, unchanged. */
#include "pdf_grid.h"

#include "alloc.h"
#include "marker.h"
#include "strbuf.h"
#include "utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
  MAX_GLYPHS = 200000, /* a page with more is left as plain text */
  MAX_LCOL = 8,        /* label columns of a region */
  MAX_DCOL = 64,       /* figure columns of a region */
  MAX_REGIONS = 64,
  MAX_CELL = 4096 /* bytes of one cell's text */
};
#define MAX_COORD 1e6

typedef enum { LINE_PROSE, LINE_DATA } line_kind;

typedef struct word {
  size_t a, b; /* glyphs [a, b) of the page */
  double x1, y1, x2, y2, em;
  int sure; /* em measured on wide characters, not guessed from heights */
  int num;  /* a figure or a dash */
  int mark; /* starts with a numbering marker (一、（一）1.) */
  int nth;  /* and its number */
  int big;  /* a level-1 marker (一、 第一部分) */
  int line;
} word;

typedef struct vline {
  int first, n; /* words by[first .. first+n) */
  double y1, y2, em;
  int sure; /* em from words whose size is sure */
  line_kind kind;
  int nnum;
  size_t glyphs; /* non-space glyphs */
} vline;

typedef struct block {
  int col, txt, own; /* own: the data row its text shares a line with */
  int nown;          /* how many data rows it shares a line with */
  double y1, y2;
  int first, last; /* rows spanned, -1 if none */
  int mark, nth;   /* its first word's numbering marker and number */
  int upright;     /* every word of it one or two characters: a label set
                      one character a line, down a cell of many rows */
  int cut; /* the rest of a label the previous page's table ends under */
} block;

typedef struct hitem {
  int col, span, txt, above; /* above: data rows above it */
  int line;                  /* the line of its last piece */
  double y1, y2, x1, x2;
} hitem;

typedef struct region {
  int l0, l1;    /* lines [l0, l1) */
  size_t g0, g1; /* glyphs [g0, g1] hold all of its words */
  int L, D;
  double lx[MAX_LCOL], lx2[MAX_LCOL]; /* label columns' left edges, */
  double fit[MAX_LCOL];               /* and where their shortest ends */
  double lab_end; /* a header word centred left of it is over the labels */
  double c1[MAX_DCOL], c2[MAX_DCOL];
  int nrow;
  int *cell;          /* nrow * (L + D) text ids, -1 for empty */
  int tail[MAX_LCOL]; /* the block spanning the last data row, per column */
  int top, bottom;    /* nothing but short lines above / below it */
  double ytop;        /* the top of its first line */
} region;

/* A glyph's region when it is in none, or when it is left out of the
 * text: the next page's table took it (header rows that ended this page),
 * or this page was lent it and no table took it. */
enum { NO_REGION = -1, LEFT_OUT = -2 };

struct pdf_grid {
  uint32_t *cp;
  float *yc;           /* per glyph: the middle of its box */
  signed char *region; /* per glyph: the region it is in, NO_REGION or
                          LEFT_OUT */
  size_t n;
  size_t nown;     /* glyphs of the page; the rest [nown + 1, n) are the
                      previous page's tail, lent after a '\n' */
  pdf_glyph *tail; /* header-like lines ending the page (boxes, '\n'
                      after each line), which the next page's table
                      may take; NULL if none */
  size_t *tail_at; /* their glyph indices here (NO_GLYPH for a '\n') */
  size_t ntail;
  int carried; /* glyphs the next page's table took */
  region rg[MAX_REGIONS];
  int nrg;
  strbuf *txt;
  size_t *first; /* per text: the glyph it starts with, NO_GLYPH if none */
  int ntxt;
  size_t tcap, fcap;
};

/* Working state of one analysis. */
typedef struct page {
  pdf_grid *pg;
  const pdf_glyph *g;
  size_t n;
  double w, h;
  word *w_;
  int nw;
  size_t wcap;
  int *by; /* word indices, line by line, left to right */
  vline *ln;
  int nl;
  size_t lcap;
} page;

/* ---- small helpers ----------------------------------------------------- */

static int is_space(uint32_t cp) { return utf8_is_blank(cp); }

static int is_dash(uint32_t cp) {
  return cp == '-' || cp == 0x2014 || cp == 0xFF0D || cp == '/' ||
         cp == 0xFF0F || cp == 0x2013 || cp == 0x2012;
}

static int glyph_ok(const pdf_glyph *g) {
  const double v[4] = {g->x1, g->y1, g->x2, g->y2};
  for (int i = 0; i < 4; i++)
    if (!isfinite(v[i]) || fabs(v[i]) > MAX_COORD)
      return 0;
  return 1;
}

/* A box with its corners in order: poppler gives some glyphs of rotated
 * or vertical text (WPS draws a label one character per line that way)
 * with x2 < x1. */
static pdf_glyph ordered(const pdf_glyph *g) {
  return (pdf_glyph){g->cp, fmin(g->x1, g->x2), fmin(g->y1, g->y2),
                     fmax(g->x1, g->x2), fmax(g->y1, g->y2)};
}

#define NO_GLYPH ((size_t)-1)

static int new_text(pdf_grid *pg) {
  int nf = pg->ntxt;
  *ARRAY_PUSH(pg->first, nf, pg->fcap) = NO_GLYPH;
  strbuf *sb = ARRAY_PUSH(pg->txt, pg->ntxt, pg->tcap);
  strbuf_init(sb, MAX_CELL);
  return pg->ntxt - 1;
}

static void put_cp(strbuf *sb, uint32_t cp) {
  char b[4];
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    cp = 0xFFFD;
  if (strbuf_put(sb, b, (size_t)utf8_encode(cp, b)) < 0)
    return; /* a cell over MAX_CELL is cut */
}

/* Appends word w's text to text id t, without the spaces next to a wide
 * character (第二十条 第（一）项 reads 第二十条第（一）项) and without
 * tabs or newlines. */
static void put_word(page *p, int t, const word *w) {
  strbuf *sb = &p->pg->txt[t];
  if (p->pg->first[t] == NO_GLYPH)
    p->pg->first[t] = w->a;
  for (size_t i = w->a; i < w->b; i++) {
    uint32_t c = p->g[i].cp;
    if (c == '\n' || c == '\t' || c < 0x20)
      continue;
    if (is_space(c) && ((i > w->a && utf8_is_wide(p->g[i - 1].cp)) ||
                        (i + 1 < w->b && utf8_is_wide(p->g[i + 1].cp)) ||
                        i == w->a || i + 1 == w->b))
      continue;
    put_cp(sb, c);
  }
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* ---- words ------------------------------------------------------------- */

/* The size of a character on the plain-text line [a, b): the mean width
 * of its wide glyphs (*sure set), or most of its tallest glyph (a line of
 * figures, whose boxes are often much taller than the font). */
static double line_em(const pdf_glyph *g, size_t a, size_t b, int *sure) {
  double sum = 0, tall = 0;
  int n = 0;
  for (size_t i = a; i < b; i++) {
    if (utf8_is_wide(g[i].cp) && !is_space(g[i].cp) && g[i].x2 - g[i].x1 > 0) {
      sum += g[i].x2 - g[i].x1;
      n++;
    }
    if (g[i].y2 - g[i].y1 > tall)
      tall = g[i].y2 - g[i].y1;
  }
  *sure = n > 0;
  if (n)
    return sum / n;
  return tall > 0 ? tall * 0.6 : 1;
}

static int word_is_number(const page *p, const word *w) {
  int digits = 0, dashes = 0, other = 0;
  for (size_t i = w->a; i < w->b; i++) {
    uint32_t c = p->g[i].cp;
    if (c >= '0' && c <= '9')
      digits++;
    else if (c == '.' || c == ',' || (c == '-' && i == w->a && w->b - i > 1))
      ;
    else if (is_dash(c))
      dashes++;
    else if (!is_space(c))
      other++;
  }
  return !other && ((digits && !dashes) || (!digits && dashes && dashes <= 2));
}

static void word_marks(const page *p, word *w) {
  strbuf sb;
  strbuf_init(&sb, 64);
  for (size_t i = w->a; i < w->b && sb.len < 32; i++)
    if (!is_space(p->g[i].cp))
      put_cp(&sb, p->g[i].cp);
  marker m = {MARK_NONE, 0, 0, 0};
  w->mark = sb.len && marker_read(sb.p, sb.len, 0, &m) && m.mark != MARK_NONE;
  w->big = w->mark && (m.mark == MARK_CN_DUN || m.mark == MARK_CN_DOT ||
                       m.mark == MARK_PART);
  w->nth = w->mark ? m.number : 0;
  strbuf_release(&sb);
}

/* Makes *w the word of glyphs [a, b) without the spaces at its ends, its
 * box, and what it is; returns 0 if it has none but spaces. em, sure and
 * line are the caller's. */
static int fill_word(const page *p, size_t a, size_t b, word *w) {
  while (a < b && is_space(p->g[a].cp))
    a++;
  while (b > a && is_space(p->g[b - 1].cp))
    b--;
  if (a == b)
    return 0;
  w->a = a;
  w->b = b;
  w->x1 = w->y1 = INFINITY;
  w->x2 = w->y2 = -INFINITY;
  for (size_t i = a; i < b; i++) {
    if (is_space(p->g[i].cp))
      continue;
    w->x1 = fmin(w->x1, p->g[i].x1);
    w->y1 = fmin(w->y1, p->g[i].y1);
    w->x2 = fmax(w->x2, p->g[i].x2);
    w->y2 = fmax(w->y2, p->g[i].y2);
  }
  w->num = word_is_number(p, w);
  word_marks(p, w);
  return 1;
}

static void end_word(page *p, size_t a, size_t b, double em, int sure) {
  word w = {.em = em, .sure = sure, .line = -1};
  if (fill_word(p, a, b, &w))
    *ARRAY_PUSH(p->w_, p->nw, p->wcap) = w;
}

/* Cuts each plain-text line into words at gaps wider than 0.8 of its
 * character size, or where the text goes back to the left. */
static void make_words(page *p) {
  size_t a = 0;
  for (size_t i = 0; i <= p->n; i++) {
    if (i < p->n && p->g[i].cp != '\n')
      continue;
    int sure;
    double em = line_em(p->g, a, i, &sure), gap = 0.6 * em;
    size_t start = a;
    long prev = -1;
    for (size_t k = a; k < i; k++) {
      if (is_space(p->g[k].cp)) { /* a wide space is a cell's edge */
        if (p->g[k].x2 - p->g[k].x1 > 0.6 * em && prev >= 0) {
          end_word(p, start, k, em, sure);
          start = k;
          prev = -1;
        }
        continue;
      }
      if (prev >= 0) {
        double d = p->g[k].x1 - p->g[prev].x2;
        double dy =
            fabs((p->g[k].y1 + p->g[k].y2) - (p->g[prev].y1 + p->g[prev].y2)) /
            2;
        if (d > gap || p->g[k].x1 < p->g[prev].x1 - gap || dy > 0.6 * em) {
          end_word(p, start, k, em, sure);
          start = k;
        }
      }
      prev = (long)k;
    }
    end_word(p, start, i, em, sure);
    a = i + 1;
  }
}

/* ---- lines ------------------------------------------------------------- */

static double yc(const word *w) { return (w->y1 + w->y2) / 2; }

typedef struct keyed {
  double k1, k2;
  int i;
} keyed;

static int cmp_keyed(const void *a, const void *b) {
  const keyed *x = a, *y = b;
  if (x->k1 != y->k1)
    return (x->k1 > y->k1) - (x->k1 < y->k1);
  if (x->k2 != y->k2)
    return (x->k2 > y->k2) - (x->k2 < y->k2);
  return (x->i > y->i) - (x->i < y->i);
}

/* Groups words whose vertical centres are within 0.45 of a character of
 * the line's first word into lines; each line's words left to right. */
static void make_lines(page *p) {
  keyed *k = xmalloc(((size_t)p->nw + 1) * sizeof *k);
  for (int i = 0; i < p->nw; i++)
    k[i] = (keyed){yc(&p->w_[i]), p->w_[i].x1, i};
  qsort(k, (size_t)p->nw, sizeof *k, cmp_keyed);
  p->by = xmalloc(((size_t)p->nw + 1) * sizeof *p->by);
  for (int i = 0; i < p->nw;) {
    double c0 = k[i].k1, em = p->w_[k[i].i].em;
    int j = i + 1;
    while (j < p->nw && k[j].k1 - c0 <= 0.45 * fmax(em, p->w_[k[j].i].em))
      j++;
    for (int m = i; m < j; m++)
      k[m] = (keyed){p->w_[k[m].i].x1, 0, k[m].i};
    qsort(k + i, (size_t)(j - i), sizeof *k, cmp_keyed);
    vline *l = ARRAY_PUSH(p->ln, p->nl, p->lcap);
    *l = (vline){.first = i, .n = j - i, .y1 = INFINITY, .y2 = -INFINITY};
    double ems = 0, sure_ems = 0;
    int nsure = 0;
    for (int m = i; m < j; m++) {
      word *w = &p->w_[k[m].i];
      p->by[m] = k[m].i;
      w->line = p->nl - 1;
      l->y1 = fmin(l->y1, w->y1);
      l->y2 = fmax(l->y2, w->y2);
      ems += w->em;
      if (w->sure) {
        sure_ems += w->em;
        nsure++;
      }
      l->nnum += w->num;
      for (size_t g = w->a; g < w->b; g++)
        l->glyphs += !is_space(p->g[g].cp);
    }
    l->sure = nsure > 0;
    l->em = nsure ? sure_ems / nsure : ems / (j - i);
    l->kind = l->nnum >= 1 && l->n >= 2 ? LINE_DATA : LINE_PROSE;
    i = j;
  }
  free(k);
}

static word *line_word(const page *p, const vline *l, int k) {
  return &p->w_[p->by[l->first + k]];
}

/* ---- regions ----------------------------------------------------------- */

/* Whether lines [a, b) hold nothing but short lines (page numbers). */
static int only_short(const page *p, int a, int b) {
  for (int i = a; i < b; i++)
    if (p->ln[i].glyphs > 6)
      return 0;
  return 1;
}

/* The character size of a table: the mean over its data lines, those
 * whose size is sure (measured on wide characters) taking precedence. */
typedef struct tsize {
  double em;
  int sure, n;
} tsize;

static void add_size(tsize *t, const vline *l) {
  if (t->n && t->sure && !l->sure)
    return;
  if (l->sure && !t->sure)
    t->n = 0;
  t->em = (t->em * t->n + l->em) / (t->n + 1);
  t->sure = l->sure;
  t->n++;
}

/* Whether line l and a line next to it overlap by more than a tenth of
 * a character: drawn between the rows of a table, not on a line of its
 * own (a label centred in the cell of several rows). */
static int between_rows(const page *p, const vline *l) {
  long i = l - p->ln;
  double eps = 0.1 * l->em;
  return (i > 0 && p->ln[i - 1].y2 > l->y1 + eps) ||
         (i + 1 < p->nl && p->ln[i + 1].y1 < l->y2 - eps);
}

/* Whether line l is set larger than a table of character size t (both
 * sizes measured on wide characters). */
static int larger_font(const vline *l, const tsize *t) {
  return t->sure && l->sure && l->em > 1.25 * t->em;
}

/* Whether line l, a single word, runs across most of the page. */
static int across_page(const page *p, const vline *l) {
  const word *w = line_word(p, l, 0);
  return w->x2 - w->x1 > 0.6 * p->w;
}

/* A line that cannot be inside a table of character size t: a larger
 * font (both sizes sure), a heading (一、… alone on its line, not drawn
 * between the rows: 三、本年度办理结果 centred in its rows is a label),
 * or a line across most of the page. */
static int breaks_table(const page *p, const vline *l, const tsize *t) {
  if (larger_font(l, t))
    return 1;
  if (l->kind == LINE_DATA || l->n != 1)
    return 0;
  const word *w = line_word(p, l, 0);
  if (w->big && w->b - w->a > 3 && !between_rows(p, l))
    return 1;
  return across_page(p, l);
}

static double gap_between(const vline *a, const vline *b) {
  return b->y1 - a->y2;
}

/* Whether line j, alone on its line like a heading (三、本年度办理结果),
 * is the label of a group of rows set across: a data line follows it as
 * closely as the table's rows follow each other, in the same size.
 * pdftotext -layout writes a label drawn upright in its cell that way. */
static int group_label(const page *p, int j, const tsize *t) {
  const vline *l = &p->ln[j];
  if (l->kind == LINE_DATA || l->n != 1 || j + 1 >= p->nl)
    return 0;
  const vline *next = &p->ln[j + 1];
  return next->kind == LINE_DATA && gap_between(l, next) <= 3.5 * t->em &&
         !larger_font(l, t) && !across_page(p, l);
}

/* Whether line l ends a sentence (。): prose, not a label. */
static int has_sentence(const page *p, const vline *l) {
  for (int j = 0; j < l->n; j++) {
    const word *w = line_word(p, l, j);
    for (size_t g = w->a; g < w->b; g++)
      if (p->g[g].cp == 0x3002 /* 。 */)
        return 1;
  }
  return 0;
}

/* The lines [*l0, *l1) of the region around data line i; returns the
 * number of its data lines. */
static int grow_region(const page *p, int i, int floor, int *l0, int *l1) {
  tsize t = {0, 0, 0};
  add_size(&t, &p->ln[i]);
  int last = i, ndata = 1;
  for (int j = i + 1; j < p->nl; j++) {
    const vline *l = &p->ln[j];
    if (gap_between(&p->ln[j - 1], l) > 3.5 * t.em ||
        (breaks_table(p, l, &t) && !group_label(p, j, &t)))
      break;
    if (l->kind == LINE_DATA) {
      add_size(&t, l);
      ndata++;
      last = j;
    }
  }
  double ts = t.em;
  int end = last + 1; /* a label's last line just below the last row */
  while (end < p->nl && p->ln[end].nnum == 0 &&
         gap_between(&p->ln[end - 1], &p->ln[end]) <= 0.6 * ts &&
         !breaks_table(p, &p->ln[end], &t) && !has_sentence(p, &p->ln[end]))
    end++;
  int tail = end; /* a table running to the foot of the page */
  while (tail < p->nl && p->ln[tail].nnum == 0 &&
         !breaks_table(p, &p->ln[tail], &t) && !has_sentence(p, &p->ln[tail]) &&
         gap_between(&p->ln[tail - 1], &p->ln[tail]) <= 3.5 * ts &&
         p->ln[tail].glyphs > 6)
    tail++;
  if (only_short(p, tail, p->nl))
    end = tail;
  int start = i;
  while (start - 1 > floor && p->ln[start - 1].kind != LINE_DATA &&
         !breaks_table(p, &p->ln[start - 1], &t) &&
         gap_between(&p->ln[start - 1], &p->ln[start]) <= 4.5 * ts)
    start--;
  *l0 = start;
  *l1 = end;
  return ndata;
}

/* ---- grid of one region ------------------------------------------------ */

typedef struct grid_work {
  page *p;
  region *r;
  double ts, pitch;
  int *row_line;     /* data row → line */
  double *top, *bot; /* data row extents: its line and its own labels */
  int nrow;
  block *bk;
  int nb;
  size_t bcap;
  hitem *hi;
  int nh;
  size_t hcap;
  const region *seed;  /* the previous page's region this one continues */
  pdf_grid *seed_grid; /* and its page */
} grid_work;

/* Figure columns: the boxes of the figures, merged where they overlap,
 * with the columns of the table continued here if with_seed is set. */
static int find_columns(grid_work *gw, int with_seed) {
  region *r = gw->r;
  page *p = gw->p;
  keyed *k = NULL;
  int n = 0;
  size_t cap = 0;
  if (gw->seed && with_seed)
    for (int c = 0; c < gw->seed->D; c++)
      *ARRAY_PUSH(k, n, cap) = (keyed){gw->seed->c1[c], gw->seed->c2[c], 0};
  for (int li = r->l0; li < r->l1; li++) {
    const vline *l = &p->ln[li];
    if (l->kind != LINE_DATA)
      continue;
    for (int j = 0; j < l->n; j++) {
      const word *w = line_word(p, l, j);
      if (w->num)
        *ARRAY_PUSH(k, n, cap) = (keyed){w->x1, w->x2, 0};
    }
  }
  if (n > 1)
    qsort(k, (size_t)n, sizeof *k, cmp_keyed);
  r->D = 0;
  for (int i = 0; i < n; i++) {
    if (r->D && k[i].k1 <= r->c2[r->D - 1] + 0.2 * gw->ts) {
      r->c2[r->D - 1] = fmax(r->c2[r->D - 1], k[i].k2);
      continue;
    }
    if (r->D == MAX_DCOL) {
      free(k);
      return -1;
    }
    r->c1[r->D] = k[i].k1;
    r->c2[r->D++] = k[i].k2;
  }
  free(k);
  return r->D > 0 ? 0 : -1;
}

/* The figure column of a word in the figure area: the one its centre is
 * in, else the nearest. */
static int data_column(const region *r, const word *w) {
  double x = (w->x1 + w->x2) / 2, best = INFINITY;
  int col = 0;
  for (int c = 0; c < r->D; c++) {
    double d = x < r->c1[c] ? r->c1[c] - x : x > r->c2[c] ? x - r->c2[c] : 0;
    if (d < best)
      best = d, col = c;
  }
  return col;
}

/* Which figure columns each data line fills (bit c for column c), and
 * the most figures one line has. */
static int column_use(const grid_work *gw, uint64_t *use) {
  const region *r = gw->r;
  const page *p = gw->p;
  int most = 0;
  for (int li = r->l0, k = 0; li < r->l1; li++) {
    const vline *l = &p->ln[li];
    if (l->kind != LINE_DATA)
      continue;
    uint64_t u = 0;
    int n = 0;
    for (int j = 0; j < l->n; j++) {
      const word *w = line_word(p, l, j);
      if (w->num) {
        u |= (uint64_t)1 << data_column(r, w);
        n++;
      }
    }
    use[k++] = u;
    most = n > most ? n : most;
  }
  return most;
}

/* Figure columns a row never fills both of, side by side, where there
 * are more columns than figures in any row: one column whose figures
 * stand apart (text that pdftotext -layout set, which places a figure by
 * the column it counts on its own line, shifts one row's figure by a
 * character or more against another's). The nearest pair is joined
 * first, and only pairs less than three characters apart. */
static void join_apart_columns(grid_work *gw) {
  region *r = gw->r;
  int ndata = 0;
  for (int li = r->l0; li < r->l1; li++)
    ndata += gw->p->ln[li].kind == LINE_DATA;
  uint64_t *use = xmalloc(((size_t)ndata + 1) * sizeof *use);
  int most = column_use(gw, use);
  while (r->D > most && r->D > 1) {
    int best = -1;
    double gap = 3 * gw->ts;
    for (int c = 0; c + 1 < r->D; c++) {
      uint64_t both = ((uint64_t)1 << c) | ((uint64_t)1 << (c + 1));
      int apart = 1;
      for (int k = 0; k < ndata && apart; k++)
        apart = (use[k] & both) != both;
      if (apart && r->c1[c + 1] - r->c2[c] < gap)
        gap = r->c1[c + 1] - r->c2[c], best = c;
    }
    if (best < 0)
      break;
    r->c2[best] = fmax(r->c2[best], r->c2[best + 1]);
    memmove(&r->c1[best + 1], &r->c1[best + 2],
            (size_t)(r->D - best - 2) * sizeof *r->c1);
    memmove(&r->c2[best + 1], &r->c2[best + 2],
            (size_t)(r->D - best - 2) * sizeof *r->c2);
    r->D--;
    column_use(gw, use);
  }
  free(use);
}

/* The figure columns a header word lies over by more than half a
 * character: the first in *col, how many in the return value. Column c's
 * cell reaches halfway to its neighbours. */
static int header_columns(const region *r, const word *w, double ts, int *col) {
  int n = 0;
  *col = -1;
  for (int c = 0; c < r->D; c++) {
    double lo = c == 0 ? -INFINITY : (r->c2[c - 1] + r->c1[c]) / 2;
    double hi = c == r->D - 1 ? INFINITY : (r->c2[c] + r->c1[c + 1]) / 2;
    if (fmin(hi, w->x2) - fmax(lo, w->x1) > 0.5 * ts) {
      if (*col < 0)
        *col = c;
      n++;
    }
  }
  if (*col < 0)
    *col = data_column(r, w);
  return n ? n : 1;
}

/* A word of a data row or below the first one in the label area: not a
 * figure, and left of the first figure column. */
static int in_label_area(const region *r, const word *w, double ts) {
  return !w->num && w->x2 <= r->c1[0] + 0.5 * ts;
}

/* A header word over the labels: its centre left of the middle between
 * the labels' right edge and the first figure column (a header over a
 * figure column is often wider than the figures, so it may start left of
 * them). */
static int header_over_labels(const region *r, const word *w) {
  return r->L > 0 && !w->num && (w->x1 + w->x2) / 2 < r->lab_end;
}

typedef struct lrun {
  double lo, hi, fit; /* left edges, the smallest right edge */
} lrun;

/* Adds run u as a new label column, or to the last one when none of
 * that column's labels ends before u starts: they all reach over u, so u
 * is a label centred or indented in their cell (a vertical label, a
 * centred label, the hanging indent of a wrapped one), not a column. */
static int add_label_run(region *r, const lrun *u, double ts) {
  if (r->L > 0 && r->fit[r->L - 1] > u->lo + 0.15 * ts) {
    r->lx2[r->L - 1] = fmax(r->lx2[r->L - 1], u->hi);
    r->fit[r->L - 1] = fmin(r->fit[r->L - 1], u->fit);
    return 0;
  }
  if (r->L == MAX_LCOL)
    return -1;
  r->lx[r->L] = u->lo;
  r->lx2[r->L] = u->hi;
  r->fit[r->L++] = u->fit;
  return 0;
}

/* The left and right edges of the label words of lines [from, r->l1)
 * and of the seed's columns; returns how many, in *out (sorted by left
 * edge), which the caller frees. */
static int label_edges(grid_work *gw, int from, keyed **out) {
  region *r = gw->r;
  page *p = gw->p;
  keyed *k = NULL;
  int n = 0;
  size_t cap = 0;
  for (int c = 0; gw->seed && c < gw->seed->L; c++) {
    *ARRAY_PUSH(k, n, cap) = (keyed){gw->seed->lx[c], gw->seed->fit[c], 0};
    *ARRAY_PUSH(k, n, cap) = (keyed){gw->seed->lx2[c], gw->seed->fit[c], 0};
  }
  r->lab_end = -INFINITY;
  for (int li = from; li < r->l1; li++)
    for (int j = 0; j < p->ln[li].n; j++) {
      const word *w = line_word(p, &p->ln[li], j);
      if (!in_label_area(r, w, gw->ts))
        continue;
      *ARRAY_PUSH(k, n, cap) = (keyed){w->x1, w->x2, 0};
      r->lab_end = fmax(r->lab_end, w->x2);
    }
  r->lab_end = (fmin(r->lab_end, r->c1[0]) + r->c1[0]) / 2;
  if (n > 1) /* k is NULL when there is none */
    qsort(k, (size_t)n, sizeof *k, cmp_keyed);
  *out = k;
  return n;
}

// label-column = run of left edges, each within 0.8 of a character of the
//                previous one, that some label of the column left of it
//                ends before
// Only the labels of the data rows and below count: a header over the
// labels is often centred in a cell wider than theirs.
static int find_label_columns(grid_work *gw, int first_data) {
  region *r = gw->r;
  keyed *k;
  int n = label_edges(gw, first_data, &k), rc = 0;
  r->L = 0;
  for (int i = 0; i < n && rc == 0;) {
    lrun u = {k[i].k1, k[i].k1, k[i].k2};
    for (i++; i < n && k[i].k1 - k[i - 1].k1 <= 0.8 * gw->ts; i++) {
      u.hi = k[i].k1;
      u.fit = fmin(u.fit, k[i].k2);
    }
    rc = add_label_run(r, &u, gw->ts);
  }
  free(k);
  return rc;
}

/* The label column of a word starting at x1: the one whose left edges
 * hold it, else the nearest. */
static int label_column(const region *r, double x1) {
  int col = 0;
  double best = INFINITY;
  for (int c = 0; c < r->L; c++) {
    double d = x1 < r->lx[c]    ? r->lx[c] - x1
               : x1 > r->lx2[c] ? x1 - r->lx2[c]
                                : 0;
    if (d < best) {
      best = d;
      col = c;
    }
  }
  return col;
}

static int ncols(const region *r) { return r->L + r->D; }

/* ---- label blocks ------------------------------------------------------ */

typedef struct lword {
  word w;
  int col, own; /* own: the data row it is the rightmost label of, or -1 */
} lword;

/* Where label word w is cut: at a glyph that starts label column c after
 * a space or a gap (LibreOffice sets a label so close to the next cell's
 * that poppler joins them: （三） 3.危及…); returns the glyph, or w->a. */
static size_t cut_at_column(const grid_work *gw, const word *w, int c) {
  const pdf_glyph *g = gw->p->g;
  double e = gw->r->lx[c], ts = gw->ts;
  if (e < w->x1 + 0.5 * ts || e > w->x2 - 0.5 * ts)
    return w->a;
  for (size_t i = w->a + 1; i < w->b; i++)
    if (!is_space(g[i].cp) && fabs(g[i].x1 - e) <= 0.3 * ts &&
        (is_space(g[i - 1].cp) || g[i].x1 - g[i - 1].x2 > 0.15 * ts))
      return i;
  return w->a;
}

/* Label word w cut into the label columns it crosses, appended to
 * out[*n] (room for MAX_LCOL more) with their columns. */
static void label_pieces(const grid_work *gw, const word *w, lword *out,
                         int *n) {
  word rest = *w;
  for (int c = 1; c < gw->r->L; c++) {
    size_t i = cut_at_column(gw, &rest, c);
    word left = rest;
    if (i == rest.a || !fill_word(gw->p, rest.a, i, &left))
      continue;
    out[(*n)++] = (lword){left, label_column(gw->r, left.x1), -1};
    if (!fill_word(gw->p, i, w->b, &rest))
      return;
  }
  out[(*n)++] = (lword){rest, label_column(gw->r, rest.x1), -1};
}

/* Starts a new block for word lw or adds it to the column's open one.
 * A word goes on a block just above it (less than 1.4 characters up) that
 * it does not start anew with a number; a row's last label is a block of
 * its own unless the block has no row yet (a label wrapped over three
 * lines has its middle line on the row). */
static void add_to_block(grid_work *gw, const lword *lw, int *open) {
  const word *w = &lw->w;
  block *b = open[lw->col] >= 0 ? &gw->bk[open[lw->col]] : NULL;
  int upright = w->b - w->a <= 2;
  /* an upright label's characters are spread over its rows' height */
  double reach = (b && b->upright && upright ? 4.0 : 1.4) * gw->ts;
  int fresh = !b || w->mark || w->y1 - b->y2 > reach;
  if (!fresh && lw->own >= 0 && b->nown && b->own != lw->own)
    fresh = 1;
  if (fresh) {
    b = ARRAY_PUSH(gw->bk, gw->nb, gw->bcap);
    *b = (block){.col = lw->col,
                 .txt = new_text(gw->p->pg),
                 .own = -1,
                 .y1 = w->y1,
                 .y2 = w->y2,
                 .first = -1,
                 .last = -1,
                 .mark = w->mark,
                 .nth = w->nth,
                 .upright = 1};
    open[lw->col] = gw->nb - 1;
  }
  if (lw->own >= 0 && lw->own != b->own) {
    b->own = lw->own;
    b->nown++;
  }
  b->y1 = fmin(b->y1, w->y1);
  b->y2 = fmax(b->y2, w->y2);
  b->upright &= upright;
  put_word(gw->p, b->txt, w);
}

static double row_top(const grid_work *gw, int row) { return gw->top[row]; }

static double row_bottom(const grid_work *gw, int row) { return gw->bot[row]; }

/* Widens each data row to the blocks of column c that are its alone (a
 * label wrapped above and below its figures). */
static void widen_rows(grid_work *gw, int c) {
  for (int i = 0; i < gw->nb; i++) {
    const block *b = &gw->bk[i];
    if (b->col == c && b->first >= 0 && b->first == b->last) {
      gw->top[b->first] = fmin(gw->top[b->first], b->y1);
      gw->bot[b->first] = fmax(gw->bot[b->first], b->y2);
    }
  }
}

enum { MAX_SHARE = 1 << 22 }; /* rows * rows * blocks of one run */

/* Gives the blocks bs[] their rows from the choices of share_run. */
static void take_shares(grid_work *gw, int s, int R, const int *bs, int nb,
                        const int *from) {
  for (int i = nb, j = R; i > 0 && j > 0;) {
    int k = from[(size_t)i * (size_t)(R + 1) + (size_t)j];
    if (k < 0) {
      j--;
      continue;
    }
    gw->bk[bs[i - 1]].first = s + k;
    gw->bk[bs[i - 1]].last = s + j - 1;
    i--;
    j = k;
  }
}

/* Splits the rows [s, e] of a run among its blocks bs[0..nb) (top to
 * bottom), each block a run of rows whose middle is as near its centre as
 * can be, plus what the rows' numbering costs (list_costs); a row may be
 * left to no block at the cost of a row's pitch, or for nothing above the
 * first block when free_top is set (dynamic programming over rows and
 * blocks). start[j] is the cost of a block starting at row s + j, and
 * inner[m + 1] - inner[j + 1] that of rows s + j + 1 .. s + m inside a
 * block spanning s + j .. s + m. */
static void share_run(grid_work *gw, int s, int e, const int *bs, int nb,
                      const double *start, const double *inner, int free_top) {
  int R = e - s + 1;
  if ((double)R * R * nb > MAX_SHARE)
    return;
  double *f = xmalloc((size_t)(nb + 1) * (size_t)(R + 1) * sizeof *f);
  int *from = xmalloc((size_t)(nb + 1) * (size_t)(R + 1) * sizeof *from);
#define F(i, j) f[(size_t)(i) * (size_t)(R + 1) + (size_t)(j)]
#define FROM(i, j) from[(size_t)(i) * (size_t)(R + 1) + (size_t)(j)]
  for (int i = 0; i <= nb; i++)
    for (int j = 0; j <= R; j++) {
      F(i, j) = INFINITY;
      FROM(i, j) = -1;
    }
  F(0, 0) = 0;
  for (int i = 0; i <= nb; i++)
    for (int j = 0; j < R; j++) {
      if (!isfinite(F(i, j)))
        continue;
      double skip = i == 0 && free_top ? 0 : gw->pitch;
      if (F(i, j) + skip < F(i, j + 1)) {
        F(i, j + 1) = F(i, j) + skip;
        FROM(i, j + 1) = -1;
      }
      if (i == nb)
        continue;
      const block *b = &gw->bk[bs[i]];
      double centre = (b->y1 + b->y2) / 2;
      for (int m = j; m < R; m++) {
        double mid = (row_top(gw, s + j) + row_bottom(gw, s + m)) / 2;
        double c = F(i, j) + start[j] + inner[m + 1] - inner[j + 1] +
                   fabs(mid - centre);
        if (c < F(i + 1, m + 1)) {
          F(i + 1, m + 1) = c;
          FROM(i + 1, m + 1) = j;
        }
      }
    }
  if (isfinite(F(nb, R))) /* else more blocks than rows: none placed */
    take_shares(gw, s, R, bs, nb, from);
#undef F
#undef FROM
  free(f);
  free(from);
}

/* The number of row k's label right of column c (its child, if column
 * c has a label spanning rows), or 0 when it has none or no number. */
static int child_nth(const grid_work *gw, int c, int k) {
  const block *child = NULL;
  for (int i = 0; i < gw->nb; i++) {
    const block *b = &gw->bk[i];
    if (b->col > c && b->first == k && !b->cut &&
        (!child || b->col < child->col))
      child = b;
  }
  return child && child->mark ? child->nth : 0;
}

/* What the numbering of their children says of the rows [s, e] for the
 * labels of column c spanning them: a spanning label starts where the
 * list of its children starts (1.), so starting at a row whose child
 * goes on a list (2., 3., …) costs two rows' pitch, and so does a row
 * whose child starts a list inside a span. Where the children are
 * numbered on across their parents, every start costs the same and
 * nothing changes. Fills start[] and the running sums inner[]. */
static void list_costs(const grid_work *gw, int c, int s, int e, double *start,
                       double *inner) {
  inner[0] = 0;
  for (int k = s; k <= e; k++) {
    int nth = child_nth(gw, c, k);
    start[k - s] = nth > 1 ? 2 * gw->pitch : 0;
    inner[k - s + 1] = inner[k - s] + (nth == 1 ? 2 * gw->pitch : 0);
  }
}

/* Gives the blocks of label column c without a row of their own the rows
 * around them that have no label in that column. */
static void assign_column(grid_work *gw, int c, int *owner, int *list) {
  int R = gw->nrow;
  for (int k = 0; k < R; k++)
    owner[k] = -1;
  for (int i = 0; i < gw->nb; i++)
    if (gw->bk[i].col == c && gw->bk[i].own >= 0 && gw->bk[i].nown == 1) {
      owner[gw->bk[i].own] = i;
      gw->bk[i].first = gw->bk[i].last = gw->bk[i].own;
    }
  for (int s = 0; s < R;) {
    if (owner[s] >= 0) {
      s++;
      continue;
    }
    int e = s;
    while (e + 1 < R && owner[e + 1] < 0)
      e++;
    /* the floating blocks nearest this run, in order */
    double top = row_top(gw, s) - gw->pitch,
           bot = row_bottom(gw, e) + gw->pitch;
    if (s > 0)
      top = fmax(top, row_bottom(gw, s - 1));
    if (e + 1 < R)
      bot = fmin(bot, row_top(gw, e + 1));
    int n = 0;
    for (int i = 0; i < gw->nb; i++) {
      const block *b = &gw->bk[i];
      double m = (b->y1 + b->y2) / 2;
      if (b->col == c && b->nown != 1 && b->first < 0 && m >= top && m <= bot)
        list[n++] = i;
    }
    /* on a page that continues a table, the rows above the first label
     * may be under the previous page's: leaving them costs nothing */
    if (n) {
      double *start = xmalloc((size_t)(e - s + 1) * sizeof *start);
      double *inner = xmalloc((size_t)(e - s + 2) * sizeof *inner);
      list_costs(gw, c, s, e, start, inner);
      share_run(gw, s, e, list, n, start, inner, gw->seed && s == 0);
      free(start);
      free(inner);
    }
    s = e + 1;
  }
}

/* ---- rows -------------------------------------------------------------- */

typedef struct out_row {
  double y;
  int kind, i; /* 0 data row i, 1 header row i, 2 block i */
} out_row;

static int *row_cells(region *r, int row) {
  return r->cell + (size_t)row * (size_t)ncols(r);
}

/* The last header item over the labels if word w, over the labels too,
 * is the next line of its text: just below it and within its width (a
 * header cell over several label columns, its lines centred, as 国办's
 * （本列数据的勾稽关系为：…） over the three label columns of table 三);
 * else NULL. */
static hitem *label_header_above(grid_work *gw, const word *w, int above) {
  for (int i = gw->nh - 1; i >= 0; i--) {
    hitem *h = &gw->hi[i];
    if (h->col >= gw->r->L)
      continue;
    if (h->above == above && !w->mark && w->y1 > h->y1 &&
        w->y1 - h->y2 <= 1.2 * gw->ts && w->x1 >= h->x1 - 0.5 * gw->ts &&
        w->x2 <= h->x2 + 0.5 * gw->ts)
      return h;
    return NULL;
  }
  return NULL;
}

/* Whether w stands right under a header piece whose bottom is at y2, as
 * the next line of one cell does: less than 1.2 characters apart, and
 * where glyph boxes are as tall as a line or taller (Chromium's are about
 * 2.6 characters for lines 1.9 apart), not apart at all. Two header rows
 * stand further apart than that. */
static int next_line_under(const grid_work *gw, double y2, const word *w) {
  double gap = w->y1 - y2, ts = gw->ts;
  return w->y1 > y2 - (w->y2 - w->y1) &&
         gap <= fmin(1.2 * ts, fmax(0, 2 * ts - (w->y2 - w->y1)));
}

/* Whether line li has a header word over data column c. */
static int line_over_column(const grid_work *gw, int li, int c) {
  const vline *l = &gw->p->ln[li];
  for (int j = 0; j < l->n; j++) {
    int first,
        n = header_columns(gw->r, line_word(gw->p, l, j), gw->ts, &first);
    if (c >= first && c < first + n)
      return 1;
  }
  return 0;
}

/* Whether w, under header item h of data column h->col, starts a header
 * row of its own: a column beside it has a heading on w's line and none
 * on h's (结果纠正 and 尚未审结 beside 其他结果 under 复议后起诉, both centred
 * over the middle one of its five columns). The wrapped lines of a cell
 * have wrapped neighbours (结果/维持 beside 结果/纠正), or none. */
static int own_row_under(const grid_work *gw, const hitem *h, const word *w) {
  int c = h->col - gw->r->L;
  if (c < 0 || w->line == h->line)
    return 0;
  for (int d = -1; d <= 1; d += 2)
    if (c + d >= 0 && c + d < gw->r->D &&
        line_over_column(gw, w->line, c + d) &&
        !line_over_column(gw, h->line, c + d))
      return 1;
  return 0;
}

/* Whether w can be the next line of header item h's cell: right under it,
 * its lines centred alike or starting alike. A heading centred over
 * several columns (第二十条第（一）项 over table 二's three) is not the first
 * line of the column heading under its middle. */
static int same_cell_lines(const grid_work *gw, const hitem *h, const word *w) {
  double ts = gw->ts;
  if (own_row_under(gw, h, w))
    return 0;
  return next_line_under(gw, h->y2, w) &&
         (fabs((h->x1 + h->x2) - (w->x1 + w->x2)) / 2 <= 1.5 * ts ||
          fabs(h->x1 - w->x1) <= 0.5 * ts);
}

static void join_header(grid_work *gw, hitem *h, const word *w) {
  h->line = w->line;
  h->y2 = fmax(h->y2, w->y2);
  h->x1 = fmin(h->x1, w->x1);
  h->x2 = fmax(h->x2, w->x2);
  put_word(gw->p, h->txt, w);
}

/* Header words into items: joined down one column while no data row
 * comes between them. */
static void add_header_piece(grid_work *gw, const word *w, int above) {
  region *r = gw->r;
  int col, nspan = 1;
  if (header_over_labels(r, w)) {
    hitem *h = label_header_above(gw, w, above);
    if (h) {
      join_header(gw, h, w);
      return;
    }
    col = label_column(r, w->x1);
  } else {
    nspan = header_columns(r, w, gw->ts, &col);
    col += r->L;
  }
  for (int i = gw->nh - 1; i >= 0; i--) {
    hitem *h = &gw->hi[i];
    if (h->col != col)
      continue;
    if (h->span == 1 && nspan == 1 && h->above == above && !w->mark &&
        w->y1 > h->y1 && same_cell_lines(gw, h, w)) {
      join_header(gw, h, w);
      return;
    }
    break;
  }
  hitem *h = ARRAY_PUSH(gw->hi, gw->nh, gw->hcap);
  *h = (hitem){.col = col,
               .span = nspan,
               .line = w->line,
               .txt = new_text(gw->p->pg),
               .above = above,
               .y1 = w->y1,
               .y2 = w->y2,
               .x1 = w->x1,
               .x2 = w->x2};
  put_word(gw->p, h->txt, w);
}

/* A header word over several columns that has spaces in it is words of
 * adjacent columns set close (总 计 结果 is 总计 and 结果): it is cut at
 * the spaces where the column changes. */
static void add_header_word(grid_work *gw, const word *w, int above) {
  const page *p = gw->p;
  int col;
  if (header_over_labels(gw->r, w) ||
      header_columns(gw->r, w, gw->ts, &col) < 2) {
    add_header_piece(gw, w, above);
    return;
  }
  word part = *w;
  int part_col = -1;
  size_t a = w->a;
  for (size_t i = w->a; i <= w->b; i++) {
    if (i < w->b && !is_space(p->g[i].cp))
      continue;
    if (i > a) { /* the piece [a, i) */
      word piece = *w;
      piece.a = a;
      piece.b = i;
      piece.x1 = p->g[a].x1;
      piece.x2 = p->g[i - 1].x2;
      int c = data_column(gw->r, &piece);
      if (part_col >= 0 && c != part_col) {
        add_header_piece(gw, &part, above);
        part_col = -1;
      }
      if (part_col < 0) {
        part = piece;
        part_col = c;
      } else {
        part.b = i;
        part.x2 = piece.x2;
      }
    }
    a = i + 1;
  }
  if (part_col >= 0)
    add_header_piece(gw, &part, above);
}

static int cmp_out_row(const void *a, const void *b) {
  const out_row *x = a, *y = b;
  if (x->y != y->y)
    return (x->y > y->y) - (x->y < y->y);
  return (x->kind > y->kind) - (x->kind < y->kind);
}

/* Lays out the region's rows: data rows, header rows (items whose tops
 * are within half a character), and blocks no data row took. */
static void lay_out(grid_work *gw) {
  region *r = gw->r;
  int C = ncols(r);
  out_row *o = xmalloc(
      ((size_t)gw->nrow + (size_t)gw->nh + (size_t)gw->nb + 1) * sizeof *o);
  int n = 0;
  for (int k = 0; k < gw->nrow; k++)
    o[n++] = (out_row){gw->p->ln[gw->row_line[k]].y1, 0, k};
  for (int i = 0; i < gw->nh; i++)
    o[n++] = (out_row){gw->hi[i].y1, 1, i};
  for (int i = 0; i < gw->nb; i++)
    if (gw->bk[i].first < 0)
      o[n++] = (out_row){gw->bk[i].y1, 2, i};
  qsort(o, (size_t)n, sizeof *o, cmp_out_row);
  /* header items close together share a row */
  int *slot = xmalloc(((size_t)n + 1) * sizeof *slot), nrow = 0;
  double hy = -INFINITY;
  int prev_kind = -1;
  for (int i = 0; i < n; i++) {
    if (o[i].kind == 1 && prev_kind == 1 && o[i].y - hy <= 0.5 * gw->ts) {
      slot[i] = nrow - 1;
      continue;
    }
    slot[i] = nrow++;
    hy = o[i].y;
    prev_kind = o[i].kind;
  }
  r->nrow = nrow;
  r->cell = xmalloc(((size_t)nrow * (size_t)C + 1) * sizeof *r->cell);
  for (size_t i = 0; i < (size_t)nrow * (size_t)C; i++)
    r->cell[i] = -1;
  int *data_slot = xmalloc(((size_t)gw->nrow + 1) * sizeof *data_slot);
  for (int i = 0; i < n; i++) {
    int *cells = row_cells(r, slot[i]);
    if (o[i].kind == 0) {
      data_slot[o[i].i] = slot[i];
    } else if (o[i].kind == 1) {
      const hitem *h = &gw->hi[o[i].i];
      if (cells[h->col] < 0)
        cells[h->col] = h->txt;
      else
        strbuf_put(&gw->p->pg->txt[cells[h->col]],
                   gw->p->pg->txt[h->txt].p ? gw->p->pg->txt[h->txt].p : "",
                   gw->p->pg->txt[h->txt].len);
    } else {
      cells[gw->bk[o[i].i].col] = gw->bk[o[i].i].txt;
    }
  }
  for (int i = 0; i < gw->nb; i++)
    if (gw->bk[i].first >= 0 && !gw->bk[i].cut)
      row_cells(r, data_slot[gw->bk[i].first])[gw->bk[i].col] = gw->bk[i].txt;
  /* figures */
  for (int k = 0; k < gw->nrow; k++) {
    const vline *l = &gw->p->ln[gw->row_line[k]];
    int *cells = row_cells(r, data_slot[k]);
    for (int j = 0; j < l->n; j++) {
      const word *w = line_word(gw->p, l, j);
      if (in_label_area(r, w, gw->ts))
        continue;
      int c = r->L + data_column(r, w);
      if (cells[c] < 0)
        cells[c] = new_text(gw->p->pg);
      put_word(gw->p, cells[c], w);
    }
  }
  for (int c = 0; c < r->L; c++) { /* the label each column ends under */
    int first = -1;
    r->tail[c] = -1;
    for (int i = 0; i < gw->nb; i++)
      if (gw->bk[i].col == c && gw->bk[i].first > first) {
        first = gw->bk[i].first;
        r->tail[c] = gw->bk[i].txt;
      }
  }
  free(data_slot);
  free(slot);
  free(o);
}

/* On a page that continues the previous page's table: a label at the top
 * not starting with a number, wholly above the first row or beside it in
 * a column left of its own label, is the rest of the label the previous
 * page's column ends under, cut by the page break. It takes the first
 * row, out of the share of the rows by position: the rows down to the
 * next label are under it, whatever its centre. */
static void mark_cut_labels(grid_work *gw) {
  if (!gw->seed || gw->nrow == 0)
    return;
  int leaf = -1;
  for (int i = 0; i < gw->nb; i++)
    if (gw->bk[i].own == 0 && gw->bk[i].col > leaf)
      leaf = gw->bk[i].col;
  for (int i = 0; i < gw->nb; i++) {
    block *b = &gw->bk[i];
    int c = b->col;
    int above = b->y2 <= row_top(gw, 0) + 0.2 * gw->ts;
    int beside = c < leaf && b->y1 <= row_bottom(gw, 0);
    if (b->mark || b->own >= 0 || !(above || beside) || c >= gw->seed->L ||
        gw->seed->tail[c] < 0 || label_column(gw->seed, gw->r->lx[c]) != c)
      continue;
    b->cut = 1;
    b->first = b->last = 0;
  }
}

/* Moves the text of the cut labels to the previous page's cells. */
static void join_cut_labels(grid_work *gw) {
  for (int i = 0; i < gw->nb; i++) {
    block *b = &gw->bk[i];
    if (!b->cut)
      continue;
    strbuf *dst = &gw->seed_grid->txt[gw->seed->tail[b->col]];
    strbuf *src = &gw->p->pg->txt[b->txt];
    if (src->len)
      strbuf_put(dst, src->p, src->len);
    strbuf_reset(src);
  }
}

/* The label words of body line l into blocks; row is its data row, or
 * -1. Only the rightmost label of a data row is the row's own: a label
 * left of it shares the line by chance (a label spanning rows, centred
 * in them, or set at their top), so it is placed by its position. */
static void add_line_labels(grid_work *gw, const vline *l, int row, int *open) {
  if (gw->r->L == 0)
    return;
  lword *pc = xmalloc(((size_t)l->n * MAX_LCOL + 1) * sizeof *pc);
  int n = 0, leaf = -1;
  for (int j = 0; j < l->n; j++) {
    const word *w = line_word(gw->p, l, j);
    if (in_label_area(gw->r, w, gw->ts))
      label_pieces(gw, w, pc, &n);
  }
  for (int i = 0; i < n; i++)
    leaf = pc[i].col > leaf ? pc[i].col : leaf;
  for (int i = 0; i < n; i++) {
    pc[i].own = pc[i].col == leaf ? row : -1;
    add_to_block(gw, &pc[i], open);
  }
  free(pc);
}

static int label_only(const grid_work *gw, const vline *l) {
  for (int j = 0; j < l->n; j++)
    if (!in_label_area(gw->r, line_word(gw->p, l, j), gw->ts))
      return 0;
  return 1;
}

/* The first line of the region's body: its first data line, or on a page
 * that continues a table, the top when nothing above the first data line
 * is over the figures (no header repeated: the lines there are the rest of
 * a label cut by the page break). */
static int body_start(const grid_work *gw, int first_data) {
  if (!gw->seed)
    return first_data;
  for (int li = gw->r->l0; li < first_data; li++)
    if (!label_only(gw, &gw->p->ln[li]))
      return first_data;
  return gw->r->l0;
}

/* The data rows' lines, their extents and the rows' usual pitch. */
static void find_rows(grid_work *gw, int ndata) {
  const page *p = gw->p;
  gw->row_line = xmalloc((size_t)ndata * sizeof *gw->row_line);
  gw->top = xmalloc((size_t)ndata * sizeof *gw->top);
  gw->bot = xmalloc((size_t)ndata * sizeof *gw->bot);
  for (int li = gw->r->l0; li < gw->r->l1; li++)
    if (p->ln[li].kind == LINE_DATA) {
      gw->top[gw->nrow] = p->ln[li].y1;
      gw->bot[gw->nrow] = p->ln[li].y2;
      gw->row_line[gw->nrow++] = li;
    }
  double *gaps = xmalloc((size_t)ndata * sizeof *gaps);
  for (int k = 1; k < gw->nrow; k++)
    gaps[k - 1] = gw->top[k] - gw->top[k - 1];
  qsort(gaps, (size_t)(gw->nrow - 1), sizeof *gaps, cmp_double);
  gw->pitch = gw->nrow > 1 ? gaps[(gw->nrow - 1) / 2] : 3 * gw->ts;
  free(gaps);
}

/* Label words into blocks, header words into items, top to bottom. */
static void read_lines(grid_work *gw, int body) {
  int open[MAX_LCOL], row = -1;
  for (int c = 0; c < MAX_LCOL; c++)
    open[c] = -1;
  for (int li = gw->r->l0; li < gw->r->l1; li++) {
    const vline *l = &gw->p->ln[li];
    int data = l->kind == LINE_DATA;
    row += data;
    if (!data && (li < body || !label_only(gw, l)))
      for (int j = 0; j < l->n; j++)
        add_header_word(gw, line_word(gw->p, l, j), row + 1);
    else
      add_line_labels(gw, l, data ? row : -1, open);
  }
}

/* Gives each label block its rows, a row's own label first. */
static void place_labels(grid_work *gw) {
  int *owner = xmalloc(((size_t)gw->nrow + 1) * sizeof *owner);
  int *list = xmalloc(((size_t)gw->nb + 1) * sizeof *list);
  mark_cut_labels(gw);
  for (int c = gw->r->L - 1; c >= 0; c--) {
    assign_column(gw, c, owner, list);
    widen_rows(gw, c);
  }
  free(owner);
  free(list);
  join_cut_labels(gw);
}

/* Builds region r's grid; returns -1 if it makes no sane table. */
static int build_grid(page *p, region *r, pdf_grid *prev) {
  const region *seed = prev ? &prev->rg[prev->nrg - 1] : NULL;
  grid_work gw = {.p = p, .r = r, .seed = seed, .seed_grid = prev};
  int first_data = -1, ndata = 0;
  tsize t = {0, 0, 0};
  for (int li = r->l0; li < r->l1; li++)
    if (p->ln[li].kind == LINE_DATA) {
      if (first_data < 0)
        first_data = li;
      add_size(&t, &p->ln[li]);
      ndata++;
    }
  gw.ts = t.em;
  /* A table continued from the previous page has its columns, unless
   * this page's figures make as many columns of their own: text that
   * pdftotext -layout set may shift a page's columns against another's. */
  int own = find_columns(&gw, 0);
  if (own == 0)
    join_apart_columns(&gw);
  if (seed && (own < 0 || r->D != seed->D)) {
    own = find_columns(&gw, 1);
    if (own == 0)
      join_apart_columns(&gw);
  }
  if (own < 0)
    return -1;
  int body = body_start(&gw, first_data);
  if (find_label_columns(&gw, body) < 0)
    return -1;
  find_rows(&gw, ndata);
  read_lines(&gw, body);
  place_labels(&gw);
  lay_out(&gw);
  free(gw.top);
  free(gw.bot);
  free(gw.row_line);
  free(gw.bk);
  free(gw.hi);
  return 0;
}

/* ---- the page ---------------------------------------------------------- */

static int sane_region(const page *p, int l0, int l1, int ndata) {
  if (ndata >= 2)
    return 1;
  int headers = 0, nums = 0;
  for (int i = l0; i < l1; i++) {
    headers += p->ln[i].kind != LINE_DATA && p->ln[i].n >= 2;
    nums += p->ln[i].kind == LINE_DATA ? p->ln[i].nnum : 0;
  }
  return headers && nums >= 2;
}

/* Marks the glyphs of region r's words as region id's, and the spaces
 * between two of them on a plain-text line (else they would be left over
 * as a line of blanks: LibreOffice's 科研机 社会公 法律服务 is three
 * header cells' first lines on one). */
static void region_glyphs(page *p, region *r, int id) {
  signed char *in = p->pg->region;
  r->g0 = (size_t)-1;
  r->g1 = 0;
  for (int li = r->l0; li < r->l1; li++)
    for (int j = 0; j < p->ln[li].n; j++) {
      const word *w = line_word(p, &p->ln[li], j);
      r->g0 = w->a < r->g0 ? w->a : r->g0;
      r->g1 = w->b - 1 > r->g1 ? w->b - 1 : r->g1;
      for (size_t g = w->a; g < w->b; g++)
        in[g] = (signed char)id;
    }
  for (size_t g = r->g0; g <= r->g1; g++) {
    size_t a = g;
    while (g <= r->g1 && is_space(p->g[g].cp))
      g++;
    if (g > a && a > r->g0 && g <= r->g1 && in[a - 1] == id && in[g] == id)
      memset(in + a, id, g - a);
  }
}

static void find_regions(page *p, pdf_grid *prev) {
  pdf_grid *pg = p->pg;
  const region *seed = NULL;
  if (prev && prev->nrg > 0 && prev->rg[prev->nrg - 1].bottom)
    seed = &prev->rg[prev->nrg - 1];
  int floor = -1;
  for (int i = 0; i < p->nl && pg->nrg < MAX_REGIONS; i++) {
    if (p->ln[i].kind != LINE_DATA)
      continue;
    int l0, l1, ndata = grow_region(p, i, floor, &l0, &l1);
    if (!sane_region(p, l0, l1, ndata)) {
      i = l1 - 1;
      continue;
    }
    region *r = &pg->rg[pg->nrg];
    memset(r, 0, sizeof *r);
    r->l0 = l0;
    r->l1 = l1;
    r->top = only_short(p, 0, l0);
    r->bottom = only_short(p, l1, p->nl);
    if (build_grid(p, r, pg->nrg == 0 && r->top && seed ? prev : NULL) == 0) {
      region_glyphs(p, r, pg->nrg);
      r->ytop = p->ln[l0].y1;
      pg->nrg++;
    } else {
      free(r->cell);
      r->cell = NULL;
    }
    floor = l1 - 1;
    i = l1 - 1;
  }
}

static int sane_glyphs(const pdf_glyph *g, size_t n) {
  if (n > MAX_GLYPHS)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (!glyph_ok(&g[i]))
      return 0;
  return 1;
}

/* ---- header rows that end a page -------------------------------------- */

enum {
  TAIL_MAX_LINES = 6, /* header rows a page may end with */
  TAIL_MAX_WORD = 16, /* glyphs of a line of one word (a heading cell) */
  TAIL_MAX_ABOVE = 12 /* glyphs of text above the table that takes it */
};

/* A line that may be header rows of a table the next page holds: no
 * figure, digit, sentence end or numbering marker; one word only if
 * short or bracketed (（本列数据的勾稽关系为：…）). */
static int header_like(const page *p, const vline *l) {
  if (l->kind == LINE_DATA || l->nnum)
    return 0;
  for (int j = 0; j < l->n; j++) {
    const word *w = line_word(p, l, j);
    if (w->mark || w->a >= p->pg->nown)
      return 0;
    for (size_t g = w->a; g < w->b; g++) {
      uint32_t c = p->g[g].cp;
      if ((c >= '0' && c <= '9') || c == 0x3002 /* 。 */ ||
          c == 0xFF1B /* ； */ || p->pg->region[g] != NO_REGION)
        return 0;
    }
  }
  const word *w = line_word(p, l, 0);
  return l->n >= 2 || l->glyphs <= TAIL_MAX_WORD ||
         p->g[w->a].cp == 0xFF08 /* （ */ || p->g[w->a].cp == '(';
}

/* A page number alone at the foot: a few glyphs, a digit among them, no
 * Chinese but 第 页 共 (- 3 -, — 3 —, 第3页 共6页). */
static int page_number_line(const page *p, const vline *l) {
  if (l->glyphs > 12)
    return 0;
  int digits = 0;
  for (int j = 0; j < l->n; j++) {
    const word *w = line_word(p, l, j);
    for (size_t g = w->a; g < w->b; g++) {
      uint32_t c = p->g[g].cp;
      digits += c >= '0' && c <= '9';
      if (utf8_is_han(c) && c != 0x7B2C /* 第 */ && c != 0x9875 /* 页 */ &&
          c != 0x5171 /* 共 */)
        return 0;
    }
  }
  return digits > 0;
}

static void push_tail(pdf_grid *pg, const pdf_glyph *g, size_t at,
                      size_t *cap) {
  if (pg->ntail == *cap) {
    *cap = *cap ? 2 * *cap : 64;
    pg->tail = xrealloc(pg->tail, *cap * sizeof *pg->tail);
    pg->tail_at = xrealloc(pg->tail_at, *cap * sizeof *pg->tail_at);
  }
  pg->tail[pg->ntail] = *g;
  pg->tail_at[pg->ntail++] = at;
}

/* The header-like lines ending the page (above its page number), at most
 * TAIL_MAX_LINES, one of them of several words: their glyphs, a line
 * after another, for the next page's table to take. */
static void find_tail(page *p) {
  int last = p->nl - 1;
  if (last >= 0 && page_number_line(p, &p->ln[last]))
    last--;
  int first = last + 1, several = 0;
  while (first > 0 && last - first + 1 < TAIL_MAX_LINES &&
         header_like(p, &p->ln[first - 1])) {
    several |= p->ln[first - 1].n >= 2;
    first--;
  }
  if (first > last || !several)
    return;
  size_t cap = 0;
  for (int li = first; li <= last; li++) {
    const vline *l = &p->ln[li];
    const pdf_glyph *end = NULL;
    for (int j = 0; j < l->n; j++) {
      const word *w = line_word(p, l, j);
      for (size_t g = w->a; g < w->b; g++)
        push_tail(p->pg, &p->g[g], g, &cap);
      end = &p->g[w->b - 1];
    }
    pdf_glyph nl = {'\n', end->x2, end->y1, end->x2, end->y2};
    push_tail(p->pg, &nl, NO_GLYPH, &cap);
  }
}

/* Whether this page's first table took the lent lines: some of them are
 * in it, its header holds no sentence of the page (prose above it taken
 * for a header), and the page has no more than a few glyphs of text above
 * it. */
static int took_tail(const pdf_grid *pg) {
  if (pg->nrg == 0 || pg->n == pg->nown)
    return 0;
  int took = 0;
  for (size_t i = pg->nown + 1; i < pg->n; i++)
    took |= pg->region[i] == 0 && !is_space(pg->cp[i]);
  float top = INFINITY, data = INFINITY;
  for (size_t i = 0; i < pg->nown; i++)
    if (pg->region[i] == 0) {
      top = fminf(top, pg->yc[i]);
      if (pg->cp[i] >= '0' && pg->cp[i] <= '9')
        data = fminf(data, pg->yc[i]);
    }
  for (size_t i = 0; i < pg->nown; i++)
    if (pg->region[i] == 0 && pg->cp[i] == 0x3002 /* 。 */ && pg->yc[i] < data)
      return 0; /* a sentence over its rows, in its header */
  size_t above = 0;
  for (size_t i = 0; i < pg->nown; i++)
    above += pg->region[i] == NO_REGION && pg->yc[i] < top &&
             !is_space(pg->cp[i]) && pg->cp[i] != '\n';
  return took && above <= TAIL_MAX_ABOVE;
}

/* The lent lines the table took leave the previous page's text; the rest
 * stay there, and out of this page's. */
static void take_tail(pdf_grid *pg, pdf_grid *prev) {
  pg->region[pg->nown] = LEFT_OUT;
  for (size_t k = 0; k < prev->ntail; k++) {
    size_t i = pg->nown + 1 + k;
    if (pg->region[i] == 0 && prev->tail_at[k] != NO_GLYPH) {
      prev->region[prev->tail_at[k]] = LEFT_OUT;
      prev->carried++;
    } else if (pg->region[i] == NO_REGION) {
      pg->region[i] = LEFT_OUT;
    }
  }
}

/* ---- a page's analysis ------------------------------------------------- */

/* The boxes to analyse: the page's, then, when lend, a '\n' and the
 * previous page's tail moved to just above this page's first line. */
static pdf_glyph *page_boxes(const pdf_glyph *g, size_t n, const pdf_grid *prev,
                             int lend, size_t *total) {
  size_t extra = lend ? prev->ntail + 1 : 0;
  pdf_glyph *box = xmalloc((n + extra + 1) * sizeof *box);
  double top = INFINITY, bottom = -INFINITY, tall = 0;
  for (size_t i = 0; i < n; i++) {
    box[i] = ordered(&g[i]);
    if (g[i].cp != '\n' && !is_space(g[i].cp))
      top = fmin(top, box[i].y1);
  }
  *total = n;
  if (!lend || !isfinite(top))
    return box;
  for (size_t k = 0; k < prev->ntail; k++)
    if (prev->tail[k].cp != '\n') {
      bottom = fmax(bottom, prev->tail[k].y2);
      tall = fmax(tall, prev->tail[k].y2 - prev->tail[k].y1);
    }
  double dy = top - 0.3 * tall - bottom;
  box[n] =
      (pdf_glyph){'\n', box[n ? n - 1 : 0].x2, top, box[n ? n - 1 : 0].x2, top};
  for (size_t k = 0; k < prev->ntail; k++) {
    pdf_glyph t = prev->tail[k];
    t.y1 += dy;
    t.y2 += dy;
    box[n + 1 + k] = t;
  }
  *total = n + extra;
  return box;
}

/* One analysis of a page, lent the previous page's tail or not. */
static pdf_grid *analyse(const pdf_glyph *g, size_t n, double w, double h,
                         pdf_grid *prev, int lend) {
  pdf_grid *pg = xcalloc(1, sizeof *pg);
  int sane = sane_glyphs(g, n) && isfinite(w) && isfinite(h) && w > 0 &&
             h > 0 && w <= MAX_COORD && h <= MAX_COORD;
  size_t total;
  pdf_glyph *box = page_boxes(g, n, prev, lend && sane, &total);
  pg->cp = xmalloc((total + 1) * sizeof *pg->cp);
  pg->yc = xmalloc((total + 1) * sizeof *pg->yc);
  pg->region = xmalloc(total + 1);
  pg->n = total;
  pg->nown = n;
  for (size_t i = 0; i < total; i++) {
    pg->cp[i] = box[i].cp;
    pg->yc[i] = (float)((box[i].y1 + box[i].y2) / 2);
    pg->region[i] = NO_REGION;
  }
  if (sane) {
    page p = {.pg = pg, .g = box, .n = total, .w = w, .h = h};
    make_words(&p);
    make_lines(&p);
    find_regions(&p, prev);
    find_tail(&p);
    free(p.w_);
    free(p.by);
    free(p.ln);
  }
  free(box);
  return pg;
}

pdf_grid *pdf_grid_new(const pdf_glyph *g, size_t n, double w, double h,
                       pdf_grid *prev) {
  if (prev && prev->ntail && n > 0) {
    pdf_grid *pg = analyse(g, n, w, h, prev, 1);
    if (took_tail(pg)) {
      take_tail(pg, prev);
      return pg;
    }
    pdf_grid_free(pg);
  }
  return analyse(g, n, w, h, prev, 0);
}

int pdf_grid_carried(const pdf_grid *pg) { return pg ? pg->carried : 0; }

int pdf_grid_regions(const pdf_grid *pg) { return pg ? pg->nrg : 0; }

/* Whether text t holds a numbering marker after its start, after a
 * character that is not a digit nor 第 (第（五）项 cites): two labels run
 * into one cell. */
static int marker_inside(const strbuf *t) {
  for (size_t i = 1; i < t->len; i++) {
    unsigned char c = (unsigned char)t->p[i], b = (unsigned char)t->p[i - 1];
    if ((c & 0xC0) == 0x80 || (b >= '0' && b <= '9') || b == '.' ||
        (i >= 3 && memcmp(t->p + i - 3, "第", 3) == 0))
      continue;
    marker m;
    if (marker_read(t->p + i, t->len - i, 0, &m) && m.mark != MARK_NONE)
      return 1;
  }
  return 0;
}

static int cell_at(const region *r, int row, int c) {
  return r->cell[(size_t)row * (size_t)ncols(r) + (size_t)c];
}

/* Whether text t is a figure: digits, maybe with . , - in them. */
static int figure_text(const strbuf *t) {
  int digits = 0;
  for (size_t i = 0; i < t->len; i++) {
    if (t->p[i] >= '0' && t->p[i] <= '9')
      digits++;
    else if (!strchr(".,-", t->p[i]))
      return 0;
  }
  return digits > 0;
}

/* Whether row k of region r holds a figure. */
static int figure_row(const pdf_grid *pg, const region *r, int k) {
  for (int c = r->L; c < ncols(r); c++)
    if (cell_at(r, k, c) >= 0 && figure_text(&pg->txt[cell_at(r, k, c)]))
      return 1;
  return 0;
}

/* Whether region r reads as a table surely: its first figure column
 * with a header in a row of no figures above its first figure, where the
 * region has such rows (else a header set left of its column went to the
 * labels, and the headers after it shifted by one column), and no label
 * cell of a row of figures holding two numbered labels. */
static int region_sure(const pdf_grid *pg, const region *r) {
  if (r->nrow > 0 && r->D > 0 && !figure_row(pg, r, 0)) {
    int head = 0, k = 0;
    for (; k < r->nrow; k++) {
      int t = cell_at(r, k, r->L);
      if (t >= 0 && figure_row(pg, r, k))
        break;
      head |= t >= 0 && pg->txt[t].len > 0;
    }
    if (!head && k < r->nrow)
      return 0;
  }
  for (int k = 0; k < r->nrow; k++) {
    if (!figure_row(pg, r, k))
      continue;
    for (int c = 0; c < r->L; c++)
      if (cell_at(r, k, c) >= 0 && marker_inside(&pg->txt[cell_at(r, k, c)]))
        return 0;
  }
  return 1;
}

int pdf_grid_sure(const pdf_grid *pg) {
  for (int i = 0; pg && i < pg->nrg; i++)
    if (!region_sure(pg, &pg->rg[i]))
      return 0;
  return 1;
}

/* The text being rendered, and where each piece of it came from (in
 * glyph indices) when the caller asks. */
typedef struct render {
  strbuf sb;
  posmap *origin;       /* NULL: not asked */
  size_t last;          /* the glyph the last piece came from */
  size_t nown;          /* glyphs from here on are another page's */
  int left, kept;       /* glyphs of the current plain line left out, kept */
  size_t blank, nblank; /* blanks waiting for the next glyph kept */
} render;

/* Records that the bytes since off came from glyph g (n glyphs of it;
 * 0 for a separator the rows add). */
static void came_from(render *rd, size_t off, size_t g, size_t n) {
  if (!rd->origin || rd->sb.len == off)
    return;
  if (g == NO_GLYPH || g >= rd->nown)
    g = rd->last, n = 0;
  posmap_add(rd->origin, off, rd->sb.len - off, g, n);
  rd->last = g;
}

static void put_glyph(render *rd, const pdf_grid *pg, size_t i) {
  size_t off = rd->sb.len;
  put_cp(&rd->sb, pg->cp[i]);
  came_from(rd, off, i, 1);
}

/* Glyph i of the plain text, unless it is left out; a line whose glyphs
 * were all left out goes with its blanks and its '\n'. Blanks wait for
 * the next glyph kept on their line (a line's trailing blanks go too). */
static void put_plain(render *rd, const pdf_grid *pg, size_t i) {
  if (pg->cp[i] == '\n') {
    if (rd->kept || !rd->left)
      put_glyph(rd, pg, i);
    rd->left = rd->kept = 0;
    rd->nblank = 0;
  } else if (pg->region[i] == LEFT_OUT) {
    rd->left = 1;
    rd->nblank = 0;
  } else if (is_space(pg->cp[i])) {
    if (!rd->nblank++)
      rd->blank = i;
  } else {
    for (size_t k = 0; k < rd->nblank; k++)
      put_glyph(rd, pg, rd->blank + k);
    rd->nblank = 0;
    put_glyph(rd, pg, i);
    rd->kept = 1;
  }
}

static void put_sep(render *rd, char c) {
  size_t off = rd->sb.len;
  strbuf_putc(&rd->sb, c);
  came_from(rd, off, NO_GLYPH, 0);
}

static void put_rows(const pdf_grid *pg, const region *r, render *rd) {
  for (int k = 0; k < r->nrow; k++) {
    const int *cells = r->cell + (size_t)k * (size_t)ncols(r);
    for (int c = 0; c < ncols(r); c++) {
      if (c)
        put_sep(rd, '\t');
      int t = cells[c];
      if (t >= 0 && pg->txt[t].len) {
        size_t off = rd->sb.len;
        strbuf_put(&rd->sb, pg->txt[t].p, pg->txt[t].len);
        came_from(rd, off, pg->first[t], 1);
      }
    }
    put_sep(rd, '\n');
  }
}

/* A region set: regions whose glyph ranges cross, rendered together (a writer
 * whose text order runs one table's cells into another's, or into the
 * heading above it, as Chromium's do). */
typedef struct region_set {
  size_t g0, g1;
  int member[MAX_REGIONS]; /* region ids, top to bottom */
  int n;
} region_set;

/* A plain line inside a region set: the glyphs of one line of the plain text
 * [a, b) that no region holds, and how high it stands. */
typedef struct stray {
  size_t a, b; /* b: its '\n', or one past the set */
  float y;
  int done;
} stray;

/* The set starting with region order[*k] (regions in order of their
 * first glyph); *k moves past its members. */
static void next_set(const pdf_grid *pg, const int *order, int *k,
                     region_set *b) {
  const region *first = &pg->rg[order[*k]];
  *b = (region_set){.g0 = first->g0, .g1 = first->g1, .n = 0};
  while (*k < pg->nrg && pg->rg[order[*k]].g0 <= b->g1) {
    const region *r = &pg->rg[order[*k]];
    b->g1 = r->g1 > b->g1 ? r->g1 : b->g1;
    int m = b->n++;
    while (m > 0 && pg->rg[b->member[m - 1]].ytop > r->ytop) {
      b->member[m] = b->member[m - 1];
      m--;
    }
    b->member[m] = order[(*k)++];
  }
}

/* The plain lines of set b with text in them, in text order. */
static stray *set_strays(const pdf_grid *pg, const region_set *b, int *n) {
  stray *v = NULL;
  size_t cap = 0, nn = 0;
  for (size_t a = b->g0; a <= b->g1;) {
    size_t e = a;
    float y = INFINITY;
    int text = 0;
    for (; e <= b->g1 && pg->cp[e] != '\n'; e++)
      if (pg->region[e] == NO_REGION && !is_space(pg->cp[e])) {
        text = 1;
        y = fminf(y, pg->yc[e]);
      }
    if (text)
      *ARRAY_PUSH(v, nn, cap) = (stray){a, e, y, 0};
    a = e + 1;
  }
  *n = (int)nn;
  return v;
}

static void put_stray(const pdf_grid *pg, const region_set *b, stray *s,
                      render *rd) {
  for (size_t i = s->a; i < s->b; i++)
    if (pg->region[i] == NO_REGION)
      put_glyph(rd, pg, i);
  if (s->b <= b->g1)
    put_glyph(rd, pg, s->b);
  else
    put_sep(rd, '\n');
  s->done = 1;
}

/* Set b: each region's rows after the plain lines above it, and the
 * plain lines below them all last, each group in text order. */
static void put_set(const pdf_grid *pg, const region_set *b, render *rd) {
  int ns;
  stray *s = set_strays(pg, b, &ns);
  for (int m = 0; m <= b->n; m++) {
    double top = m < b->n ? pg->rg[b->member[m]].ytop : INFINITY;
    for (int k = 0; k < ns; k++)
      if (!s[k].done && s[k].y < top)
        put_stray(pg, b, &s[k], rd);
    if (m < b->n)
      put_rows(pg, &pg->rg[b->member[m]], rd);
  }
  free(s);
}

char *pdf_grid_text(const pdf_grid *pg, size_t *len, posmap *origin) {
  render rd = {.origin = origin, .last = 0, .nown = pg->nown};
  strbuf_init(&rd.sb, STRBUF_UNLIMITED);
  int order[MAX_REGIONS];
  for (int k = 0; k < pg->nrg; k++) {
    int m = k; /* regions by first glyph: few, insertion sort */
    while (m > 0 && pg->rg[order[m - 1]].g0 > pg->rg[k].g0) {
      order[m] = order[m - 1];
      m--;
    }
    order[m] = k;
  }
  size_t i = 0;
  for (int k = 0; k < pg->nrg;) {
    region_set b;
    next_set(pg, order, &k, &b);
    for (; i < b.g0; i++)
      put_plain(&rd, pg, i);
    if (rd.sb.len && rd.sb.p[rd.sb.len - 1] != '\n')
      put_sep(&rd, '\n');
    put_set(pg, &b, &rd);
    rd.left = rd.kept = 0;
    rd.nblank = 0;
    i = b.g1 + 1;
    if (i < pg->n && pg->cp[i] == '\n')
      i++;
  }
  for (; i < pg->n; i++)
    put_plain(&rd, pg, i);
  return strbuf_detach(&rd.sb, len);
}

void pdf_grid_free(pdf_grid *pg) {
  if (!pg)
    return;
  for (int i = 0; i < pg->nrg; i++)
    free(pg->rg[i].cell);
  for (int i = 0; i < pg->ntxt; i++)
    strbuf_release(&pg->txt[i]);
  free(pg->txt);
  free(pg->first);
  free(pg->cp);
  free(pg->yc);
  free(pg->tail);
  free(pg->tail_at);
  free(pg->region);
  free(pg);
}
