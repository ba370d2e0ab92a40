/* shingle: text similarity by shingles, for "copied from last year".
 *
 * Consumes UTF-8 text; reads only its letters (Han characters and ASCII
 * letters: digits, punctuation and spaces are dropped, so a paragraph
 * copied with new figures still reads as copied) and hashes every window
 * of SHINGLE_K of them. A set holds the shingles of one text, each with
 * the tag of the piece it came from (a paragraph's index); containment
 * asks what share of another text's shingles the set holds, and which
 * tag most of them carry. Linear in the text; nothing is printed. */
#ifndef RL_SHINGLE_H
#define RL_SHINGLE_H

#include <stddef.h>
#include <stdint.h>

enum { SHINGLE_K = 4 };

typedef struct shingle_set {
  uint64_t *hash; /* open addressing; 0 = empty */
  int *tag;       /* per slot: the tag of the first piece that had it */
  size_t mask, n;
  int ntags;      /* the largest tag + 1 */
  int *votes;     /* containment's scratch: per tag (capvotes of them) */
  int *touched;
  size_t ntouched, capvotes;
} shingle_set;

void shingle_set_init(shingle_set *s);
void shingle_set_release(shingle_set *s);
/* Adds the shingles of t[0, len), tagged tag (>= 0). */
void shingle_set_add(shingle_set *s, const char *t, size_t len, int tag);
/* The number of shingles of t[0, len) (windows of its letters). */
size_t shingle_count(const char *t, size_t len);
/* The share (0 to 1) of t's shingles that s holds; *best the tag most of
 * them carry (-1 if none). 0 when t has no shingle. */
double shingle_containment(shingle_set *s, const char *t, size_t len,
                           int *best);

#endif
