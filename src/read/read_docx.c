/* read_docx: a .docx file's bytes → the report's text, one line per ¶.
 *
 * Consumes the raw file (Office Open XML as Word, WPS and LibreOffice
 * write it). Unzips it from memory with libzip, counting every byte it
 * inflates against lim->max_bytes, and reads word/styles.xml and
 * word/numbering.xml (through docx_num, for list markers Word computes),
 * word/document.xml and word/comments.xml through docx_xml's SAX parser.
 * Produces, in document order, one line per body paragraph (empty ones
 * too) and one per table row (cells joined by '\t', paragraphs in a cell
 * by ' '); a text box's paragraphs follow, one line each, the line that
 * holds the box. Tracked changes are read as if accepted; revisions and
 * comments become one note each. Footnotes, endnotes, headers, footers,
 * comment text, hidden runs, field codes and equations are not text, nor
 * is a table of contents (a TOC field's result): its paragraphs stay, as
 * empty lines, so that the checker does not see every heading twice.
 * libzip and libxml2 are opened (ziplib, xmllib) by the first DOCX read,
 * not when the program starts. */
#include "reader.h"

#include "alloc.h"
#include "docx_num.h"
#include "docx_xml.h"
#include "strbuf.h"
#include "utf8.h"
#include "xmllib.h"
#include "ziplib.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX_BYTES ((size_t)50 * 1024 * 1024)
#define UNSET_OFF ((size_t)-1)

enum {
  READ_CHUNK = 64 * 1024,
  MAX_NEST = DOCX_XML_MAX_DEPTH + 1,
  KEEP_BUFFER = 64 * 1024, /* larger buffers are freed, not reused */
  MAX_FIELDS = 32,         /* nested complex fields tracked */
};

/* --- the container --------------------------------------------------- */

typedef struct container {
  const ziplib *zl;
  zip_t *za;
  const char *file;
  size_t used, max; /* bytes inflated so far, and the cap */
} container;

static int find_bytes(const char *hay, size_t n, const char *needle, size_t m) {
  for (size_t i = 0; m <= n && i <= n - m; i++)
    if (memcmp(hay + i, needle, m) == 0)
      return 1;
  return 0;
}

static int encrypted_diag(const char *file, rl_diag *diag) {
  return diag_set(diag, DIAG_INPUT, file, 0, 0,
                  "encrypted DOCX: remove the password and save again");
}

/* An OLE2 compound file: how Word saves a password-protected .docx (an
 * "EncryptedPackage" stream), or an old .doc ("WordDocument"). The
 * directory names are UTF-16LE. */
static int ole2_diag(const char *raw, size_t len, const char *file,
                     rl_diag *diag) {
  static const char enc[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e";
  static const char doc[] = "W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t";
  if (find_bytes(raw, len, enc, sizeof enc - 1))
    return encrypted_diag(file, diag);
  if (find_bytes(raw, len, doc, sizeof doc - 1))
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "not a DOCX: a Word 97-2003 .doc file; save it as .docx");
  return diag_set(diag, DIAG_INPUT, file, 0, 0,
                  "not a DOCX: an OLE2 compound file (an older Office format)");
}

/* "corrupt DOCX: <libzip's message>", its first letter lowered. */
static int zip_diag(const container *c, const char *part, zip_error_t *err,
                    rl_diag *diag) {
  const char *file = c->file;
  char msg[256];
  snprintf(msg, sizeof msg, "%s", c->zl->zip_error_strerror(err));
  if (msg[0] >= 'A' && msg[0] <= 'Z')
    msg[0] = (char)(msg[0] - 'A' + 'a');
  if (part)
    return diag_set(diag, DIAG_INPUT, file, 0, 0, "corrupt DOCX: %s: %s", part,
                    msg);
  return diag_set(diag, DIAG_INPUT, file, 0, 0, "corrupt DOCX: %s", msg);
}

static int open_diag(const container *c, const char *raw, size_t len,
                     zip_error_t *err, rl_diag *diag) {
  const char *file = c->file;
  int code = c->zl->zip_error_code_zip(err);
  /* libzip says "no such file" when a header's size or offset points past
   * the archive (a part claiming 4 GB): say what is wrong */
  if (code == ZIP_ER_NOENT || code == ZIP_ER_INCONS)
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "corrupt DOCX: inconsistent zip headers (a size or "
                    "offset that does not fit the file)");
  if (code != ZIP_ER_NOZIP)
    return zip_diag(c, NULL, err, diag);
  if (len >= 4 && memcmp(raw, "PK\3\4", 4) == 0)
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "corrupt DOCX: damaged or truncated zip archive (no "
                    "central directory)");
  return diag_set(diag, DIAG_INPUT, file, 0, 0,
                  "corrupt DOCX: not a zip archive");
}

