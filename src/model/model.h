/* model: the whole document model of one report, built in one call from
 * what its reader gave.
 *
 * Consumes the reader's text (decoded, or extracted from DOCX, HTML or
 * PDF), its format's normalisation flags and the reader's extras: the
 * heading levels a DOCX writer's styles give its lines, notes about the
 * file, a page's publication date. Produces the normalised text with its
 * posmap, the line map of the reader's text, and the doc. The stages run
 * in their one order here; nothing else reads the text from before
 * normalisation (tables do, through this input). */
#ifndef RL_MODEL_H
#define RL_MODEL_H

#include "doc.h"
#include "normalize.h"
#include "posmap.h"
#include "reader.h"

#include <stddef.h>

typedef struct model_input {
  const char *text;   /* the reader's text, as checked (directives
                         blanked, traditional characters simplified) */
  size_t len;
  int normalize;      /* NORMALIZE_* flags of its format */
  const extracted *x; /* the reader's extras (x->text is not read); NULL
                         for none */
} model_input;

/* Normalises in->text into *nt, maps its lines into *lm and builds *d over
 * nt's text: paragraphs (with their style levels), title and year, tables,
 * headings and sections, quantities, dates and enumerations, signature,
 * notes and publication date. Never fails (allocation failure aborts).
 * in->text must outlive *lm; the caller releases *d, *lm and *nt. */
void model_build(const model_input *in, normtext *nt, linemap *lm, doc *d);

#endif
