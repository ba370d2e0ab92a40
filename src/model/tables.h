/* tables: rows × cells of the tables in a report, for table rules.
 *
 * Reads the text the normaliser consumed (decoded, or extracted by a
 * format reader, which joins a DOCX or HTML row's cells with '\t') line by
 * line, because normalising drops the spaces and tabs that separate cells;
 * every cell is then placed in the normalised text through the posmap, so
 * findings point at the cell in the original file. Fills doc.tables
 * (each laid out: table_view_layout), rows and cells, and marks the
 * paragraphs that are rows (segment_paragraphs must have filled them). */
#ifndef RL_TABLES_H
#define RL_TABLES_H

#include "doc.h"
#include "posmap.h"

#include <stddef.h>

/* src/len: the text that normalize_text turned into d->text with map. */
void tables_find(doc *d, const char *src, size_t len, const posmap *map);

/* Reads a cell's text as a number: [-]digits[,digits…][.digits], spaces
 * around allowed. Returns 1 and fills *value, *num (offsets relative to
 * s) and *decimals; 0 for anything else (empty, a dash, words). */
int tables_number(const char *s, size_t len, double *value, span *num,
                  int *decimals);

#endif
