/* finding: see finding.h. */
#include "finding.h"

#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXCERPT_MAX_CHARS = 80 };

void finding_list_init(finding_list *fl, size_t max) {
  memset(fl, 0, sizeof *fl);
  fl->max = max ? max : FINDING_DEFAULT_MAX;
  arena_init(&fl->arena);
}

void finding_list_release(finding_list *fl) {
  free(fl->v);
  arena_release(&fl->arena);
  memset(fl, 0, sizeof *fl);
}

static const char *excerpt_of(arena *a, const char *text, size_t off,
                              size_t end) {
  size_t i = off, n = 0;
  while (i < end && n < EXCERPT_MAX_CHARS && text[i] != '\n') {
    i += utf8_step(text + i, end - i);
    n++;
  }
  return arena_strndup(a, text + off, i - off);
}

finding *finding_add(finding_list *fl, const char *rule_id, rl_severity sev,
                     const char *message, const char *text, size_t off,
                     size_t end) {
  if (fl->n >= fl->max) {
    fl->dropped++;
    return NULL;
  }
  finding *f = ARRAY_PUSH(fl->v, fl->n, fl->cap);
  memset(f, 0, sizeof *f);
  f->rule_id = rule_id;
  f->severity = sev;
  f->message = arena_strndup(&fl->arena, message, strlen(message));
  f->off = off;
  f->end = end < off ? off : end;
  f->matched = excerpt_of(&fl->arena, text, f->off, f->end);
  f->excerpt = f->matched;
  f->seq = fl->n - 1;
  return f;
}

/* The finding's text as the source has it (spaces kept), with line breaks
 * of wrapped text removed, at most EXCERPT_MAX_CHARS code points. */
static const char *source_excerpt(arena *a, const char *src, size_t from,
                                  size_t to) {
  char *out = arena_alloc(a, to - from + 1);
  size_t n = 0, chars = 0;
  for (size_t i = from; i < to && chars < EXCERPT_MAX_CHARS;) {
    size_t k = utf8_step(src + i, to - i);
    if (src[i] != '\n') {
      memcpy(out + n, src + i, k);
      n += k;
      chars++;
    }
    i += k;
  }
  out[n] = '\0';
  return out;
}

/* A place to resolve: a source offset and where its line and column go. */
typedef struct place {
  size_t src;
  int *line, *col;
} place;

static int cmp_place(const void *a, const void *b) {
  const place *x = a, *y = b;
  return x->src < y->src ? -1 : x->src > y->src;
}

void finding_place_source(finding_list *fl, finding *f, size_t src,
                          size_t src_end, const char *matched) {
  f->at_src = 1;
  f->src = src;
  f->src_end = src_end < src ? src : src_end;
  f->matched = arena_strndup(&fl->arena, matched, strlen(matched));
  f->excerpt = f->matched;
}

/* The first and last characters of f, as source offsets; returns whether
 * f covers any text (else both are its place). */
static int source_ends(const finding *f, const char *text, const posmap *pm,
                       const linemap *lm, size_t *from, size_t *last) {
  if (f->at_src) {
    *from = f->src;
    *last = f->src_end > f->src ? utf8_back(lm->src, f->src_end) : f->src;
    return f->src_end > f->src;
  }
  *from = posmap_to_src(pm, f->off);
  *last = posmap_to_src(pm, f->end > f->off ? utf8_back(text, f->end) : f->off);
  return f->end > f->off;
}

/* Every finding's start and last character, resolved in one pass in order
 * of offset (from each line's start for each finding was quadratic when
 * thousands of them share a long line). */
static void resolve_places(finding_list *fl, const char *text,
                           const posmap *pm, const linemap *lm) {
  place *p = xmalloc((2 * fl->n + 1) * sizeof *p);
  for (size_t i = 0; i < fl->n; i++) {
    finding *f = &fl->v[i];
    size_t from, last;
    source_ends(f, text, pm, lm, &from, &last);
    p[2 * i] = (place){from, &f->line, &f->col};
    p[2 * i + 1] = (place){last, &f->end_line, &f->end_col};
  }
  qsort(p, 2 * fl->n, sizeof *p, cmp_place);
  linemap_cursor c = {0};
  for (size_t i = 0; i < 2 * fl->n; i++)
    linemap_lookup_from(lm, &c, p[i].src, p[i].line, p[i].col);
  free(p);
}

