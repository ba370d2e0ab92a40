/* nearmiss: a hashed index of known phrases by their one-edit variants.
 *
 * Consumes phrases; produces, for a place in a run of characters, the
 * phrases missed there by one edit. Each phrase is entered under the
 * polynomial hash of every variant it allows (a wildcard in place of a
 * replaced character, a character left out, the last left out); the text
 * is hashed once per run (prefix hashes), so that every lookup costs O(1)
 * and a run of n characters O(n * L) for phrase lengths L. A hash hit is
 * checked against the phrase's characters, so a collision costs time,
 * never a false miss.
 *
 * Most places of a text start no miss, and a lookup in a large table (the
 * 25,000 idioms of the word list) is a cache miss, so cheaper tests come
 * first. Every edit leaves some of the phrase's characters in place, in
 * places known from the written form's start: a replaced first character
 * the second to fourth, a replaced second one the first, third and
 * fourth, a replaced, dropped or added third one the first, second and
 * fourth (the written form's first, second and third or fourth), any
 * later edit the first three. So:
 *  - a filter of these triples, each with its role (which of the written
 *    form's characters it is), tested at each place (four keys, their
 *    sums rolled from place to place), names the places worth a closer
 *    look (nearmiss_next): about one in fifteen in a report;
 *  - there, exact tables of the phrases' pairs (first and second, first
 *    and third, second and third) give the lengths of the phrases that
 *    have the text's, and a filter of each phrase's triples with its
 *    length the lookups worth making for each length.
 * The filters are blocked Bloom filters: two bits a key in one 64-bit
 * word, so a test is one load.
 *
 * The tables are the same in memory and in the bytes nearmiss_write
 * makes, so that a view over a mapped file is ready without parsing. */
#include "nearmiss.h"

#include "alloc.h"
#include "i18n.h"
#include "mix64.h"
#include "utf8.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASE 0x100000001B3ull
#define WILD 0x110001u         /* no code point */
#define VIEW_MAGIC 0x32584D4Eu /* "NMX2" */

/* The exact pair tables: a phrase's first two characters (kept by every
 * edit past the second), its first and third (a replaced second one), its
 * second and third (a replaced first one). */
enum { A01, A02, A12 };

typedef struct phrase {
  uint32_t cp;  /* its characters: cps[cp, cp + n) */
  uint32_t str; /* its text: strs + str, NUL-terminated */
  uint8_t n, kinds, edges, pad;
} phrase;

/* A variant in the table: the high half of its key (the low bits place
 * it), and USED | phrase << 7 | j << 2 | its kind's code. */
typedef struct entry {
  uint32_t fp;
  uint32_t info; /* 0: empty */
} entry;

enum { USED = 1u << 31, MAX_PHRASES = 1 << 24 };

/* A pair table's entry: 0 empty, else the pair (x << 21 | y, code points
 * take 21 bits) << 21 | its lengths (bit L - NEARMISS_MIN: a phrase of L
 * characters has the pair). */
enum { PAIR_BITS = 21 };
#define PAIR_LENGTHS ((1ull << PAIR_BITS) - 1)

/* The start of nearmiss_write's bytes; the tables follow in the order of
 * the struct below, each padded to 8 bytes. */
typedef struct view_head {
  uint32_t magic, head_size;
  uint64_t canary; /* layout_canary() of the writer */
  uint32_t nph, ncp, nstr, nslots, npairs, lengths;
  uint8_t kinds[32];
} view_head;

struct nearmiss {
  const nearmiss *base;
  phrase *ph;
  size_t nph, capph;
  uint32_t *cps;
  size_t ncp, capcp;
  char *strs;
  size_t nstr, capstr;
  entry *slots;
  size_t mask, used;
  uint64_t *pairs; /* the tables of A01, A02 and A12, npairs entries each */
  size_t npairs, pairs_used[3];
  uint64_t *scan;    /* nscan words: the pairs and triples of the places
                        worth a look (nearmiss_next), of the base's
                        phrases too when scan_has_base */
  size_t nscan;
  int scan_has_base;
  uint64_t *triples; /* npairs / 2 words: each phrase's length with its
                        characters 0, 1, 2 and 0, 1, 3 */
  uint32_t lengths;                /* bit L: some phrase has L characters */
  uint8_t kinds[NEARMISS_MAX + 1]; /* per length: the edits entered */
  uint64_t pow[NEARMISS_MAX + 2];
  int viewed; /* the tables are the bytes of nearmiss_view, not ours */
};

/* The table key of a variant: its hash, what it is, the phrase's length. */
static uint64_t make_key(uint64_t h, int kind, int len) {
  uint64_t k = h ^ ((uint64_t)kind << 56) ^ ((uint64_t)len << 48);
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  return k ? k : 1;
}