/* Refuses more than max_entries entries and any encrypted entry. */
static int check_entries(container *c, size_t max_entries, rl_diag *diag) {
  zip_int64_t n = c->zl->zip_get_num_entries(c->za, 0);
  if (n < 0 || (zip_uint64_t)n > max_entries)
    return diag_set(diag, DIAG_INPUT, c->file, 0, 0,
                    "too many zip entries in DOCX (%lld, limit %zu)",
                    (long long)n, max_entries);
  for (zip_int64_t i = 0; i < n; i++) {
    zip_stat_t st;
    if (c->zl->zip_stat_index(c->za, (zip_uint64_t)i, 0, &st) == 0 &&
        (st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
        st.encryption_method != ZIP_EM_NONE)
      return encrypted_diag(c->file, diag);
  }
  return 0;
}

static int container_open(container *c, const char *raw, size_t len,
                          const reader_limits *lim, rl_diag *diag) {
  static const char ole2[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  if (len >= 8 && memcmp(raw, ole2, 8) == 0)
    return ole2_diag(raw, len, c->file, diag);
  /* libzip takes a file too short for a zip as an empty archive; a DOCX
   * starts with a local header (or an empty archive's end record) */
  if (len < 4 || memcmp(raw, "PK", 2) != 0)
    return diag_set(diag, DIAG_INPUT, c->file, 0, 0,
                    "corrupt DOCX: not a zip archive");
  const ziplib *zl = c->zl;
  zip_error_t err;
  zl->zip_error_init(&err);
  zip_source_t *src =
      zl->zip_source_buffer_create(len ? raw : NULL, len, 0, &err);
  if (src)
    c->za = zl->zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!c->za) {
    int rc = open_diag(c, raw, len, &err, diag);
    zl->zip_source_free(src);
    zl->zip_error_fini(&err);
    return rc;
  }
  zl->zip_error_fini(&err);
  size_t max_entries =
      lim && lim->max_entries ? lim->max_entries : READER_DEFAULT_MAX_ENTRIES;
  return check_entries(c, max_entries, diag);
}

/* Inflates the whole of zf into out, stopping at the byte cap whatever
 * the zip header claims. */
static int inflate_all(container *c, zip_file_t *zf, const char *name,
                       strbuf *out, rl_diag *diag) {
  char *chunk = xmalloc(READ_CHUNK);
  int rc = 0;
  for (;;) {
    zip_int64_t n = c->zl->zip_fread(zf, chunk, READ_CHUNK);
    if (n < 0) {
      rc = zip_diag(c, name, c->zl->zip_file_get_error(zf), diag);
      break;
    }
    if (n == 0)
      break;
    if (strbuf_put(out, chunk, (size_t)n) < 0) {
      rc = diag_set(diag, DIAG_INPUT, c->file, 0, 0,
                    "zip bomb: uncompressed content over %zu bytes", c->max);
      break;
    }
  }
  free(chunk);
  return rc;
}

/* Reads part name (any case) into out (initialised here; the caller
 * releases it). 1 if there is no such part, 0 if read, -1 with diag. */
static int container_read(container *c, const char *name, strbuf *out,
                          rl_diag *diag) {
  strbuf_init(out, c->max - c->used);
  zip_int64_t idx = c->zl->zip_name_locate(c->za, name, ZIP_FL_NOCASE);
  if (idx < 0)
    return 1;
  zip_file_t *zf = c->zl->zip_fopen_index(c->za, (zip_uint64_t)idx, 0);
  if (!zf) {
    zip_error_t *err = c->zl->zip_get_error(c->za);
    int code = c->zl->zip_error_code_zip(err);
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD ||
        code == ZIP_ER_ENCRNOTSUPP)
      return encrypted_diag(c->file, diag);
    return zip_diag(c, name, err, diag);
  }
  int rc = inflate_all(c, zf, name, out, diag);
  c->zl->zip_fclose(zf);
  c->used += out->len;
  return rc;
}

/* --- document.xml ---------------------------------------------------- */

/* The elements the walk reacts to. */
typedef enum ekind {
  K_OTHER,
  K_DOCUMENT,
  K_P,
  K_PPR,
  K_PSTYLE,
  K_NUMPR,
  K_NUMID,
  K_ILVL,
  K_OUTLINE,
  K_RPR,
  K_R,
  K_T,
  K_TAB,
  K_BR,
  K_HYPHEN,
  K_VANISH,
  K_TBL,
  K_TR,
  K_TRPR,
  K_TC,
  K_GRIDSPAN,
  K_TXBX,
  K_INS,
  K_DEL,
  K_MOVEFROM,
  K_MOVETO,
  K_CHANGE,  /* w:*PrChange: the properties before a tracked change */
  K_CELLREV, /* w:cellIns, w:cellDel, w:cellMerge */
  K_COMMENTREF,
  K_COMMENTSTART,
  K_FLDCHAR,
  K_INSTR,
  K_FLDSIMPLE,
  K_ALT,    /* mc:AlternateContent */
  K_BRANCH, /* mc:Choice, mc:Fallback */
} ekind;

