/* layout_text: the tables of a text that pdftotext -layout wrote, rebuilt.
 *
 * Consumes decoded text with form feeds between its pages; produces the
 * text with each page's tables rewritten by pdf_grid.c, and a posmap back
 * to the old text. Each character of a page becomes a glyph at its
 * column, as pdftotext counts columns: one a character, wide or not (the
 * figures of a column end within a column of each other however wide the
 * label before them, which display widths do not give); how wide each
 * glyph is and where a chunk's characters stand is place_line's. A line
 * stands TEXT_PITCH below a line of text, BLANK_PITCH below a blank one
 * (the blank lines pdftotext leaves between rows keep a table together,
 * a page's wider gaps still end it), half that next to a thin line. A
 * glyph is GLYPH_HEIGHT high: the width of a wide character, pdf_grid's
 * measure of a character's size. A page is written
 * out once the next is analysed, since a table continued there may
 * complete a label of this one (as read_pdf.c does). A page whose tables
 * do not read surely (pdf_grid_sure: a figure column without its header,
 * two labels run into a cell) is left as it is: its tables are then
 * aligned text, checked only if their figures line up. */
#include "layout_text.h"

#include "alloc.h"
#include "pdf_grid.h"
#include "strbuf.h"
#include "utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_PAGE_GLYPHS = 200000 };
#define GLYPH_HEIGHT 2.0 /* a wide character's width: an em */
#define TEXT_PITCH 2.5
#define BLANK_PITCH 1.5
#define FIGURE_CHARS "0123456789.,-%"
#define FIGURE_REACH 0.5

/* Where a glyph stands in the text: text[at, end). */
typedef struct glyph_src {
  size_t at, end;
} glyph_src;

/* One page's glyphs and where each stands in the text. */
typedef struct page_glyphs {
  pdf_glyph *g;
  glyph_src *src; /* per glyph */
  size_t n, cap, scap;
  double w, h;
} page_glyphs;

static void add_glyph(page_glyphs *pg, uint32_t cp, double x, double y,
                      size_t a, size_t b) {
  size_t n = pg->n;
  *ARRAY_PUSH(pg->src, n, pg->scap) = (glyph_src){a, b};
  *ARRAY_PUSH(pg->g, pg->n, pg->cap) =
      (pdf_glyph){cp, x, y, x + 1, y + GLYPH_HEIGHT};
  if (x + 2 > pg->w)
    pg->w = x + 2;
}

static int blank_line(const char *s, size_t a, size_t b) {
  for (; a < b; a++)
    if (s[a] != ' ')
      return 0;
  return 1;
}

static int is_figure_char(uint32_t cp) {
  return cp < 128 && cp && strchr(FIGURE_CHARS, (int)cp);
}

/* The chunk that starts at or after glyph a of the line [a, end): a run
 * of characters with at most two blanks between them (pdftotext puts one
 * or two between the words of prose, as justified text spaces them, and
 * three or more between cells). Returns its first glyph (end if none);
 * *last is its last, *next where the next chunk's search starts. Glyphs
 * still stand at their columns (x1). */
static size_t chunk_at(const page_glyphs *pg, size_t a, size_t end,
                       size_t *last, size_t *next) {
  while (a < end && pg->g[a].cp == ' ')
    a++;
  if (a == end)
    return end;
  size_t b = a + 1;
  *last = a;
  for (; b < end; b++) {
    if (pg->g[b].cp == ' ')
      continue;
    if (pg->g[b].x1 - pg->g[*last].x1 > 3)
      break;
    *last = b;
  }
  *next = b;
  return a;
}

static int figure_chunk(const page_glyphs *pg, size_t a, size_t last) {
  for (size_t i = a; i <= last; i++)
    if (pg->g[i].cp != ' ' && !is_figure_char(pg->g[i].cp))
      return 0;
  return 1;
}

/* The column where the page's figures start: the first figure of a line
 * with two figures or more, the leftmost such (the page's width if none).
 * lines[k] is where line k's glyphs start; lines[nlines] = pg->n. */
static double figures_left(const page_glyphs *pg, const size_t *lines,
                           size_t nlines) {
  double left = pg->w;
  for (size_t k = 0; k < nlines; k++) {
    size_t end = lines[k + 1], last, next;
    double first = -1;
    int figures = 0;
    for (size_t a = lines[k]; (a = chunk_at(pg, a, end, &last, &next)) < end;
         a = next)
      if (figure_chunk(pg, a, last) && figures++ == 0)
        first = pg->g[a].x1;
    if (figures >= 2 && first < left)
      left = first;
  }
  return left;
}

