/* regex: PCRE2 (8-bit) behind a small interface.
 *
 * Consumes pattern text from the rule loader and UTF-8 subjects from the
 * checks; produces match spans and group spans. Patterns compile with
 * UTF | UCP and are JIT-compiled when the platform allows (otherwise the
 * interpreter runs them). The JIT compile waits for a pattern's first
 * match: it is the larger part of loading a rule set, and a run uses only
 * the rule set its reports select (measured: bench/optimisations.md). A regex_ctx owns everything a match writes: the
 * match context with its limits, a JIT stack and the match data, so one
 * compiled regex can be shared by many workers. Subjects are expected to be
 * valid UTF-8 already (the decoder checked them). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include "alloc.h"
#include "monoclock.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

struct regex {
  pcre2_code *code;
  char *source;
  int ngroups;
  atomic_int jitted; /* pcre2_jit_compile has run on code (set once) */
};

/* Serialises JIT compiles: compiled regexes are shared by the workers. */
static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;

/* JIT-compiles re before its first match (not later: a pattern runs on
 * every paragraph, and interpreting even its first few matches costs more
 * than the compile: measured, one report 27.9M instructions with the JIT
 * at the first match, 41.7M at the second). Every match goes through here,
 * so no thread matches while another compiles: the flag is set (release)
 * only after the compile, and read with acquire. A JIT failure (no JIT
 * support, out of executable memory) is not an error: pcre2_match() then
 * runs the interpreter on the same code. */
static void ensure_jit(const regex *cre) {
  regex *re = (regex *)cre;
  if (atomic_load_explicit(&re->jitted, memory_order_acquire))
    return;
  pthread_mutex_lock(&jit_lock);
  if (!atomic_load_explicit(&re->jitted, memory_order_relaxed)) {
    (void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
    atomic_store_explicit(&re->jitted, 1, memory_order_release);
  }
  pthread_mutex_unlock(&jit_lock);
}

enum {
  MATCH_PAIRS = 64,            /* initial ovector size */
  JIT_STACK_MIN = 32 * 1024,   /* JIT stack grows from this ... */
  JIT_STACK_MAX = 1024 * 1024, /* ... up to this */
};

struct regex_ctx {
  pcre2_general_context *gctx; /* PCRE2 memory goes through x* */
  pcre2_match_context *mctx;
  pcre2_jit_stack *jit_stack; /* NULL if JIT is unavailable */
  pcre2_match_data *md;
  uint32_t md_pairs;
  int nset; /* pairs set by the last successful match; 0 otherwise */
  int limit; /* the last failure was a match, depth, heap or stack limit */
  double deadline; /* regex_ctx_set_budget's end, monotonic seconds; 0 */
  char err[256];
};

regex *regex_compile(const char *pattern, size_t len, char *err, size_t errcap,
                     size_t *erroff) {
  int code = 0;
  PCRE2_SIZE off = 0;
  /* MULTILINE: ^ and $ match at paragraph ends (one paragraph a line). */
  uint32_t opts =
      PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE | PCRE2_USE_OFFSET_LIMIT;
  pcre2_code *c =
      pcre2_compile((PCRE2_SPTR)pattern, len, opts, &code, &off, NULL);
  if (!c) {
    if (err && errcap > 0) {
      PCRE2_UCHAR buf[256];
      if (pcre2_get_error_message(code, buf, sizeof buf) < 0)
        snprintf((char *)buf, sizeof buf, "PCRE2 error %d", code);
      snprintf(err, errcap, "%s", (const char *)buf);
    }
    if (erroff)
      *erroff = off;
    return NULL;
  }
  regex *re = xcalloc(1, sizeof *re);
  atomic_init(&re->jitted, 0); /* see ensure_jit */
  re->code = c;
  re->source = xstrndup(pattern, len);
  uint32_t n = 0;
  pcre2_pattern_info(c, PCRE2_INFO_CAPTURECOUNT, &n);
  re->ngroups = (int)n;
  if (err && errcap > 0)
    err[0] = '\0';
  return re;
}

void regex_free(regex *re) {
  if (!re)
    return;
  pcre2_code_free(re->code);
  free(re->source);
  free(re);
}

const char *regex_source(const regex *re) { return re->source; }

int regex_group_count(const regex *re) { return re->ngroups; }

int regex_group_number(const regex *re, const char *name) {
  int n = pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)name);
  return n < 0 ? -1 : n;
}

