/* marker: heading markers at the start of a line → kind, level, number.
 *
 * Consumes a line's first bytes, normalised or not (MARKER_WIDE_DIGITS);
 * produces a marker. Chinese numerals are read by cnnum_read, so a
 * marker's numeral is a numeral the scanner reads too (两, 〇 and ○
 * included) with a value from 1 to 999. Whether the line is a heading
 * (not a table row, not a glued figure row) is segment's call; where a
 * paragraph ends, normalize's. */
#include "marker.h"

#include "cnnum.h"

#include "utf8.h"

#include <string.h>

/* The value of the digit at s (0-9), or -1; *step gets its bytes.
 * Full-width ０-９ count only with MARKER_WIDE_DIGITS. */
static int digit_at(const char *s, size_t len, int flags, size_t *step) {
  *step = 1;
  if (len == 0)
    return -1;
  if (s[0] >= '0' && s[0] <= '9')
    return s[0] - '0';
  uint32_t cp;
  int n = (flags & MARKER_WIDE_DIGITS) ? utf8_decode(s, len, &cp) : -1;
  if (n <= 0 || cp < 0xFF10 || cp > 0xFF19)
    return -1;
  *step = (size_t)n;
  return (int)(cp - 0xFF10);
}

static int has_digit(const char *s, size_t len, int flags) {
  size_t step;
  return digit_at(s, len, flags, &step) >= 0;
}

// cn-ordinal = cn-numeral, value 1-999          e.g. 三 十二 两 一〇
static size_t cn_ordinal(const char *s, size_t len, int *number) {
  double v = 0;
  size_t n = cnnum_read(s, len, &v);
  if (n == 0 || v < 1 || v > 999)
    return 0;
  *number = (int)v;
  return n;
}

// ar-ordinal = digit{1,3}, value 1-999 ("2024." is a year, "0." nothing)
static size_t ar_ordinal(const char *s, size_t len, int flags, int *number) {
  size_t i = 0, step;
  int v = 0, count = 0, dg;
  while (count < 4 && (dg = digit_at(s + i, len - i, flags, &step)) >= 0) {
    v = v * 10 + dg;
    i += step;
    count++;
  }
  if (count == 0 || count == 4 || v == 0)
    return 0;
  *number = v;
  return i;
}

// part = "第" cn-ordinal ("部分" | "章")          e.g. 第一部分 第三章
static size_t part_marker(const char *s, size_t len, marker *m) {
  size_t k = strlen("第");
  size_t n = cn_ordinal(s + k, len - k, &m->number);
  if (n == 0)
    return 0;
  k += n;
  if (utf8_starts(s + k, len - k, "部分"))
    k += strlen("部分");
  else if (utf8_starts(s + k, len - k, "章"))
    k += strlen("章");
  else
    return 0;
  m->mark = MARK_PART, m->level = 1;
  return k;
}

// cn-paren = "（" cn-ordinal "）" ["、"]          e.g. （一） （一）、(fault)
// cn-hparen = "(" cn-ordinal ")"                 e.g. (一) (fault form)
// ar-paren = ("（" | "(") ar-ordinal ("）" | ")") e.g. （1） (1)
static size_t paren_marker(const char *s, size_t len, int flags, marker *m) {
  int full = utf8_starts(s, len, "（");
  size_t open = full ? strlen("（") : 1;
  if (!full && !utf8_starts(s, len, "("))
    return 0;
  size_t n = cn_ordinal(s + open, len - open, &m->number);
  int cn = n > 0;
  if (!cn)
    n = ar_ordinal(s + open, len - open, flags, &m->number);
  if (n == 0)
    return 0;
  size_t i = open + n;
  if (utf8_starts(s + i, len - i, "）"))
    i += strlen("）");
  else if (utf8_starts(s + i, len - i, ")"))
    i += 1;
  else
    return 0;
  m->level = cn ? 2 : 4;
  m->mark = cn ? (full ? MARK_CN_PAREN : MARK_CN_HPAREN) : MARK_AR_PAREN;
  if (cn && utf8_starts(s + i, len - i, "、")) {
    i += strlen("、");
    m->mark = MARK_CN_PAREN_DUN;
  }
  return i;
}