static const struct {
  const char *name;
  ekind k;
} w_kinds[] = {
    {"p", K_P},
    {"r", K_R},
    {"t", K_T},
    {"rPr", K_RPR},
    {"pPr", K_PPR},
    {"pStyle", K_PSTYLE},
    {"numPr", K_NUMPR},
    {"numId", K_NUMID},
    {"ilvl", K_ILVL},
    {"outlineLvl", K_OUTLINE},
    {"tab", K_TAB},
    {"ptab", K_TAB},
    {"br", K_BR},
    {"cr", K_BR},
    {"noBreakHyphen", K_HYPHEN},
    {"vanish", K_VANISH},
    {"tbl", K_TBL},
    {"tr", K_TR},
    {"trPr", K_TRPR},
    {"tc", K_TC},
    {"gridSpan", K_GRIDSPAN},
    {"txbxContent", K_TXBX},
    {"ins", K_INS},
    {"del", K_DEL},
    {"moveFrom", K_MOVEFROM},
    {"moveTo", K_MOVETO},
    {"rPrChange", K_CHANGE},
    {"pPrChange", K_CHANGE},
    {"sectPrChange", K_CHANGE},
    {"tblPrChange", K_CHANGE},
    {"tblPrExChange", K_CHANGE},
    {"tblGridChange", K_CHANGE},
    {"trPrChange", K_CHANGE},
    {"tcPrChange", K_CHANGE},
    {"numberingChange", K_CHANGE},
    {"cellIns", K_CELLREV},
    {"cellDel", K_CELLREV},
    {"cellMerge", K_CELLREV},
    {"commentReference", K_COMMENTREF},
    {"commentRangeStart", K_COMMENTSTART},
    {"document", K_DOCUMENT},
    {"fldChar", K_FLDCHAR},
    {"instrText", K_INSTR},
    {"fldSimple", K_FLDSIMPLE},
};

static ekind classify(const char *ns, const char *local) {
  if (docx_xml_is_w(ns)) {
    for (size_t i = 0; i < sizeof w_kinds / sizeof *w_kinds; i++)
      if (strcmp(local, w_kinds[i].name) == 0)
        return w_kinds[i].k;
  } else if (ns && strcmp(ns, DOCX_NS_MC) == 0) {
    if (strcmp(local, "AlternateContent") == 0)
      return K_ALT;
    if (strcmp(local, "Choice") == 0 || strcmp(local, "Fallback") == 0)
      return K_BRANCH;
  }
  return K_OTHER;
}

static int is_revision(ekind k) {
  return k == K_INS || k == K_DEL || k == K_MOVEFROM || k == K_MOVETO ||
         k == K_CHANGE || k == K_CELLREV;
}

/* One open element. notext: its content is not the document's text
 * (deleted, moved away, old properties, a hidden run); quiet: inside old
 * properties, where nothing counts; dead: a markup-compatibility branch
 * not taken, ignored entirely. */
typedef struct frame {
  ekind kind;
  char notext, quiet, dead;
  char taken; /* K_ALT: a branch was used */
  char owns;  /* K_P, K_TR: opened a line */
  char toc;   /* K_FLDSIMPLE: a TOC field */
} frame;

/* An open complex field (w:fldChar begin … separate … end): the first
 * letters of its code, and whether its result has started. */
typedef struct field {
  char head[8];
  int nhead, result, toc;
} field;

/* An open w:p: its run text and what its w:pPr says. */
typedef struct para {
  strbuf text, marker;
  char *style;
  int num_id, ilvl, outline;
  int resolved, level;
  int mark_deleted; /* its paragraph mark is a tracked deletion */
  int owns_line, in_row;
  int revised, commented;
} para;

/* An open line of output: a body paragraph, a table row, or a text-box
 * paragraph. deferred holds finished text-box lines that follow it. */
typedef struct line {
  int is_row, deleted;
  strbuf text, deferred;
  int ndeferred;
  int txbx, tbl; /* text-box and table depth when it opened */
  int ncells, cell_text;
  int span_after; /* w:gridSpan - 1 of the open cell: empty cells after it */
  int revised, commented, level;
} line;

typedef struct walker {
  docx_num *dn;
  const char *file;
  rl_diag *diag;
  size_t max, produced; /* text bytes made, and the cap */
  frame frames[DOCX_XML_MAX_DEPTH + 2];
  int depth;
  para paras[MAX_NEST];
  int npara;
  line lines[MAX_NEST];
  int nline;
  int txbx, tbl;
  int is_document;
  field fields[MAX_FIELDS];
  int nfields, fields_lost; /* fields_lost: nested past MAX_FIELDS */
  int in_toc;               /* inside the result of a TOC field */
  strbuf out;
  int *levels; /* outline level of each output line (see hand_over) */
  size_t nlevels, levels_cap;
  /* a body paragraph whose mark was deleted joins the next one */
  int carry, carry_lines, carry_revised, carry_commented;
  strbuf carry_text, carry_deferred;
  int revisions, comment_refs, pending_rev, pending_com;
  size_t rev_off, com_off;
} walker;

static void walker_init(walker *w, docx_num *dn, const char *file, size_t max,
                        rl_diag *diag) {
  memset(w, 0, sizeof *w);
  w->dn = dn;
  w->file = file;
  w->diag = diag;
  w->max = max;
  for (int i = 0; i < MAX_NEST; i++) {
    strbuf_init(&w->paras[i].text, STRBUF_UNLIMITED);
    strbuf_init(&w->paras[i].marker, STRBUF_UNLIMITED);
    strbuf_init(&w->lines[i].text, STRBUF_UNLIMITED);
    strbuf_init(&w->lines[i].deferred, STRBUF_UNLIMITED);
  }
  strbuf_init(&w->out, STRBUF_UNLIMITED);
  strbuf_init(&w->carry_text, STRBUF_UNLIMITED);
  strbuf_init(&w->carry_deferred, STRBUF_UNLIMITED);
  w->rev_off = w->com_off = UNSET_OFF;
}