// PCRE2's allocations for a worker use the x* allocators, so running out
// of memory aborts as everywhere else instead of returning NULL.
static void *allocate_for_pcre2(PCRE2_SIZE n, void *data) {
  (void)data;
  return xmalloc(n);
}

static void release_for_pcre2(void *p, void *data) {
  (void)data;
  free(p);
}

regex_ctx *regex_ctx_new(uint32_t match_limit, uint32_t depth_limit) {
  regex_ctx *c = xcalloc(1, sizeof *c);
  c->gctx =
      pcre2_general_context_create(allocate_for_pcre2, release_for_pcre2, NULL);
  c->mctx = pcre2_match_context_create(c->gctx);
  pcre2_set_match_limit(c->mctx, match_limit ? match_limit : REGEX_MATCH_LIMIT);
  pcre2_set_depth_limit(c->mctx, depth_limit ? depth_limit : REGEX_DEPTH_LIMIT);
  // The JIT ignores the depth limit but honours the match limit; its own
  // stack bound stops deep recursion. No JIT support → NULL, and fine.
  c->jit_stack = pcre2_jit_stack_create(JIT_STACK_MIN, JIT_STACK_MAX, c->gctx);
  if (c->jit_stack)
    pcre2_jit_stack_assign(c->mctx, NULL, c->jit_stack);
  c->md_pairs = MATCH_PAIRS;
  c->md = pcre2_match_data_create(c->md_pairs, c->gctx);
  return c;
}

void regex_ctx_free(regex_ctx *c) {
  if (!c)
    return;
  pcre2_match_data_free(c->md);
  pcre2_jit_stack_free(c->jit_stack);
  pcre2_match_context_free(c->mctx);
  pcre2_general_context_free(c->gctx);
  free(c);
}

// Makes the match data hold every group of re, so a match never returns 0
// ("ovector too small") and regex_group sees all of them.
static void fit_match_data(regex_ctx *c, const regex *re) {
  uint32_t need = (uint32_t)re->ngroups + 1;
  if (need <= c->md_pairs)
    return;
  pcre2_match_data_free(c->md);
  c->md = pcre2_match_data_create(need, c->gctx);
  c->md_pairs = need;
}

static int is_continuation_byte(unsigned char b) { return (b & 0xC0) == 0x80; }

static void describe_failure(regex_ctx *c, int rc) {
  c->limit = rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
             rc == PCRE2_ERROR_JIT_STACKLIMIT || rc == PCRE2_ERROR_HEAPLIMIT;
  switch (rc) {
  case PCRE2_ERROR_MATCHLIMIT:
    snprintf(c->err, sizeof c->err,
             "match limit exceeded (pattern too slow: catastrophic "
             "backtracking?)");
    break;
  case PCRE2_ERROR_DEPTHLIMIT:
    snprintf(c->err, sizeof c->err,
             "depth limit exceeded (pattern nests too deeply)");
    break;
  case PCRE2_ERROR_JIT_STACKLIMIT:
    snprintf(c->err, sizeof c->err,
             "JIT stack limit exceeded (pattern nests too deeply)");
    break;
  case PCRE2_ERROR_HEAPLIMIT:
    snprintf(c->err, sizeof c->err,
             "heap limit exceeded (pattern needs too much memory)");
    break;
  default: {
    PCRE2_UCHAR buf[200];
    if (pcre2_get_error_message(rc, buf, sizeof buf) < 0)
      snprintf((char *)buf, sizeof buf, "PCRE2 error %d", rc);
    snprintf(c->err, sizeof c->err, "match failed: %s", (const char *)buf);
  }
  }
}

