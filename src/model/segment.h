/* segment: phase 1 of the document model: paragraphs, title and report
 * year, numbered and unnumbered headings with levels, sections (heading +
 * body), and, once scan has found the dates, the signature block.
 *
 * Consumes a doc_init()ed doc over normalised text (one paragraph a line);
 * fills paras, title, year, heads, sections; segment_signature() fills the
 * issuer and signature date and needs doc.dates. */
#ifndef RL_SEGMENT_H
#define RL_SEGMENT_H

#include "doc.h"

#include <stddef.h>

/* Phase 1 in two steps, so that tables (tables_find) can be found in
 * between: paragraphs, title and year; then headings and sections, which
 * skip the paragraphs that are table rows. segment_run does both. */
void segment_paragraphs(doc *d);
void segment_structure(doc *d);
void segment_run(doc *d);
void segment_signature(doc *d);

/* The heading marker at the start of normalised text s, in marker.h's
 * grammar (marker_read with no flags), its fields apart. Returns its length
 * in bytes (0 if none) and fills *mark, *level and *number. */
size_t segment_heading_marker(const char *s, size_t len, doc_mark *mark,
                              int *level, int *number);

#endif
