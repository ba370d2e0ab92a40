/* ctx: the struct behind reportlint.h's rl_ctx, for the library's check
 * (check.c, keymetric.c) and nothing below it.
 *
 * A context holds the rule sets found under the rules directories (each
 * read whole when a report first needs it, or all at once before workers
 * are cloned), which of their rules are switched on, per-rule hit counters
 * and the PCRE2 match data one worker uses. Reading and modelling a report
 * needs only its options (rl_options); choosing and running rules needs
 * the rest. */
#ifndef RL_CTX_H
#define RL_CTX_H

#include "doc.h"
#include "regex.h"
#include "reportlint.h"

struct rl_ctx {
  rl_options opts;
  rl_ruleset **sets;        /* borrowed from the original in a clone */
  int nsets;
  int clone;                /* made by rl_ctx_clone: sets are not owned */
  int forced;               /* index of --ruleset, -1 = detect */
  int all_rules;
  unsigned char **enabled;  /* [set][rule] */
  unsigned long **hits;     /* [set][rule] */
  rl_diag **load_error;     /* [set]: why its pending files failed, or NULL */
  lexicon_shelf *shelf;     /* the sets' word lists, loaded once for all;
                               borrowed in a clone */
  regex_ctx *rx;
};

/* The rule set for a modelled report, chosen and read whole: the one
 * --ruleset names; else the first whose `detect` matches the title; else
 * the first whose `detect_content` matches the text; else the `fallback`
 * set; else the first. Returns its index, or -1 with diag (no rule set, or
 * its files failed to load). */
int ctx_rules_for(rl_ctx *ctx, const doc *d, rl_diag *diag);
/* yyyymmdd: the options' `today`, else the real date (UTC). */
int ctx_today(const rl_ctx *ctx);

#endif
