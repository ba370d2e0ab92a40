/* report: one input through the pipeline: bytes → text (decoded, or
 * extracted by a format reader) → normalised paragraphs with a position
 * map → document model; after the rules (check.c), its findings located
 * in the original file, in the terms of its format (line, ¶paragraph,
 * page:line). */
#include "report.h"

#include "input.h"
#include "pagefurn.h"
#include "scan.h"
#include "segment.h"
#include "tables.h"
#include "tradconv.h"
#include "utf8.h"
#include "webfurn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The heading level a DOCX writer's styles give the paragraph at
 * normalised offset off (doc.heading_hint). */
static int style_hint(void *arg, size_t off) {
  const rl_report *r = arg;
  int line, col;
  linemap_lookup(&r->lm, posmap_to_src(&r->nt.map, off), &line, &col);
  if (line < 1 || (size_t)line > r->x.nline_level)
    return 0;
  return r->x.line_level[line - 1];
}

static void build_model(rl_report *r) {
  int flags = r->format == FMT_MARKDOWN ? NORMALIZE_MARKDOWN
              : r->format == FMT_DOCX   ? NORMALIZE_NO_JOIN
                                        : 0;
  normalize_text(r->dec.text, r->dec.len, flags, &r->nt);
  linemap_init(&r->lm, r->dec.text, r->dec.len);
  doc_init(&r->d, r->nt.text, r->nt.len);
  if (r->x.line_level) {
    r->d.heading_hint = style_hint;
    r->d.hint_arg = r;
  }
  segment_paragraphs(&r->d);
  tables_find(&r->d, r->dec.text, r->dec.len, &r->nt.map);
  segment_structure(&r->d);
  scan_run(&r->d);
  segment_signature(&r->d);
  r->d.published = r->x.published;
  r->d.nnote = r->x.nnotes;
  r->d.notes = arena_alloc(&r->d.arena, (size_t)r->x.nnotes * sizeof(doc_note) + 1);
  for (int i = 0; i < r->x.nnotes; i++) {
    const reader_note *n = &r->x.notes[i];
    r->d.notes[i] = (doc_note){(int)n->kind,
                               posmap_from_src(&r->nt.map, n->off), n->count};
  }
}

/* A reader's text must hold something to check, as decode requires of a
 * text file. */
static int has_text(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (!strchr(" \t\n", s[i]))
      return 1;
  return 0;
}

/* raw → r->dec (and r->x for DOCX, HTML, PDF). 0, or -1 with diag. */
static int read_text(const rl_options *o, rl_report *r, const char *name,
                     const char *raw, size_t len, rl_diag *diag) {
  input_format f = o->input_format ? (input_format)o->input_format
                                   : reader_detect(name, raw, len);
  r->format = f == FMT_AUTO ? FMT_TEXT : f;
  extracted_init(&r->x);
  reader_limits lim = {o->max_bytes, 0, o->max_read_ms};
  int rc;
  switch (r->format) {
  case FMT_DOCX:
    rc = read_docx(raw, len, name, &lim, &r->x, diag);
    break;
  case FMT_HTML:
    rc = read_html(raw, len, name, &lim, &r->x, diag);
    break;
  case FMT_PDF:
    rc = read_pdf(raw, len, name, &lim, &r->x, diag);
    break;
  default:
    if (decode_text(raw, len, name, &r->dec, diag) < 0)
      return -1;
    /* a page saved as text keeps the portal's lines around the report,
     * a PDF saved as text its page numbers */
    r->x.published = webfurn_blank_ends(r->dec.text, r->dec.len);
    pagefurn_blank_text_pages(r->dec.text, r->dec.len);
    return 0;
  }
  if (rc == 0 && !has_text(r->x.text, r->x.len))
    rc = diag_set(diag, DIAG_INPUT, name, 0, 0, "%s file has no text",
                  reader_format_name(r->format));
  if (rc < 0) {
    extracted_release(&r->x);
    return -1;
  }
  r->dec.text = r->x.text;
  r->dec.len = r->x.len;
  r->dec.encoding = r->x.encoding;
  r->x.text = NULL;
  if (r->x.has_src)
    linemap_init(&r->srclm, r->x.src, r->x.src_len);
  return 0;
}

