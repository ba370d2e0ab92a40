/* read_pdf: a PDF file's bytes → the text of its pages, in reading order.
 *
 * Consumes the whole file in memory and asks poppler's GLib API for each
 * page's text (no password is tried). Produces extracted.text, each page
 * starting on a new line, the page table (page_start, npages) and the
 * encoding "UTF-8 (PDF)". The text is valid UTF-8 (bad bytes become
 * U+FFFD) without control characters but tab and LF; page numbers and
 * running headers/footers are blanked by pagefurn. Damaged, encrypted,
 * text-less (scanned) and over-long PDFs are refused with a one-line
 * DIAG_INPUT diagnostic. Poppler's warnings go to a GLib log handler that
 * drops them, since library code never prints.
 *
 * poppler-glib is opened with dlopen() when the first PDF is read, not
 * linked: it brings some fifty libraries (cairo, GLib, NSS, libstdc++)
 * whose mapping and relocation cost every run about 8 ms and 10 MB of
 * resident memory, while most runs read no PDF at all. */
#include "reader.h"

#include "alloc.h"
#include "dynlib.h"
#include "monoclock.h"
#include "pagefurn.h"
#include "pdf_grid.h"
#include "strbuf.h"
#include "utf8.h"
#include "i18n.h"

#include <limits.h>
#include <poppler.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PDF_MAX_PAGES 2000
/* The text cap when the caller gives none (lim->max_bytes == 0). */
#define PDF_DEFAULT_MAX_TEXT ((size_t)50 * 1024 * 1024)
#ifndef RL_POPPLER_SONAME
#define RL_POPPLER_SONAME "libpoppler-glib.so.8"
#endif

/* The poppler-glib and GLib functions this reader calls, found in the
 * library opened at run time (dlsym searches its dependencies too). */
typedef struct pdf_api {
  PopplerDocument *(*document_new_from_bytes)(GBytes *, const char *,
                                              GError **);
  int (*document_get_n_pages)(PopplerDocument *);
  PopplerPage *(*document_get_page)(PopplerDocument *, int);
  char *(*page_get_text)(PopplerPage *);
  gboolean (*page_get_text_layout)(PopplerPage *, PopplerRectangle **,
                                   guint *);
  void (*page_get_size)(PopplerPage *, double *, double *);
  GQuark (*error_quark)(void);
  GBytes *(*bytes_new_static)(gconstpointer, gsize);
  void (*bytes_unref)(GBytes *);
  gboolean (*error_matches)(const GError *, GQuark, gint);
  void (*error_free)(GError *);
  void (*free)(gpointer);
  void (*object_unref)(gpointer);
  guint (*log_set_handler)(const gchar *, GLogLevelFlags, GLogFunc, gpointer);
} pdf_api;

/* Process state, written once under pthread_once and read-only after:
 * with the log handler below, the only globals we keep. */
static pdf_api api;
static char api_error[256];
static pthread_once_t api_once = PTHREAD_ONCE_INIT;

static void drop_log(const gchar *domain, GLogLevelFlags level,
                     const gchar *msg, gpointer data) {
  (void)domain;
  (void)level;
  (void)msg;
  (void)data;
}

/* Opens poppler-glib and fills api; on failure api.page_get_text stays
 * NULL and api_error says why. The library stays loaded for the process.
 * poppler-glib reports every syntax problem through g_log in its own
 * domain (printed when G_MESSAGES_DEBUG is set), so a handler that drops
 * them is installed once, here. */