/* Where the glyphs [first, end) of one line stand, once the page's figures
 * are known to start at column left. A chunk starts at its column. One
 * that starts over the figures (a header, centred over its column on the
 * page, so starting well left of the figures under it) takes the display
 * width of its characters (a wide one 2 units), squeezed, down to one
 * unit a character, so that its characters advance no further than four
 * units before the next chunk: pdftotext moves a chunk right to keep it
 * clear of the one before. A chunk left of the figures (a label) takes a
 * unit a character, as pdftotext counts: labels are set small to fit
 * their cells. Squeezed, the characters overlap: a glyph keeps its width
 * (pdf_grid measures a line's character size on its wide glyphs), the
 * last one ending the chunk. A blank has no width (it is no cell edge)
 * and a character before a blank of its chunk reaches over it, so that
 * pdf_grid does not cut the chunk there. A figure's glyphs
 * reach half a column further each way: pdftotext sets a column's
 * figures a column or two apart, and pdf_grid's figure columns are the
 * figures' boxes merged where they overlap (and where no row has both,
 * see pdf_grid.c). */
static void place_line(page_glyphs *pg, size_t first, size_t end,
                       double left) {
  size_t last, next;
  for (size_t a = first; (a = chunk_at(pg, a, end, &last, &next)) < end;
       a = next) {
    double start = pg->g[a].x1, width = 0;
    for (size_t i = a; i <= last; i++)
      width += utf8_is_wide(pg->g[i].cp) ? 2 : 1;
    double cols = pg->g[last].x1 - start + 1;
    double room = next < end ? pg->g[next].x1 - 4 - start : width;
    double scale = start < left - 1 || room <= cols ? cols / width
                   : room >= width                  ? 1
                                                    : room / width;
    double x = start;
    for (size_t i = a; i <= last; i++) {
      double dw = utf8_is_wide(pg->g[i].cp) ? 2 : 1, w = dw * scale;
      pdf_glyph *g = &pg->g[i];
      g->x1 = x;
      g->x2 = g->cp == ' ' ? x : x + dw;
      if (is_figure_char(g->cp)) {
        g->x1 -= FIGURE_REACH;
        g->x2 += FIGURE_REACH;
      }
      x += w;
    }
    for (size_t i = a, prev = a; i <= last; i++) /* over the blanks */
      if (pg->g[i].cp != ' ') {
        if (i > prev + 1)
          pg->g[prev].x2 = fmax(pg->g[prev].x2, pg->g[i].x1);
        prev = i;
      }
  }
}

/* Whether glyphs [first, end) are a thin line: figures alone, or one or
 * two characters (of a label set one character a line). pdftotext gives
 * such a line a line of its own where on the page it stands between the
 * lines around it: the figures of a row beside the middle of its label's
 * lines, a character of an upright label among the rows. */
static int thin_line(const page_glyphs *pg, size_t first, size_t end) {
  int chars = 0, figures = 1;
  for (size_t i = first; i < end; i++)
    if (pg->g[i].cp != ' ') {
      chars++;
      figures &= is_figure_char(pg->g[i].cp);
    }
  return chars > 0 && (figures || chars <= 2);
}

/* The glyphs of the page text[a, b); 0, or -1 if the page has too many
 * to analyse. A line stands a pitch below the one before (less below a
 * blank line), half that next to a thin line. *lines (of *lcap) holds
 * where each line's glyphs start. */
