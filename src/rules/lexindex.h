/* lexindex: the word list's index file, a header and aligned sections
 * that are mapped read-only rather than read.
 *
 * Consumes the sections a built lexicon hands over and the two text
 * files it was built from (lexindex_write), or an index file and the two
 * text files a rule names (lexindex_open); produces the file, or the
 * sections of a mapped file once its header holds and the text files are
 * the ones it was made from: magic, format version, byte order and type
 * sizes, every section inside the file, and each text file's size and
 * modification time, or when the time differs (a copy), a hash of its
 * bytes. What the sections hold is the lexicon's to know and check
 * (lexicon.c); loading costs O(1), and only the pages a lookup touches
 * are read. */
#ifndef RL_LEXINDEX_H
#define RL_LEXINDEX_H

#include <stddef.h>
#include <stdint.h>

/* LEXINDEX_VERSION changes with the file's layout or what a section
 * holds; an index of another version is not used. */
enum { LEXINDEX_VERSION = 1, LEXINDEX_SOURCES = 2, LEXINDEX_MAX_SECTIONS = 8 };

typedef struct lexindex_section {
  const void *p;
  size_t len;
} lexindex_section;

/* What an index was made from: one text file, as it was then. */
typedef struct lexindex_source {
  const char *path;
  const void *bytes; /* its contents, as read to build the sections */
  size_t len;
} lexindex_source;

/* Writes sections sec[0, nsec) (each placed 64-byte aligned) and the
 * stamps of the two sources to path, through a temporary file renamed
 * over it. A source whose modification time is within two seconds of
 * now gets no time, so that a change in the same clock tick is caught
 * by its hash (as git treats a racily clean file). Returns 0, or -1 with
 * why in err. */
int lexindex_write(const char *path, const lexindex_source src[2],
                   const lexindex_section *sec, int nsec, char *err,
                   size_t errcap);

typedef struct lexindex {
  void *map;
  size_t len;
  lexindex_section sec[LEXINDEX_MAX_SECTIONS];
} lexindex;

/* Maps the index at path and checks it holds nsec sections and was made
 * from the files src[0] and src[1] as they are now. Returns 0 and fills
 * *ix (release it with lexindex_close), or -1 with why in why: no index,
 * an index of another version or machine, one truncated or damaged, or
 * one made from other files. */
int lexindex_open(lexindex *ix, const char *path, const char *const src[2],
                  int nsec, char *why, size_t cap);
/* Unmaps the index; a zeroed *ix is a no-op. */
void lexindex_close(lexindex *ix);

/* The hash the stamps hold, of len bytes at p. */
uint64_t lexindex_hash(const void *p, size_t len);

#endif