static void walker_release(walker *w) {
  for (int i = 0; i < MAX_NEST; i++) {
    strbuf_release(&w->paras[i].text);
    strbuf_release(&w->paras[i].marker);
    free(w->paras[i].style);
    strbuf_release(&w->lines[i].text);
    strbuf_release(&w->lines[i].deferred);
  }
  strbuf_release(&w->out);
  strbuf_release(&w->carry_text);
  strbuf_release(&w->carry_deferred);
  free(w->levels);
}

/* Counts n more bytes of text against the cap. */
static int produce(walker *w, size_t n) {
  if (n > w->max - w->produced)
    return diag_set(w->diag, DIAG_INPUT, w->file, 0, 0,
                    "DOCX text too large: over %zu bytes", w->max);
  w->produced += n;
  return 0;
}

/* Appends text as the report will see it: line breaks become spaces
 * (a line is a paragraph), tabs stay (spaces inside a table row, where
 * '\t' separates cells), other control characters and U+2028/2029 go,
 * and anything not UTF-8 becomes U+FFFD. */
static void put_clean(strbuf *sb, const char *s, size_t len, int in_row) {
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    int n = utf8_decode(s + i, len - i, &cp);
    size_t step = n > 0 ? (size_t)n : 1;
    if (cp == '\t')
      strbuf_putc(sb, in_row ? ' ' : '\t');
    else if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029)
      strbuf_putc(sb, ' ');
    else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
      ; /* dropped */
    else if (n < 0)
      strbuf_put(sb, "\xEF\xBF\xBD", 3);
    else
      strbuf_put(sb, s + i, step);
    i += step;
  }
}

/* Run text of the innermost open paragraph. */
static int para_put(walker *w, const char *s, size_t len) {
  if (!w->npara || w->in_toc)
    return 0; /* outside any paragraph, or a table of contents */
  if (produce(w, len) < 0)
    return -1;
  para *p = &w->paras[w->npara - 1];
  put_clean(&p->text, s, len, p->in_row);
  return 0;
}

static void note_revision(walker *w) {
  w->revisions++;
  if (w->npara)
    w->paras[w->npara - 1].revised = 1;
  else if (w->nline)
    w->lines[w->nline - 1].revised = 1;
  else
    w->pending_rev = 1;
}

static void note_comment(walker *w) {
  if (w->npara)
    w->paras[w->npara - 1].commented = 1;
  else if (w->nline)
    w->lines[w->nline - 1].commented = 1;
  else
    w->pending_com = 1;
}

static line *open_line(walker *w, int is_row) {
  assert(w->nline < MAX_NEST);
  line *l = &w->lines[w->nline++];
  strbuf_reset(&l->text);
  strbuf_reset(&l->deferred);
  l->is_row = is_row;
  l->deleted = l->ndeferred = l->ncells = l->cell_text = l->level = 0;
  l->revised = l->commented = 0;
  l->txbx = w->txbx;
  l->tbl = w->tbl;
  if (w->nline == 1) {
    l->revised = w->pending_rev;
    l->commented = w->pending_com;
    w->pending_rev = w->pending_com = 0;
  }
  return l;
}

static void push_level(walker *w, int level) {
  array_grow((void **)&w->levels, &w->levels_cap, w->nlevels + 1,
             sizeof *w->levels);
  w->levels[w->nlevels++] = level;
}

/* Writes a finished top-level line (and the text-box lines after it). */
static void emit(walker *w, const line *l) {
  if (l->revised && w->rev_off == UNSET_OFF)
    w->rev_off = w->out.len;
  if (l->commented && w->com_off == UNSET_OFF)
    w->com_off = w->out.len;
  strbuf_put(&w->out, l->text.p ? l->text.p : "", l->text.len);
  strbuf_putc(&w->out, '\n');
  push_level(w, l->level);
  strbuf_put(&w->out, l->deferred.p ? l->deferred.p : "", l->deferred.len);
  for (int i = 0; i < l->ndeferred; i++)
    push_level(w, 0);
}

/* Gives a big buffer back once its text has moved on: text boxes nested
 * 50 deep must not each keep a copy of a huge innermost text. */
static void trim(strbuf *sb) {
  if (sb->cap > KEEP_BUFFER)
    strbuf_release(sb);
}

/* A finished line goes to the output, or after the line that holds its
 * text box; a row deleted with tracking goes nowhere. */
static void move_up(walker *w, line *l) {
  line *up = w->nline ? &w->lines[w->nline - 1] : NULL;
  if (l->deleted) {
    if (up)
      up->revised = 1;
    else
      w->pending_rev |= l->revised;
    return;
  }
  if (!up) {
    emit(w, l);
    return;
  }
  strbuf_put(&up->deferred, l->text.p ? l->text.p : "", l->text.len);
  strbuf_putc(&up->deferred, '\n');
  strbuf_put(&up->deferred, l->deferred.p ? l->deferred.p : "",
             l->deferred.len);
  up->ndeferred += 1 + l->ndeferred;
  up->revised |= l->revised;
  up->commented |= l->commented;
}

/* Closes the innermost line. */
static void close_line(walker *w) {
  line *l = &w->lines[--w->nline];
  move_up(w, l);
  trim(&l->text);
  trim(&l->deferred);
}

