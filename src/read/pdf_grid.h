/* pdf_grid: tables rebuilt from the glyph boxes of a PDF page.
 *
 * Consumes one page's characters, each with its box, in the order of the
 * page's plain text (newlines included), and the page size. Finds the
 * table regions (lines whose cells line up in figure columns, with their
 * header lines), builds each region's grid (labels wrapped over lines
 * joined, a label drawn one character per line joined into the cell of
 * the first row it spans, header cells wrapped in one column joined) and
 * produces the page text with each region's characters replaced by one
 * line per grid row, cells joined by '\t', as the DOCX and HTML readers
 * write a table row: text in the first row and column of a span, the rest
 * empty. Everything outside the regions is the plain text unchanged,
 * except that regions whose glyphs the plain text runs into each other
 * (or into the lines above them) are written in page order, each after
 * the plain lines above it. A
 * page's analysis may continue the table the previous page ended with:
 * the same columns, and a label cut by the page break joined into the
 * previous page's cell; or take as its first table's header the
 * header-like lines the previous page ended with (no figure, digit or
 * sentence in them). Knows nothing of poppler; never prints. */
#ifndef RL_PDF_GRID_H
#define RL_PDF_GRID_H

#include "posmap.h"

#include <stddef.h>
#include <stdint.h>

typedef struct pdf_glyph {
  uint32_t cp;
  double x1, y1, x2, y2; /* box, y growing down the page */
} pdf_glyph;

typedef struct pdf_grid pdf_grid;

/* Analyses a page of n glyphs (w by h points). prev, the analysis of the
 * previous page or NULL, is the table a region at the top of this page
 * may continue; its text may change (a cut label completed, header
 * lines taken: pdf_grid_carried), so render prev only after this call. Geometry that makes no sane table (NaN or
 * huge coordinates, too many glyphs, no aligned figures) gives an analysis
 * without regions, whose text is the plain text. Returns a new analysis;
 * the caller frees it with pdf_grid_free(). */
pdf_grid *pdf_grid_new(const pdf_glyph *g, size_t n, double w, double h,
                       pdf_grid *prev);

/* The number of table regions found. */
int pdf_grid_regions(const pdf_grid *pg);

/* How many of the page's glyphs the next page's first table took: header
 * rows that ended this page, its body starting the next. The page's text
 * (pdf_grid_text) leaves them out; they are that table's header there. */
int pdf_grid_carried(const pdf_grid *pg);

/* Whether every region reads as a table surely: each figure column under
 * a header where the region has header rows, and no label cell holding
 * two numbered labels run together. Text that was positioned less
 * exactly than a PDF's glyphs (layout_text.c) is rebuilt only then. */
int pdf_grid_sure(const pdf_grid *pg);

/* The page text (UTF-8, code points above U+10FFFF and surrogates become
 * U+FFFD). Returns a newly allocated string of *len bytes; the caller
 * frees it with free(). origin, if not NULL, receives where each byte came
 * from, as runs whose source offsets are glyph indices: a glyph of the
 * plain text is its glyph (one), a cell the first glyph of its text (one,
 * as many-to-one), and a tab or newline the rows add comes from no glyph
 * (none, at the glyph before it). */
char *pdf_grid_text(const pdf_grid *pg, size_t *len, posmap *origin);

void pdf_grid_free(pdf_grid *pg);

#endif