/* Bytes of "." or "．" at s, 0 if neither. */
static size_t dot_at(const char *s, size_t len) {
  return len > 0 && s[0] == '.'      ? 1
         : utf8_starts(s, len, "．") ? strlen("．")
                                     : 0;
}

// cn-marker = cn-ordinal "、"                    e.g. 一、 三、2025年
// cn-dot = cn-ordinal ("." | "．") not-digit     e.g. 一. (fault form)
static size_t cn_marker(const char *s, size_t len, int flags, marker *m) {
  size_t n = cn_ordinal(s, len, &m->number);
  if (n == 0)
    return 0;
  if (utf8_starts(s + n, len - n, "、")) {
    m->mark = MARK_CN_DUN, m->level = 1;
    return n + strlen("、");
  }
  size_t d = dot_at(s + n, len - n);
  if (d == 0 || has_digit(s + n + d, len - n - d, flags))
    return 0;
  m->mark = MARK_CN_DOT, m->level = 1;
  return n + d;
}

// ar-marker = ar-ordinal ("." | "．" | "、") not-digit  e.g. 1. 1、
//             (not 1.5倍, not 3、4月)
static size_t ar_marker(const char *s, size_t len, int flags, marker *m) {
  size_t n = ar_ordinal(s, len, flags, &m->number);
  if (n == 0)
    return 0;
  size_t k = dot_at(s + n, len - n);
  m->mark = MARK_AR_DOT;
  if (k == 0 && utf8_starts(s + n, len - n, "、")) {
    k = strlen("、");
    m->mark = MARK_AR_DUN;
  }
  if (k == 0 || has_digit(s + n + k, len - n - k, flags))
    return 0;
  m->level = 3;
  return n + k;
}

static size_t numbered_marker(const char *s, size_t len, int flags, marker *m) {
  *m = (marker){MARK_NONE, 0, 0, 0};
  if (utf8_starts(s, len, "第"))
    return part_marker(s, len, m);
  size_t n = paren_marker(s, len, flags, m);
  if (n == 0)
    n = cn_marker(s, len, flags, m);
  if (n == 0)
    n = ar_marker(s, len, flags, m);
  return n;
}

size_t marker_hashes(const char *s, size_t len) {
  size_t h = 0;
  while (h < len && h < 7 && s[h] == '#')
    h++;
  if (h == 0 || h > 6 || h >= len)
    return 0;
  if (s[h] != ' ' && (unsigned char)s[h] < 0x80)
    return 0;
  while (h < len && s[h] == ' ')
    h++;
  return h;
}

// md-heading = "#"{1,6} [" "] [marker]           e.g. ## 一、主要举措  ## 其他
/* The hashes belong to the marker; without a numbered marker after them
 * the heading is unnumbered, one level per hash after the title's (# or
 * ##). */
static size_t markdown_marker(const char *s, size_t len, int flags, marker *m) {
  size_t k = marker_hashes(s, len);
  if (k == 0)
    return 0;
  size_t n = marker_read(s + k, len - k, flags, m);
  if (n == 0) {
    size_t h = strspn(s, "#");
    m->level = h <= 2 ? 1 : h - 1 > 4 ? 4 : (int)h - 1;
  }
  m->hashes += k;
  return k + n;
}

// marker = md-heading | part | cn-paren | cn-hparen | ar-paren | cn-marker
//        | cn-dot | ar-marker
size_t marker_read(const char *s, size_t len, int flags, marker *m) {
  size_t n;
  if (len > 0 && s[0] == '#')
    n = markdown_marker(s, len, flags, m);
  else
    n = numbered_marker(s, len, flags, m);
  if (n == 0)
    *m = (marker){MARK_NONE, 0, 0, 0};
  return n;
}

int marker_is_paren(doc_mark mark) {
  return mark == MARK_CN_PAREN || mark == MARK_CN_HPAREN ||
         mark == MARK_CN_PAREN_DUN || mark == MARK_AR_PAREN;
}
