/* lexicon: the word list and character readings of the lexicon rules.
 *
 * Consumes rules/lexicon/words.txt and pinyin.txt (generated from jieba's
 * dictionary and go-pinyin's table by rules/lexicon/generate.py), or the
 * index made from them (lexindex.c); produces an open-addressing hash set
 * over the words, a direct table of readings for the CJK block and the
 * idioms' near-miss index. The tables are laid out the same whether they
 * are built here or mapped from the index, whose sections they are:
 *
 *   pool        each word's bytes, then its tag byte ('-' for none)
 *   slots       0 empty, else (offset in pool + 1) << 5 | length in bytes
 *   readings    pinyin.txt, NUL-terminated
 *   reading_at  per CJK code point: offset + 1 of its readings, or 0
 *   idioms      the idioms' near-miss index (nearmiss_write's bytes)
 *
 * Loading the index checks its header and section sizes, not every slot
 * (that would read the whole file, as building it does): a mapped table
 * is checked where it is read, offsets against its section and probes
 * bounded, so that no index, however damaged, makes a lookup read
 * outside it. Read-only once loaded, so the workers of a run share it. */
#include "lexicon.h"

#include "alloc.h"
#include "i18n.h"
#include "lexindex.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { CJK_FIRST = 0x3400, CJK_LAST = 0x9FFF, CJK_N = CJK_LAST - CJK_FIRST + 1 };

/* The sections of the index, in file order. */
enum { SEC_POOL, SEC_SLOTS, SEC_READINGS, SEC_READING_AT, SEC_IDIOMS, NSEC };

/* A slot's low bits hold the word's length in bytes; longer words are
 * never looked up (lexicon_word), so they are not entered. */
enum { LEN_BITS = 5, MAX_WORD_BYTES = 4 * LEXICON_MAX_WORD };

struct lexicon {
  const char *pool;
  size_t npool;
  const uint32_t *slots;
  size_t mask;
  const char *readings;
  size_t nreadings; /* with its NUL */
  const uint32_t *reading_at;
  nearmiss *idioms;
  lexindex ix; /* the mapped index, or all zero */
  /* the tables when built here rather than mapped */
  char *own_pool, *own_readings;
  uint32_t *own_slots, *own_reading_at;
  char *note; /* why the index was not used */
};

static char *read_all(const char *path, size_t *len, char *err,
                      size_t errcap) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    char ebuf[256];
    snprintf(err, errcap, _("cannot open %s: %s"), path,
             i18n_strerror(errno, ebuf, sizeof ebuf));
    return NULL;
  }
  char *buf = NULL;
  size_t n = 0, cap = 0, got;
  do {
    if (n + 65536 > LEXICON_MAX_BYTES) {
      snprintf(err, errcap, _("%s is larger than %d MB"), path,
               LEXICON_MAX_BYTES >> 20);
      free(buf);
      fclose(f);
      return NULL;
    }
    cap = n + 65536 + cap;
    buf = xrealloc(buf, cap + 1);
    got = fread(buf + n, 1, cap - n, f);
    n += got;
  } while (got > 0 && !ferror(f));
  int bad = ferror(f);
  fclose(f);
  if (bad) {
    snprintf(err, errcap, _("cannot read %s"), path);
    free(buf);
    return NULL;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

static uint64_t hash_bytes(const char *s, size_t len) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  return h;
}

