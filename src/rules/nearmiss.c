/* nearmiss: a hashed index of known phrases by their one-edit variants.
 *
 * Consumes phrases; produces, for a place in a run of characters, the
 * phrases missed there by one edit. Each phrase is entered under the
 * polynomial hash of every variant it allows (a wildcard in place of a
 * replaced character, a character left out, the last left out); the text
 * is hashed once per run (prefix hashes), so that every lookup costs O(1)
 * and a run of n characters O(n * L) for phrase lengths L. A hash hit is
 * checked against the phrase's characters, so a collision costs time,
 * never a false miss. */
#include "nearmiss.h"

#include "alloc.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#define BASE 0x100000001B3ull
#define WILD 0x110001u /* no code point */

typedef struct phrase {
  char *s;
  uint32_t *cp;
  int n;
} phrase;

typedef struct entry {
  uint64_t key;  /* 0: empty */
  int32_t phrase;
  uint8_t kind;  /* near_kind, or 0 for the phrase itself (INS) */
  uint8_t j;
} entry;

enum { CP_FIRST = 0x3400, CP_LAST = 0x9FFF };

/* For a character: bit L set when some phrase of L characters starts with
 * it (by_first) or has it second (by_second); characters outside the CJK
 * block share one mask. A miss at a place needs the phrase's first
 * character there (every edit but a replaced first one) or its second
 * one after it (a replaced first one), so these masks name the only
 * lengths worth looking up: most places of a text need none. */
typedef struct char_masks {
  uint32_t *cjk; /* CP_LAST - CP_FIRST + 1 entries */
  uint32_t other;
} char_masks;

struct nearmiss {
  phrase *v;
  size_t n, cap;
  entry *slots;
  size_t mask, used;
  uint32_t lengths; /* bit L: some phrase has L characters */
  char_masks by_first, by_second;
  uint64_t pow[NEARMISS_MAX + 2];
};

static uint32_t *mask_of(char_masks *m, uint32_t cp) {
  return cp >= CP_FIRST && cp <= CP_LAST ? &m->cjk[cp - CP_FIRST] : &m->other;
}

static uint32_t mask_at(const char_masks *m, uint32_t cp) {
  return cp >= CP_FIRST && cp <= CP_LAST ? m->cjk[cp - CP_FIRST] : m->other;
}

nearmiss *nearmiss_new(void) {
  nearmiss *nm = xcalloc(1, sizeof *nm);
  nm->pow[0] = 1;
  for (int i = 1; i < NEARMISS_MAX + 2; i++)
    nm->pow[i] = nm->pow[i - 1] * BASE;
  nm->mask = 1023;
  nm->slots = xcalloc(nm->mask + 1, sizeof *nm->slots);
  nm->by_first.cjk = xcalloc(CP_LAST - CP_FIRST + 1, sizeof(uint32_t));
  nm->by_second.cjk = xcalloc(CP_LAST - CP_FIRST + 1, sizeof(uint32_t));
  return nm;
}

void nearmiss_free(nearmiss *nm) {
  if (!nm)
    return;
  for (size_t i = 0; i < nm->n; i++) {
    free(nm->v[i].s);
    free(nm->v[i].cp);
  }
  free(nm->v);
  free(nm->slots);
  free(nm->by_first.cjk);
  free(nm->by_second.cjk);
  free(nm);
}

const char *nearmiss_phrase(const nearmiss *nm, int i) { return nm->v[i].s; }

uint32_t nearmiss_char(const nearmiss *nm, int i, int j) {
  return nm->v[i].cp[j];
}

/* The table key of a variant: its hash, what it is, the phrase's length. */
static uint64_t make_key(uint64_t h, int kind, int len) {
  uint64_t k = h ^ ((uint64_t)kind << 56) ^ ((uint64_t)len << 48);
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  return k ? k : 1;
}

static void put(nearmiss *nm, entry e);

static void grow(nearmiss *nm) {
  entry *old = nm->slots;
  size_t n = nm->mask + 1;
  nm->mask = 2 * n - 1;
  nm->slots = xcalloc(2 * n, sizeof *nm->slots);
  nm->used = 0;
  for (size_t i = 0; i < n; i++)
    if (old[i].key)
      put(nm, old[i]);
  free(old);
}