/* A paragraph whose mark was deleted, with nothing after it to join. */
static void flush_carry(walker *w) {
  if (!w->carry)
    return;
  line *l = open_line(w, 0);
  strbuf_put(&l->text, w->carry_text.p ? w->carry_text.p : "",
             w->carry_text.len);
  strbuf_put(&l->deferred, w->carry_deferred.p ? w->carry_deferred.p : "",
             w->carry_deferred.len);
  l->ndeferred = w->carry_lines;
  l->revised |= w->carry_revised;
  l->commented |= w->carry_commented;
  w->carry = w->carry_lines = w->carry_revised = w->carry_commented = 0;
  strbuf_reset(&w->carry_text);
  strbuf_reset(&w->carry_deferred);
  close_line(w);
}

/* Does an element opening now start a line of its own? Yes at the top
 * level, and inside a text box that is deeper than the current line. */
static int starts_line(const walker *w) {
  return !w->nline || w->lines[w->nline - 1].txbx < w->txbx;
}

static void open_para(walker *w, frame *f) {
  assert(w->npara < MAX_NEST);
  para *p = &w->paras[w->npara++];
  strbuf_reset(&p->text);
  strbuf_reset(&p->marker);
  free(p->style);
  p->style = NULL;
  p->num_id = p->ilvl = p->outline = -1;
  p->resolved = p->level = p->mark_deleted = 0;
  p->revised = p->commented = 0;
  p->owns_line = f->owns = (char)starts_line(w);
  if (p->owns_line)
    open_line(w, 0);
  p->in_row = w->lines[w->nline - 1].is_row;
}

/* Does the paragraph join the next one (its mark deleted, at the top)? */
static int joins_next(const walker *w, const para *p) {
  return p->mark_deleted && p->owns_line && w->nline == 1;
}

/* The marker and outline level, once its w:pPr is complete. */
static int resolve_para(walker *w, para *p) {
  p->resolved = 1;
  if (joins_next(w, p))
    return 0; /* the joined paragraph takes the next one's properties */
  docx_ppr pp = {p->style, p->num_id, p->ilvl, p->outline};
  docx_num_marker(w->dn, &pp, &p->marker);
  p->level = docx_num_level(w->dn, &pp);
  return produce(w, p->marker.len);
}

static void put_sb(strbuf *dst, const strbuf *src) {
  strbuf_put(dst, src->p ? src->p : "", src->len);
}

/* A top-level paragraph whose mark was deleted: keep its text and
 * text-box lines for the next one. */
static void carry_para(walker *w, para *p) {
  line *l = &w->lines[w->nline - 1];
  put_sb(&w->carry_text, &p->text);
  put_sb(&w->carry_deferred, &l->deferred);
  w->carry_lines += l->ndeferred;
  w->carry_revised |= l->revised | p->revised;
  w->carry_commented |= l->commented | p->commented;
  w->carry = 1;
  w->nline--;
}

/* A paragraph that owns its line: marker, any carried text, its runs. */
static void finish_para_line(walker *w, para *p) {
  line *l = &w->lines[w->nline - 1];
  strbuf s;
  strbuf_init(&s, STRBUF_UNLIMITED);
  put_clean(&s, p->marker.p ? p->marker.p : "", p->marker.len, 0);
  if (w->nline == 1 && w->carry) {
    put_sb(&s, &w->carry_text);
    strbuf_put(&w->carry_deferred, l->deferred.p ? l->deferred.p : "",
               l->deferred.len);
    strbuf_reset(&l->deferred);
    put_sb(&l->deferred, &w->carry_deferred);
    l->ndeferred += w->carry_lines;
    l->revised |= w->carry_revised;
    l->commented |= w->carry_commented;
    w->carry = w->carry_lines = w->carry_revised = w->carry_commented = 0;
    strbuf_reset(&w->carry_text);
    strbuf_reset(&w->carry_deferred);
  }
  put_sb(&s, &p->text);
  if (l->text.len) { /* stray paragraphs nested in this one (malformed) */
    strbuf_putc(&s, ' ');
    put_sb(&s, &l->text);
  }
  strbuf_release(&l->text);
  l->text = s;
  l->level = p->level;
  l->revised |= p->revised;
  l->commented |= p->commented;
  close_line(w);
}

/* A paragraph in a table cell: joined to the cell's text by a space. */
static void finish_cell_para(walker *w, para *p) {
  line *l = &w->lines[w->nline - 1];
  l->revised |= p->revised;
  l->commented |= p->commented;
  if (!p->marker.len && !p->text.len)
    return;
  if (l->cell_text)
    strbuf_putc(&l->text, ' ');
  put_clean(&l->text, p->marker.p ? p->marker.p : "", p->marker.len, 1);
  put_sb(&l->text, &p->text);
  l->cell_text = 1;
}

static int close_para(walker *w) {
  para *p = &w->paras[w->npara - 1];
  if (!p->resolved && resolve_para(w, p) < 0)
    return -1;
  if (joins_next(w, p))
    carry_para(w, p);
  else if (p->owns_line)
    finish_para_line(w, p);
  else
    finish_cell_para(w, p);
  trim(&p->text);
  w->npara--;
  return 0;
}

static void open_row(walker *w, frame *f) {
  f->owns = (char)starts_line(w);
  if (!f->owns)
    return; /* a row of a table nested in a cell: part of that cell */
  if (!w->nline)
    flush_carry(w);
  open_line(w, 1);
}

/* The empty cells a gridSpan left pending. */
static void span_cells(line *l) {
  for (; l->span_after > 0; l->span_after--) {
    strbuf_putc(&l->text, '\t');
    l->ncells++;
  }
}