static int page_glyphs_of(const char *text, size_t a, size_t b,
                          page_glyphs *pg, size_t **lines, size_t *lcap) {
  double y = 0, pitch = 0;
  int thin_before = 0;
  size_t nlines = 0;
  pg->n = 0;
  pg->w = 1;
  for (size_t line = a; line < b;) {
    const char *nl = memchr(text + line, '\n', b - line);
    size_t eol = nl ? (size_t)(nl - text) : b;
    double x = 0;
    size_t first = pg->n;
    *ARRAY_PUSH(*lines, nlines, *lcap) = first;
    for (size_t i = line; i < eol; x += 1) {
      uint32_t cp;
      int k = utf8_decode(text + i, eol - i, &cp);
      size_t step = k > 0 ? (size_t)k : 1;
      add_glyph(pg, k > 0 ? cp : 0xFFFD, x, 0, i, i + step);
      i += step;
    }
    int thin = thin_line(pg, first, pg->n);
    y += thin || thin_before ? pitch / 2 : pitch;
    for (size_t i = first; i < pg->n; i++) {
      pg->g[i].y1 = y;
      pg->g[i].y2 = y + GLYPH_HEIGHT;
    }
    if (eol < b)
      add_glyph(pg, '\n', x, y, eol, eol + 1);
    if (pg->n > MAX_PAGE_GLYPHS)
      return -1;
    pitch = blank_line(text, line, eol) ? BLANK_PITCH : TEXT_PITCH;
    thin_before = thin;
    line = eol + 1;
  }
  *ARRAY_PUSH(*lines, nlines, *lcap) = pg->n;
  double left = figures_left(pg, *lines, nlines - 1);
  for (size_t k = 0; k + 1 < nlines; k++)
    place_line(pg, (*lines)[k], (*lines)[k + 1], left);
  pg->h = y + GLYPH_HEIGHT;
  return 0;
}

static void page_glyphs_release(page_glyphs *pg) {
  free(pg->g);
  free(pg->src);
  memset(pg, 0, sizeof *pg);
}

/* A page analysed and waiting to be written: its text range, its glyphs'
 * places, its analysis (NULL: none) and whether its tables are rebuilt
 * (it has some, and they read surely). */
typedef struct held {
  size_t a, b;
  glyph_src *src;
  pdf_grid *grid;
  int rebuild;
} held;

/* Appends page h to out, its tables rebuilt, and its map. */
static void write_page(const char *text, held *h, strbuf *out, posmap *map) {
  size_t base = out->len;
  if (!h->rebuild) {
    if (h->b > h->a) {
      strbuf_put(out, text + h->a, h->b - h->a);
      posmap_add(map, base, h->b - h->a, h->a, h->b - h->a);
    }
  } else {
    posmap origin;
    posmap_init(&origin);
    size_t len;
    char *s = pdf_grid_text(h->grid, &len, &origin);
    strbuf_put(out, s, len);
    for (size_t i = 0; i < origin.n; i++) {
      const posmap_run *r = &origin.runs[i];
      size_t sa = h->src[r->src].at;
      size_t sb = r->src_len ? h->src[r->src + r->src_len - 1].end : sa;
      posmap_add(map, base + r->norm, r->norm_len, sa, sb - sa);
    }
    posmap_release(&origin);
    free(s);
  }
  pdf_grid_free(h->grid);
  free(h->src);
  *h = (held){0, 0, NULL, NULL, 0};
}

int layout_text_rebuild(const char *text, size_t len, char **out,
                        size_t *out_len, posmap *map) {
  if (!memchr(text, '\f', len))
    return 0;
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  posmap m;
  posmap_init(&m);
  held prev = {0, 0, NULL, NULL, 0};
  page_glyphs pg = {0};
  size_t *lines = NULL, lcap = 0;
  int tables = 0;
  for (size_t a = 0; a <= len;) {
    const char *ff = memchr(text + a, '\f', len - a);
    size_t b = ff ? (size_t)(ff - text) : len;
    held cur = {a, b, NULL, NULL, 0};
    if (page_glyphs_of(text, a, b, &pg, &lines, &lcap) == 0 && pg.n > 0) {
      cur.grid = pdf_grid_new(pg.g, pg.n, pg.w, pg.h, prev.grid);
      cur.rebuild = pdf_grid_regions(cur.grid) > 0 && pdf_grid_sure(cur.grid);
      tables += cur.rebuild;
      /* header lines that ended the page before are this table's now */
      if (cur.rebuild && pdf_grid_carried(prev.grid) > 0 &&
          pdf_grid_sure(prev.grid))
        prev.rebuild = 1;
      cur.src = pg.src;
      pg.src = NULL;
      pg.scap = 0;
    }
    write_page(text, &prev, &sb, &m);
    if (a > 0) { /* the form feed before this page */
      posmap_add(&m, sb.len, 1, a - 1, 1);
      strbuf_putc(&sb, '\f');
    }
    prev = cur;
    if (!ff)
      break;
    a = b + 1;
  }
  write_page(text, &prev, &sb, &m);
  page_glyphs_release(&pg);
  free(lines);
  if (!tables) {
    strbuf_release(&sb);
    posmap_release(&m);
    return 0;
  }
  *out = strbuf_detach(&sb, out_len);
  posmap_release(map);
  *map = m;
  return 1;
}
