/* report: one input through the whole pipeline, and the run context.
 *
 * The structs behind reportlint.h's handles, for the library's own output
 * writers: read → decode → normalise → segment → scan → signature →
 * rules → findings located in the original text. */
#ifndef RL_REPORT_H
#define RL_REPORT_H

#include "decode.h"
#include "doc.h"
#include "engine.h"
#include "finding.h"
#include "normalize.h"
#include "posmap.h"
#include "reportlint.h"
#include "suppress.h"

struct rl_ctx {
  rl_options opts;
  rl_ruleset **sets;
  int nsets;
  int forced;               /* index of --ruleset, -1 = detect */
  int all_rules;
  unsigned char **enabled;  /* [set][rule] */
  unsigned long **hits;     /* [set][rule] */
  regex_ctx *rx;
};

struct rl_report {
  char *path;
  decoded dec;
  normtext nt;
  linemap lm;
  doc d;
  finding_list findings;
  int set;                  /* rule set applied, -1 before checking */
  const rl_ruleset *rs;
  size_t counts[3];
  directive_set directives; /* inline suppressions, blanked from dec.text */
};

/* Text of span s of the report's normalised text, newly allocated (free()). */
char *report_span_text(const rl_report *r, span s);
/* Original 1-based line of normalised offset off. */
int report_line_of(const rl_report *r, size_t off);

#endif
