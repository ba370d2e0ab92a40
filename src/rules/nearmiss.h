/* nearmiss: known phrases and the texts one edit away from them.
 *
 * Consumes phrases (set phrases, idioms, domain terms) as UTF-8; produces
 * an index that, given a run of characters and a place in it, names the
 * phrases the text there misses by one edit: a character replaced, one
 * dropped, one added, or the last one cut off. Only the characters are
 * compared here; whether a miss is a typo (the written form is no word,
 * the replaced character sounds alike) is the rule's to judge. */
#ifndef RL_NEARMISS_H
#define RL_NEARMISS_H

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

/* An empty index; free with nearmiss_free(). */
nearmiss *nearmiss_new(void);
void nearmiss_free(nearmiss *nm);
/* Adds phrase s[0, len) for the edits in `kinds` (near_kind bits). SUB
 * anywhere when `edges`, else only inside the phrase; DEL and INS only
 * with two characters or more on each side of the edit, so that a word
 * boundary is not taken for an edit. A phrase of fewer than NEARMISS_MIN
 * or more than NEARMISS_MAX characters, or not valid UTF-8, is ignored
 * (returns -1); else returns its number. */
int nearmiss_add(nearmiss *nm, const char *s, size_t len, int kinds,
                 int edges);
/* Phrase i as added (UTF-8, NUL-terminated, owned by the index). */
const char *nearmiss_phrase(const nearmiss *nm, int i);
/* The phrase's j-th character. */
uint32_t nearmiss_char(const nearmiss *nm, int i, int j);

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
 * is the phrase itself is no miss. */
int nearmiss_find(const nearmiss *nm, const nearmiss_text *t, int at,
                  near_hit *hits, int cap);

#endif
