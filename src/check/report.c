/* report: one input through the pipeline: bytes → text (decoded, or
 * extracted, by its format's reader: reader.h's table) → the document
 * model (model_build: normalised paragraphs with a position map, tables,
 * headings, numbers); after the rules (check.c), its findings located in
 * the original file, in the terms of its format (line, ¶paragraph,
 * page:line: its locmap). Reading needs the run's options only. */
#include "report.h"

#include "input.h"
#include "model.h"
#include "tradconv.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The model of what the reader gave, and the map that names its places
 * in the file. */
static void build_model(rl_report *r) {
  model_input in = {r->dec.text, r->dec.len, r->fmt->normalize, &r->x};
  model_build(&in, &r->nt, &r->lm, &r->d);
  locmap_init(&r->loc, r->fmt, &r->lm, &r->x, &r->srclm);
}

/* raw → r->dec (the text the format's reader gave) and r->x (its
 * extras). 0, or -1 with diag. */
static int read_text(const rl_options *o, rl_report *r, const char *name,
                     const char *raw, size_t len, rl_diag *diag) {
  input_format f = o->input_format ? (input_format)o->input_format
                                   : reader_detect(name, raw, len);
  r->fmt = reader_format_of(f);
  reader_limits lim = {o->max_bytes, 0, o->max_read_ms};
  if (reader_read(r->fmt, raw, len, name, &lim, &r->x, diag) < 0)
    return -1;
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
    location at = {f->page, f->line, f->col, f->end_line, f->end_col};
    locmap_place(&r->loc, &at);
    f->page = at.page;
    f->line = at.line;
    f->col = at.col;
    f->end_line = at.end_line;
    f->end_col = at.end_col;
  }
}

const char *report_location(const rl_report *r, const finding *f, char *buf,
                            size_t cap) {
  location at = {f->page, f->line, f->col, f->end_line, f->end_col};
  return locmap_name(&r->loc, &at, buf, cap);
}

char *report_span_text(const rl_report *r, span s) {
  return xstrndup(r->nt.text + s.off, s.len);
}

int report_line_of(const rl_report *r, size_t off) {
  int line, col;
  linemap_lookup(&r->lm, posmap_to_src(&r->nt.map, off), &line, &col);
  return line;
}
