/* reader: a report file's bytes in any supported format → plain text.
 *
 * Every format becomes the same thing: UTF-8 text, one paragraph or
 * physical line per '\n'-terminated line, which the normaliser and the
 * document model then read as they read a .txt file. What differs is how
 * a position in that text is named for the user:
 *   text, Markdown  the file's own line and column (the text is the file);
 *   DOCX            ¶N:col, N the paragraph (a body paragraph, or one
 *                   table row whose cells are joined by tabs), counted
 *                   from 1 in document order: line N of the text;
 *   HTML            the line and column in the HTML source, through map;
 *   PDF             page:line:col, line counted within the page, from the
 *                   page table.
 * Readers never print; failures come back as -1 with a DIAG_INPUT
 * diagnostic naming the file (and the part of it, e.g. "word/document.xml
 * line 12") and what is wrong. */
#ifndef RL_READER_H
#define RL_READER_H

#include "diag.h"
#include "posmap.h"

#include <stddef.h>

typedef enum input_format {
  FMT_AUTO = 0,
  FMT_TEXT,
  FMT_MARKDOWN,
  FMT_DOCX,
  FMT_HTML,
  FMT_PDF,
} input_format;

/* "txt" "md" "docx" "html" "pdf"; "auto" for FMT_AUTO. */
const char *reader_format_name(input_format f);
/* Parses a --input-format value ("txt"/"text", "md"/"markdown", "docx",
 * "html"/"htm", "pdf", "auto"); -1 if unknown. */
int reader_format_parse(const char *name);
/* The format of a file from its content (magic bytes: PK\3\4 with a
 * word/document.xml entry name → DOCX, %PDF- → PDF, an <html / <!DOCTYPE
 * html / <body / <head start → HTML), else from the extension of path
 * (.md .markdown → Markdown), else text. */
input_format reader_detect(const char *path, const char *raw, size_t len);

/* What a directory walk makes of a file name (a path's last component is
 * used): a report by its extension, in any case (.txt .md .markdown .html
 * .htm .xhtml .docx .pdf, and .doc .wps, which are read to be refused
 * with a reason); a README, which describes a folder of reports; a Word
 * lock file (~$name.docx); or anything else. The same list as
 * reader_detect's. */
typedef enum reader_name_kind {
  READER_NAME_REPORT,
  READER_NAME_README,
  READER_NAME_LOCK,
  READER_NAME_OTHER,
} reader_name_kind;
reader_name_kind reader_classify_name(const char *name);
/* The extensions above, for messages: a static string. */
const char *reader_report_extensions(void);

/* Caps on what a reader may expand (zip bombs, huge documents). */
typedef struct reader_limits {
  size_t max_bytes;    /* total uncompressed bytes read from a container */
  size_t max_entries;  /* zip entries */
  unsigned max_ms;     /* PDF: milliseconds of extraction per document;
                          0 = READER_DEFAULT_MAX_MS */
} reader_limits;

#define READER_DEFAULT_MAX_MS 60000

#define READER_DEFAULT_MAX_ENTRIES 10000

/* Something about the file itself the user should fix, reported as a
 * finding by the `input` rules (input.tracked-changes, input.comments)
 * at offset off of the extracted text. */
typedef enum reader_note_kind {
  NOTE_TRACKED_CHANGES = 1, /* unaccepted revisions (DOCX) */
  NOTE_COMMENTS,            /* reviewer comments left in (DOCX) */
} reader_note_kind;         /* the same values as rules.h's input_check */

typedef struct reader_note {
  reader_note_kind kind;
  size_t off;          /* in text */
  int count;           /* how many (revisions, comments) */
} reader_note;

typedef struct extracted {
  char *text;          /* UTF-8, LF line ends, NUL-terminated, owned */
  size_t len;
  const char *encoding;/* static: the source's character set */

  /* HTML: text offset → offset in src (the HTML source decoded to UTF-8,
   * LF line ends), whose lines and columns are the user's. */
  int has_src;
  char *src;           /* owned */
  size_t src_len;
  posmap map;

  /* PDF: page_start[i] is the 1-based line of text where page i+1
   * starts; page_start[0] == 1. */
  int *page_start;     /* owned */
  int npages;

  /* HTML: the page's publication date (发布时间, meta PubDate) as
   * yyyymmdd, 0 if the page gives none; the article's own dates are in
   * the text. */
  int published;

  reader_note *notes;  /* owned */
  int nnotes;

  /* DOCX: the structure the writer's styles give each line of text
   * (line_level[i] for line i+1): 0 body, 1-9 a heading of that outline
   * level (Heading N, 标题 N, w:outlineLvl), -1 the title; NULL when the
   * format has no styles. Owned. */
  int *line_level;
  size_t nline_level;
} extracted;

void extracted_init(extracted *x);
void extracted_release(extracted *x);

/* Each reads raw (len bytes, the whole file) into *out (initialised by
 * the reader). file is used only in diagnostics. 0, or -1 with diag.
 * Safe to call from several threads at once. The libraries a format needs
 * (libzip and libxml2 for DOCX, libxml2 for HTML, poppler-glib for PDF)
 * are opened with dlopen() by its first read; if one cannot be, every
 * read of that format fails with a diag that names it. */
int read_docx(const char *raw, size_t len, const char *file,
              const reader_limits *lim, extracted *out, rl_diag *diag);
int read_html(const char *raw, size_t len, const char *file,
              const reader_limits *lim, extracted *out, rl_diag *diag);
int read_pdf(const char *raw, size_t len, const char *file,
             const reader_limits *lim, extracted *out, rl_diag *diag);

/* Helpers the readers share (reader.c). */
void extracted_add_note(extracted *x, reader_note_kind kind, size_t off,
                        int count);

#endif
