/* nearmiss: known phrases and the texts one edit away from them.
 *
 * Consumes phrases (set phrases, idioms, domain terms) as UTF-8; produces
 * an index that, given a run of characters and a place in it, names the
 * phrases the text there misses by one edit: a character replaced, one
 * dropped, one added, or the last one cut off. Only the characters are
 * compared here; whether a miss is a typo (the written form is no word,
 * the replaced character sounds alike) is the rule's to judge.
 *
 * An index is built phrase by phrase (nearmiss_add), or viewed over the
 * bytes nearmiss_write made of one (the lexicon's index file holds the
 * idioms' index so). It may sit over a base index, which its lookups
 * consult after its own phrases: a rule's terms over the word list's
 * idioms, shared by every rule that reads the same list. */
#ifndef RL_NEARMISS_H
#define RL_NEARMISS_H

#include "strbuf.h"

#include <stddef.h>
#include <stdint.h>

enum { NEARMISS_MIN = 4, NEARMISS_MAX = 24 }; /* phrase lengths, in chars */

typedef enum {
  NEAR_SUB = 1, /* one character replaced */
  NEAR_DEL = 2, /* one character dropped */
  NEAR_INS = 4, /* one character added */
  NEAR_CUT = 8, /* the last character dropped at the end of a run */
} near_kind;

typedef struct nearmiss nearmiss;

/* An empty index over base (NULL for none; base must outlive it and have
 * no base of its own). Free with nearmiss_free(). */
nearmiss *nearmiss_new(const nearmiss *base);
void nearmiss_free(nearmiss *nm);
/* Adds phrase s[0, len) for the edits in `kinds` (near_kind bits). SUB
 * anywhere when `edges`, else only inside the phrase; DEL and INS only
 * with two characters or more on each side of the edit, so that a word
 * boundary is not taken for an edit. A phrase of fewer than NEARMISS_MIN
 * or more than NEARMISS_MAX characters, or not valid UTF-8, is ignored
 * (returns -1); else returns its number. Not on a view. */
int nearmiss_add(nearmiss *nm, const char *s, size_t len, int kinds,
                 int edges);
/* The number of phrases of the index itself (not its base's). */
int nearmiss_count(const nearmiss *nm);
/* Phrase i as added (UTF-8, NUL-terminated, owned by the index): the
 * index's own phrases are 0 to nearmiss_count - 1 in the order added,
 * its base's follow. i must be a phrase of a hit. */
const char *nearmiss_phrase(const nearmiss *nm, int i);
/* The phrase's j-th character (j below its length). */
uint32_t nearmiss_char(const nearmiss *nm, int i, int j);

/* Appends the index (which has no base) to out as nearmiss_view reads
 * it: native byte order and sizes, every table 8-byte aligned from the
 * start. Returns 0, or -1 when out's cap is reached. */
int nearmiss_write(const nearmiss *nm, strbuf *out);
/* An index over len bytes at p (8-byte aligned) that nearmiss_write
 * made; the bytes must outlive it and are never written. Returns NULL,
 * with why in err, when they are not such an index (short, another
 * layout or other hash functions, sizes that do not add up). Only the
 * header is read here; lookups check each offset they take from the
 * tables, so damaged tables cannot make them read past the bytes. Free
 * with nearmiss_free() (the bytes stay the caller's). */
nearmiss *nearmiss_view(const void *p, size_t len, char *err, size_t errcap);

/* The first place from `at` on in cp[0, n) where a miss may start (n if
 * none): nearmiss_find finds nothing at the places before it, so that a
 * search skips them at the cost of a few filter bits each. */
int nearmiss_next(const nearmiss *nm, const uint32_t *cp, int n, int at);

/* A run of characters to search, with its prefix hashes. */
typedef struct nearmiss_text {
  const uint32_t *cp;
  int n;
  uint64_t *pre; /* n + 1 entries, allocated by nearmiss_text_init */
} nearmiss_text;

/* Hashes cp[0, n); release with nearmiss_text_release(). */
void nearmiss_text_init(nearmiss_text *t, const uint32_t *cp, int n);
void nearmiss_text_release(nearmiss_text *t);

typedef struct near_hit {
  int phrase;
  near_kind kind;
  int at, len; /* the written form: t->cp[at, at + len) */
  int j;       /* the edit's place: in the phrase (SUB, DEL, CUT) or in
                  the written form (INS) */
} near_hit;

/* The misses whose written form starts at t->cp[at]: up to cap of them in
 * hits; returns how many were found (may exceed cap). A written form that
 * is the phrase itself is no miss. For each phrase length, shortest
 * first, and each edit, the index's own phrases come before its base's. */
int nearmiss_find(const nearmiss *nm, const nearmiss_text *t, int at,
                  near_hit *hits, int cap);

#endif
