/* suppress: waivers written by drafters, who cannot change the rules.
 *
 * Inline directives are lines of their own in the report, invisible in a
 * Markdown rendering:
 *   <!-- reportlint-disable-next-line RULE[,RULE…] reason: WHY [until: DATE] -->
 *   <!-- reportlint-disable RULE… reason: WHY [until: DATE] -->   (a block …)
 *   <!-- reportlint-enable [RULE…] -->                              (… ends)
 *   <!-- reportlint-disable-file RULE… reason: WHY [until: DATE] -->
 * In a .txt report the same directive may start with "//" or "#" instead
 * of "<!--" (no "-->"). RULE is an id or a prefix ("metric." / "metric.*").
 * suppress_scan finds them and blanks them out of the text (same length,
 * so positions stay); suppress_apply marks the findings they cover and
 * reports directives that are invalid (no reason, bad date), name no known
 * rule, expired or were never used. Waivers from a configuration file or
 * a sidecar file (REPORT.reportlint.yaml) are applied the same way. */
#ifndef RL_SUPPRESS_H
#define RL_SUPPRESS_H

#include "finding.h"
#include "rules.h"

#include <stddef.h>

typedef enum {
  DIRECTIVE_NEXT_LINE,
  DIRECTIVE_BLOCK,
  DIRECTIVE_ENABLE,
  DIRECTIVE_FILE,
} directive_kind;

typedef struct directive {
  directive_kind kind;
  int line;          /* where it is written */
  int col;           /* column of "reportlint-" */
  char **rules;
  size_t nrules;
  char *reason;
  int until;         /* yyyymmdd, 0 = none */
  int from, to;      /* lines covered (to = INT_MAX: to the end) */
  char problem[128]; /* why it is invalid, "" if valid */
  int used;
} directive;

typedef struct directive_set {
  directive *v;
  size_t n, cap;
} directive_set;

/* A waiver from outside the report (configuration or sidecar file). */
typedef struct waiver {
  const char *rule;
  const char *reason;
  int until;         /* yyyymmdd, 0 = none */
  int line;          /* 0 = any line */
  const char *source;/* "file:line" where it is written, for messages */
  int sidecar;       /* from REPORT.reportlint.yaml: unused is reported */
  int used;
} waiver;

/* Finds the directives in text (LF line ends) and overwrites each
 * directive line with spaces. */
void suppress_scan(char *text, size_t len, directive_set *set);
void suppress_release(directive_set *set);

/* Marks findings covered by valid, unexpired directives and waivers as
 * suppressed, then appends findings about the directives themselves
 * (suppression.invalid, suppression.unknown-rule, suppression.expired,
 * suppression.unused). today is yyyymmdd. Sorts the list again. */
void suppress_apply(directive_set *set, waiver *w, size_t nw,
                    const rl_ruleset *rs, int today, finding_list *fl);

#endif
