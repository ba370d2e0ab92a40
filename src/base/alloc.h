/* alloc: the allocators every module uses, and a per-report arena.
 *
 * x* functions never return NULL: on out-of-memory they print
 * "reportlint: out of memory" and abort(), so callers do not check.
 * An arena hands out zeroed blocks that are all released together by
 * arena_release(); one report's document model lives in one arena. */
#ifndef RL_ALLOC_H
#define RL_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Returns a newly allocated copy; the caller frees it with free(). */
char *xstrdup(const char *s);
/* Copies len bytes and adds a NUL; the caller frees it with free(). */
char *xstrndup(const char *s, size_t len);

typedef struct arena_block arena_block;
typedef struct arena {
  arena_block *head;
} arena;

void arena_init(arena *a);
/* Returns n zeroed bytes owned by the arena (aligned for any type). */
void *arena_alloc(arena *a, size_t n);
/* Copies len bytes plus a NUL into the arena. */
char *arena_strndup(arena *a, const char *s, size_t len);
/* Frees every block; the arena may be reused after arena_init(). */
void arena_release(arena *a);

/* Grows a heap array *v of *cap elements of size sz so that index n fits;
 * elements past the old capacity are zeroed. */
void array_grow(void **v, size_t *cap, size_t n, size_t sz);
#define ARRAY_PUSH(v, n, cap)                                                  \
  (array_grow((void **)&(v), &(cap), (n) + 1, sizeof *(v)), &(v)[(n)++])

#endif