static void put(nearmiss *nm, entry e) {
  if (2 * (nm->used + 1) > nm->mask + 1)
    grow(nm);
  size_t i = e.key & nm->mask;
  while (nm->slots[i].key)
    i = (i + 1) & nm->mask;
  nm->slots[i] = e;
  nm->used++;
}

/* Hash of cp[0, n) with cp[skip] left out and cp[wild] replaced by the
 * wildcard (-1: neither). */
static uint64_t hash_variant(const uint32_t *cp, int n, int skip, int wild) {
  uint64_t h = 0;
  for (int i = 0; i < n; i++)
    if (i != skip)
      h = h * BASE + (i == wild ? WILD : cp[i]);
  return h;
}

static void add_entry(nearmiss *nm, int p, int kind, int j, uint64_t h) {
  put(nm, (entry){make_key(h, kind, nm->v[p].n), p, (uint8_t)kind,
                  (uint8_t)j});
}

int nearmiss_add(nearmiss *nm, const char *s, size_t len, int kinds,
                 int edges) {
  uint32_t cp[NEARMISS_MAX + 1];
  int n = 0;
  for (size_t i = 0; i < len; n++) {
    if (n > NEARMISS_MAX)
      return -1;
    int k = utf8_decode(s + i, len - i, &cp[n]);
    if (k < 0)
      return -1;
    i += (size_t)k;
  }
  if (n < NEARMISS_MIN || n > NEARMISS_MAX)
    return -1;
  int p = (int)nm->n;
  phrase *ph = ARRAY_PUSH(nm->v, nm->n, nm->cap);
  ph->s = xmalloc(len + 1);
  memcpy(ph->s, s, len);
  ph->s[len] = '\0';
  ph->cp = xmalloc((size_t)n * sizeof *ph->cp);
  memcpy(ph->cp, cp, (size_t)n * sizeof *cp);
  ph->n = n;
  nm->lengths |= 1u << n;
  *mask_of(&nm->by_first, cp[0]) |= 1u << n;
  *mask_of(&nm->by_second, cp[1]) |= 1u << n;
  for (int j = edges ? 0 : 1; (kinds & NEAR_SUB) && j < (edges ? n : n - 1);
       j++)
    add_entry(nm, p, NEAR_SUB, j, hash_variant(cp, n, -1, j));
  for (int j = 2; (kinds & NEAR_DEL) && j <= n - 3; j++)
    add_entry(nm, p, NEAR_DEL, j, hash_variant(cp, n, j, -1));
  if (kinds & NEAR_INS)
    add_entry(nm, p, 0, 0, hash_variant(cp, n, -1, -1));
  if (kinds & NEAR_CUT)
    add_entry(nm, p, NEAR_CUT, n - 1, hash_variant(cp, n, n - 1, -1));
  return p;
}

void nearmiss_text_init(nearmiss_text *t, const uint32_t *cp, int n) {
  t->cp = cp;
  t->n = n;
  t->pre = xmalloc(((size_t)n + 1) * sizeof *t->pre);
  t->pre[0] = 0;
  for (int i = 0; i < n; i++)
    t->pre[i + 1] = t->pre[i] * BASE + cp[i];
}

void nearmiss_text_release(nearmiss_text *t) {
  free(t->pre);
  t->pre = NULL;
}

/* Hash of t->cp[a, b), b - a <= NEARMISS_MAX + 1. */
static uint64_t span_hash(const nearmiss *nm, const nearmiss_text *t, int a,
                          int b) {
  return t->pre[b] - t->pre[a] * nm->pow[b - a];
}

/* Whether the written form t->cp[at, at + len) is phrase p after the
 * hit's edit. */