static void open_poppler(void) {
  pdf_api a;
  const dynlib_sym syms[] = {
      {"poppler_document_new_from_bytes", &a.document_new_from_bytes},
      {"poppler_document_get_n_pages", &a.document_get_n_pages},
      {"poppler_document_get_page", &a.document_get_page},
      {"poppler_error_quark", &a.error_quark},
      {"g_bytes_new_static", &a.bytes_new_static},
      {"g_bytes_unref", &a.bytes_unref},
      {"g_error_matches", &a.error_matches},
      {"g_error_free", &a.error_free},
      {"g_free", &a.free},
      {"g_object_unref", &a.object_unref},
      {"g_log_set_handler", &a.log_set_handler},
      {"poppler_page_get_text", &a.page_get_text},
      {"poppler_page_get_text_layout", &a.page_get_text_layout},
      {"poppler_page_get_size", &a.page_get_size},
  };
  if (dynlib_load(RL_POPPLER_SONAME, syms, sizeof syms / sizeof *syms,
                  api_error, sizeof api_error) < 0)
    return;
  a.log_set_handler(
      "Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
      drop_log, NULL);
  api = a;
}

/* The first line of a poppler message, without control characters. */
static void one_line(const char *msg, char *buf, size_t cap) {
  size_t n = 0;
  for (const char *p = msg ? msg : ""; *p && *p != '\n' && n + 1 < cap; p++)
    if ((unsigned char)*p >= 0x20)
      buf[n++] = *p;
  while (n > 0 && buf[n - 1] == ' ')
    n--;
  buf[n] = '\0';
  if (n == 0)
    snprintf(buf, cap, "%s", _("poppler cannot load it"));
}

static int load_error(GError *err, const char *file, rl_diag *diag) {
  char msg[256];
  int encrypted =
      api.error_matches(err, api.error_quark(), POPPLER_ERROR_ENCRYPTED);
  one_line(err ? err->message : NULL, msg, sizeof msg);
  if (err)
    api.error_free(err);
  if (encrypted)
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "encrypted PDF: it needs a password; save an "
                    "unprotected copy");
  return diag_set(diag, DIAG_INPUT, file, 0, 0, "corrupt PDF: %s", msg);
}

static PopplerDocument *load_document(const char *raw, size_t len,
                                      const char *file, rl_diag *diag) {
  GError *err = NULL;
  GBytes *bytes = api.bytes_new_static(raw, len);
  PopplerDocument *doc = api.document_new_from_bytes(bytes, NULL, &err);
  api.bytes_unref(bytes); // the document holds its own reference
  if (!doc) {
    load_error(err, file, diag);
    return NULL;
  }
  if (err)
    api.error_free(err);
  return doc;
}

/* Appends the code point at s (n bytes) unless it is a control character
 * other than tab and LF (C0, DEL, C1: this drops CR, form feed and NUL). */
static int put_clean_cp(strbuf *sb, const char *s, int n, uint32_t cp) {
  if (n < 0)
    return strbuf_put(sb, "\xEF\xBF\xBD", 3); // U+FFFD for a bad byte
  if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0))
    return 0;
  return strbuf_put(sb, s, (size_t)n);
}

static int put_clean(strbuf *sb, const char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    int n = utf8_decode(s + i, len - i, &cp);
    if (put_clean_cp(sb, s + i, n, cp) < 0)
      return -1;
    i += n < 0 ? 1 : (size_t)n;
  }
  return 0;
}

typedef struct page_texts {
  pagefurn_page *v;
  int n;
} page_texts;

static void page_texts_release(page_texts *pt) {
  for (int i = 0; i < pt->n; i++)
    free(pt->v[i].text);
  free(pt->v);
  pt->v = NULL;
  pt->n = 0;
}

static int too_much_text(size_t cap, const char *file, rl_diag *diag) {
  return diag_set(diag, DIAG_INPUT, file, 0, 0,
                  "PDF text exceeds the limit of %zu bytes", cap);
}

/* The glyphs of page (its text raw): one box per code point of raw, or
 * NULL when poppler's boxes do not match the text one to one. Returns a
 * newly allocated array of *n glyphs; the caller frees it with free(). */