/* A cell of the current row (not of a table nested in one of its cells)
 * starts: a tab before every cell but the first. */
static void start_cell(walker *w) {
  line *l = w->nline ? &w->lines[w->nline - 1] : NULL;
  if (!l || !l->is_row || l->tbl != w->tbl)
    return;
  span_cells(l);
  if (l->ncells++)
    strbuf_putc(&l->text, '\t');
  l->cell_text = 0;
}

/* A cell's w:tcPr/w:gridSpan: it covers more grid columns; each becomes
 * an empty cell, so column k of every row is column k of the table
 * (vertically merged cells are cells of their own already, empty). */
static void grid_span(walker *w, const docx_attr *a, int n) {
  int d = w->depth;
  line *l = w->nline ? &w->lines[w->nline - 1] : NULL;
  if (d >= 3 && w->frames[d - 2].kind == K_TC && l && l->is_row &&
      l->tbl == w->tbl)
    l->span_after = docx_xml_int(a, n, "val", 1, 1, 64) - 1;
}

/* The current paragraph, if the element at depth d is inside its w:pPr
 * (d - 1 is w:pPr, d - 2 is w:p). */
static para *ppr_owner(walker *w, int d) {
  if (d < 3 || !w->npara || w->frames[d - 1].kind != K_PPR ||
      w->frames[d - 2].kind != K_P)
    return NULL;
  return &w->paras[w->npara - 1];
}

/* w:pStyle, w:numPr/w:numId, w:numPr/w:ilvl, w:outlineLvl in a w:pPr. */
static void para_prop(walker *w, ekind k, const docx_attr *a, int n) {
  int d = w->depth;
  para *p = k == K_NUMID || k == K_ILVL ? NULL : ppr_owner(w, d);
  if ((k == K_NUMID || k == K_ILVL) && w->frames[d - 1].kind == K_NUMPR)
    p = ppr_owner(w, d - 1);
  if (!p)
    return;
  if (k == K_PSTYLE) {
    const char *v = docx_xml_attr(a, n, "val");
    free(p->style);
    p->style = v ? xstrdup(v) : NULL;
  } else if (k == K_NUMID) {
    p->num_id = docx_xml_int(a, n, "val", -1, 0, INT32_MAX);
  } else if (k == K_ILVL) {
    p->ilvl = docx_xml_int(a, n, "val", -1, 0, 8);
  } else {
    p->outline = docx_xml_int(a, n, "val", -1, 0, 9);
  }
}

/* Revision markers that say something about their parent: a deleted or
 * moved-away paragraph mark (w:pPr/w:rPr/w:del), a deleted row
 * (w:trPr/w:del). */
static void revision_mark(walker *w, ekind k) {
  int d = w->depth;
  if (k != K_DEL && k != K_MOVEFROM)
    return;
  if (d >= 4 && w->frames[d - 1].kind == K_RPR && ppr_owner(w, d - 1))
    ppr_owner(w, d - 1)->mark_deleted = 1;
  else if (k == K_DEL && d >= 3 && w->frames[d - 1].kind == K_TRPR &&
           w->frames[d - 2].kind == K_TR && w->frames[d - 2].owns)
    w->lines[w->nline - 1].deleted = 1;
}

/* A run's w:rPr/w:vanish: the run is hidden text. */
static void hide_run(walker *w, const docx_attr *a, int n) {
  int d = w->depth;
  if (d >= 3 && w->frames[d - 1].kind == K_RPR &&
      w->frames[d - 2].kind == K_R && docx_xml_int(a, n, "val", 1, 0, 1))
    w->frames[d - 2].notext = 1;
}

/* Inline content of a run: w:tab, w:br, w:noBreakHyphen. */
static int run_char(walker *w, ekind k) {
  if (w->frames[w->depth - 1].kind != K_R)
    return 0;
  const char *s = k == K_TAB ? "\t" : k == K_BR ? " " : "-";
  return para_put(w, s, 1);
}

/* field-code = { " " } "TOC" …   e.g. ' TOC \o "1-3" \h \z ' */
static int is_toc_code(const char *s, size_t len) {
  while (len && *s == ' ') {
    s++;
    len--;
  }
  return len >= 3 && strncmp(s, "TOC", 3) == 0 && (len == 3 || s[3] == ' ');
}

/* w:fldChar: a complex field begins, its result starts, or it ends. */
static void field_char(walker *w, const docx_attr *a, int n) {
  const char *t = docx_xml_attr(a, n, "fldCharType");
  field *f = w->nfields && !w->fields_lost ? &w->fields[w->nfields - 1] : NULL;
  if (!t || w->frames[w->depth - 1].kind != K_R)
    return;
  if (strcmp(t, "begin") == 0) {
    if (w->nfields < MAX_FIELDS && !w->fields_lost)
      w->fields[w->nfields++] = (field){{0}, 0, 0, 0};
    else
      w->fields_lost++;
  } else if (strcmp(t, "separate") == 0 && f && !f->result) {
    f->result = 1;
    f->toc = is_toc_code(f->head, (size_t)f->nhead);
    w->in_toc += f->toc;
  } else if (strcmp(t, "end") == 0) {
    if (w->fields_lost)
      w->fields_lost--;
    else if (f) {
      w->in_toc -= f->result && f->toc;
      w->nfields--;
    }
  }
}

