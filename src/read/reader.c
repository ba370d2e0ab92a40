/* reader: the table of input formats, and what is read through it.
 *
 * Each input format is one row of `formats` below: its name and aliases,
 * its file extensions, the sniff that knows it by content, its reader,
 * how its text is normalised and how a position in it is named. Format
 * names, detection, the directory walk's classification, reading and
 * locating all look the format up here; nothing else switches on it.
 * Also the extracted-text container the format readers (read_docx.c,
 * read_html.c, read_pdf.c) fill. */
#include "reader.h"

#include "alloc.h"
#include "decode.h"
#include "layout_text.h"
#include "pagefurn.h"
#include "utf8.h"
#include "webfurn.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The start of the content after a BOM, blanks and comments: is it an
 * HTML document? */
static int looks_like_html(const char *raw, size_t len) {
  size_t i = 0;
  if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  for (;;) {
    while (i < len && strchr(" \t\r\n", raw[i]))
      i++;
    if (i + 4 <= len && memcmp(raw + i, "<!--", 4) == 0) {
      const char *e = NULL;
      for (size_t k = i + 4; k + 3 <= len; k++)
        if (memcmp(raw + k, "-->", 3) == 0) {
          e = raw + k + 3;
          break;
        }
      if (!e)
        return 0;
      i = (size_t)(e - raw);
      continue;
    }
    if (i + 5 <= len && memcmp(raw + i, "<?xml", 5) == 0) {
      const char *e = memchr(raw + i, '>', len - i);
      if (!e)
        return 0;
      i = (size_t)(e - raw) + 1;
      continue;
    }
    break;
  }
  size_t rest = len - i < 64 ? len - i : 64;
  const char *p = raw + i;
  return rest >= 5 && (strncasecmp(p, "<html", 5) == 0 ||
                       strncasecmp(p, "<head", 5) == 0 ||
                       strncasecmp(p, "<body", 5) == 0 ||
                       (rest >= 14 && strncasecmp(p, "<!doctype html", 14) == 0));
}

static int looks_like_docx(const char *raw, size_t len) {
  return len >= 4 && memcmp(raw, "PK\3\4", 4) == 0;
} /* any zip: read_docx says what is wrong if it is not DOCX */

static int looks_like_pdf(const char *raw, size_t len) {
  return len >= 5 && memcmp(raw, "%PDF-", 5) == 0;
}

/* Text and Markdown: the decoded file is the text. */
static int read_text(const char *raw, size_t len, const char *file,
                     const reader_limits *lim, extracted *out,
                     rl_diag *diag) {
  (void)lim;
  extracted_init(out);
  decoded dec;
  if (decode_text(raw, len, file, &dec, diag) < 0)
    return -1;
  out->text = dec.text;
  out->len = dec.len;
  out->encoding = dec.encoding;
  return 0;
}

/* A page saved as text keeps the portal's lines around the report, a PDF
 * saved as text its page numbers. */
static void tidy_text(extracted *x) {
  x->published = webfurn_blank_ends(x->text, x->len);
  pagefurn_blank_text_pages(x->text, x->len);
}

/* A web page printed to PDF keeps the portal's lines around the report
 * (its running headers and page numbers pagefurn has taken already). */
static void tidy_pdf(extracted *x) {
  x->published = webfurn_blank_ends(x->text, x->len);
}

/* A PDF saved by pdftotext -layout: its tables rebuilt as the PDF reader
 * rebuilds them (layout_text.h); the text as saved becomes the source its
 * positions are named in. */
static void tidy_layout_text(extracted *x) {
  tidy_text(x);
  char *text;
  size_t len;
  if (!layout_text_rebuild(x->text, x->len, &text, &len, &x->map))
    return;
  x->src = x->text;
  x->src_len = x->len;
  x->text = text;
  x->len = len;
  x->has_src = 1;
}

/* HTML, and text whose tables were rebuilt: a line and column of the
 * extracted text → of the source. */
