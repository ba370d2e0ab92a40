/* regex: the PCRE2 (8-bit) wrapper every rule uses.
 *
 * Patterns compile with UTF | UCP | MULTILINE (so ^ and $ match at the
 * start and end of a paragraph, which is a line of the normalised text)
 * and are JIT-compiled where the platform supports it. A compiled regex is read-only and belongs to its rule set;
 * match data and limits belong to a regex_ctx, one per worker, so matching
 * never writes to shared state. Match and depth limits turn a catastrophic
 * pattern into an error instead of a hang. Offsets are byte offsets. */
#ifndef RL_REGEX_H
#define RL_REGEX_H

#include <stddef.h>
#include <stdint.h>

typedef struct regex regex;
typedef struct regex_ctx regex_ctx;

#define REGEX_MATCH_LIMIT 1000000u
#define REGEX_DEPTH_LIMIT 10000u
/* Start positions searched between two looks at the budget. */
#define REGEX_WINDOW 4096u

/* Compiles pattern (len bytes, need not be NUL-terminated). Returns a
 * newly allocated regex (free with regex_free), or NULL with PCRE2's
 * message in err and the 0-based byte offset of the error in *erroff. */
regex *regex_compile(const char *pattern, size_t len, char *err,
                     size_t errcap, size_t *erroff);
void regex_free(regex *re);
/* The pattern as written (owned by re). */
const char *regex_source(const regex *re);
/* Number of capturing groups. */
int regex_group_count(const regex *re);
/* Group number of a named group, or -1. */
int regex_group_number(const regex *re, const char *name);

/* limits of 0 mean the defaults above. Free with regex_ctx_free. */
regex_ctx *regex_ctx_new(uint32_t match_limit, uint32_t depth_limit);
void regex_ctx_free(regex_ctx *c);

/* Searches s[start, len). Returns 1 and the match span in *ms, *me; 0 if
 * there is no match; -1 if matching failed (match or depth limit hit,
 * bad UTF-8) with a message available from regex_ctx_error(). Sets no
 * capture state on 0 or -1. */
int regex_find(regex_ctx *c, const regex *re, const char *s, size_t len,
               size_t start, size_t *ms, size_t *me);
/* 1 if re matches anywhere in s[0, len), 0 if not, -1 on error. */
int regex_test(regex_ctx *c, const regex *re, const char *s, size_t len);
/* After regex_find returned 1 on c: span of group n (0 = whole match).
 * Returns 1 if the group is set, 0 if unset or out of range. */
int regex_group(const regex_ctx *c, int n, size_t *gs, size_t *ge);
/* The last error message of c ("" if none). */
const char *regex_ctx_error(const regex_ctx *c);
/* From now on, regex_find on c fails (-1, "over its time budget") once
 * `seconds` have passed; 0 removes the budget. The engine gives each rule
 * a budget per report: the match limit bounds each start position, this
 * the whole. */
void regex_ctx_set_budget(regex_ctx *c, double seconds);
/* 1 if the last regex_find on c failed on a limit (match, depth, heap or
 * JIT stack): the subject was too much for the pattern, not a bug. */
int regex_ctx_limit_hit(const regex_ctx *c);

#endif