static pdf_glyph *page_glyphs(PopplerPage *page, const char *raw,
                              size_t *n) {
  PopplerRectangle *rects = NULL;
  guint nrect = 0;
  if (!raw || !api.page_get_text_layout(page, &rects, &nrect)) {
    api.free(rects);
    return NULL;
  }
  size_t len = strlen(raw), k = 0;
  pdf_glyph *g = xmalloc(((size_t)nrect + 1) * sizeof *g);
  for (size_t i = 0; i < len; k++) {
    uint32_t cp;
    int step = utf8_decode(raw + i, len - i, &cp);
    if (k == nrect)
      break;
    g[k] = (pdf_glyph){step < 0 ? 0xFFFD : cp, rects[k].x1, rects[k].y1,
                       rects[k].x2, rects[k].y2};
    i += step < 0 ? 1 : (size_t)step;
  }
  api.free(rects);
  if (k != nrect || utf8_count(raw, len) != nrect) {
    free(g);
    return NULL;
  }
  *n = k;
  return g;
}

/* A page's analysis with its text for when there is none. */
typedef struct page_grid {
  pdf_grid *grid; /* NULL: the plain text */
  char *raw;      /* poppler's text, freed with api.free */
} page_grid;

static page_grid analyse_page(PopplerPage *page, pdf_grid *prev) {
  page_grid pgd = {NULL, api.page_get_text(page)};
  size_t n = 0;
  pdf_glyph *g = page_glyphs(page, pgd.raw, &n);
  if (g) {
    double w = 0, h = 0;
    api.page_get_size(page, &w, &h);
    pgd.grid = pdf_grid_new(g, n, w, h, prev);
    free(g);
  }
  return pgd;
}

/* Cleans page pgd's text into the next slot of pt (ending with '\n')
 * and releases pgd. */
static int store_page(page_grid *pgd, size_t cap, size_t *total,
                      page_texts *pt) {
  size_t len = 0;
  char *text = NULL;
  const char *s = pgd->raw ? pgd->raw : "";
  if (pgd->grid &&
      (pdf_grid_regions(pgd->grid) > 0 || pdf_grid_carried(pgd->grid) > 0))
    s = text = pdf_grid_text(pgd->grid, &len, NULL);
  else
    len = strlen(s);
  strbuf sb;
  strbuf_init(&sb, cap - *total);
  int rc = put_clean(&sb, s, len);
  if (rc == 0 && (sb.len == 0 || sb.p[sb.len - 1] != '\n'))
    rc = strbuf_putc(&sb, '\n'); // the last line is a line too
  free(text);
  api.free(pgd->raw);
  pdf_grid_free(pgd->grid);
  *pgd = (page_grid){NULL, NULL};
  pt->v[pt->n].text = strbuf_detach(&sb, &pt->v[pt->n].len);
  *total += pt->v[pt->n++].len;
  return rc;
}

/* The cleaned text of every page into pt, each ending with '\n' (an
 * empty page is one empty line). A page's tables are rebuilt from its
 * glyphs (pdf_grid); a page is stored once the next one is analysed,
 * since a table continued there may complete a label of this one. pt->n
 * counts the pages made, also on failure, so that page_texts_release
 * frees them. */
/* A document whose pages take longer than the budget to read (one
 * compressed stream of spaces shared by two thousand pages takes seconds
 * a page) is refused between pages: poppler cannot be interrupted inside
 * one, so a single page is bounded only by poppler itself. */
static int too_slow(unsigned budget_ms, int done, int npages,
                    const char *file, rl_diag *diag) {
  return diag_set(diag, DIAG_INPUT, file, 0, 0,
                  "PDF takes too long to read: %d of %d pages in %u s "
                  "(limit --max-read-time %u)",
                  done, npages, budget_ms / 1000, budget_ms / 1000);
}

