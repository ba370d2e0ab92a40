/* lexicon-index: writes the word list's index; `make` runs it.
 *
 *   lexicon-index WORDS PINYIN OUT
 *
 * Consumes a word list and its readings (rules/lexicon/words.txt and
 * pinyin.txt); produces OUT (rules/lexicon/words.idx), which the lexicon
 * rules map instead of reading the two files, as long as it was made from
 * them (src/rules/lexindex.h). Built from the library's own lexicon code,
 * so that the index is laid out as the binary built with it reads it.
 * Exits 0, or 1 with why on stderr (2: usage). */
#include "lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc != 4 || strcmp(argv[3], argv[1]) == 0 ||
      strcmp(argv[3], argv[2]) == 0) {
    fprintf(stderr, "usage: lexicon-index WORDS PINYIN OUT (OUT is neither "
                    "input)\n");
    return 2;
  }
  char err[600];
  if (lexicon_write_index(argv[1], argv[2], argv[3], err, sizeof err) < 0) {
    fprintf(stderr, "lexicon-index: %s\n", err);
    return 1;
  }
  /* What a check will do: map it, and find it made from these files. */
  lexicon *lx;
  if (lexicon_load(argv[1], argv[2], &lx, err, sizeof err) < 0) {
    fprintf(stderr, "lexicon-index: %s\n", err);
    return 1;
  }
  int rc = 0;
  if (lexicon_index_note(lx)) {
    fprintf(stderr, "lexicon-index: the index just written is not used: %s\n",
            lexicon_index_note(lx));
    rc = 1;
  }
  lexicon_free(lx);
  return rc;
}