void finding_list_locate(finding_list *fl, const char *text, const posmap *pm,
                         const linemap *lm) {
  resolve_places(fl, text, pm, lm);
  for (size_t i = 0; i < fl->n; i++) {
    finding *f = &fl->v[i];
    size_t from, to;
    /* end_line/end_col are exclusive: one past the last character. */
    if (source_ends(f, text, pm, lm, &from, &to)) {
      f->end_col++;
      to += utf8_step(lm->src + to, lm->len - to);
    }
    if (to > from)
      f->excerpt = source_excerpt(&fl->arena, lm->src, from, to);
  }
}

static int cmp_finding(const void *a, const void *b) {
  const finding *x = a, *y = b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  if (x->col != y->col)
    return x->col < y->col ? -1 : 1;
  int c = strcmp(x->rule_id, y->rule_id);
  if (c)
    return c;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* FNV-1a, 64 bits: stable across platforms and runs. */
static uint64_t fnv1a(uint64_t h, const char *s, size_t len) {
  for (size_t i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

/* A finding's key for counting its earlier twins (same rule, same
 * matched text), sorted with its index so the order is total. */
typedef struct twin {
  const char *rule_id, *matched;
  size_t i;
} twin;

static int cmp_twin_key(const twin *x, const twin *y) {
  int c = strcmp(x->rule_id, y->rule_id);
  return c ? c : strcmp(x->matched, y->matched);
}

static int cmp_twin(const void *a, const void *b) {
  const twin *x = a, *y = b;
  int c = cmp_twin_key(x, y);
  return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* fingerprint = hash(rule id, matched text, n) where n counts the earlier
 * findings of the same rule on the same text: moving text, re-wrapping it
 * or editing other parts keeps it; changing the offending text changes it.
 * The matched text is the normalised one, so spacing does not count. The
 * counts come from one sort (comparing each finding with every earlier
 * one was quadratic: 10,000 findings, 50 million comparisons). */
static void fill_fingerprints(finding_list *fl) {
  twin *t = xmalloc((fl->n + 1) * sizeof *t);
  unsigned *twins = xmalloc((fl->n + 1) * sizeof *twins);
  for (size_t i = 0; i < fl->n; i++)
    t[i] = (twin){fl->v[i].rule_id, fl->v[i].matched, i};
  qsort(t, fl->n, sizeof *t, cmp_twin);
  for (size_t k = 0; k < fl->n; k++)
    twins[t[k].i] = k > 0 && cmp_twin_key(&t[k - 1], &t[k]) == 0
                        ? twins[t[k - 1].i] + 1
                        : 0;
  for (size_t i = 0; i < fl->n; i++) {
    finding *f = &fl->v[i];
    unsigned n = twins[i];
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv1a(h, f->rule_id, strlen(f->rule_id) + 1);
    h = fnv1a(h, f->matched, strlen(f->matched) + 1);
    h = fnv1a(h, (const char *)&n, sizeof n);
    snprintf(f->fingerprint, sizeof f->fingerprint, "%016llx",
             (unsigned long long)h);
  }
  free(twins);
  free(t);
}

void finding_list_sort(finding_list *fl) {
  if (fl->n > 1)
    qsort(fl->v, fl->n, sizeof *fl->v, cmp_finding);
  fill_fingerprints(fl);
}

void finding_list_count(const finding_list *fl, size_t counts[3]) {
  counts[0] = counts[1] = counts[2] = 0;
  for (size_t i = 0; i < fl->n; i++)
    if (!fl->v[i].suppressed)
      counts[fl->v[i].severity]++;
}
