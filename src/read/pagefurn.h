/* pagefurn: page numbers and running headers/footers in extracted pages.
 *
 * Consumes the text of each page of one document (lines separated by '\n',
 * as poppler_page_get_text or pdftotext -layout give them) and blanks the
 * lines that are page furniture rather than content: page-number lines at
 * the top or bottom of a page ("— 3 —", "第 3 页 共 10 页", "3 / 10", a
 * bare number close to the page's index) and running headers and footers
 * (the same line at the top or bottom of at least half the pages, and of
 * 3 pages or more). A blanked line keeps its '\n', so the line numbers of
 * a page do not move. Knows nothing of PDF: the caller splits the pages. */
#ifndef RL_PAGEFURN_H
#define RL_PAGEFURN_H

#include <stddef.h>

typedef struct pagefurn_page {
  char *text; /* writable; NUL-terminated if it was, and stays so */
  size_t len; /* shrinks as lines are blanked */
} pagefurn_page;

/* How many lines at each end of a page may be furniture (blank lines do
 * not count), and how far a bare page number may be from the page's
 * 1-based index (front matter shifts numbering by a few pages). */
#define PAGEFURN_ZONE 2
#define PAGEFURN_NEAR 3

/* Blanks the furniture lines of pages[0..npages-1] in place (no memory is
 * allocated that outlives the call). Returns how many lines were blanked. */
int pagefurn_strip(pagefurn_page *pages, int npages);

/* Text saved from a PDF (pdftotext, with a form feed between pages):
 * blanks, in place and with spaces so positions do not move, the lines
 * pagefurn_strip would cut (page numbers, running headers and footers;
 * empty pages at the end do not count). A text without a form feed is
 * left alone. Returns how many lines were blanked. */
int pagefurn_blank_text_pages(char *text, size_t len);

/* Is s (len bytes, one line, surrounding blanks allowed) a page-number
 * line for the page with 1-based index page? Exposed for the tests. */
int pagefurn_is_page_number(const char *s, size_t len, int page);

#endif
