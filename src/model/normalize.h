/* normalize: decoded source text → logical paragraphs for matching.
 *
 * Text extracted from PDFs is hard-wrapped (mid-word, even mid-number),
 * has blank lines between physical lines and stray spaces at page breaks.
 * This stage rebuilds paragraphs, one per output line ('\n'-terminated),
 * joining wrapped lines but never gluing a heading line to its body; it
 * folds full-width digits, letters, ％ and spaces to ASCII and drops spaces
 * next to Chinese text ("开展 14 次" → "开展14次"), and cuts a reposting
 * site's name and address out of the sentence it was put into, so that the
 * words around it read as one (reposted.h). Every output byte keeps
 * its source offset in the posmap. Headings and titles are found later
 * (segment); this stage only decides where paragraphs end. */
#ifndef RL_NORMALIZE_H
#define RL_NORMALIZE_H

#include "reader.h" /* NORMALIZE_* flags, a format's row */
#include "posmap.h"

#include <stddef.h>

/* Text cut out of a sentence (reposted.h: a reposting site's name and
 * address): [src, src + src_len) in the source, and the normalised offset
 * where it stood. */
typedef struct normtext_cut {
  size_t src, src_len;
  size_t norm;
} normtext_cut;

typedef struct normtext {
  char *text;  /* NUL-terminated, owned; every paragraph ends with '\n' */
  size_t len;
  posmap map;  /* normalised offset → source offset */
  normtext_cut *cuts; /* owned, in order; NULL when none */
  size_t ncut;
} normtext;

/* Never fails (allocation failure aborts). src is decoded UTF-8 text;
 * flags are NORMALIZE_* bits. */
void normalize_text(const char *src, size_t len, int flags, normtext *out);
void normtext_release(normtext *nt);

/* True if a line (already trimmed) starts with a heading marker in
 * marker.h's grammar, full-width digits counted: 一、 第一部分 第一章 （一）
 * (一) 一. 1. 1、 １． （1） ## 标题, but not 一是 or 1.5. */
int normalize_is_heading_start(const char *s, size_t len);

#endif
