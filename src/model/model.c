/* model: reader output → normalised text → document model, in one call.
 *
 * Consumes a model_input (the reader's text and extras); produces the
 * normalised text, the line map of the reader's text and the doc. The
 * order of the stages is the model's: paragraphs and title first, tables
 * (which read the text before normalisation, whose tabs and spaces
 * separate cells) before headings (which skip table rows), numbers before
 * the signature (found by its date). What each stage finds is segment's,
 * tables', and scan's business. */
#include "model.h"

#include "scan.h"
#include "segment.h"
#include "tables.h"

/* The heading level the writer's styles give each paragraph (DOCX: one
 * line of the reader's text each). */
static void set_style_levels(doc *d, const normtext *nt, const linemap *lm,
                             const extracted *x) {
  if (!x || !x->line_level)
    return;
  for (int i = 0; i < d->npara; i++) {
    int line, col;
    linemap_lookup(lm, posmap_to_src(&nt->map, d->paras[i].off), &line, &col);
    if (line >= 1 && (size_t)line <= x->nline_level)
      d->paras[i].style = x->line_level[line - 1];
  }
}

/* Notes about the file, placed in the normalised text. */
static void set_notes(doc *d, const normtext *nt, const extracted *x) {
  int n = x ? x->nnotes : 0;
  d->nnote = n;
  d->notes = arena_alloc(&d->arena, (size_t)n * sizeof(doc_note) + 1);
  for (int i = 0; i < n; i++) {
    const reader_note *r = &x->notes[i];
    d->notes[i] =
        (doc_note){(int)r->kind, posmap_from_src(&nt->map, r->off), r->count};
  }
}

/* What the normaliser cut out, with its text from the reader's. */
static void set_cuts(doc *d, const normtext *nt, const char *text) {
  d->ncut = (int)nt->ncut;
  d->cuts = arena_alloc(&d->arena, nt->ncut * sizeof(doc_cut) + 1);
  for (size_t i = 0; i < nt->ncut; i++) {
    const normtext_cut *c = &nt->cuts[i];
    d->cuts[i] = (doc_cut){c->norm, c->src, c->src + c->src_len,
                           arena_strndup(&d->arena, text + c->src, c->src_len)};
  }
}

void model_build(const model_input *in, normtext *nt, linemap *lm, doc *d) {
  normalize_text(in->text, in->len, in->normalize, nt);
  linemap_init(lm, in->text, in->len);
  doc_init(d, nt->text, nt->len);
  segment_paragraphs(d);
  set_style_levels(d, nt, lm, in->x);
  tables_find(d, in->text, in->len, &nt->map);
  segment_structure(d);
  scan_run(d);
  segment_signature(d);
  d->published = in->x ? in->x->published : 0;
  set_notes(d, nt, in->x);
  set_cuts(d, nt, in->text);
}