void regex_ctx_set_budget(regex_ctx *c, double seconds) {
  c->deadline = seconds > 0 ? monoclock_seconds() + seconds : 0;
}

static int over_budget(regex_ctx *c) {
  if (c->deadline <= 0 || monoclock_seconds() < c->deadline)
    return 0;
  snprintf(c->err, sizeof c->err,
           "over its time budget for one report (pattern too slow on a "
           "long paragraph?)");
  return 1;
}

/* One pcre2_match from start, no match starting after limit. */
static int match_once(regex_ctx *c, const regex *re, const char *s,
                      size_t len, size_t start, size_t limit) {
  pcre2_set_offset_limit(c->mctx, limit);
  return pcre2_match(re->code, (PCRE2_SPTR)s, len, start, PCRE2_NO_UTF_CHECK,
                     c->md, c->mctx);
}

/* Searches from start in windows of REGEX_WINDOW start positions when a
 * budget is set: PCRE2's match limit counts per start position, so a
 * pattern costing O(n) at each start ((?=[^\n]*Q)) is quadratic under it;
 * between windows the budget is looked at. Returns pcre2_match's code, or
 * 0 when the budget ran out (c->err says so). */
static int match_windows(regex_ctx *c, const regex *re, const char *s,
                         size_t len, size_t start) {
  for (;;) {
    if (over_budget(c))
      return 0;
    size_t limit = c->deadline > 0 && len - start > REGEX_WINDOW
                       ? start + REGEX_WINDOW
                       : len;
    int rc = match_once(c, re, s, len, start, limit);
    if (rc != PCRE2_ERROR_NOMATCH || limit >= len)
      return rc;
    start = limit + 1;
    while (start < len && is_continuation_byte((unsigned char)s[start]))
      start++;
    if (start >= len)
      return PCRE2_ERROR_NOMATCH;
  }
}

int regex_find(regex_ctx *c, const regex *re, const char *s, size_t len,
               size_t start, size_t *ms, size_t *me) {
  c->nset = 0;
  c->limit = 0;
  c->err[0] = '\0';
  if (start > len) {
    snprintf(c->err, sizeof c->err, "start offset %zu past end (%zu)", start,
             len);
    return -1;
  }
  // Subjects were validated by the decoder; skipping PCRE2's check is only
  // safe when start is at a character boundary, so anything else is a bug
  // in the caller and reported, not matched.
  if (start < len && is_continuation_byte((unsigned char)s[start])) {
    snprintf(c->err, sizeof c->err,
             "start offset %zu is inside a UTF-8 character", start);
    return -1;
  }
  fit_match_data(c, re);
  ensure_jit(re);
  int rc = match_windows(c, re, s, len, start);
  if (rc == 0)
    return -1; /* over budget */
  if (rc == PCRE2_ERROR_NOMATCH)
    return 0;
  if (rc < 0) {
    describe_failure(c, rc);
    return -1;
  }
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
  c->nset = rc;
  *ms = ov[0];
  *me = ov[1];
  return 1;
}

int regex_test(regex_ctx *c, const regex *re, const char *s, size_t len) {
  size_t ms, me;
  return regex_find(c, re, s, len, 0, &ms, &me);
}

int regex_group(const regex_ctx *c, int n, size_t *gs, size_t *ge) {
  if (n < 0 || n >= c->nset)
    return 0;
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
  if (ov[2 * n] == PCRE2_UNSET)
    return 0;
  *gs = ov[2 * n];
  *ge = ov[2 * n + 1];
  return 1;
}

const char *regex_ctx_error(const regex_ctx *c) { return c->err; }

int regex_ctx_limit_hit(const regex_ctx *c) { return c->limit; }