static uint64_t pair_key(uint32_t x, uint32_t y) {
  return (uint64_t)(x & PAIR_LENGTHS) << PAIR_BITS | (y & PAIR_LENGTHS);
}

static size_t pair_slot(uint64_t k, size_t npairs) {
  return (size_t)((k * 0x9E3779B97F4A7C15ull) >> 32) & (npairs - 1);
}

// --- the filters -------------------------------------------------------------

/* A cheap mix for the filters' keys, tested at every place of a text:
 * their word from the high bits, their two bits from the low ones. */
static uint64_t mix(uint64_t k) {
  k = (k ^ (k >> 31)) * 0x9E3779B97F4A7C15ull;
  return k ^ (k >> 29);
}

/* The scan filter's key of characters x, y, z in a role (which of the
 * written form's characters they are): a sum of products, so that a run's
 * sums roll (each character multiplied once a place), and the role's
 * constant, mixed once. */
#define SCAN_K1 0x9E3779B97F4A7C15ull
#define SCAN_K2 0xC2B2AE3D27D4EB4Full
#define SCAN_K3 0x165667B19E3779F9ull
enum {
  R012 = 0x27D4EB2F, /* the written form's characters 0, 1, 2 */
  R013 = 0x61C88647, /* 0, 1, 3 */
  R023 = 0x7F4A7C15, /* 0, 2, 3 */
  R123 = 0x3C6EF372  /* 1, 2, 3 */
};

static uint64_t scan_mix(uint64_t k, uint64_t role) {
  k += role * 0xD6E8FEB86659FD93ull;
  k ^= k >> 29;
  return k * 0xBF58476D1CE4E5B9ull;
}

static uint64_t scan_hash(uint32_t x, uint32_t y, uint32_t z, uint64_t role) {
  return scan_mix(x * SCAN_K1 + y * SCAN_K2 + z * SCAN_K3, role);
}

/* The hash of a triple: tag 0 a phrase's characters 0, 1, 2, tag 1 its
 * 0, 1, 3 (with its length n), tag 2 either (n 0: the scan filter). */
static uint64_t triple_hash(int tag, int n, uint32_t x, uint32_t y,
                            uint32_t z) {
  return mix(pair_key(x, y) * 0xC2B2AE3D27D4EB4Full ^
             ((uint64_t)(z & PAIR_LENGTHS) << 8 | (uint64_t)n << 2 |
              (uint64_t)tag));
}

enum { T012, T013 };

static uint64_t filter_bits(uint64_t h) {
  return 1ull << (h & 63) | 1ull << ((h >> 6) & 63);
}

static int filter_has(const uint64_t *f, size_t nwords, uint64_t h) {
  uint64_t m = filter_bits(h);
  return (f[(h >> 40) & (nwords - 1)] & m) == m;
}

static void filter_add(uint64_t *f, size_t nwords, uint64_t h) {
  f[(h >> 40) & (nwords - 1)] |= filter_bits(h);
}

/* The lengths (bit L) of the phrases that have x, y as their pair
 * `anchor`. Probes are bounded: a view's table may be damaged. */
static uint32_t pair_lengths(const nearmiss *nm, int anchor, uint32_t x,
                             uint32_t y) {
  const uint64_t *tab = nm->pairs + (size_t)anchor * nm->npairs;
  uint64_t k = pair_key(x, y);
  size_t i = pair_slot(k, nm->npairs);
  for (size_t probe = 0; probe < nm->npairs && tab[i];
       probe++, i = (i + 1) & (nm->npairs - 1))
    if (tab[i] >> PAIR_BITS == k)
      return (uint32_t)(tab[i] & PAIR_LENGTHS) << NEARMISS_MIN;
  return 0;
}

static void pair_add(nearmiss *nm, int anchor, uint32_t x, uint32_t y,
                     int n) {
  uint64_t *tab = nm->pairs + (size_t)anchor * nm->npairs;
  uint64_t k = pair_key(x, y);
  size_t i = pair_slot(k, nm->npairs);
  while (tab[i] && tab[i] >> PAIR_BITS != k)
    i = (i + 1) & (nm->npairs - 1);
  if (!tab[i])
    nm->pairs_used[anchor]++;
  tab[i] = k << PAIR_BITS | (tab[i] & PAIR_LENGTHS) |
           1ull << (n - NEARMISS_MIN);
}

static int triple_maybe(const nearmiss *nm, int tag, int n, uint32_t x,
                        uint32_t y, uint32_t z) {
  return filter_has(nm->triples, nm->npairs / 2,
                    triple_hash(tag, n, x, y, z));
}

/* What phrase p leaves in place when missed, in the tables and filters:
 * a replaced first character keeps the second and third (and fourth), a
 * replaced second one the first and third (and fourth), any other edit
 * the first two; and of those, an edit at the third character the first,
 * second and fourth, a later one the first three. */