static size_t count_lines(const char *s, size_t len) {
  size_t n = 0;
  for (const char *p = s, *end = s + len;
       p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
    n++;
  return n;
}

/* Enters the word pool[off, off + len). */
static void insert_word(lexicon *lx, size_t off, size_t len) {
  size_t i = hash_bytes(lx->own_pool + off, len) & lx->mask;
  while (lx->own_slots[i])
    i = (i + 1) & lx->mask;
  lx->own_slots[i] = (uint32_t)(off + 1) << LEN_BITS | (uint32_t)len;
}

/* words-file = { "#" comment LF | word [TAB tag] LF }
 * One pass over the bytes: each word and its tag into the pool (a tab
 * that ends the file is tag 0, which no lookup takes for a word), into
 * the set, and an idiom into the idioms' index, in file order. */
static void index_words(lexicon *lx, const char *w, size_t len) {
  size_t n = count_lines(w, len), cap = 1024;
  while (cap < n + n / 2 + 2)
    cap *= 2;
  lx->own_slots = xcalloc(cap, sizeof *lx->own_slots);
  lx->mask = cap - 1;
  lx->own_pool = xmalloc(len + 1);
  lx->idioms = nearmiss_new(NULL);
  size_t np = 0;
  for (size_t off = 0; off < len;) {
    size_t i = off;
    while (i < len && w[i] != '\t' && w[i] != '\n')
      i++;
    if (w[off] != '#' && i > off) {
      size_t wl = i - off;
      int tag = i < len && w[i] == '\t'
                    ? (i + 1 < len ? (unsigned char)w[i + 1] : 0)
                    : '-';
      memcpy(lx->own_pool + np, w + off, wl);
      lx->own_pool[np + wl] = (char)tag;
      if (wl <= MAX_WORD_BYTES)
        insert_word(lx, np, wl);
      if (tag == 'i')
        nearmiss_add(lx->idioms, w + off, wl, NEAR_SUB, 1);
      np += wl + 1;
    }
    while (i < len && w[i] != '\n')
      i++;
    off = i + 1;
  }
  lx->npool = np;
}

// pinyin-file = { "#" comment LF | char TAB reading {"," reading} LF }
static void index_readings(lexicon *lx, size_t len) {
  lx->own_reading_at = xcalloc(CJK_N, sizeof *lx->own_reading_at);
  const char *r = lx->own_readings;
  const unsigned char *t = (const unsigned char *)r;
  for (size_t off = 0; off < len;) {
    const char *nl = memchr(r + off, '\n', len - off);
    size_t end = nl ? (size_t)(nl - r) : len;
    if (end - off > 4 && (t[off] & 0xF0) == 0xE0 && t[off + 3] == '\t') {
      uint32_t cp = ((uint32_t)(t[off] & 0x0F) << 12) |
                    ((uint32_t)(t[off + 1] & 0x3F) << 6) | (t[off + 2] & 0x3F);
      if (cp >= CJK_FIRST && cp <= CJK_LAST)
        lx->own_reading_at[cp - CJK_FIRST] = (uint32_t)(off + 4) + 1;
    }
    off = end + 1;
  }
}

/* Builds the tables from the word list's bytes w[0, wlen) and the
 * readings' (p, plen; lx keeps p). */
static void build_tables(lexicon *lx, const char *w, size_t wlen, char *p,
                         size_t plen) {
  index_words(lx, w, wlen);
  lx->own_readings = p;
  index_readings(lx, plen);
  lx->pool = lx->own_pool;
  lx->slots = lx->own_slots;
  lx->readings = p;
  lx->nreadings = plen + 1;
  lx->reading_at = lx->own_reading_at;
}

/* Maps the index at path if it holds and was made from the two files;
 * else returns -1 with why. */
static int map_index(lexicon *lx, const char *path, const char *words,
                     const char *pinyin, char *why, size_t cap) {
  const char *src[2] = {words, pinyin};
  if (lexindex_open(&lx->ix, path, src, NSEC, why, cap) < 0)
    return -1;
  const lexindex_section *s = lx->ix.sec;
  size_t nslots = s[SEC_SLOTS].len / sizeof *lx->slots;
  const char *rd = s[SEC_READINGS].p;
  if (s[SEC_SLOTS].len % sizeof *lx->slots || !nslots ||
      (nslots & (nslots - 1)) ||
      s[SEC_READING_AT].len != CJK_N * sizeof *lx->reading_at ||
      !s[SEC_READINGS].len || rd[s[SEC_READINGS].len - 1] != '\0') {
    snprintf(why, cap, "%s", _("it is truncated or damaged"));
    lexindex_close(&lx->ix);
    return -1;
  }
  lx->idioms = nearmiss_view(s[SEC_IDIOMS].p, s[SEC_IDIOMS].len, why, cap);
  if (!lx->idioms) {
    lexindex_close(&lx->ix);
    return -1;
  }
  lx->pool = s[SEC_POOL].p;
  lx->npool = s[SEC_POOL].len;
  lx->slots = s[SEC_SLOTS].p;
  lx->mask = nslots - 1;
  lx->readings = rd;
  lx->nreadings = s[SEC_READINGS].len;
  lx->reading_at = s[SEC_READING_AT].p;
  return 0;
}

/* Reads both files into lx; *w (the word list's bytes) is left to the
 * caller. */
static int read_files(lexicon *lx, const char *words, const char *pinyin,
                      char **w, size_t *wlen, size_t *plen, char *err,
                      size_t errcap) {
  *w = read_all(words, wlen, err, errcap);
  if (!*w)
    return -1;
  char *p = read_all(pinyin, plen, err, errcap);
  if (!p) {
    free(*w);
    return -1;
  }
  build_tables(lx, *w, *wlen, p, *plen);
  return 0;
}

int lexicon_load(const char *words_path, const char *pinyin_path,
                 lexicon **out, char *err, size_t errcap) {
  lexicon *lx = xcalloc(1, sizeof *lx);
  char *ipath = lexicon_index_path(words_path);
  char why[600];
  int mapped = map_index(lx, ipath, words_path, pinyin_path, why,
                         sizeof why) == 0;
  if (!mapped) {
    size_t n = strlen(ipath) + strlen(why) + 3;
    lx->note = xmalloc(n);
    snprintf(lx->note, n, "%s: %s", ipath, why);
  }
  free(ipath);
  char *w = NULL;
  size_t wlen, plen;
  if (!mapped && read_files(lx, words_path, pinyin_path, &w, &wlen, &plen,
                            err, errcap) < 0) {
    lexicon_free(lx);
    return -1;
  }
  free(w);
  *out = lx;
  return 0;
}

int lexicon_write_index(const char *words_path, const char *pinyin_path,
                        const char *out_path, char *err, size_t errcap) {
  lexicon *lx = xcalloc(1, sizeof *lx);
  char *w;
  size_t wlen, plen;
  if (read_files(lx, words_path, pinyin_path, &w, &wlen, &plen, err,
                 errcap) < 0) {
    lexicon_free(lx);
    return -1;
  }
  strbuf nb;
  strbuf_init(&nb, STRBUF_UNLIMITED);
  nearmiss_write(lx->idioms, &nb);
  lexindex_section sec[NSEC] = {
      [SEC_POOL] = {lx->pool, lx->npool},
      [SEC_SLOTS] = {lx->slots, (lx->mask + 1) * sizeof *lx->slots},
      [SEC_READINGS] = {lx->readings, lx->nreadings},
      [SEC_READING_AT] = {lx->reading_at, CJK_N * sizeof *lx->reading_at},
      [SEC_IDIOMS] = {nb.p, nb.len}};
  lexindex_source src[2] = {{words_path, w, wlen},
                            {pinyin_path, lx->readings, plen}};
  int rc = lexindex_write(out_path, src, sec, NSEC, err, errcap);
  strbuf_release(&nb);
  free(w);
  lexicon_free(lx);
  return rc;
}

char *lexicon_index_path(const char *words_path) {
  const char *slash = strrchr(words_path, '/');
  const char *base = slash ? slash + 1 : words_path;
  const char *dot = strrchr(base, '.');
  size_t keep = dot && dot != base ? (size_t)(dot - words_path)
                                   : strlen(words_path);
  char *out = xmalloc(keep + 5);
  memcpy(out, words_path, keep);
  memcpy(out + keep, ".idx", 5);
  return out;
}

void lexicon_free(lexicon *lx) {
  if (!lx)
    return;
  nearmiss_free(lx->idioms);
  lexindex_close(&lx->ix);
  free(lx->own_pool);
  free(lx->own_slots);
  free(lx->own_readings);
  free(lx->own_reading_at);
  free(lx->note);
  free(lx);
}

/* ---- the shelf ----------------------------------------------------------- */

typedef struct shelved {
  int known; /* both files' identities read (else never taken again) */
  dev_t dev[2];
  ino_t ino[2];
  lexicon *lx;
} shelved;

struct lexicon_shelf {
  shelved *v;
  size_t n, cap;
};

lexicon_shelf *lexicon_shelf_new(void) {
  return xcalloc(1, sizeof(lexicon_shelf));
}

void lexicon_shelf_free(lexicon_shelf *sh) {
  if (!sh)
    return;
  for (size_t i = 0; i < sh->n; i++)
    lexicon_free(sh->v[i].lx);
  free(sh->v);
  free(sh);
}

static int same_files(const shelved *e, const struct stat *w,
                      const struct stat *p) {
  return e->known && e->dev[0] == w->st_dev && e->ino[0] == w->st_ino &&
         e->dev[1] == p->st_dev && e->ino[1] == p->st_ino;
}

int lexicon_shelf_get(lexicon_shelf *sh, const char *words_path,
                      const char *pinyin_path, lexicon **out, int *loaded,
                      char *err, size_t errcap) {
  struct stat w, p;
  *loaded = 0;
  int known = stat(words_path, &w) == 0 && stat(pinyin_path, &p) == 0;
  for (size_t i = 0; known && i < sh->n; i++)
    if (same_files(&sh->v[i], &w, &p)) {
      *out = sh->v[i].lx;
      return 0;
    }
  if (lexicon_load(words_path, pinyin_path, out, err, errcap) < 0)
    return -1;
  *loaded = 1;
  shelved e = {.known = known, .lx = *out};
  if (known)
    e = (shelved){1, {w.st_dev, p.st_dev}, {w.st_ino, p.st_ino}, *out};
  *ARRAY_PUSH(sh->v, sh->n, sh->cap) = e;
  return 0;
}

const char *lexicon_index_note(const lexicon *lx) { return lx->note; }

const nearmiss *lexicon_idioms(const lexicon *lx) { return lx->idioms; }

int lexicon_word(const lexicon *lx, const char *s, size_t len) {
  if (len < 2 || len > MAX_WORD_BYTES)
    return 0;
  size_t i = hash_bytes(s, len) & lx->mask;
  for (size_t probe = 0; probe <= lx->mask && lx->slots[i];
       probe++, i = (i + 1) & lx->mask) {
    uint32_t v = lx->slots[i];
    size_t wl = v & ((1u << LEN_BITS) - 1), off = (size_t)(v >> LEN_BITS) - 1;
    if (wl == len && off < lx->npool && lx->npool - off > wl &&
        memcmp(lx->pool + off, s, len) == 0)
      return (unsigned char)lx->pool[off + wl];
  }
  return 0;
}

// --- readings --------------------------------------------------------------

typedef struct syllable {
  char initial[3], final[6];
} syllable;

/* syllable = [initial] final   e.g. zh + uang, ∅ + an */
static void split_syllable(const char *s, size_t len, syllable *out) {
  static const char *const two[] = {"zh", "ch", "sh"};
  size_t n = 0;
  for (int i = 0; i < 3 && !n; i++)
    if (len > 2 && strncmp(s, two[i], 2) == 0)
      n = 2;
  if (!n && len > 1 && strchr("bpmfdtnlgkhjqxrzcsyw", s[0]))
    n = 1;
  snprintf(out->initial, sizeof out->initial, "%.*s", (int)n, s);
  snprintf(out->final, sizeof out->final, "%.*s", (int)(len - n), s + n);
}

static int is_pair(const char *a, const char *b,
                   const char *const (*pairs)[2]) {
  for (; pairs[0][0]; pairs++)
    if ((strcmp(a, pairs[0][0]) == 0 && strcmp(b, pairs[0][1]) == 0) ||
        (strcmp(a, pairs[0][1]) == 0 && strcmp(b, pairs[0][0]) == 0))
      return 1;
  return 0;
}

static int syllables_alike(const syllable *a, const syllable *b) {
  static const char *const initials[][2] = {
      {"z", "zh"}, {"c", "ch"}, {"s", "sh"}, {"n", "l"}, {"f", "h"}, {NULL, NULL}};
  static const char *const finals[][2] = {
      {"an", "ang"},   {"en", "eng"},   {"in", "ing"}, {"ian", "iang"},
      {"uan", "uang"}, {"uo", "ou"},    {NULL, NULL}};
  int same_i = strcmp(a->initial, b->initial) == 0;
  int same_f = strcmp(a->final, b->final) == 0;
  if (same_i && same_f)
    return 1;
  if (same_f)
    return is_pair(a->initial, b->initial, initials);
  if (same_i)
    return is_pair(a->final, b->final, finals);
  return 0;
}

/* The readings of cp as "a,b,c" up to a line end (or the NUL that ends
 * the table), or NULL. */
static const char *readings_of(const lexicon *lx, uint32_t cp) {
  if (cp < CJK_FIRST || cp > CJK_LAST)
    return NULL;
  uint32_t at = lx->reading_at[cp - CJK_FIRST];
  if (!at || at - 1 >= lx->nreadings)
    return NULL;
  return lx->readings + at - 1;
}

int lexicon_sound_alike(const lexicon *lx, uint32_t a, uint32_t b) {
  const char *ra = readings_of(lx, a), *rb = readings_of(lx, b);
  if (!ra || !rb)
    return 0;
  for (const char *p = ra; *p && *p != '\n';) {
    size_t pl = strcspn(p, ",\n");
    syllable sa;
    split_syllable(p, pl, &sa);
    for (const char *q = rb; *q && *q != '\n';) {
      size_t ql = strcspn(q, ",\n");
      syllable sb;
      split_syllable(q, ql, &sb);
      if (syllables_alike(&sa, &sb))
        return 1;
      q += ql + (q[ql] == ',');
    }
    p += pl + (p[pl] == ',');
  }
  return 0;
}
