/* lexicon: the word list and character readings of the lexicon rules.
 *
 * Consumes rules/lexicon/words.txt and pinyin.txt (generated from jieba's
 * dictionary and go-pinyin's table by rules/lexicon/generate.py); produces
 * an open-addressing hash set over the words as they stand in the file
 * (the file's bytes are kept, slots hold offsets into them) and a direct
 * table of readings for the CJK block. Read-only once loaded, so the
 * workers of a run share it. */
#include "lexicon.h"

#include "alloc.h"
#include "i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CJK_FIRST = 0x3400, CJK_LAST = 0x9FFF };

struct lexicon {
  char *words;     /* words.txt, NUL-terminated */
  size_t nwords;
  uint32_t *slots; /* offset + 1 of a word's first byte; 0 empty */
  size_t mask;
  char *readings;  /* pinyin.txt */
  uint32_t *reading_at; /* per CJK code point: offset + 1 of its readings */
  uint32_t *tagged; /* offsets of the tagged words (idioms, verbs), in
                       file order: lexicon_each walks these, not the file */
  size_t ntagged, captagged;
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

/* A word's length: up to its tab or line end. */
static size_t word_len(const char *w) {
  return strcspn(w, "\t\n");
}

/* Enters the word whose line starts at off, with its hash h. */
static void insert_word(lexicon *lx, size_t off, uint64_t h) {
  size_t i = h & lx->mask;
  while (lx->slots[i])
    i = (i + 1) & lx->mask;
  lx->slots[i] = (uint32_t)off + 1;
}

static size_t count_lines(const char *s, size_t len) {
  size_t n = 0;
  for (const char *p = s, *end = s + len;
       p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
    n++;
  return n;
}

/* words-file = { "#" comment LF | word [TAB tag] LF }
 * One pass over the bytes, hashing each word as it goes (hash_bytes of
 * the word, as lexicon_word computes it). */
static void index_words(lexicon *lx, size_t len) {
  size_t n = count_lines(lx->words, len);
  size_t cap = 1024;
  while (cap < 2 * n + 2)
    cap *= 2;
  lx->slots = xcalloc(cap, sizeof *lx->slots);
  lx->mask = cap - 1;
  const unsigned char *w = (const unsigned char *)lx->words;
  size_t off = 0;
  while (off < len) {
    size_t i = off;
    uint64_t h = 1469598103934665603ull;
    int comment = w[off] == '#';
    while (i < len && w[i] != '\t' && w[i] != '\n')
      h = (h ^ w[i++]) * 1099511628211ull;
    if (!comment && i > off) {
      insert_word(lx, off, h);
      lx->nwords++;
      if (i + 1 < len && w[i] == '\t')
        *ARRAY_PUSH(lx->tagged, lx->ntagged, lx->captagged) = (uint32_t)off;
    }
    while (i < len && w[i] != '\n')
      i++;
    off = i + 1;
  }
}

// pinyin-file = { "#" comment LF | char TAB reading {"," reading} LF }
static void index_readings(lexicon *lx, size_t len) {
  size_t n = CJK_LAST - CJK_FIRST + 1;
  lx->reading_at = xcalloc(n, sizeof *lx->reading_at);
  const unsigned char *t = (const unsigned char *)lx->readings;
  for (size_t off = 0; off < len;) {
    const char *nl = memchr(lx->readings + off, '\n', len - off);
    size_t end = nl ? (size_t)(nl - lx->readings) : len;
    if (end - off > 4 && (t[off] & 0xF0) == 0xE0 && t[off + 3] == '\t') {
      uint32_t cp = ((uint32_t)(t[off] & 0x0F) << 12) |
                    ((uint32_t)(t[off + 1] & 0x3F) << 6) | (t[off + 2] & 0x3F);
      if (cp >= CJK_FIRST && cp <= CJK_LAST)
        lx->reading_at[cp - CJK_FIRST] = (uint32_t)(off + 4) + 1;
    }
    off = end + 1;
  }
}

int lexicon_load(const char *words_path, const char *pinyin_path,
                 lexicon **out, char *err, size_t errcap) {
  lexicon *lx = xcalloc(1, sizeof *lx);
  size_t wlen, plen;
  lx->words = read_all(words_path, &wlen, err, errcap);
  if (lx->words)
    lx->readings = read_all(pinyin_path, &plen, err, errcap);
  if (!lx->readings) {
    lexicon_free(lx);
    return -1;
  }
  index_words(lx, wlen);
  index_readings(lx, plen);
  *out = lx;
  return 0;
}

void lexicon_free(lexicon *lx) {
  if (!lx)
    return;
  free(lx->words);
  free(lx->slots);
  free(lx->readings);
  free(lx->reading_at);
  free(lx->tagged);
  free(lx);
}

int lexicon_word(const lexicon *lx, const char *s, size_t len) {
  if (len < 2 || len > 4 * LEXICON_MAX_WORD)
    return 0;
  for (size_t i = hash_bytes(s, len) & lx->mask; lx->slots[i];
       i = (i + 1) & lx->mask) {
    const char *w = lx->words + lx->slots[i] - 1;
    size_t wl = word_len(w);
    if (wl == len && memcmp(w, s, len) == 0)
      return w[wl] == '\t' ? (unsigned char)w[wl + 1] : '-';
  }
  return 0;
}

void lexicon_each(const lexicon *lx, int tag,
                  void (*fn)(void *arg, const char *s, size_t len),
                  void *arg) {
  for (size_t k = 0; k < lx->ntagged; k++) {
    const char *w = lx->words + lx->tagged[k];
    size_t wl = word_len(w);
    if ((unsigned char)w[wl + 1] == tag)
      fn(arg, w, wl);
  }
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

/* The readings of cp as "a,b,c" up to a line end, or NULL. */
static const char *readings_of(const lexicon *lx, uint32_t cp) {
  if (cp < CJK_FIRST || cp > CJK_LAST || !lx->reading_at[cp - CJK_FIRST])
    return NULL;
  return lx->readings + lx->reading_at[cp - CJK_FIRST] - 1;
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