static int extract_pages(PopplerDocument *doc, int npages, size_t cap,
                         unsigned budget_ms, page_texts *pt, const char *file,
                         rl_diag *diag) {
  size_t total = 0;
  page_grid prev = {NULL, NULL};
  int rc = 0;
  double t0 = monoclock_seconds();
  pt->v = xcalloc((size_t)npages, sizeof *pt->v);
  for (int i = 0; i < npages && rc == 0; i++) {
    if (i > 0 && (monoclock_seconds() - t0) * 1e3 > budget_ms) {
      rc = too_slow(budget_ms, i, npages, file, diag);
      break;
    }
    PopplerPage *page = api.document_get_page(doc, i);
    if (!page) {
      rc = diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "corrupt PDF: page %d cannot be read", i + 1);
      break;
    }
    page_grid cur = analyse_page(page, prev.grid);
    api.object_unref(page);
    if (i > 0 && store_page(&prev, cap, &total, pt) < 0)
      rc = too_much_text(cap, file, diag);
    prev = cur;
  }
  if (rc == 0 && store_page(&prev, cap, &total, pt) < 0)
    rc = too_much_text(cap, file, diag);
  api.free(prev.raw);
  pdf_grid_free(prev.grid);
  return rc;
}

static int has_text(const page_texts *pt) {
  for (int i = 0; i < pt->n; i++)
    if (!utf8_blank(pt->v[i].text, pt->v[i].len))
      return 1;
  return 0;
}

static size_t count_lf(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += s[i] == '\n';
  return n;
}

/* Joins the pages (each ends with '\n') into out->text and fills the
 * page table. */
static int join_pages(const page_texts *pt, size_t cap, extracted *out,
                      const char *file, rl_diag *diag) {
  strbuf sb;
  strbuf_init(&sb, cap);
  out->page_start = xcalloc((size_t)pt->n, sizeof *out->page_start);
  out->npages = pt->n;
  size_t line = 1;
  for (int i = 0; i < pt->n; i++) {
    const pagefurn_page *pg = &pt->v[i];
    out->page_start[i] = (int)line;
    line += count_lf(pg->text, pg->len);
    if (strbuf_put(&sb, pg->text, pg->len) < 0 || line > INT_MAX) {
      strbuf_release(&sb);
      return too_much_text(cap, file, diag);
    }
  }
  out->text = strbuf_detach(&sb, &out->len);
  return 0;
}

/* poppler and its GLib wrapper keep caches shared between documents
 * that helgrind shows being raced on when `audit -j N` reads PDFs in
 * parallel; one document at a time is read under this lock. Everything
 * after the text is out of poppler's hands runs unlocked. */
static pthread_mutex_t poppler_lock = PTHREAD_MUTEX_INITIALIZER;

int read_pdf(const char *raw, size_t len, const char *file,
             const reader_limits *lim, extracted *out, rl_diag *diag) {
  extracted_init(out);
  pthread_once(&api_once, open_poppler);
  if (!api.page_get_text)
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "cannot read PDF: poppler-glib is not available (%s)",
                    api_error);
  size_t cap = lim && lim->max_bytes ? lim->max_bytes : PDF_DEFAULT_MAX_TEXT;
  pthread_mutex_lock(&poppler_lock);
  PopplerDocument *doc = load_document(raw, len, file, diag);
  if (!doc) {
    pthread_mutex_unlock(&poppler_lock);
    return -1;
  }
  int npages = api.document_get_n_pages(doc);
  page_texts pt = {NULL, 0};
  int rc = 0;
  if (npages > PDF_MAX_PAGES)
    rc = diag_set(diag, DIAG_INPUT, file, 0, 0, "PDF has %d pages (limit %d)",
                  npages, PDF_MAX_PAGES);
  else if (npages <= 0)
    rc = diag_set(diag, DIAG_INPUT, file, 0, 0, "PDF has no pages");
  else
    rc = extract_pages(doc, npages, cap,
                       lim && lim->max_ms ? lim->max_ms : READER_DEFAULT_MAX_MS,
                       &pt, file, diag);
  api.object_unref(doc);
  pthread_mutex_unlock(&poppler_lock);
  if (rc == 0) {
    pagefurn_strip(pt.v, pt.n);
    if (!has_text(&pt))
      rc = diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "PDF has no text layer (scanned pages?): run OCR first, "
                    "e.g. ocrmypdf");
  }
  if (rc == 0)
    rc = join_pages(&pt, cap, out, file, diag);
  page_texts_release(&pt);
  if (rc < 0)
    extracted_release(out);
  else
    out->encoding = "UTF-8 (PDF)";
  return rc;
}
