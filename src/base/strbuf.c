/* strbuf: see strbuf.h. Growth doubles; the cap is checked before any
 * allocation so a hostile input cannot make us allocate past it. */
#include "strbuf.h"

#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void strbuf_init(strbuf *sb, size_t max) {
  sb->p = NULL;
  sb->len = sb->cap = 0;
  sb->max = max;
}

static int reserve(strbuf *sb, size_t extra) {
  if (extra > sb->max || sb->len > sb->max - extra)
    return -1;
  size_t need = sb->len + extra + 1;
  if (need <= sb->cap)
    return 0;
  size_t ncap = sb->cap ? sb->cap : 64;
  while (ncap < need)
    ncap = ncap > ((size_t)-1) / 2 ? need : ncap * 2;
  sb->p = xrealloc(sb->p, ncap);
  sb->cap = ncap;
  return 0;
}

int strbuf_put(strbuf *sb, const char *s, size_t len) {
  if (reserve(sb, len) < 0)
    return -1;
  if (len)
    memcpy(sb->p + sb->len, s, len);
  sb->len += len;
  sb->p[sb->len] = '\0';
  return 0;
}

int strbuf_puts(strbuf *sb, const char *s) {
  return strbuf_put(sb, s, strlen(s));
}

int strbuf_putc(strbuf *sb, char c) { return strbuf_put(sb, &c, 1); }

int strbuf_vprintf(strbuf *sb, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0 || reserve(sb, (size_t)n) < 0)
    return -1;
  vsnprintf(sb->p + sb->len, (size_t)n + 1, fmt, ap);
  sb->len += (size_t)n;
  return 0;
}

int strbuf_printf(strbuf *sb, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = strbuf_vprintf(sb, fmt, ap);
  va_end(ap);
  return rc;
}

void strbuf_reset(strbuf *sb) {
  sb->len = 0;
  if (sb->p)
    sb->p[0] = '\0';
}

char *strbuf_detach(strbuf *sb, size_t *len) {
  char *p = sb->p ? sb->p : xstrdup("");
  if (len)
    *len = sb->len;
  sb->p = NULL;
  sb->len = sb->cap = 0;
  return p;
}

void strbuf_release(strbuf *sb) {
  free(sb->p);
  sb->p = NULL;
  sb->len = sb->cap = 0;
}
