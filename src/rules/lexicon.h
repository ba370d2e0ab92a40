/* lexicon: a Chinese word list and the readings of its characters, loaded
 * once per run for the lexicon rules (rule_lexicon.c).
 *
 * Consumes two text files (rules/lexicon/words.txt: a word a line, a tab
 * and a tag after an idiom or a verb; pinyin.txt: a character, a tab, its
 * toneless readings), or the index made from them (words.idx beside
 * words.txt: lexicon_write_index, run by `make`), which is mapped instead
 * when it is there and was made from the same two files; produces a
 * read-only hashed word set, a table of readings and the list's idioms
 * indexed for near misses. What counts as a typo is left to nearmiss.c
 * and the rule. */
#ifndef RL_LEXICON_H
#define RL_LEXICON_H

#include "nearmiss.h"

#include <stddef.h>
#include <stdint.h>

typedef struct lexicon lexicon;

/* Caps: a word list larger than this is refused, not truncated. */
enum { LEXICON_MAX_BYTES = 64 << 20, LEXICON_MAX_WORD = 7 };

/* Reads the word list and the readings: maps their index when it is
 * usable, else reads the two files. Returns 0 and *out (the caller frees
 * it with lexicon_free), or -1 with why (a file that cannot be read, or
 * one too large) written to err. */
int lexicon_load(const char *words_path, const char *pinyin_path,
                 lexicon **out, char *err, size_t errcap);
void lexicon_free(lexicon *lx);

/* A run's word lists, shared by the rule sets that read the same two
 * files (found by device and inode, however their paths are written): one
 * load, and one mapping of the index, however many sets use them. */
typedef struct lexicon_shelf lexicon_shelf;

lexicon_shelf *lexicon_shelf_new(void);
/* Frees the shelf and its word lists; lexicon_shelf_free(NULL) is a
 * no-op. Free it after the rule sets that took from it. */
void lexicon_shelf_free(lexicon_shelf *sh);
/* The word list of these two files: the shelf's, or loaded onto it now
 * (lexicon_load; *loaded set to 1, else 0). Returns 0 and *out, owned by
 * the shelf, or -1 with why in err. */
int lexicon_shelf_get(lexicon_shelf *sh, const char *words_path,
                      const char *pinyin_path, lexicon **out, int *loaded,
                      char *err, size_t errcap);

/* NULL when lx was mapped from its index; else why the index was not
 * used (none, made from other files, damaged, …), translated, owned by
 * lx. The result is the same either way; only loading costs more. */
const char *lexicon_index_note(const lexicon *lx);

/* The tag of the word s[0, len) (UTF-8): 'i' an idiom, 'v' a verb or
 * adjective, '-' any other word; 0 if it is not in the list. */
int lexicon_word(const lexicon *lx, const char *s, size_t len);

/* The list's idioms (tag 'i'), in file order, indexed for one character
 * replaced anywhere (nearmiss NEAR_SUB with edges): the base a near
 * rule's terms sit over. Owned by lx. */
const nearmiss *lexicon_idioms(const lexicon *lx);

/* 1 if characters a and b sound alike: one reading of each is the same,
 * or they differ only in a pair that speakers and pinyin typists confuse
 * (z/zh, c/ch, s/sh, n/l, f/h; an/ang, en/eng, in/ing, ian/iang, uan/uang,
 * uo/ou). 0 also when either has no reading. */
int lexicon_sound_alike(const lexicon *lx, uint32_t a, uint32_t b);

/* The index file of the word list at words_path: the path with its
 * extension replaced by ".idx". Returns a newly allocated string; the
 * caller frees it with free(). */
char *lexicon_index_path(const char *words_path);

/* Reads the two files (never an index) and writes their index to
 * out_path. Returns 0, or -1 with why in err. */
int lexicon_write_index(const char *words_path, const char *pinyin_path,
                        const char *out_path, char *err, size_t errcap);

#endif
