/* strbuf: a growable byte buffer with a hard cap.
 *
 * The buffer is always NUL-terminated once anything was put in it. Writes
 * that would pass the cap fail with -1 and leave the buffer unchanged, so
 * the caller can report "too big" instead of running out of memory. */
#ifndef RL_STRBUF_H
#define RL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct strbuf {
  char *p;
  size_t len, cap, max;
} strbuf;

#define STRBUF_UNLIMITED ((size_t)-1)

/* max is the largest len the buffer may reach. */
void strbuf_init(strbuf *sb, size_t max);
int strbuf_put(strbuf *sb, const char *s, size_t len);
int strbuf_puts(strbuf *sb, const char *s);
int strbuf_putc(strbuf *sb, char c);
int strbuf_printf(strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int strbuf_vprintf(strbuf *sb, const char *fmt, va_list ap);
/* Empties the buffer but keeps its memory. */
void strbuf_reset(strbuf *sb);
/* Hands the bytes to the caller (free() them) and resets the buffer.
 * Never returns NULL: an empty buffer yields "". len may be NULL. */
char *strbuf_detach(strbuf *sb, size_t *len);
void strbuf_release(strbuf *sb);

#endif