static void add_kept(nearmiss *nm, const phrase *p) {
  const uint32_t *c = nm->cps + p->cp;
  int n = p->n;
  uint64_t *f = nm->scan;
  size_t nf = nm->nscan;
  if (p->kinds & NEAR_SUB) {
    if (p->edges) {
      pair_add(nm, A12, c[1], c[2], n);
      filter_add(f, nf, scan_hash(c[1], c[2], c[3], R123));
    }
    pair_add(nm, A02, c[0], c[2], n);
    filter_add(f, nf, scan_hash(c[0], c[2], c[3], R023));
    filter_add(f, nf, scan_hash(c[0], c[1], c[3], R013));
  }
  pair_add(nm, A01, c[0], c[1], n);
  filter_add(f, nf, scan_hash(c[0], c[1], c[2], R012));
  if (p->kinds & NEAR_DEL) /* the third dropped: written 0, 1, 2 */
    filter_add(f, nf, scan_hash(c[0], c[1], c[3], R012));
  if (p->kinds & NEAR_INS) /* one added third: written 0, 1, 3 */
    filter_add(f, nf, scan_hash(c[0], c[1], c[2], R013));
  filter_add(nm->triples, nm->npairs / 2,
             triple_hash(T012, n, c[0], c[1], c[2]));
  filter_add(nm->triples, nm->npairs / 2,
             triple_hash(T013, n, c[0], c[1], c[3]));
}

/* Makes room for one more phrase's pairs: past 3/4 full, tables and
 * filters twice as large, and every phrase entered again. The scan
 * filter that holds the base's phrases too stays while it is as large as
 * this index would make its own (its own bits are set again, no harm);
 * past that it holds this index's alone. */
static void reserve_kept(nearmiss *nm) {
  int full = 0;
  for (int a = 0; a < 3; a++)
    full |= 4 * (nm->pairs_used[a] + 1) > 3 * nm->npairs;
  if (!full)
    return;
  free(nm->pairs);
  free(nm->triples);
  nm->npairs *= 2;
  nm->pairs = xcalloc(3 * nm->npairs, sizeof *nm->pairs);
  nm->triples = xcalloc(nm->npairs / 2, sizeof *nm->triples);
  if (!nm->scan_has_base || nm->nscan < nm->npairs) {
    free(nm->scan);
    nm->nscan = nm->npairs;
    nm->scan = xcalloc(nm->nscan, sizeof *nm->scan);
    nm->scan_has_base = 0;
  }
  memset(nm->pairs_used, 0, sizeof nm->pairs_used);
  for (size_t p = 0; p < nm->nph; p++)
    add_kept(nm, &nm->ph[p]);
}

// --- building ----------------------------------------------------------------

static void init_pow(nearmiss *nm) {
  nm->pow[0] = 1;
  for (int i = 1; i < NEARMISS_MAX + 2; i++)
    nm->pow[i] = nm->pow[i - 1] * BASE;
}

nearmiss *nearmiss_new(const nearmiss *base) {
  assert(!base || !base->base);
  nearmiss *nm = xcalloc(1, sizeof *nm);
  nm->base = base;
  init_pow(nm);
  nm->mask = 1023;
  nm->slots = xcalloc(nm->mask + 1, sizeof *nm->slots);
  nm->npairs = 256;
  nm->pairs = xcalloc(3 * nm->npairs, sizeof *nm->pairs);
  nm->triples = xcalloc(nm->npairs / 2, sizeof *nm->triples);
  /* one scan filter for both: a copy of the base's, this index's
     phrases added to it */
  nm->nscan = base && base->nscan >= nm->npairs ? base->nscan : nm->npairs;
  nm->scan = xcalloc(nm->nscan, sizeof *nm->scan);
  nm->scan_has_base = base && base->nscan == nm->nscan;
  if (nm->scan_has_base)
    memcpy(nm->scan, base->scan, nm->nscan * sizeof *nm->scan);
  return nm;
}

void nearmiss_free(nearmiss *nm) {
  if (!nm)
    return;
  if (!nm->viewed) {
    free(nm->ph);
    free(nm->cps);
    free(nm->strs);
    free(nm->slots);
    free(nm->pairs);
    free(nm->scan);
    free(nm->triples);
  }
  free(nm);
}

int nearmiss_count(const nearmiss *nm) { return (int)nm->nph; }

/* Phrase i of nm itself, or NULL when the tables (a view's) do not hold
 * it whole. */
static const phrase *phrase_at(const nearmiss *nm, int64_t i) {
  if (i < 0 || (uint64_t)i >= nm->nph)
    return NULL;
  const phrase *p = &nm->ph[i];
  if (p->n < NEARMISS_MIN || p->n > NEARMISS_MAX || p->cp > nm->ncp ||
      nm->ncp - p->cp < p->n || p->str >= nm->nstr)
    return NULL;
  return p;
}

