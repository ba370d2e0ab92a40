/* layout_text: the tables of a text that pdftotext -layout wrote, rebuilt.
 *
 * Consumes decoded text (UTF-8, LF line ends). pdftotext -layout sets a
 * PDF's pages (each ended by a form feed) on a grid of character columns:
 * every word starts at the column of its place on the page, whatever the
 * width of the characters before it, so a table's figures stand in
 * columns counted in characters, and a label too long for its cell wraps
 * onto the lines around its figures. Produces the text with each table
 * rewritten as tab-separated rows, as the PDF reader writes a table, and
 * a map from the new text to the old. The table finding is pdf_grid.c's,
 * on glyphs one column wide placed where the characters stand. Never
 * prints. */
#ifndef RL_LAYOUT_TEXT_H
#define RL_LAYOUT_TEXT_H

#include "posmap.h"

#include <stddef.h>

/* If text (len bytes) has pages (a form feed) and a page holds a table
 * that reads surely, sets *out to the rebuilt text (*out_len bytes,
 * NUL-terminated, the caller frees it), replaces map (initialised by the
 * caller) with the map from offsets of *out to offsets of text, and
 * returns 1. Otherwise returns 0 and leaves *out and map untouched. */
int layout_text_rebuild(const char *text, size_t len, char **out,
                        size_t *out_len, posmap *map);

#endif