/* w:instrText: the first letters of the open field's code. */
static void field_code(walker *w, const char *s, size_t len) {
  if (!w->nfields || w->fields_lost)
    return;
  field *f = &w->fields[w->nfields - 1];
  for (size_t i = 0; i < len && !f->result; i++) {
    if (f->nhead == 0 && s[i] == ' ')
      continue;
    if (f->nhead < (int)sizeof f->head - 1)
      f->head[f->nhead++] = s[i];
  }
}

/* w:fldSimple: a field in one element, its code in w:instr. */
static void simple_field(walker *w, frame *f, const docx_attr *a, int n) {
  const char *code = docx_xml_attr(a, n, "instr");
  f->toc = code && is_toc_code(code, strlen(code));
  w->in_toc += f->toc;
}

/* Pushes the frame for a new element; returns it, or NULL when nothing
 * in it matters (a branch not taken). */
static frame *push_frame(walker *w, const char *ns, const char *local) {
  frame *up = &w->frames[w->depth];
  frame *f = &w->frames[++w->depth];
  *f = (frame){classify(ns, local), up->notext, up->quiet, up->dead, 0, 0, 0};
  if (f->kind == K_BRANCH && up->kind == K_ALT && !f->dead) {
    if (up->taken) /* use one branch: the text would come twice */
      f->dead = 1;
    up->taken = 1;
  }
  if (f->kind == K_CHANGE && !f->dead && !f->quiet)
    note_revision(w);
  if (f->kind == K_CHANGE)
    f->quiet = f->notext = 1;
  return f->dead || f->quiet ? NULL : f;
}

static int doc_start(void *ud, const char *ns, const char *local,
                     const docx_attr *a, int n) {
  walker *w = ud;
  frame *f = push_frame(w, ns, local);
  if (!f)
    return 0;
  if (is_revision(f->kind) && f->kind != K_CHANGE) {
    note_revision(w);
    revision_mark(w, f->kind);
  }
  if (f->kind == K_DEL || f->kind == K_MOVEFROM)
    f->notext = 1;
  if (f->kind == K_COMMENTREF || f->kind == K_COMMENTSTART) {
    w->comment_refs += f->kind == K_COMMENTREF;
    note_comment(w);
  }
  if (f->notext)
    return 0;
  switch (f->kind) {
  case K_DOCUMENT:
    w->is_document |= w->depth == 1;
    return 0;
  case K_TXBX:
    w->txbx++;
    return 0;
  case K_TBL:
    if (!w->nline)
      flush_carry(w);
    w->tbl++;
    return 0;
  case K_TR:
    open_row(w, f);
    return 0;
  case K_TC:
    start_cell(w);
    return 0;
  case K_GRIDSPAN:
    grid_span(w, a, n);
    return 0;
  case K_P:
    open_para(w, f);
    return 0;
  case K_PSTYLE:
  case K_NUMID:
  case K_ILVL:
  case K_OUTLINE:
    para_prop(w, f->kind, a, n);
    return 0;
  case K_VANISH:
    hide_run(w, a, n);
    return 0;
  case K_FLDCHAR:
    field_char(w, a, n);
    return 0;
  case K_FLDSIMPLE:
    simple_field(w, f, a, n);
    return 0;
  case K_TAB:
  case K_BR:
  case K_HYPHEN:
    return run_char(w, f->kind);
  default:
    return 0;
  }
}

static int doc_end(void *ud, const char *ns, const char *local) {
  walker *w = ud;
  (void)ns;
  (void)local;
  const frame *f = &w->frames[w->depth];
  int rc = 0;
  if (!f->dead && !f->notext) {
    if (f->kind == K_PPR && w->frames[w->depth - 1].kind == K_P && w->npara &&
        !w->paras[w->npara - 1].resolved)
      rc = resolve_para(w, &w->paras[w->npara - 1]);
    else if (f->kind == K_P)
      rc = close_para(w);
    else if (f->kind == K_TR && f->owns) {
      span_cells(&w->lines[w->nline - 1]);
      close_line(w);
    }
    else if (f->kind == K_TBL)
      w->tbl--;
    else if (f->kind == K_TXBX)
      w->txbx--;
    else if (f->kind == K_FLDSIMPLE)
      w->in_toc -= f->toc;
  }
  w->depth--;
  return rc;
}

/* w:t text of a run that is shown; w:instrText, a field's code. */
static int doc_text(void *ud, const char *s, size_t len) {
  walker *w = ud;
  const frame *f = &w->frames[w->depth];
  if (f->dead || f->notext || f->quiet || w->frames[w->depth - 1].kind != K_R)
    return 0;
  if (f->kind == K_INSTR)
    field_code(w, s, len);
  return f->kind == K_T ? para_put(w, s, len) : 0;
}

/* --- comments.xml ---------------------------------------------------- */

typedef struct comment_count {
  int depth, n;
} comment_count;

static int comment_start(void *ud, const char *ns, const char *local,
                         const docx_attr *a, int n) {
  comment_count *cc = ud;
  (void)a;
  (void)n;
  if (++cc->depth == 2 && docx_xml_is_w(ns) && strcmp(local, "comment") == 0)
    cc->n++;
  return 0;
}

