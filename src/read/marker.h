/* marker: the one grammar of heading markers (一、 （一） 1. （1） 第一部分,
 * and a Markdown heading's hashes before them).
 *
 * Consumes the start of a line; produces the marker's kind, level and
 * number. Normalisation asks it where a heading starts (so that a heading
 * is never glued to the line before), segmentation what the heading is;
 * both read markers with this grammar, so that they cannot disagree. What
 * follows a marker, and whether the line is a heading at all, is theirs. */
#ifndef RL_MARKER_H
#define RL_MARKER_H

#include <stddef.h>

/* A heading marker's kind (doc.heads[].mark). */
typedef enum {
  MARK_NONE = 0,    /* unnumbered short heading line */
  MARK_CN_DUN,      /* 一、 */
  MARK_CN_DOT,      /* 一. 一． (a fault form of 一、) */
  MARK_PART,        /* 第一部分 第一章 */
  MARK_CN_PAREN,    /* （一） */
  MARK_CN_HPAREN,   /* (一) half-width, a fault form */
  MARK_CN_PAREN_DUN,/* （一）、 with a trailing 、, a fault form */
  MARK_AR_DOT,      /* 1. 1． */
  MARK_AR_DUN,      /* 1、 */
  MARK_AR_PAREN,    /* （1） (1) */
} doc_mark;


typedef struct marker {
  doc_mark mark;   /* MARK_NONE: a Markdown heading without a number */
  int level;       /* 1 一、 第一部分 / 2 （一） / 3 1. 1、 / 4 （1）; a
                      Markdown heading without a number: one per hash
                      after the title's, 1-4 */
  int number;      /* the marker's ordinal, 1-999; 0 if unnumbered */
  size_t hashes;   /* bytes of a Markdown heading's hashes and spaces
                      before the marker, 0 if none */
} marker;

enum {
  /* Text before normalisation, where full-width digits (１．) are not
   * folded to ASCII yet: they are digits too. Normalised text has none,
   * and a PDF word (pdf_grid) is read as it was before this grammar was
   * shared, with ASCII digits only. */
  MARKER_WIDE_DIGITS = 1,
};

/* Reads a heading marker at the start of s (len bytes); flags are
 * MARKER_* bits. Returns its length in bytes and fills *m, or returns 0
 * (and m->mark MARK_NONE, level and number 0) if there is none. A numeral
 * not followed by its punctuation, or followed by a digit after "." or an
 * Arabic "、" (1.5倍, 3、4月), is no marker. */
size_t marker_read(const char *s, size_t len, int flags, marker *m);

/* Length of a Markdown heading's hashes and the spaces after them, 0 if
 * none: 1-6 hashes, then a space or (normalising drops the space before
 * Chinese text) a non-ASCII character. */
size_t marker_hashes(const char *s, size_t len);

/* True for the parenthesised kinds: （一） (一) （一）、 （1） (1). */
int marker_is_paren(doc_mark mark);

#endif