/* A report in traditional characters is read in simplified ones (see
 * tradconv.h); if OpenCC cannot be had it is read as written, and its
 * rules then find less. */
static void simplify_traditional(rl_report *r) {
  char why[256];
  if (tradconv_is_traditional(r->dec.text, r->dec.len))
    r->traditional =
        tradconv_simplify(r->dec.text, r->dec.len, why, sizeof why) >= 0;
}

rl_report *report_from_raw(const rl_options *o, const char *name,
                           const char *raw, size_t len, rl_diag *diag) {
  rl_report *r = xcalloc(1, sizeof *r);
  if (read_text(o, r, name, raw, len, diag) < 0) {
    free(r);
    return NULL;
  }
  if (decode_check_lines(&r->dec, o->max_line, name, diag) < 0) {
    decoded_release(&r->dec);
    linemap_release(&r->srclm);
    extracted_release(&r->x);
    free(r);
    return NULL;
  }
  suppress_scan(r->dec.text, r->dec.len, &r->directives);
  simplify_traditional(r);
  r->path = utf8_escape_name_dup(name);
  r->set = -1;
  finding_list_init(&r->findings, o->max_findings);
  build_model(r);
  return r;
}

rl_report *report_from_path(const rl_options *o, const char *path,
                            rl_diag *diag) {
  char *raw;
  size_t len;
  if (input_read(path, o->max_bytes, &raw, &len, diag) < 0)
    return NULL;
  rl_report *r = report_from_raw(o, path, raw, len, diag);
  free(raw);
  return r;
}

void rl_report_free(rl_report *r) {
  if (!r)
    return;
  finding_list_release(&r->findings);
  suppress_release(&r->directives);
  doc_release(&r->d);
  linemap_release(&r->lm);
  normtext_release(&r->nt);
  decoded_release(&r->dec);
  linemap_release(&r->srclm);
  extracted_release(&r->x);
  free(r->path);
  free(r);
}

/* HTML: a position in the extracted text → line and column in the page's
 * source. */
static void html_position(const rl_report *r, int *line, int *col) {
  size_t off = linemap_offset(&r->lm, *line, *col);
  linemap_lookup(&r->srclm, posmap_to_src(&r->x.map, off), line, col);
}

/* Findings were located, sorted and waived in the extracted text's lines
 * (where the inline directives are); now name their places as the user
 * sees the file. */
void report_relocate_findings(rl_report *r) {
  for (size_t i = 0; i < r->findings.n; i++) {
    finding *f = &r->findings.v[i];
    f->xline = f->line;
    f->xcol = f->col;
    f->xend_line = f->end_line;
    f->xend_col = f->end_col;
    if (r->format == FMT_HTML && r->x.has_src) {
      html_position(r, &f->line, &f->col);
      /* end_col is exclusive: map the last character, then step past it */
      int last = f->end_col > 1 ? f->end_col - 1 : 1;
      html_position(r, &f->end_line, &last);
      f->end_col = f->xend_col > 1 ? last + 1 : last;
    } else if (r->format == FMT_PDF && r->x.npages > 0) {
      int p = 0;
      while (p + 1 < r->x.npages && r->x.page_start[p + 1] <= f->line)
        p++;
      f->page = p + 1;
      f->line -= r->x.page_start[p] - 1;
      f->end_line -= r->x.page_start[p] - 1;
    }
  }
}

const char *report_location(const rl_report *r, const finding *f, char *buf,
                            size_t cap) {
  if (f->page)
    snprintf(buf, cap, "p%d:%d:%d", f->page, f->line, f->col);
  else
    snprintf(buf, cap, "%s%d:%d", r->format == FMT_DOCX ? "¶" : "", f->line,
             f->col);
  return buf;
}

char *report_span_text(const rl_report *r, span s) {
  return xstrndup(r->nt.text + s.off, s.len);
}

int report_line_of(const rl_report *r, size_t off) {
  int line, col;
  linemap_lookup(&r->lm, posmap_to_src(&r->nt.map, off), &line, &col);
  return line;
}
