/* cnnum: Chinese numerals read as numbers (see cnnum.c). */
#ifndef RL_CNNUM_H
#define RL_CNNUM_H

#include <stddef.h>
#include <stdint.h>

/* cn-numeral = [〇零一二两三四五六七八九十百千万亿]+   e.g. 三十二, 二〇二四, 一百零五
 * Reads the longest Chinese numeral at s. Returns bytes consumed (0 if
 * none) and its value in *value. "二〇二四" reads digit by digit (2024);
 * "十二" is 12; "两万" is 20000. */
size_t cnnum_read(const char *s, size_t len, double *value);
/* The digit cp stands for (〇○零 0, 一 1 … 九 9, 两 2), -1 if none. */
int cnnum_digit(uint32_t cp);
/* 1 if cp is a Chinese digit or a power of ten (十百千万亿). */
int cnnum_is_numeral(uint32_t cp);

#endif
