/* utf8: see utf8.h. Table-free decoding with explicit range checks, the
 * shape of cmark's utf8proc_iterate. */
#include "utf8.h"

#include "alloc.h"

#include <string.h>

int utf8_decode_slow(const char *s, size_t len, uint32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  *cp = 0xFFFD;
  if (u[0] < 0x80) {
    *cp = u[0];
    return 1;
  }
  int n;
  uint32_t c, min;
  if ((u[0] & 0xE0) == 0xC0) {
    n = 2, c = u[0] & 0x1F, min = 0x80;
  } else if ((u[0] & 0xF0) == 0xE0) {
    n = 3, c = u[0] & 0x0F, min = 0x800;
  } else if ((u[0] & 0xF8) == 0xF0) {
    n = 4, c = u[0] & 0x07, min = 0x10000;
  } else {
    return -1;
  }
  if (len < (size_t)n)
    return -1;
  for (int i = 1; i < n; i++) {
    if ((u[i] & 0xC0) != 0x80)
      return -1;
    c = (c << 6) | (u[i] & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    return -1;
  *cp = c;
  return n;
}

int utf8_encode(uint32_t cp, char out[4]) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

size_t utf8_invalid_at(const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    uint32_t cp;
    int n = utf8_decode(s + i, len - i, &cp);
    if (n < 0)
      return i;
    i += (size_t)n;
  }
  return len;
}

size_t utf8_count(const char *s, size_t len) {
  size_t i = 0, n = 0;
  while (i < len) {
    i += utf8_step(s + i, len - i);
    n++;
  }
  return n;
}

size_t utf8_back(const char *s, size_t off) {
  if (off == 0)
    return 0;
  size_t i = off - 1;
  int k = 0;
  while (i > 0 && k < 3 && ((unsigned char)s[i] & 0xC0) == 0x80) {
    i--;
    k++;
  }
  return i;
}

int utf8_is_han(uint32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x2FA1F) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         cp == 0x3007;
}

int utf8_is_blank(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0x00A0;
}

int utf8_is_wide(uint32_t cp) {
  return utf8_is_han(cp) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x2018 && cp <= 0x201F) ||
         (cp >= 0x2014 && cp <= 0x2026);
}

/* The escape for one byte of a name, into esc; returns its length, or 0
 * when the byte is written as it is. */
static size_t name_escape(unsigned char c, char esc[5]) {
  static const char hex[] = "0123456789ABCDEF";
  if (c == '\n' || c == '\r' || c == '\t') {
    esc[0] = '\\';
    esc[1] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
    return 2;
  }
  esc[0] = '\\';
  esc[1] = 'x';
  esc[2] = hex[c >> 4];
  esc[3] = hex[c & 15];
  return 4;
}

size_t utf8_escape_name(const char *s, char *out, size_t cap) {
  size_t len = strlen(s), n = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    int k = utf8_decode(s + i, len - i, &cp);
    char esc[5];
    int raw = k > 0 && cp >= 0x20 && cp != 0x7F;
    size_t m = raw ? (size_t)k : name_escape((unsigned char)s[i], esc);
    if (n + m >= cap)
      break;
    memcpy(out + n, raw ? s + i : esc, m);
    n += m;
    i += k < 0 ? 1 : (size_t)k;
  }
  out[n] = '\0';
  return n;
}

char *utf8_escape_name_dup(const char *s) {
  size_t cap = 4 * strlen(s) + 1;
  char *out = xmalloc(cap);
  utf8_escape_name(s, out, cap);
  return out;
}

int utf8_starts(const char *s, size_t len, const char *lit) {
  size_t n = strlen(lit);
  return len >= n && memcmp(s, lit, n) == 0;
}

int utf8_ends(const char *s, size_t len, const char *lit) {
  size_t n = strlen(lit);
  return len >= n && memcmp(s + len - n, lit, n) == 0;
}

int utf8_blank(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (!strchr(" \t\n", s[i]))
      return 0;
  return 1;
}

int utf8_contains(const char *s, size_t len, const char *lit) {
  size_t n = strlen(lit);
  for (size_t i = 0; i + n <= len; i++)
    if (memcmp(s + i, lit, n) == 0)
      return 1;
  return 0;
}
