/* utf8: decode, encode and validate UTF-8; count columns.
 *
 * Validation is strict (RFC 3629): overlong forms, surrogates (U+D800..DFFF)
 * and code points above U+10FFFF are invalid. Columns are code points, so a
 * Chinese character is one column, as the findings promise. */
#ifndef RL_UTF8_H
#define RL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s. Returns its length in bytes (1..4), or -1
 * if the bytes there are not valid UTF-8 (then *cp is U+FFFD). len > 0.
 * ASCII and the three-byte forms (all of Chinese) are decoded inline here,
 * since every stage steps through the text a character at a time; the
 * rest in utf8.c. */
int utf8_decode_slow(const char *s, size_t len, uint32_t *cp);
static inline int utf8_decode(const char *s, size_t len, uint32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  if (u[0] < 0x80) {
    *cp = u[0];
    return 1;
  }
  if ((u[0] & 0xF0) == 0xE0 && len >= 3 && (u[1] & 0xC0) == 0x80 &&
      (u[2] & 0xC0) == 0x80) {
    uint32_t c = ((uint32_t)(u[0] & 0x0F) << 12) |
                 ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
      *cp = c;
      return 3;
    }
  }
  return utf8_decode_slow(s, len, cp);
}
/* Writes cp (<= U+10FFFF, not a surrogate) as UTF-8; returns 1..4. */
int utf8_encode(uint32_t cp, char out[4]);
/* Returns the offset of the first invalid byte, or len if all is valid. */
size_t utf8_invalid_at(const char *s, size_t len);
/* Number of code points in s; an invalid byte counts as one. */
size_t utf8_count(const char *s, size_t len);
/* Length in bytes of the code point starting at s (1 if invalid). */
static inline size_t utf8_step(const char *s, size_t len) {
  uint32_t cp;
  int n = utf8_decode(s, len, &cp);
  return n < 0 ? 1 : (size_t)n;
}
/* Offset of the start of the code point before off (0 if none). */
size_t utf8_back(const char *s, size_t off);
/* A file name made fit for every output, the one place that does it:
 * each byte that is not valid UTF-8 written as \xHH and each control
 * character as \n, \r, \t or \xHH, so that a name is valid UTF-8 and on
 * one line (JSON parsers, XML and terminals reject or split the rest).
 * Writes at most cap - 1 bytes and a NUL into out (cap > 0), cutting
 * between characters, never inside one; returns the bytes written. */
size_t utf8_escape_name(const char *s, char *out, size_t cap);
/* The same into a newly allocated string; the caller frees it. */
char *utf8_escape_name_dup(const char *s);
/* CJK ideographs, 〇, and the CJK symbol/fullwidth punctuation blocks. */
/* 1 if s[0, len) starts with / ends with / holds the NUL-terminated
 * literal lit (a byte comparison, which for UTF-8 is a comparison of
 * characters). */
int utf8_starts(const char *s, size_t len, const char *lit);
int utf8_ends(const char *s, size_t len, const char *lit);
int utf8_contains(const char *s, size_t len, const char *lit);
/* 1 if s[0, len) holds nothing but spaces, tabs and line feeds (or
 * NULs): no text to read. */
int utf8_blank(const char *s, size_t len);
int utf8_is_wide(uint32_t cp);
int utf8_is_han(uint32_t cp);
/* 1 for a blank inside a line: space, tab, ideographic space (U+3000) or
 * no-break space (U+00A0). */
int utf8_is_blank(uint32_t cp);

#endif