static void mapped_position(const locmap *m, int *line, int *col) {
  size_t off = linemap_offset(m->text, *line, *col);
  linemap_lookup(m->src, posmap_to_src(&m->x->map, off), line, col);
}

static void place_mapped(const locmap *m, location *at) {
  if (!m->x->has_src)
    return;
  int end_col = at->end_col;
  mapped_position(m, &at->line, &at->col);
  /* end_col is exclusive: map the last character, then step past it */
  int last = end_col > 1 ? end_col - 1 : 1;
  mapped_position(m, &at->end_line, &last);
  at->end_col = end_col > 1 ? last + 1 : last;
}

/* PDF: a line of the extracted text → its page, and the line within it
 * (the end keeps the start's page). */
static void place_pdf(const locmap *m, location *at) {
  const extracted *x = m->x;
  if (x->npages <= 0)
    return;
  int p = 0;
  while (p + 1 < x->npages && x->page_start[p + 1] <= at->line)
    p++;
  at->page = p + 1;
  at->line -= x->page_start[p] - 1;
  at->end_line -= x->page_start[p] - 1;
}

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})

/* The input formats, in input_format order. The sniffs are tried in this
 * order and cannot both match (PK, %PDF-, then markup). .doc and .wps are
 * taken as text, so that decode_text, which knows the Word 97-2003 / WPS
 * signature, tells their drafter to save them as .docx instead of nothing
 * at all. */
static const reader_format formats[] = {
    {.id = FMT_TEXT,
     .name = "txt",
     .aliases = LIST("text"),
     .exts = LIST(".txt", ".doc", ".wps"),
     .read = read_text,
     .tidy = tidy_layout_text,
     .text_file = 1,
     .line_prefix = "",
     .place = place_mapped},
    {.id = FMT_MARKDOWN,
     .name = "md",
     .aliases = LIST("markdown"),
     .exts = LIST(".md", ".markdown"),
     .read = read_text,
     .tidy = tidy_text,
     .text_file = 1,
     .normalize = NORMALIZE_MARKDOWN,
     .line_prefix = ""},
    {.id = FMT_DOCX,
     .name = "docx",
     .aliases = LIST(NULL),
     .exts = LIST(".docx"),
     .sniff = looks_like_docx,
     .read = read_docx,
     .normalize = NORMALIZE_NO_JOIN, /* a line is a paragraph already */
     .line_prefix = "¶"},
    {.id = FMT_HTML,
     .name = "html",
     .aliases = LIST("htm"),
     .exts = LIST(".html", ".htm", ".xhtml"),
     .sniff = looks_like_html,
     .read = read_html,
     .text_file = 1,
     .line_prefix = "",
     .place = place_mapped},
    {.id = FMT_PDF,
     .name = "pdf",
     .aliases = LIST(NULL),
     .exts = LIST(".pdf"),
     .sniff = looks_like_pdf,
     .read = read_pdf,
     .tidy = tidy_pdf,
     .line_prefix = "",
     .place = place_pdf},
};

enum { NFORMATS = sizeof formats / sizeof *formats };

const reader_format *reader_format_of(input_format f) {
  for (int i = 0; i < NFORMATS; i++)
    if (formats[i].id == f)
      return &formats[i];
  return &formats[0];
}

const char *reader_format_name(input_format f) {
  if (f == FMT_AUTO)
    return "auto";
  for (int i = 0; i < NFORMATS; i++)
    if (formats[i].id == f)
      return formats[i].name;
  return "?";
}

static int in_list(const char *const *list, const char *name) {
  for (; *list; list++)
    if (strcmp(*list, name) == 0)
      return 1;
  return 0;
}

int reader_format_parse(const char *name) {
  if (strcmp(name, "auto") == 0)
    return FMT_AUTO;
  for (int i = 0; i < NFORMATS; i++)
    if (strcmp(name, formats[i].name) == 0 || in_list(formats[i].aliases, name))
      return (int)formats[i].id;
  return -1;
}

