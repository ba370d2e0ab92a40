/* posmap: where a byte of normalised text came from in the source.
 *
 * The normaliser appends runs as it copies; a run maps norm bytes to source
 * bytes one to one (copied text) or many to one (a folded full-width
 * character, a joined line break). linemap turns a source byte offset into
 * a 1-based line and a 1-based column counted in code points. */
#ifndef RL_POSMAP_H
#define RL_POSMAP_H

#include <stddef.h>

typedef struct posmap_run {
  size_t norm, src;          /* start offsets */
  size_t norm_len, src_len;  /* equal lengths = copied byte for byte */
} posmap_run;

typedef struct posmap {
  posmap_run *runs;
  size_t n, cap;
} posmap;

void posmap_init(posmap *pm);
void posmap_release(posmap *pm);
/* Appends a run; runs must be appended in increasing norm order. Adjacent
 * one-to-one runs that continue each other are merged. */
void posmap_add(posmap *pm, size_t norm, size_t norm_len, size_t src,
                size_t src_len);
/* Source offset of normalised offset off. Inside a many-to-one run, the
 * run's source start. off == total normalised length maps to the end of
 * the last run. */
size_t posmap_to_src(const posmap *pm, size_t off);

/* The normalised offset of source offset src: the first normalised byte
 * that comes from src or from a later source byte (dropped source text
 * maps to what follows it). Runs must be in increasing source order, as
 * the normaliser appends them. */
size_t posmap_from_src(const posmap *pm, size_t src);

typedef struct linemap {
  const char *src;
  size_t len;
  size_t *starts; /* byte offset of each line start */
  size_t n;
} linemap;

/* src must outlive the linemap. */
void linemap_init(linemap *lm, const char *src, size_t len);
void linemap_release(linemap *lm);
/* 1-based line and code-point column of source offset off. */
void linemap_lookup(const linemap *lm, size_t off, int *line, int *col);

/* Where the last lookup ended. Lookups in increasing order through one
 * cursor count each line's columns once in all, not once per lookup from
 * the line's start (10,000 findings at the end of a 1 MiB line). Zero it
 * with {0} to start. */
typedef struct linemap_cursor {
  size_t off;  /* a code point's start on line `line`, counted up to */
  size_t line; /* 0-based; valid when col > 0 */
  int col;     /* 1-based column of off; 0: nothing looked up yet */
} linemap_cursor;

/* linemap_lookup, counting on from c when off is on c's line at or after
 * it; then c is moved to off. */
void linemap_lookup_from(const linemap *lm, linemap_cursor *c, size_t off,
                         int *line, int *col);
/* Source offset of 1-based line and code-point column (clamped to the
 * line). */
size_t linemap_offset(const linemap *lm, int line, int col);
/* The source line (without its LF) that contains off. */
void linemap_line(const linemap *lm, size_t off, const char **p, size_t *len);

#endif
