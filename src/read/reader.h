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
/* Parses a --input-format value: a format's name or one of its aliases
 * ("text", "markdown", "htm"), or "auto", in lower case; -1 if unknown. */
int reader_format_parse(const char *name);
/* The format of a file from its content (magic bytes: PK\3\4 → DOCX,
 * %PDF- → PDF, an <html / <!DOCTYPE html / <body / <head start → HTML),
 * else from the extension of path (.md .markdown → Markdown), else text. */
input_format reader_detect(const char *path, const char *raw, size_t len);

/* What a directory walk makes of a file name (a path's last component is
 * used): a report by its extension, in any case (a format's extensions,
 * and .doc .wps, which are read to be refused with a reason); a README,
 * which describes a folder of reports; a Word lock file (~$name.docx); or
 * anything else. The same extensions as reader_detect's. */
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
   * format has no styles. Owned. model_build gives each paragraph its
   * line's level (doc_para.style). */
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

/* ---- the input formats ---------------------------------------------- */

/* A place in a file as its format names it. */
typedef struct location {
  int page;              /* PDF: 1-based page of line; else 0 */
  int line, col;         /* 1-based; col counted in code points */
  int end_line, end_col; /* where it ends; end_col exclusive */
} location;

typedef struct reader_format reader_format;

/* Where a position in the text a reader gave is in the file: a view of
 * the report's line maps and the reader's extras, never owning them. */
typedef struct locmap {
  const reader_format *fmt;
  const linemap *text; /* lines of the text the reader gave */
  const extracted *x;  /* HTML: map to the source; PDF: page table */
  const linemap *src;  /* HTML: lines of x->src; else unused */
} locmap;

/* A format's reader: raw (len bytes, the whole file) into *out, which it
 * initialises; file is used only in diagnostics. 0, or -1 with a
 * DIAG_INPUT diag. */
typedef int (*reader_fn)(const char *raw, size_t len, const char *file,
                         const reader_limits *lim, extracted *out,
                         rl_diag *diag);

/* How a format's text is normalised (its row's `normalize`; see
 * normalize.h). */
enum {
  /* Markdown source: block quote and bullet markers at a line start,
   * strong/strike markers (** __ ~~), code backticks, backslash escapes
   * and link/image syntax ([text](url) → text) are dropped, a thematic
   * break (---) is a blank line. Single * and _ stay: 会议*次 is a
   * placeholder to find, not emphasis. # headings are segment's. */
  NORMALIZE_MARKDOWN = 1,
  /* Every line is a paragraph already (DOCX): nothing is joined. */
  NORMALIZE_NO_JOIN = 2,
};

/* One input format: everything the program knows about it. */
struct reader_format {
  input_format id;
  const char *name;           /* --input-format, JSON "format" */
  const char *const *aliases; /* other --input-format names, NULL-ended */
  const char *const *exts;    /* file name endings, any case, NULL-ended */
  /* 1 if raw's first bytes say it is this format; NULL: never sniffed */
  int (*sniff)(const char *raw, size_t len);
  reader_fn read;
  /* Text files only: what of the text is not the report (a portal page
   * saved as text, a PDF's page numbers), blanked; NULL: nothing to do */
  void (*tidy)(extracted *x);
  int text_file;              /* the file is text, in dec's encoding (not
                                 a container: DOCX, PDF) */
  int normalize;              /* NORMALIZE_* flags for its text */
  const char *line_prefix;    /* before a line number: "¶" for DOCX */
  /* A place in the reader's text → the file's (HTML source lines, PDF
   * pages); NULL: the text's lines are the file's. */
  void (*place)(const locmap *m, location *at);
};

/* The row of format f (FMT_AUTO reads as text). */
const reader_format *reader_format_of(input_format f);

/* Reads raw with format f's reader into *out (initialised here), refuses
 * a file with no text, then blanks what of a text file is not the report
 * (f->tidy). 0, or -1 with diag (and *out released). */
int reader_read(const reader_format *f, const char *raw, size_t len,
                const char *file, const reader_limits *lim, extracted *out,
                rl_diag *diag);

/* m views f, text (the lines of the reader's text), x and src (HTML: the
 * lines of x->src); all must outlive it. Nothing to release. */
void locmap_init(locmap *m, const reader_format *f, const linemap *text,
                 const extracted *x, const linemap *src);
/* *at, a place in the reader's text (page 0), becomes the file's. */
void locmap_place(const locmap *m, location *at);
/* How the user names a place: "12:5", "¶12:5" (DOCX), "p3:12:5" (PDF).
 * Returns buf. */
const char *locmap_name(const locmap *m, const location *at, char *buf,
                        size_t cap);
/* How the user names line `line` of the reader's text: "12", "¶12", the
 * line within its page (PDF), the line of the HTML source. Returns buf. */
const char *locmap_line_name(const locmap *m, int line, char *buf,
                             size_t cap);

#endif