/* The layer that holds phrase number *i, with *i made its own number. */
static const nearmiss *layer_of(const nearmiss *nm, int *i) {
  if (*i >= (int)nm->nph && nm->base) {
    *i -= (int)nm->nph;
    return nm->base;
  }
  return nm;
}

const char *nearmiss_phrase(const nearmiss *nm, int i) {
  const nearmiss *l = layer_of(nm, &i);
  const phrase *p = phrase_at(l, i);
  return p ? l->strs + p->str : "";
}

uint32_t nearmiss_char(const nearmiss *nm, int i, int j) {
  const nearmiss *l = layer_of(nm, &i);
  const phrase *p = phrase_at(l, i);
  return p && j >= 0 && j < p->n ? l->cps[p->cp + (uint32_t)j] : 0;
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

/* An entry's code for a kind: the phrase itself (INS) 0, SUB 1, DEL 2,
 * CUT 3. */
static uint32_t kind_code(int kind) {
  return kind == NEAR_CUT ? 3 : (uint32_t)kind;
}

static void insert(nearmiss *nm, int p, int kind, int j, uint64_t h) {
  uint64_t key = make_key(h, kind, nm->ph[p].n);
  size_t i = key & nm->mask;
  while (nm->slots[i].info)
    i = (i + 1) & nm->mask;
  nm->slots[i] = (entry){(uint32_t)(key >> 32),
                         USED | (uint32_t)p << 7 | (uint32_t)j << 2 |
                             kind_code(kind)};
  nm->used++;
}

/* The entries phrase p is looked up by: every variant its kinds allow,
 * and its pairs in the filter. */
static void enter_phrase(nearmiss *nm, int p) {
  const phrase *ph = &nm->ph[p];
  const uint32_t *cp = nm->cps + ph->cp;
  int n = ph->n, kinds = ph->kinds, edges = ph->edges;
  for (int j = edges ? 0 : 1; (kinds & NEAR_SUB) && j < (edges ? n : n - 1);
       j++)
    insert(nm, p, NEAR_SUB, j, hash_variant(cp, n, -1, j));
  for (int j = 2; (kinds & NEAR_DEL) && j <= n - 3; j++)
    insert(nm, p, NEAR_DEL, j, hash_variant(cp, n, j, -1));
  if (kinds & NEAR_INS)
    insert(nm, p, 0, 0, hash_variant(cp, n, -1, -1));
  if (kinds & NEAR_CUT)
    insert(nm, p, NEAR_CUT, n - 1, hash_variant(cp, n, n - 1, -1));
}

static size_t entries_of(int n, int kinds, int edges) {
  size_t c = 0;
  if (kinds & NEAR_SUB)
    c += (size_t)(edges ? n : n - 2);
  if ((kinds & NEAR_DEL) && n > 4)
    c += (size_t)(n - 4);
  return c + !!(kinds & NEAR_INS) + !!(kinds & NEAR_CUT);
}

/* Makes room for `more` entries: when the table would pass 3/4 full, a
 * table twice as large or more, and every phrase entered again in order
 * (an entry keeps only half its key). */
static void reserve(nearmiss *nm, size_t more) {
  size_t slots = nm->mask + 1;
  if (4 * (nm->used + more) <= 3 * slots)
    return;
  while (4 * (nm->used + more) > 3 * slots)
    slots *= 2;
  free(nm->slots);
  nm->mask = slots - 1;
  nm->slots = xcalloc(slots, sizeof *nm->slots);
  nm->used = 0;
  for (size_t p = 0; p < nm->nph; p++)
    enter_phrase(nm, (int)p);
}

/* Stores phrase s[0, len) of n characters cp; returns its number. */
static int store_phrase(nearmiss *nm, const char *s, size_t len,
                        const uint32_t *cp, int n, int kinds, int edges) {
  int p = (int)nm->nph;
  phrase *ph = ARRAY_PUSH(nm->ph, nm->nph, nm->capph);
  ph->cp = (uint32_t)nm->ncp;
  ph->str = (uint32_t)nm->nstr;
  ph->n = (uint8_t)n;
  ph->kinds = (uint8_t)kinds;
  ph->edges = edges != 0;
  array_grow((void **)&nm->cps, &nm->capcp, nm->ncp + (size_t)n,
             sizeof *nm->cps);
  memcpy(nm->cps + nm->ncp, cp, (size_t)n * sizeof *cp);
  nm->ncp += (size_t)n;
  array_grow((void **)&nm->strs, &nm->capstr, nm->nstr + len + 1, 1);
  memcpy(nm->strs + nm->nstr, s, len);
  nm->strs[nm->nstr + len] = '\0';
  nm->nstr += len + 1;
  nm->lengths |= 1u << n;
  nm->kinds[n] |= (uint8_t)kinds;
  return p;
}

int nearmiss_add(nearmiss *nm, const char *s, size_t len, int kinds,
                 int edges) {
  assert(!nm->viewed);
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
  if (n < NEARMISS_MIN || n > NEARMISS_MAX || nm->nph >= MAX_PHRASES)
    return -1;
  reserve(nm, entries_of(n, kinds, edges));
  reserve_kept(nm);
  int p = store_phrase(nm, s, len, cp, n, kinds, edges);
  enter_phrase(nm, p);
  add_kept(nm, &nm->ph[p]);
  return p;
}

// --- the bytes of an index ---------------------------------------------------

/* A value that changes with the hash functions, the tables' layout and
 * the limits, so that bytes written by another build are refused rather
 * than read wrong. */
static uint64_t layout_canary(void) {
  static const uint32_t probe[] = {0x6CD5, 0x6CBB, 0x653F, 0x5E9C}; /* 法治政府 */
  uint64_t c = make_key(hash_variant(probe, 4, -1, 1), NEAR_SUB, 4);
  c = mix64(c ^ pair_slot(pair_key(probe[1], probe[2]), 1u << 20) ^
           scan_hash(probe[0], probe[2], probe[3], R023) ^
           triple_hash(T013, 4, probe[0], probe[1], probe[3]));
  c = mix64(c ^ (sizeof(entry) | sizeof(phrase) << 8 |
                sizeof(view_head) << 16 | (uint64_t)NEARMISS_MAX << 24 |
                (uint64_t)PAIR_BITS << 32));
  return mix64(c ^ BASE ^ ((uint64_t)WILD << 7));
}

static size_t pad8(size_t n) { return (n + 7) & ~(size_t)7; }

static int put_table(strbuf *out, const void *p, size_t len) {
  static const char zero[8];
  if (len && strbuf_put(out, p, len) < 0)
    return -1;
  return strbuf_put(out, zero, pad8(len) - len);
}

int nearmiss_write(const nearmiss *nm, strbuf *out) {
  assert(!nm->base && nm->nscan == nm->npairs);
  view_head h = {.magic = VIEW_MAGIC,
                 .head_size = sizeof h,
                 .canary = layout_canary(),
                 .nph = (uint32_t)nm->nph,
                 .ncp = (uint32_t)nm->ncp,
                 .nstr = (uint32_t)nm->nstr,
                 .nslots = (uint32_t)(nm->mask + 1),
                 .npairs = (uint32_t)nm->npairs,
                 .lengths = nm->lengths};
  memcpy(h.kinds, nm->kinds, sizeof nm->kinds);
  if (put_table(out, &h, sizeof h) < 0 ||
      put_table(out, nm->ph, nm->nph * sizeof *nm->ph) < 0 ||
      put_table(out, nm->cps, nm->ncp * sizeof *nm->cps) < 0 ||
      put_table(out, nm->strs, nm->nstr) < 0 ||
      put_table(out, nm->slots, (nm->mask + 1) * sizeof *nm->slots) < 0 ||
      put_table(out, nm->pairs, 3 * nm->npairs * sizeof *nm->pairs) < 0 ||
      put_table(out, nm->scan, nm->npairs * sizeof *nm->scan) < 0 ||
      put_table(out, nm->triples, nm->npairs / 2 * sizeof *nm->triples) < 0)
    return -1;
  return 0;
}

static int is_pow2(uint32_t n) { return n && !(n & (n - 1)); }

/* Points the tables of nm into the bytes after the header h at p. */
static void view_tables(nearmiss *nm, const view_head *h, const char *p) {
  p += sizeof *h;
  nm->ph = (phrase *)p;
  p += pad8((size_t)h->nph * sizeof(phrase));
  nm->cps = (uint32_t *)p;
  p += pad8((size_t)h->ncp * sizeof(uint32_t));
  nm->strs = (char *)p;
  p += pad8(h->nstr);
  nm->slots = (entry *)p;
  p += (size_t)h->nslots * sizeof(entry);
  nm->pairs = (uint64_t *)p;
  p += 3 * (size_t)h->npairs * sizeof(uint64_t);
  nm->scan = (uint64_t *)p;
  nm->nscan = h->npairs;
  nm->triples = (uint64_t *)(p + (size_t)h->npairs * sizeof(uint64_t));
}

nearmiss *nearmiss_view(const void *p, size_t len, char *err,
                        size_t errcap) {
  view_head h;
  if ((uintptr_t)p % 8 || len < sizeof h) {
    snprintf(err, errcap, "%s", _("its phrase index is short or misaligned"));
    return NULL;
  }
  memcpy(&h, p, sizeof h);
  if (h.magic != VIEW_MAGIC || h.head_size != sizeof h ||
      h.canary != layout_canary()) {
    snprintf(err, errcap, "%s", _("its phrase index was written by another build"));
    return NULL;
  }
  uint64_t need = sizeof h + pad8((uint64_t)h.nph * sizeof(phrase)) +
                  pad8((uint64_t)h.ncp * 4) + pad8(h.nstr) +
                  (uint64_t)h.nslots * sizeof(entry) +
                  3 * (uint64_t)h.npairs * 8 + (uint64_t)h.npairs * 8 +
                  (uint64_t)h.npairs / 2 * 8;
  uint32_t lengths = ((1u << (NEARMISS_MAX + 1)) - 1) &
                     ~((1u << NEARMISS_MIN) - 1);
  if (need != len || !is_pow2(h.nslots) || !is_pow2(h.npairs) ||
      h.npairs < 4 ||
      (h.lengths & ~lengths) || !h.nstr ||
      ((const char *)p)[sizeof h + pad8((uint64_t)h.nph * sizeof(phrase)) +
                        pad8((uint64_t)h.ncp * 4) + h.nstr - 1]) {
    snprintf(err, errcap, "%s", _("its phrase index's tables do not add up"));
    return NULL;
  }
  nearmiss *nm = xcalloc(1, sizeof *nm);
  nm->viewed = 1;
  init_pow(nm);
  view_tables(nm, &h, p);
  nm->nph = h.nph;
  nm->ncp = h.ncp;
  nm->nstr = h.nstr;
  nm->mask = h.nslots - 1;
  nm->used = 0;
  nm->npairs = h.npairs;
  nm->lengths = h.lengths;
  memcpy(nm->kinds, h.kinds, sizeof nm->kinds);
  return nm;
}

// --- finding -----------------------------------------------------------------

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

/* One index of the stack a search goes through (the index, its base). */
typedef struct layer {
  const nearmiss *nm;
  int off;                /* the number of its first phrase in hits */
  uint32_t a01, a02, a12; /* the lengths the text's pairs at the place
                             allow, by pair */
} layer;

typedef struct finder {
  const nearmiss_text *t;
  const uint64_t *pow;
  layer ly[2];
  int nly;
  near_hit *hits;
  int cap, found;
} finder;

/* Hash of t->cp[a, b), b - a <= NEARMISS_MAX + 1. */
static uint64_t span_hash(const finder *f, int a, int b) {
  return f->t->pre[b] - f->t->pre[a] * f->pow[b - a];
}

/* Whether the written form t->cp[at, at + len) is phrase p (characters
 * c) after the hit's edit. */
static int verify(const phrase *p, const uint32_t *c, const nearmiss_text *t,
                  const near_hit *h) {
  const uint32_t *w = t->cp + h->at;
  switch (h->kind) {
  case NEAR_SUB:
    for (int i = 0; i < p->n; i++)
      if ((i == h->j) == (w[i] == c[i]))
        return 0;
    return 1;
  case NEAR_DEL:
    return memcmp(w, c, (size_t)h->j * sizeof *w) == 0 &&
           memcmp(w + h->j, c + h->j + 1,
                  (size_t)(p->n - h->j - 1) * sizeof *w) == 0;
  case NEAR_INS:
    return memcmp(w, c, (size_t)h->j * sizeof *w) == 0 &&
           memcmp(w + h->j + 1, c + h->j,
                  (size_t)(p->n - h->j) * sizeof *w) == 0;
  case NEAR_CUT:
    return memcmp(w, c, (size_t)(p->n - 1) * sizeof *w) == 0;
  }
  return 0;
}

/* Every phrase of layer y entered under (h, kind, phrase length n) whose
 * edit is at j (SUB) and that the text at `at` misses as `hit_kind`. The
 * probe count is bounded and every phrase checked, as a view's tables may
 * be damaged. */
static void lookup(finder *f, const layer *y, uint64_t h, int kind, int n,
                   int at, int len, int j, near_kind hit_kind) {
  const nearmiss *nm = y->nm;
  uint64_t key = make_key(h, kind, n);
  uint32_t fp = (uint32_t)(key >> 32), code = kind_code(kind);
  size_t i = key & nm->mask;
  for (size_t probe = 0; probe <= nm->mask && nm->slots[i].info;
       probe++, i = (i + 1) & nm->mask) {
    const entry *e = &nm->slots[i];
    int ej = (int)((e->info >> 2) & 31);
    if (e->fp != fp || (e->info & 3) != code ||
        (kind == NEAR_SUB && ej != j))
      continue;
    int pi = (int)((e->info >> 7) & (MAX_PHRASES - 1));
    const phrase *p = phrase_at(nm, pi);
    if (!p || p->n != n || ej >= n)
      continue;
    near_hit hit = {y->off + pi, hit_kind, at, len, kind ? ej : j};
    if (!verify(p, nm->cps + p->cp, f->t, &hit))
      continue;
    if (f->found < f->cap)
      f->hits[f->found] = hit;
    f->found++;
  }
}

/* What a layer may hold at a place for phrases of one length. */
enum {
  G_SUB0 = 1,  /* the first character replaced */
  G_SUB1 = 2,  /* the second one */
  G_SUB2 = 4,  /* the third one */
  G_SUBJ = 8,  /* a later one */
  G_DEL = 16,  /* one dropped */
  G_CUT = 32,  /* the last cut */
  G_INS2 = 64, /* one added third */
  G_INSJ = 128 /* one added later */
};

/* The lookups worth making in layer y for phrases of n characters at
 * the place, whose text is c[0, rest): the edits whose kept pair some
 * phrase of that length has there, among those the layer entered for that
 * length, and past the second character those whose kept triple may be
 * one of such a phrase. */
static int gates(const layer *y, const uint32_t *c, int n, int rest) {
  const nearmiss *nm = y->nm;
  int k = nm->kinds[n], g = 0;
  if ((y->a12 >> n) & 1)
    g |= G_SUB0;
  if ((y->a02 >> n) & 1)
    g |= G_SUB1;
  if (!((y->a01 >> n) & 1))
    return g;
  int t012 = triple_maybe(nm, T012, n, c[0], c[1], c[2]);
  if ((k & NEAR_SUB) && t012)
    g |= G_SUBJ; /* written 0, 1, 2 = phrase 0, 1, 2 */
  if ((k & NEAR_SUB) && rest >= 4 && triple_maybe(nm, T013, n, c[0], c[1], c[3]))
    g |= G_SUB2; /* written 0, 1, 3 = phrase 0, 1, 3 */
  if ((k & NEAR_DEL) && (t012 || triple_maybe(nm, T013, n, c[0], c[1], c[2])))
    g |= G_DEL; /* written 0, 1, 2 = phrase 0, 1, 2 or (the third
                   dropped) 0, 1, 3 */
  if ((k & NEAR_CUT) && t012)
    g |= G_CUT;
  if ((k & NEAR_INS) && t012)
    g |= G_INSJ;
  if ((k & NEAR_INS) && rest >= 4 && triple_maybe(nm, T012, n, c[0], c[1], c[3]))
    g |= G_INS2; /* written 0, 1, 3 = phrase 0, 1, 2 */
  return g;
}

/* The lookup in each layer whose gates have `need`, in layer order. */
static void lookup_layers(finder *f, const int *g, int need, uint64_t h,
                          int kind, int n, int at, int len, int j,
                          near_kind hit_kind) {
  for (int k = 0; k < f->nly; k++)
    if (g[k] & need)
      lookup(f, &f->ly[k], h, kind, n, at, len, j, hit_kind);
}

/* The lookups for phrases of n characters at `at`, in the order: the
 * first character replaced, a later one, one dropped, the last cut, one
 * added. */
static void find_length(finder *f, int at, int n) {
  const nearmiss_text *t = f->t;
  int rest = t->n - at, g[2] = {0, 0}, any = 0;
  for (int k = 0; k < f->nly; k++)
    any |= g[k] = gates(&f->ly[k], t->cp + at, n, rest);
  if (!any)
    return;
  if ((any & G_SUB0) && n <= rest) {
    uint64_t h = WILD * f->pow[n - 1] + span_hash(f, at + 1, at + n);
    lookup_layers(f, g, G_SUB0, h, NEAR_SUB, n, at, n, 0, NEAR_SUB);
  }
  for (int j = 1; n <= rest && j < n; j++) {
    int need = j == 1 ? G_SUB1 : j == 2 ? G_SUB2 : G_SUBJ;
    if (!(any & need))
      continue;
    uint64_t h =
        (span_hash(f, at, at + j) * BASE + WILD) * f->pow[n - j - 1] +
        span_hash(f, at + j + 1, at + n);
    lookup_layers(f, g, need, h, NEAR_SUB, n, at, n, j, NEAR_SUB);
  }
  if (n - 1 <= rest && (any & (G_DEL | G_CUT))) {
    uint64_t h = span_hash(f, at, at + n - 1);
    lookup_layers(f, g, G_DEL, h, NEAR_DEL, n, at, n - 1, 0, NEAR_DEL);
    if (n - 1 == rest)
      lookup_layers(f, g, G_CUT, h, NEAR_CUT, n, at, n - 1, 0, NEAR_CUT);
  }
  for (int j = 2; (any & (G_INS2 | G_INSJ)) && n + 1 <= rest && j <= n - 2;
       j++) {
    int need = j == 2 ? G_INS2 : G_INSJ;
    if (!(any & need))
      continue;
    uint64_t h = span_hash(f, at, at + j) * f->pow[n - j] +
                 span_hash(f, at + j + 1, at + n + 1);
    lookup_layers(f, g, need, h, 0, n, at, n + 1, j, NEAR_INS);
  }
}

/* Whether the scan filter of nm holds one of the keys. */
static int scan_has(const nearmiss *nm, const uint64_t *h, int nkeys) {
  size_t mask = nm->nscan - 1;
  for (int k = 0; k < nkeys; k++) {
    uint64_t m = filter_bits(h[k]);
    if ((nm->scan[(h[k] >> 40) & mask] & m) == m)
      return 1;
  }
  return 0;
}

/* At each place the triples a miss starting there keeps, if it is of a
 * phrase of four characters or more: the written form's 0, 1, 2 (an edit
 * past the third character: the phrase's 0, 1, 2; the third dropped: its
 * 0, 1, 3), 0, 1, 3 (the third replaced: 0, 1, 3; one added third: 0, 1,
 * 2), 0, 2, 3 (the second replaced), 1, 2, 3 (the first replaced). The
 * sum of a place's 0, 1, 2 is that of the place before's 1, 2, 3. */
int nearmiss_next(const nearmiss *nm, const uint32_t *cp, int n, int at) {
  if (at < 0)
    at = 0;
  if (at + 3 > n)
    return n;
  int both = nm->base && !nm->scan_has_base;
  uint64_t a0 = cp[at] * SCAN_K1, b1 = cp[at + 1] * SCAN_K2;
  uint64_t s012 = a0 + b1 + cp[at + 2] * SCAN_K3;
  for (; at + 4 <= n; at++) {
    uint64_t a1 = cp[at + 1] * SCAN_K1, b2 = cp[at + 2] * SCAN_K2;
    uint64_t c3 = cp[at + 3] * SCAN_K3, s123 = a1 + b2 + c3;
    uint64_t h[4] = {scan_mix(s012, R012), scan_mix(a0 + b1 + c3, R013),
                     scan_mix(a0 + b2 + c3, R023), scan_mix(s123, R123)};
    if (scan_has(nm, h, 4) || (both && scan_has(nm->base, h, 4)))
      return at;
    a0 = a1;
    b1 = b2;
    s012 = s123;
  }
  /* the last place of three: a miss of four characters written in three */
  uint64_t h = scan_mix(s012, R012);
  if (scan_has(nm, &h, 1) || (both && scan_has(nm->base, &h, 1)))
    return at;
  return n;
}

/* Whether l's own scan filter passes the place c[0, rest), rest >= 3. */
static int scan_at(const nearmiss *l, const uint32_t *c, int rest) {
  uint64_t a0 = c[0] * SCAN_K1, b1 = c[1] * SCAN_K2;
  uint64_t h[4] = {scan_mix(a0 + b1 + c[2] * SCAN_K3, R012)};
  if (rest == 3)
    return scan_has(l, h, 1);
  uint64_t b2 = c[2] * SCAN_K2, c3 = c[3] * SCAN_K3;
  h[1] = scan_mix(a0 + b1 + c3, R013);
  h[2] = scan_mix(a0 + b2 + c3, R023);
  h[3] = scan_mix(c[1] * SCAN_K1 + b2 + c3, R123);
  return scan_has(l, h, 4);
}

int nearmiss_find(const nearmiss *nm, const nearmiss_text *t, int at,
                  near_hit *hits, int cap) {
  /* every miss keeps three characters or more of its phrase */
  if (at >= t->n || t->n - at < 3)
    return 0;
  finder f = {.t = t, .pow = nm->pow, .hits = hits, .cap = cap};
  uint32_t want = 0;
  int off = 0;
  for (const nearmiss *l = nm; l && f.nly < 2; l = l->base) {
    layer *y = &f.ly[f.nly++];
    y->nm = l;
    y->off = off;
    off += (int)l->nph;
    const uint32_t *c = t->cp + at;
    /* a base whose phrases the place passed only in the index's filter
       with them: its own says whether its large tables are worth a look */
    if (l != nm && nm->scan_has_base && !scan_at(l, c, t->n - at))
      continue;
    y->a01 = pair_lengths(l, A01, c[0], c[1]);
    y->a02 = pair_lengths(l, A02, c[0], c[2]);
    y->a12 = pair_lengths(l, A12, c[1], c[2]);
    want |= y->a01 | y->a02 | y->a12;
  }
  want &= ((1u << (NEARMISS_MAX + 1)) - 1) & ~((1u << NEARMISS_MIN) - 1);
  for (int n = NEARMISS_MIN; want; n++) {
    if (!((want >> n) & 1))
      continue;
    want &= ~(1u << n);
    find_length(&f, at, n);
  }
  return f.found;
}