static int ext_is(const char *path, const char *ext) {
  size_t n = strlen(path), e = strlen(ext);
  return n > e && strcasecmp(path + n - e, ext) == 0;
}

/* The format whose extension path has, in any case (.DOCX, .TXT), or
 * NULL. */
static const reader_format *format_by_ext(const char *path) {
  for (int i = 0; path && i < NFORMATS; i++)
    for (const char *const *e = formats[i].exts; *e; e++)
      if (ext_is(path, *e))
        return &formats[i];
  return NULL;
}

reader_name_kind reader_classify_name(const char *name) {
  const char *base = strrchr(name, '/');
  base = base ? base + 1 : name;
  if (strncasecmp(base, "README", 6) == 0)
    return READER_NAME_README;
  if (strncmp(base, "~$", 2) == 0)
    return READER_NAME_LOCK;
  return format_by_ext(base) ? READER_NAME_REPORT : READER_NAME_OTHER;
}

/* The table's extensions in the order users know them; test_reader checks
 * that it names every extension of the table. */
const char *reader_report_extensions(void) {
  return _(".txt .md .markdown .html .htm .xhtml .docx .pdf (.doc .wps: "
           "to be saved as .docx)");
}

input_format reader_detect(const char *path, const char *raw, size_t len) {
  for (int i = 0; i < NFORMATS; i++)
    if (formats[i].sniff && formats[i].sniff(raw, len))
      return formats[i].id;
  /* No telling content: the extension decides, so a damaged .docx or
   * .pdf gets its reader's error rather than "binary file". */
  const reader_format *f = format_by_ext(path);
  return f ? f->id : FMT_TEXT;
}

/* A reader's text must hold something to check, as decode requires of a
 * text file. */
int reader_read(const reader_format *f, const char *raw, size_t len,
                const char *file, const reader_limits *lim, extracted *out,
                rl_diag *diag) {
  int rc = f->read(raw, len, file, lim, out, diag);
  if (rc == 0 && utf8_blank(out->text, out->len))
    rc = diag_set(diag, DIAG_INPUT, file, 0, 0, "%s file has no text",
                  f->name);
  if (rc < 0) {
    extracted_release(out);
    return -1;
  }
  if (f->tidy)
    f->tidy(out);
  return 0;
}

void locmap_init(locmap *m, const reader_format *f, const linemap *text,
                 const extracted *x, const linemap *src) {
  *m = (locmap){f, text, x, src};
}

void locmap_place(const locmap *m, location *at) {
  if (m->fmt->place)
    m->fmt->place(m, at);
}

const char *locmap_name(const locmap *m, const location *at, char *buf,
                        size_t cap) {
  if (at->page)
    snprintf(buf, cap, "p%d:%d:%d", at->page, at->line, at->col);
  else
    snprintf(buf, cap, "%s%d:%d", m->fmt->line_prefix, at->line, at->col);
  return buf;
}

const char *locmap_line_name(const locmap *m, int line, char *buf,
                             size_t cap) {
  location at = {0, line, 1, line, 1};
  locmap_place(m, &at);
  snprintf(buf, cap, "%s%d", m->fmt->line_prefix, at.line);
  return buf;
}

void extracted_init(extracted *x) {
  memset(x, 0, sizeof *x);
  posmap_init(&x->map);
}

void extracted_release(extracted *x) {
  free(x->text);
  free(x->src);
  posmap_release(&x->map);
  free(x->page_start);
  free(x->notes);
  free(x->line_level);
  memset(x, 0, sizeof *x);
}

void extracted_add_note(extracted *x, reader_note_kind kind, size_t off,
                        int count) {
  x->notes = xrealloc(x->notes, (size_t)(x->nnotes + 1) * sizeof *x->notes);
  x->notes[x->nnotes++] = (reader_note){kind, off, count};
}