static int comment_end(void *ud, const char *ns, const char *local) {
  comment_count *cc = ud;
  (void)ns;
  (void)local;
  cc->depth--;
  return 0;
}

/* --- putting it together --------------------------------------------- */

/* Reads an optional part into the list definitions. */
static int load_defs(container *c, docx_num *dn, rl_diag *diag) {
  static const char *const parts[] = {"word/styles.xml", "word/numbering.xml"};
  for (int i = 0; i < 2; i++) {
    strbuf xml;
    int rc = container_read(c, parts[i], &xml, diag);
    if (rc == 0)
      rc = i == 0 ? docx_num_load_styles(dn, xml.p ? xml.p : "", xml.len,
                                         c->file, diag)
                  : docx_num_load_numbering(dn, xml.p ? xml.p : "", xml.len,
                                            c->file, diag);
    strbuf_release(&xml);
    if (rc < 0)
      return -1;
  }
  return 0;
}

static int walk_document(container *c, walker *w, rl_diag *diag) {
  strbuf xml;
  int rc = container_read(c, "word/document.xml", &xml, diag);
  if (rc == 1)
    rc = diag_set(diag, DIAG_INPUT, c->file, 0, 0,
                  "not a DOCX: no word/document.xml");
  if (rc == 0) {
    docx_xml_handler h = {doc_start, doc_end, doc_text};
    rc = docx_xml_parse(xml.p ? xml.p : "", xml.len, "word/document.xml",
                        c->file, &h, w, diag);
  }
  strbuf_release(&xml);
  if (rc == 0 && !w->is_document)
    rc = diag_set(diag, DIAG_INPUT, c->file, 0, 0,
                  "not a DOCX: word/document.xml is not a WordprocessingML "
                  "document");
  if (rc == 0)
    flush_carry(w);
  return rc;
}

static int count_comments(container *c, int *count, rl_diag *diag) {
  strbuf xml;
  comment_count cc = {0, 0};
  int rc = container_read(c, "word/comments.xml", &xml, diag);
  if (rc == 0) {
    docx_xml_handler h = {comment_start, comment_end, NULL};
    rc = docx_xml_parse(xml.p ? xml.p : "", xml.len, "word/comments.xml",
                        c->file, &h, &cc, diag);
  }
  strbuf_release(&xml);
  *count = cc.n;
  return rc < 0 ? -1 : 0;
}

/* Where a note without a line of its own goes: the last line. */
static size_t last_line_off(const strbuf *out) {
  size_t i = out->len ? out->len - 1 : 0;
  while (i > 0 && out->p[i - 1] != '\n')
    i--;
  return i;
}

/* Every line of the text has its outline level. */
static int levels_match(const walker *w) {
  size_t lines = 0;
  for (size_t i = 0; i < w->out.len; i++)
    lines += w->out.p[i] == '\n';
  return lines == w->nlevels;
}

/* Moves the text and the notes into out. */
static int hand_over(walker *w, int comments, extracted *out, rl_diag *diag) {
  if (utf8_blank(w->out.p ? w->out.p : "", w->out.len))
    return diag_set(diag, DIAG_INPUT, w->file, 0, 0,
                    "empty DOCX: no text in word/document.xml");
  assert(levels_match(w));
  (void)levels_match;
  size_t rev_off =
      w->rev_off != UNSET_OFF ? w->rev_off : last_line_off(&w->out);
  size_t com_off = w->com_off != UNSET_OFF ? w->com_off : 0;
  out->text = strbuf_detach(&w->out, &out->len);
  out->encoding = "UTF-8 (DOCX)";
  out->line_level = w->levels; /* 0 body, 1-9 heading, -1 title */
  out->nline_level = w->nlevels;
  w->levels = NULL;
  if (w->revisions)
    extracted_add_note(out, NOTE_TRACKED_CHANGES, rev_off, w->revisions);
  int ncomments = comments ? comments : w->comment_refs;
  if (ncomments)
    extracted_add_note(out, NOTE_COMMENTS, com_off, ncomments);
  return 0;
}

int read_docx(const char *raw, size_t len, const char *file,
              const reader_limits *lim, extracted *out, rl_diag *diag) {
  extracted_init(out);
  const char *why;
  const ziplib *zl = ziplib_load(&why);
  if (!zl)
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "cannot read DOCX: libzip is not available (%s)", why);
  if (!xmllib_load(&why)) /* docx_xml's parser: better said before unzipping */
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "cannot read DOCX: libxml2 is not available (%s)", why);
  container c = {zl, NULL, file, 0,
                 lim && lim->max_bytes ? lim->max_bytes : DEFAULT_MAX_BYTES};
  docx_num *dn = docx_num_new();
  walker *w = xmalloc(sizeof *w);
  walker_init(w, dn, file, c.max, diag);
  int comments = 0;
  int rc = container_open(&c, raw, len, lim, diag);
  if (rc == 0)
    rc = load_defs(&c, dn, diag);
  if (rc == 0)
    rc = walk_document(&c, w, diag);
  if (rc == 0)
    rc = count_comments(&c, &comments, diag);
  if (rc == 0)
    rc = hand_over(w, comments, out, diag);
  if (c.za)
    zl->zip_discard(c.za);
  walker_release(w);
  free(w);
  docx_num_free(dn);
  if (rc < 0)
    extracted_release(out);
  return rc < 0 ? -1 : 0;
}
