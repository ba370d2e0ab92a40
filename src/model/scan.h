/* scan: phase 2 of the document model: numbers, quantities, dates and
 * inline enumerations in the normalised text.
 *
 * Consumes a doc whose paragraphs segment has filled; appends doc.qty,
 * doc.dates and doc.enums in text order (allocated in doc.arena).
 * Chinese numerals, 万/亿 multipliers, decimals, thousands separators and
 * approximation words are understood; each quantity carries the interval
 * its wording allows, the way XBRL calculation checks treat precision. */
#ifndef RL_SCAN_H
#define RL_SCAN_H

#include "doc.h"

#include <stddef.h>

/* number = arabic | cn-numeral, then optional 万/亿.
 * arabic = [0-9]+ ("," [0-9]{3})* ("." [0-9]+)?
 * Reads a number at s; returns bytes consumed (0 if none) and fills q's
 * num, value, lo, hi, decimals and chinese (offsets relative to base). */
size_t scan_number(const char *s, size_t len, size_t base, doc_quantity *q);

/* Fills d->qty, d->dates and d->enums from d->paras. */
void scan_run(doc *d);

#endif
