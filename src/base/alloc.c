/* alloc: abort-on-OOM wrappers and a bump arena made of linked blocks.
 * Blocks are at least 16 KiB; a request larger than that gets a block of
 * its own, so the arena never wastes more than one block's tail. */
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *check(void *p) {
  if (!p) {
    fputs("reportlint: out of memory\n", stderr);
    abort();
  }
  return p;
}

void *xmalloc(size_t n) { return check(malloc(n ? n : 1)); }

void *xcalloc(size_t n, size_t size) {
  return check(calloc(n ? n : 1, size ? size : 1));
}

void *xrealloc(void *p, size_t n) { return check(realloc(p, n ? n : 1)); }

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t len) {
  char *d = xmalloc(len + 1);
  memcpy(d, s, len);
  d[len] = '\0';
  return d;
}

struct arena_block {
  arena_block *next;
  size_t used, cap;
  _Alignas(max_align_t) unsigned char data[];
};

enum { ARENA_BLOCK = 16 * 1024 };

void arena_init(arena *a) { a->head = NULL; }

void *arena_alloc(arena *a, size_t n) {
  size_t align = _Alignof(max_align_t);
  n = (n + align - 1) / align * align;
  if (n == 0)
    n = align;
  arena_block *b = a->head;
  if (!b || b->cap - b->used < n) {
    size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
    b = xmalloc(sizeof *b + cap);
    b->used = 0;
    b->cap = cap;
    b->next = a->head;
    a->head = b;
  }
  void *p = b->data + b->used;
  b->used += n;
  memset(p, 0, n);
  return p;
}

char *arena_strndup(arena *a, const char *s, size_t len) {
  char *d = arena_alloc(a, len + 1);
  memcpy(d, s, len);
  d[len] = '\0';
  return d;
}

void arena_release(arena *a) {
  arena_block *b = a->head;
  while (b) {
    arena_block *next = b->next;
    free(b);
    b = next;
  }
  a->head = NULL;
}

void array_grow(void **v, size_t *cap, size_t n, size_t sz) {
  if (n <= *cap)
    return;
  size_t ncap = *cap ? *cap * 2 : 8;
  while (ncap < n)
    ncap *= 2;
  *v = xrealloc(*v, ncap * sz);
  memset((char *)*v + *cap * sz, 0, (ncap - *cap) * sz);
  *cap = ncap;
}
