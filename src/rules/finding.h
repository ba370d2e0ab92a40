/* finding: one problem found in a report, and the per-report list.
 *
 * Rules append findings with normalised-text offsets; finding_list_locate()
 * later maps them to original line/column, and finding_list_sort() orders
 * them by position, then rule id, so output is deterministic. Messages and
 * excerpts are allocated in the list's arena. The list has a cap: past it
 * findings are counted as dropped, not stored. */
#ifndef RL_FINDING_H
#define RL_FINDING_H

#include "alloc.h"
#include "posmap.h"
#include "rules.h"

#include <stddef.h>

typedef struct finding {
  const char *rule_id;  /* owned by the rule set */
  rl_severity severity;
  const char *message;  /* in the list's arena */
  const char *excerpt;  /* the offending text as the source has it, arena */
  const char *matched;  /* the same, normalised (for fingerprints), arena */
  size_t off, end;      /* normalised offsets, off <= end */
  int at_src;           /* placed at [src, src_end) of the extracted text
                           instead: text the normaliser cut out has no
                           normalised offsets (off == end is where it
                           stood) */
  size_t src, src_end;
  int line, col, end_line, end_col; /* original, 1-based, code points;
                                       end_col is exclusive; in the user's
                                       terms after report_relocate (HTML:
                                       the source; PDF: within page) */
  int page;             /* PDF: 1-based page of line, else 0 */
  int xline, xcol, xend_line, xend_col; /* the same in the extracted text
                           (= line/col for text, Markdown and DOCX) */
  size_t seq;           /* insertion order, the last sort key */
  char fingerprint[17]; /* stable across unrelated edits: a hash of the
                           rule id, the excerpt and its occurrence number
                           (not the line); hex, filled by finding_list_sort */
  int suppressed;       /* waived (inline comment, sidecar, baseline): shown
                           as suppressed in json/sarif, not counted */
  const char *suppression; /* why: the waiver's reason, or "baseline" */
  int has_rel;          /* cross-year: it also points at a place of last
                           year's report: */
  size_t rel_off;       /* there, a normalised offset; then in the user's
                           terms (located by the check): */
  int rel_line, rel_col, rel_page;
} finding;

#define FINDING_DEFAULT_MAX 10000

/* The built-in finding of every rule set: a line on which a rule's pattern
 * ran out of PCRE2's limits (engine.c), so that rule did not check it. */
#define FINDING_TOO_LONG "input.too-long"

typedef struct finding_list {
  finding *v;
  size_t n, cap, max;
  size_t dropped;        /* findings past the cap */
  arena arena;
} finding_list;

void finding_list_init(finding_list *fl, size_t max);
void finding_list_release(finding_list *fl);
/* Appends a finding for text[off, end); copies message and the excerpt
 * (capped at 80 code points). Returns NULL (and counts it as dropped) when
 * the list is full. */
finding *finding_add(finding_list *fl, const char *rule_id, rl_severity sev,
                     const char *message, const char *text, size_t off,
                     size_t end);
/* Places f at [src, src_end) of the extracted text rather than through
 * its normalised offsets, with matched (copied) for its fingerprint. */
void finding_place_source(finding_list *fl, finding *f, size_t src,
                          size_t src_end, const char *matched);
/* Fills line/col (first character) and end_line/end_col (one past the
 * last character, as SARIF counts) through the position map; text is the
 * normalised text the offsets refer to. */
void finding_list_locate(finding_list *fl, const char *text, const posmap *pm,
                         const linemap *lm);
/* Sorts by position (then rule id) and fills the fingerprints. */
void finding_list_sort(finding_list *fl);
/* Counts unsuppressed findings by severity into
 * counts[RL_SEV_INFO..RL_SEV_ERROR]. */
void finding_list_count(const finding_list *fl, size_t counts[3]);

#endif