static int verify(const nearmiss *nm, const nearmiss_text *t,
                  const near_hit *h) {
  const phrase *p = &nm->v[h->phrase];
  const uint32_t *w = t->cp + h->at;
  switch (h->kind) {
  case NEAR_SUB:
    for (int i = 0; i < p->n; i++)
      if ((i == h->j) == (w[i] == p->cp[i]))
        return 0;
    return 1;
  case NEAR_DEL:
    return memcmp(w, p->cp, (size_t)h->j * sizeof *w) == 0 &&
           memcmp(w + h->j, p->cp + h->j + 1,
                  (size_t)(p->n - h->j - 1) * sizeof *w) == 0;
  case NEAR_INS:
    return memcmp(w, p->cp, (size_t)h->j * sizeof *w) == 0 &&
           memcmp(w + h->j + 1, p->cp + h->j,
                  (size_t)(p->n - h->j) * sizeof *w) == 0;
  case NEAR_CUT:
    return memcmp(w, p->cp, (size_t)(p->n - 1) * sizeof *w) == 0;
  }
  return 0;
}

typedef struct finder {
  const nearmiss *nm;
  const nearmiss_text *t;
  near_hit *hits;
  int cap, found;
} finder;

/* Every phrase entered under (h, kind, phrase length n) whose edit is at
 * j (SUB) and that the text at `at` misses as `hit_kind`. */
static void lookup(finder *f, uint64_t h, int kind, int n, int at, int len,
                   int j, near_kind hit_kind) {
  const nearmiss *nm = f->nm;
  uint64_t key = make_key(h, kind, n);
  for (size_t i = key & nm->mask; nm->slots[i].key; i = (i + 1) & nm->mask) {
    const entry *e = &nm->slots[i];
    if (e->key != key || (kind == NEAR_SUB && e->j != j))
      continue;
    near_hit hit = {e->phrase, hit_kind, at, len, kind ? e->j : j};
    if (!verify(nm, f->t, &hit))
      continue;
    if (f->found < f->cap)
      f->hits[f->found] = hit;
    f->found++;
  }
}

/* The lookups for phrases of n characters at `at`: a replaced first
 * character when the text has the phrase's second one next (second),
 * every other edit when it has its first one here (first). */
static void find_length(finder *f, int at, int n, int first, int second) {
  const nearmiss *nm = f->nm;
  const nearmiss_text *t = f->t;
  int rest = t->n - at;
  if (second && n <= rest) {
    uint64_t h = WILD * nm->pow[n - 1] + span_hash(nm, t, at + 1, at + n);
    lookup(f, h, NEAR_SUB, n, at, n, 0, NEAR_SUB);
  }
  if (!first)
    return;
  for (int j = 1; n <= rest && j < n; j++) {
    uint64_t h = (span_hash(nm, t, at, at + j) * BASE + WILD) *
                     nm->pow[n - j - 1] +
                 span_hash(nm, t, at + j + 1, at + n);
    lookup(f, h, NEAR_SUB, n, at, n, j, NEAR_SUB);
  }
  if (n - 1 <= rest) {
    uint64_t h = span_hash(nm, t, at, at + n - 1);
    lookup(f, h, NEAR_DEL, n, at, n - 1, 0, NEAR_DEL);
    if (n - 1 == rest)
      lookup(f, h, NEAR_CUT, n, at, n - 1, 0, NEAR_CUT);
  }
  for (int j = 2; n + 1 <= rest && j <= n - 2; j++) {
    uint64_t h = span_hash(nm, t, at, at + j) * nm->pow[n - j] +
                 span_hash(nm, t, at + j + 1, at + n + 1);
    lookup(f, h, 0, n, at, n + 1, j, NEAR_INS);
  }
}

int nearmiss_find(const nearmiss *nm, const nearmiss_text *t, int at,
                  near_hit *hits, int cap) {
  finder f = {nm, t, hits, cap, 0};
  if (at >= t->n)
    return 0;
  uint32_t m0 = mask_at(&nm->by_first, t->cp[at]);
  uint32_t m1 = at + 1 < t->n ? mask_at(&nm->by_second, t->cp[at + 1]) : 0;
  uint32_t want = (m0 | m1) & nm->lengths;
  for (int n = NEARMISS_MIN; want && n <= NEARMISS_MAX; n++)
    if (want & (1u << n))
      find_length(&f, at, n, (m0 >> n) & 1, (m1 >> n) & 1);
  return f.found;
}
