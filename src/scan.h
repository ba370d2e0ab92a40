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

/* cn-numeral = [〇零一二两三四五六七八九十百千万亿]+   e.g. 三十二, 二〇二四, 一百零五
 * Reads the longest Chinese numeral at s. Returns bytes consumed (0 if
 * none) and its value in *value. "二〇二四" reads digit by digit (2024);
 * "十二" is 12; "两万" is 20000. */
size_t scan_cn_numeral(const char *s, size_t len, double *value);

/* number = arabic | cn-numeral, then optional 万/亿.
 * arabic = [0-9]+ ("," [0-9]{3})* ("." [0-9]+)?
 * Reads a number at s; returns bytes consumed (0 if none) and fills q's
 * num, value, lo, hi, decimals and chinese (offsets relative to base). */
size_t scan_number(const char *s, size_t len, size_t base, doc_quantity *q);

/* Fills d->qty, d->dates and d->enums from d->paras. */
void scan_run(doc *d);

#endif
