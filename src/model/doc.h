/* doc: the document model of one report, built in two phases.
 *
 * segment (phase 1) fills paragraphs, title, year, headings, sections and
 * the signature; scan (phase 2) fills numbers: quantities, dates and inline
 * enumerations. All offsets are byte offsets into the normalised text,
 * which the doc does not own (the report does); arrays are allocated in
 * the doc's arena and released by doc_release(). doc_check() asserts the
 * invariants after every parse (tests and fuzz targets call it). */
#ifndef RL_DOC_H
#define RL_DOC_H

#include "alloc.h"
#include "marker.h"

#include <stddef.h>

typedef struct span {
  size_t off, len;
} span;

/* One logical paragraph: a line of the normalised text without its '\n'. */
typedef struct doc_para {
  size_t off, len;
  int heading;  /* index into doc.heads, -1 for body text */
  int section;  /* innermost section containing it, -1 if none */
  int table;    /* the table it is a row of (doc.tables), -1 if none */
  int style;    /* the level its writer's styles give it (DOCX): 1-9 a
                   heading, -1 the title, 0 body or no styles; segment
                   takes a styled line without a numbered marker for an
                   unnumbered heading of that level */
} doc_para;

typedef struct doc_heading {
  int para;      /* paragraph index */
  int level;     /* 1 一、 / 2 （一） / 3 1. / 4 （1）; unnumbered: see segment */
  doc_mark mark;
  int number;    /* ordinal value of the marker, 0 if unnumbered */
  span marker;   /* the marker text, e.g. "（二）" */
  span text;     /* heading text after the marker, up to the first 。 or end */
} doc_heading;

/* A heading and its body up to the next heading of the same or a higher
 * level. sections[i] belongs to heads[i]. */
typedef struct doc_section {
  int heading;   /* index into heads */
  int parent;    /* enclosing section, -1 for a top-level one */
  size_t off, end; /* from the heading's start to the end of the body */
  const char *key; /* assigned by section rules (static rule string) */
} doc_section;

typedef enum {
  APPROX_EXACT = 0,
  APPROX_ATLEAST, /* 余 多 逾 以上 超过: at least n, below the next magnitude */
  APPROX_NEARLY,  /* 近 将近 接近: a little below n */
  APPROX_ABOUT,   /* 约 左右 大约: around n */
} doc_approx;

typedef struct doc_quantity {
  span num;        /* the number as written, incl. 万/亿, e.g. "4.1万" */
  span all;        /* number + approximation words + unit */
  double value;    /* stated value in base units (万 applied) */
  double lo, hi;   /* interval the statement allows (precision, approx) */
  doc_approx approx;
  int chinese;     /* written with Chinese numerals */
  int decimals;    /* digits after the point as written */
  span unit;       /* "件" "%" "万元" ... ; len 0 if none */
  span label;      /* text before the number in the same clause */
  int para;
} doc_quantity;

typedef struct doc_date {
  span s;          /* the date as written */
  int year, month, day; /* day 0: month only ("2024年10月"); */
  int chinese;     /* 二〇二五年一月七日 */
  int para;
} doc_date;

typedef enum {
  ENUM_SHI = 1,    /* 一是 二是 */
  ENUM_DI,         /* 第一， 第二、 */
  ENUM_QI,         /* 其一 其二 */
} doc_enum_style;

typedef struct doc_enum {
  span marker;
  int number;
  doc_enum_style style;
  int para;
} doc_enum;

/* Something about the file rather than its text (a reader's note):
 * kind is a rules.h input_check, off a normalised offset. */
typedef struct doc_note {
  int kind;
  size_t off;
  int count;
} doc_note;

/* Text the normaliser cut out of a sentence (a reposting site's name and
 * address, reposted.h): the words around it are read as one. off is
 * where it stood in the normalised text; [src, src_end) is its place in
 * the reader's text, text a copy of it (arena). */
typedef struct doc_cut {
  size_t off;
  size_t src, src_end;
  const char *text;
} doc_cut;

/* One cell of a table row. s is the cell's text in the normalised text,
 * trimmed (len 0 for an empty cell, at the offset where it stood). An
 * empty cell, or one holding only a dash (— - －), has no number: blank is
 * not zero. */
typedef struct doc_cell {
  span s;
  span num;        /* the number within s; len 0 if has_number is 0 */
  int has_number;
  double value;
  int decimals;    /* digits after the point as written */
} doc_cell;

typedef struct doc_row {
  int first_cell, ncell; /* into doc.cells */
  int para;              /* paragraph of the row's first cell */
} doc_row;

/* Consecutive tabular lines (tab-separated, Markdown pipe or aligned by
 * runs of spaces) with about the same number of cells. */
typedef struct doc_table {
  int first_row, nrow;   /* into doc.rows */
  int para;              /* paragraph of the first row */
  int caption_para;      /* nearest paragraph before it, -1 if none */
  span caption;          /* that paragraph's text; len 0 if none */
  int ragged;            /* aligned text whose figures do not line up in
                            columns: its cells cannot be trusted */
  /* its layout, laid out once by tables_find (see table_view.h): */
  int width;             /* data columns */
  const char **path;     /* per row: label path, "" for a header row */
  unsigned char *data;   /* per row: 1 if it has a number */
  unsigned char *leaf;   /* per data row: 1 if no later row is its child */
} doc_table;

typedef struct doc {
  const char *text; /* normalised text, not owned */
  size_t len;
  arena arena;

  doc_para *paras;
  int npara;
  doc_heading *heads;
  int nhead;
  doc_section *sections; /* one per heading, same index */
  int nsection;

  span title;          /* len 0 if none found */
  int title_first, title_last; /* paragraph range, -1 if none */
  int year;            /* report year from the title, 0 if unknown */
  span year_span;

  int sig_issuer_para; /* -1 if none */
  span issuer;
  int sig_date;        /* index into dates, -1 if none */
  int published;       /* the page's publication date (a portal page's
                          发布时间), yyyymmdd; 0 if none. Not a date of the
                          text: set by model_build from its reader */
  int body_first;      /* first paragraph after the title */
  int body_last;       /* last paragraph before the signature */

  doc_quantity *qty;
  int nqty;
  doc_date *dates;
  int ndate;
  doc_enum *enums;
  int nenum;
  doc_note *notes;     /* set by model_build from its reader, arena */
  int nnote;
  doc_cut *cuts;       /* set by model_build from the normaliser, arena */
  int ncut;
  doc_table *tables;   /* set by tables_find, arena */
  int ntable;
  doc_row *rows;
  int nrow;
  doc_cell *cells;
  int ncell;
} doc;

void doc_init(doc *d, const char *text, size_t len);
/* Frees the arena and the arrays of quantities, dates and enumerations
 * (on the heap: scan_run grows them). */
void doc_release(doc *d);
/* Frees only the scanner's arrays and empties them (scan_run starts so). */
void doc_release_numbers(doc *d);
/* Fills d->paras with one paragraph per '\n'-terminated line of the
 * text (segment's first step; tests use it to build a doc by hand). */
void doc_split_paragraphs(doc *d);
/* Asserts the model's invariants (spans inside the text and ordered,
 * indices in range, sections nested). Returns 0 when they hold; in
 * release builds returns -1 instead of aborting. */
int doc_check(const doc *d);
/* Paragraph index containing offset off, or -1. Binary search. */
int doc_para_at(const doc *d, size_t off);

#endif
