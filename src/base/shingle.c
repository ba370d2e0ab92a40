/* shingle: see shingle.h. */
#include "shingle.h"

#include "alloc.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

static int is_letter(uint32_t cp) {
  return utf8_is_han(cp) || (cp >= 'a' && cp <= 'z') ||
         (cp >= 'A' && cp <= 'Z');
}

/* Calls fn with the hash of every SHINGLE_K-letter window of t. */
static void each_shingle(const char *t, size_t len,
                         void (*fn)(void *arg, uint64_t h), void *arg) {
  uint32_t win[SHINGLE_K];
  size_t have = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    int n = utf8_decode(t + i, len - i, &cp);
    i += n > 0 ? (size_t)n : 1;
    if (n <= 0 || !is_letter(cp))
      continue;
    memmove(win, win + 1, (SHINGLE_K - 1) * sizeof *win);
    win[SHINGLE_K - 1] = cp;
    if (++have < SHINGLE_K)
      continue;
    uint64_t h = 1469598103934665603ull;
    for (int k = 0; k < SHINGLE_K; k++)
      h = (h ^ win[k]) * 1099511628211ull;
    fn(arg, h ? h : 1);
  }
}

void shingle_set_init(shingle_set *s) {
  memset(s, 0, sizeof *s);
  s->mask = 1023;
  s->hash = xcalloc(s->mask + 1, sizeof *s->hash);
  s->tag = xcalloc(s->mask + 1, sizeof *s->tag);
}

void shingle_set_release(shingle_set *s) {
  free(s->hash);
  free(s->tag);
  free(s->votes);
  free(s->touched);
}

/* The slot of h: where it is, or the empty one where it would go. */
static size_t slot_of(const shingle_set *s, uint64_t h) {
  size_t i = (size_t)h & s->mask;
  while (s->hash[i] && s->hash[i] != h)
    i = (i + 1) & s->mask;
  return i;
}

static void grow(shingle_set *s) {
  uint64_t *oh = s->hash;
  int *ot = s->tag;
  size_t old = s->mask + 1;
  s->mask = 2 * old - 1;
  s->hash = xcalloc(s->mask + 1, sizeof *s->hash);
  s->tag = xcalloc(s->mask + 1, sizeof *s->tag);
  for (size_t i = 0; i < old; i++)
    if (oh[i]) {
      size_t j = slot_of(s, oh[i]);
      s->hash[j] = oh[i];
      s->tag[j] = ot[i];
    }
  free(oh);
  free(ot);
}

typedef struct adding {
  shingle_set *s;
  int tag;
} adding;

static void add_one(void *arg, uint64_t h) {
  adding *a = arg;
  shingle_set *s = a->s;
  if (2 * (s->n + 1) > s->mask + 1)
    grow(s);
  size_t i = slot_of(s, h);
  if (s->hash[i])
    return;
  s->hash[i] = h;
  s->tag[i] = a->tag;
  s->n++;
}

void shingle_set_add(shingle_set *s, const char *t, size_t len, int tag) {
  adding a = {s, tag};
  each_shingle(t, len, add_one, &a);
  if (tag + 1 > s->ntags)
    s->ntags = tag + 1;
}

static void count_one(void *arg, uint64_t h) {
  (void)h;
  ++*(size_t *)arg;
}

size_t shingle_count(const char *t, size_t len) {
  size_t n = 0;
  each_shingle(t, len, count_one, &n);
  return n;
}

typedef struct asking {
  shingle_set *s;
  size_t total, found;
} asking;

static void ask_one(void *arg, uint64_t h) {
  asking *q = arg;
  shingle_set *s = q->s;
  q->total++;
  size_t i = slot_of(s, h);
  if (!s->hash[i])
    return;
  q->found++;
  int t = s->tag[i];
  if (!s->votes[t]++)
    s->touched[s->ntouched++] = t;
}

double shingle_containment(shingle_set *s, const char *t, size_t len,
                           int *best) {
  if (s->capvotes < (size_t)s->ntags) {
    free(s->votes);
    free(s->touched);
    s->capvotes = (size_t)s->ntags;
    s->votes = xcalloc(s->capvotes, sizeof *s->votes);
    s->touched = xcalloc(s->capvotes, sizeof *s->touched);
  }
  asking q = {s, 0, 0};
  *best = -1;
  if (s->votes)
    each_shingle(t, len, ask_one, &q);
  int most = 0;
  for (size_t k = 0; k < s->ntouched; k++) {
    int tg = s->touched[k];
    if (s->votes[tg] > most || (s->votes[tg] == most && tg < *best)) {
      most = s->votes[tg];
      *best = tg;
    }
    s->votes[tg] = 0;
  }
  s->ntouched = 0;
  return q.total ? (double)q.found / (double)q.total : 0;
}
