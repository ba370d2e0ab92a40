/* engine: runs the enabled rules of one rule set over one document.
 *
 * Consumes a built doc and a loaded rule set; produces findings (with
 * normalised offsets) and the report parts the section rules found. No I/O.
 * Section rules run first, because order/length rules and `section:<key>`
 * scopes depend on the parts they find. Each rule type lives in its own
 * rule_<type>.c behind the one signature rule_fn, found through its
 * descriptor (rule_kind.h). */
#ifndef RL_ENGINE_H
#define RL_ENGINE_H

#include "diag.h"
#include "doc.h"
#include "finding.h"
#include "regex.h"
#include "rules.h"

#include <stddef.h>

/* A report part found by a section rule. */
typedef struct engine_part {
  const rule *rule;
  int section;        /* section index if found under a heading, else -1 */
  size_t off, end;    /* the part's text (heading + body), or the fallback
                         paragraph */
  int found;          /* 0 missing, 1 by heading, 2 by body fallback */
} engine_part;

typedef struct engine_opts {
  const unsigned char *enabled; /* per rule index; NULL: rule.enabled */
  int department;     /* the reporter is a government department */
  int all_rules;      /* run rules with `enabled: false` too (examples) */
  const char *ext;    /* the input's file extension ("txt"), or NULL */
  const signed char *severity; /* per rule index: -1 = the rule's own */
  /* cross-year rules: the same body's report of the year before (its
   * model, the rule set it was checked with and the parts that set's
   * section rules found there), or prev NULL: those rules do not run. */
  const doc *prev;
  const rl_ruleset *prev_rs;
  const engine_part *prev_parts;
  /* Names the place of normalised offset off in last year's report as a
   * reader finds it ("第12行", "第2页第5行") into buf. */
  void (*prev_place)(void *arg, size_t off, char *buf, size_t cap);
  void *prev_arg;
} engine_opts;

/* Lines on which one rule's pattern may run out of PCRE2's limits in one
 * document, each reported as an input.too-long finding; one more and the
 * rule fails (the pattern, not the text, is at fault). */
enum { ENGINE_MAX_TOO_LONG = 10 };

/* Seconds of matching one rule may spend on one report before it fails
 * (a pattern quadratic under the match limit, which counts per start). */
#define ENGINE_RULE_BUDGET 5.0

typedef struct engine_run {
  doc *d;
  const rl_ruleset *rs;
  const engine_opts *opts;
  const rule *r;          /* the rule being run */
  int rule_index;
  regex_ctx *rx;
  finding_list *out;
  unsigned long *hits;    /* per rule index, may be NULL */
  engine_part *parts;     /* per rule index (section rules only) */
  rl_diag *diag;
  int failed;             /* the current rule failed at run time */
  int any_failed;         /* some rule did (diag holds the first) */
  span too_long[ENGINE_MAX_TOO_LONG]; /* lines of the text on which the
                             current rule's pattern ran out of its match
                             limit: reported input.too-long and skipped */
  int ntoo_long;
  /* What the rules of one check may share: made by the first that needs
   * it, in d's arena (so freed with the report), and named by shared_tag,
   * the address of something its kind owns (rule_lexicon.c: the scope's
   * lines decoded once for both lexicon rules). NULL until then. */
  const void *shared_tag;
  void *shared;
} engine_run;

typedef void (*rule_fn)(engine_run *run);

/* Runs every enabled rule. Returns 0, or -1 when a rule failed at run
 * time (e.g. its pattern hit the match limit): diag names the rule, and
 * the findings of the other rules are still there. When parts is not
 * NULL, *parts receives the parts the section rules found, one per rule
 * index (rs->nrules; .rule NULL for other rule types), allocated in d's
 * arena. */
int engine_check(doc *d, const rl_ruleset *rs, const engine_opts *opts,
                 regex_ctx *rx, unsigned long *hits, finding_list *out,
                 engine_part **parts, rl_diag *diag);

/* --- for rule_*.c ------------------------------------------------------ */

/* A template variable for messages: {name} → value. */
typedef struct engine_var {
  const char *name;
  const char *value;
} engine_var;

/* Appends a finding of the current rule over [off, end) with its message
 * template expanded: {name} from vars, else from the named groups / group
 * numbers of re's last match on run->rx (re may be NULL). */
void engine_emit(engine_run *run, size_t off, size_t end,
                 const engine_var *vars, int nvars, const regex *re);
/* A finding of the current rule at text the normaliser cut out (c), placed
 * where it stands in the source; {0} in the message is its text. */
void engine_emit_cut(engine_run *run, const doc_cut *c);
/* Same with an explicit severity and template (fallback findings). */
void engine_emit_as(engine_run *run, rl_severity sev, const char *tmpl,
                    size_t off, size_t end, const engine_var *vars, int nvars,
                    const regex *re);
/* The text spans a scope covers, in order; *n set. Arena-allocated in
 * run->d->arena. A section scope whose part is missing covers nothing. */
span *engine_scope(engine_run *run, const rule_scope *scope, int *n);
/* regex_find that records a run-time failure in run->diag. Returns 1/0;
 * on failure 0 and run->failed set. */
int engine_find(engine_run *run, const regex *re, const char *s, size_t len,
                size_t start, size_t *ms, size_t *me);
/* Matches re against the text of span s alone (so ^ and $ anchor at the
 * span's ends). Returns 1 with the absolute match in *ms, *me, else 0.
 * Group offsets of this match are relative to s.off. */
int engine_match_span(engine_run *run, const regex *re, span s, size_t *ms,
                      size_t *me);
/* Where section sec's body starts: after its heading's text and the
 * punctuation that ends it. */
size_t engine_body_start(const doc *d, int sec);
/* The part with this key, or NULL if no section rule defines it. */
const engine_part *engine_part_of(const engine_run *run, const char *key);
/* Counts a match for --stats. */
void engine_hit(engine_run *run);
/* The finding the current rule appended last (if any) also points at
 * normalised offset off of last year's report (cross-year rules). */
void engine_relate(engine_run *run, size_t off);
/* The part with this key in last year's report, or NULL. */
const engine_part *engine_prev_part(const engine_run *run, const char *key);

#endif
