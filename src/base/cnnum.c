/* cnnum: Chinese numerals read as numbers.
 *
 * Consumes UTF-8 text at the place a numeral may start; produces its value
 * and length: positional (二〇二四, 一〇) or additive (十二, 一百零五,
 * 两千三百, 三万五千). Where numerals sit in a sentence (quantities,
 * dates, heading markers) is the callers' business: scan.c and marker.c. */
#include "cnnum.h"

#include "utf8.h"

static uint32_t code_point(const char *s, size_t len, size_t *n) {
  uint32_t cp;
  int k = utf8_decode(s, len, &cp);
  *n = k > 0 ? (size_t)k : 1;
  return k > 0 ? cp : 0xFFFD;
}

/* Chinese numeral characters: a digit (power 0) or a power of ten. */
static const struct {
  uint32_t cp;
  int digit;
  double power;
} cn_chars[] = {
    {0x3007, 0, 0},    /* 〇 */ {0x25CB, 0, 0},     /* ○ */
    {0x96F6, 0, 0},    /* 零 */ {0x4E00, 1, 0},     /* 一 */
    {0x4E8C, 2, 0},    /* 二 */ {0x4E24, 2, 0},     /* 两 */
    {0x4E09, 3, 0},    /* 三 */ {0x56DB, 4, 0},     /* 四 */
    {0x4E94, 5, 0},    /* 五 */ {0x516D, 6, 0},     /* 六 */
    {0x4E03, 7, 0},    /* 七 */ {0x516B, 8, 0},     /* 八 */
    {0x4E5D, 9, 0},    /* 九 */ {0x5341, -1, 10},   /* 十 */
    {0x767E, -1, 100}, /* 百 */ {0x5343, -1, 1000}, /* 千 */
    {0x4E07, -1, 1e4}, /* 万 */ {0x4EBF, -1, 1e8},  /* 亿 */
};

int cnnum_digit(uint32_t cp) {
  for (size_t k = 0; k < sizeof cn_chars / sizeof *cn_chars; k++)
    if (cn_chars[k].cp == cp)
      return cn_chars[k].digit;
  return -1;
}

static double cn_power(uint32_t cp) {
  for (size_t k = 0; k < sizeof cn_chars / sizeof *cn_chars; k++)
    if (cn_chars[k].cp == cp)
      return cn_chars[k].power;
  return 0;
}

/* cnnum_digit(cp) >= 0 || cn_power(cp) > 0, asked of every character of
 * the text, so a switch (a few comparisons) rather than two table scans. */
int cnnum_is_numeral(uint32_t cp) {
  switch (cp) {
  case 0x3007: case 0x25CB: case 0x96F6: case 0x4E00: case 0x4E8C:
  case 0x4E24: case 0x4E09: case 0x56DB: case 0x4E94: case 0x516D:
  case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341: case 0x767E:
  case 0x5343: case 0x4E07: case 0x4EBF:
    return 1;
  default:
    return 0;
  }
}

// positional = cn-digit{3,} | cn-digit cn-digit with one of 〇○零
//   e.g. 二〇二四, 一九九八, 一〇 (but not 三四 "three or four")
static size_t read_positional(const char *s, size_t len, double *value) {
  size_t i = 0, n;
  int count = 0, zero = 0;
  double v = 0;
  while (i < len) {
    int dg = cnnum_digit(code_point(s + i, len - i, &n));
    if (dg < 0)
      break;
    zero |= dg == 0;
    v = v * 10 + dg;
    count++;
    i += n;
  }
  if (count >= 3 || (count == 2 && zero)) {
    *value = v;
    return i;
  }
  return 0;
}

// additive = ((cn-digit | 零)? power | cn-digit)+, no digit after a digit
//   e.g. 十二, 一百零五, 两千三百, 三万五千, 三万亿
static size_t read_additive(const char *s, size_t len, double *value) {
  double yi = 0, wan = 0, sec = 0, dig = 0;
  int have_dig = 0, empty = 1; /* empty: nothing since the last 万/亿 */
  size_t i = 0, n;
  while (i < len) {
    uint32_t cp = code_point(s + i, len - i, &n);
    int dg = cnnum_digit(cp);
    double p = cn_power(cp);
    if (dg < 0 && p == 0)
      break;
    if (dg >= 0 && have_dig)
      break; /* 十二三: stop before 三 */
    if (dg >= 0) {
      dig = dg;
      have_dig = dg > 0;
    } else if (p < 1e4) {
      sec += (have_dig ? dig : 1) * p;
      dig = 0;
      have_dig = 0;
    } else if (p == 1e4) {
      wan += (empty ? 1 : sec + dig) * p;
      sec = dig = 0;
      have_dig = 0;
    } else {
      yi = (empty && yi == 0 && wan == 0 ? 1 : yi + wan + sec + dig) * p;
      wan = sec = dig = 0;
      have_dig = 0;
    }
    empty = p >= 1e4;
    i += n;
  }
  *value = yi + wan + sec + dig;
  return i;
}

size_t cnnum_read(const char *s, size_t len, double *value) {
  double v = 0;
  size_t n = read_positional(s, len, &v);
  if (!n)
    n = read_additive(s, len, &v);
  *value = n ? v : 0;
  return n;
}

