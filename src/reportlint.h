/* reportlint.h: the public API of the core library.
 *
 * A rl_ctx holds the loaded rule sets and the run's switches; a rl_report
 * is one checked input with its document model and findings. Only main.c
 * (and tests) call these; they never print and never exit: failures come
 * back as -1 / NULL with a filled rl_diag. */
#ifndef REPORTLINT_H
#define REPORTLINT_H

#include "diag.h"
#include "keyfigure.h"
#include "rules.h"

#include <stddef.h>

typedef struct rl_ctx rl_ctx;
typedef struct rl_report rl_report;

typedef struct rl_options {
  size_t max_bytes;    /* input size cap; 0 = 50 MiB */
  size_t max_line;     /* longest line in bytes; 0 = 1 MiB */
  size_t max_findings; /* per report; 0 = 10,000 */
  int department;      /* treat every report as a department's */
  int today;           /* yyyymmdd for waiver expiry; 0 = the real date */
  int input_format;    /* an input_format (reader.h); 0 = by content */
  unsigned max_read_ms; /* PDF extraction per document; 0 = 60 s */
} rl_options;

/* Per-report settings (a configuration file's top level and the overrides
 * whose globs match the report), applied on top of the context's. */
typedef struct rl_rule_setting {
  const char *id;      /* a rule id or prefix ("metric." / "metric.*") */
  int enable;          /* -1 unchanged, 0 off, 1 on */
  int severity;        /* -1 unchanged, else rl_severity */
} rl_rule_setting;

typedef struct rl_waiver {
  const char *rule;    /* id or prefix */
  const char *reason;
  int until;           /* yyyymmdd, 0 = none */
  int line;            /* 0 = any line */
  const char *source;  /* "file:line" where it is written */
  int sidecar;         /* from REPORT.reportlint.yaml (unused is reported) */
} rl_waiver;

typedef struct rl_check_opts {
  const rl_rule_setting *rules;
  size_t nrules;
  int year;            /* report year override, 0 = from the title */
  int department;      /* -1 unchanged, 0/1 */
  const rl_waiver *waivers;
  size_t nwaivers;
  /* The same body's report of the year before, checked already (with
   * rl_report_check), or NULL: the cross-year rules compare with it; it
   * must outlive the report checked with it. */
  const rl_report *previous;
} rl_check_opts;

/* Returns a new context (free with rl_ctx_free). opts may be NULL. */
rl_ctx *rl_ctx_new(const rl_options *opts);
void rl_ctx_free(rl_ctx *ctx);
/* A context for another thread: it shares ctx's loaded rule sets (compiled
 * patterns are read-only) and copies its switches (--ruleset, --enable,
 * --disable, options), with its own hit counters and PCRE2 match data, so
 * two threads may check reports at once, each with its own context. Load
 * the rules and set the switches before cloning; ctx must outlive the
 * clone, and rules loaded into a clone are an error (they would not be
 * shared back). Free the clone with rl_ctx_free. */
rl_ctx *rl_ctx_clone(const rl_ctx *ctx);

/* Loads the rule sets in dir: dir itself if it holds *.yaml files, else
 * each of its subdirectories that does (sorted by name). Returns 0, or -1
 * with diag naming the rule file, line and column. */
int rl_ctx_load_rules(rl_ctx *ctx, const char *dir, rl_diag *diag);
int rl_ctx_ruleset_count(const rl_ctx *ctx);
const rl_ruleset *rl_ctx_ruleset(const rl_ctx *ctx, int i);
/* Rule sets are read lazily: rl_ctx_load_rules reads each set's header
 * (name, detect pattern); a set's other files are read when a report
 * selects it, or by these. Before rl_ctx_clone, load them all. Returns 0,
 * or -1 with the rule file's error (remembered: asked again, the same). */
int rl_ctx_load_ruleset(rl_ctx *ctx, int set, rl_diag *diag);
int rl_ctx_load_all(rl_ctx *ctx, rl_diag *diag);
/* The rule set every report gets (--ruleset), or -1 if detected. */
int rl_ctx_forced_ruleset(const rl_ctx *ctx);
/* Applies rule set `name` to every report instead of detecting it from
 * the title. -1 and diag if there is no such rule set. */
int rl_ctx_use_ruleset(rl_ctx *ctx, const char *name, rl_diag *diag);
/* --enable / --disable: id is a rule id, or a prefix ending in '.'
 * ("metric.") or '*' ("metric.*"). -1 and diag if it matches no rule. */
int rl_ctx_set_rule(rl_ctx *ctx, const char *id, int on, rl_diag *diag);
/* Turns every rule on, even those with `enabled: false` (rule examples).
 * `when:` conditions still apply: an example states its year in its title. */
void rl_ctx_enable_all(rl_ctx *ctx);
/* Times each rule's patterns matched over the run (for --stats). */
unsigned long rl_ctx_rule_hits(const rl_ctx *ctx, int set, int index);
/* Adds the hit counts of clone (made by rl_ctx_clone(ctx)) to ctx's, so a
 * run on several threads counts as one. */
void rl_ctx_add_hits(rl_ctx *ctx, const rl_ctx *clone);
int rl_ctx_rule_enabled(const rl_ctx *ctx, int set, int index);

/* Reads and models data[0, len), a file's bytes in memory, as format
 * ("txt", "md", "docx", "html", "pdf" or their aliases; NULL or "auto":
 * by content, then by name's extension). name labels findings. Returns a
 * new report, or NULL with an input diag (an unknown format is one). */
rl_report *rl_report_from_memory(rl_ctx *ctx, const char *name,
                                 const void *data, size_t len,
                                 const char *format, rl_diag *diag);
/* Reads and models path ("-" = stdin). Returns a new report (free with
 * rl_report_free), or NULL with an input diag (exit code 3 territory). */
rl_report *rl_report_read(rl_ctx *ctx, const char *path, rl_diag *diag);
/* Same over text in memory (UTF-8 or GB18030); name labels findings. */
rl_report *rl_report_from_text(rl_ctx *ctx, const char *name,
                               const char *text, size_t len, rl_diag *diag);
/* Runs the rule set that applies. Returns 0, or -1 when a rule failed at
 * run time (diag set; the other rules' findings are kept). */
int rl_report_check(rl_ctx *ctx, rl_report *r, rl_diag *diag);
/* The same with per-report settings and waivers (opts may be NULL).
 * Inline suppression directives in the report are always applied. */
int rl_report_check_opts(rl_ctx *ctx, rl_report *r, const rl_check_opts *opts,
                         rl_diag *diag);
void rl_report_free(rl_report *r);

/* Findings of a checked report by severity (RL_SEV_INFO..RL_SEV_ERROR). */
size_t rl_report_count(const rl_report *r, rl_severity sev);
/* 1 if the report has a finding with this rule id. */
int rl_report_has(const rl_report *r, const char *rule_id);
/* The rule set applied to a checked report (owned by the context), or
 * NULL before rl_report_check. */
const rl_ruleset *rl_report_ruleset(const rl_report *r);
/* The report part that the section rule with this `key` looks for, in a
 * checked report: RL_PART_HEADING (under its own heading, or a run of
 * topical headings), RL_PART_BODY (only named in the body: the rule's
 * fallback), RL_PART_MISSING, or -1 if the applied rule set has no section
 * rule with this key. Found whether or not the rule is switched on, as
 * scopes and order rules need it. */
enum { RL_PART_MISSING = 0, RL_PART_HEADING = 1, RL_PART_BODY = 2 };
int rl_report_part(const rl_report *r, const char *key);

/* One finding of a checked report, as rl_report_finding gives it. The
 * strings belong to the report (or, for rule_id, to the context's rule
 * set) and live as long as it. */
typedef struct rl_finding {
  const char *rule_id;
  rl_severity severity;
  const char *message;     /* in Chinese, as the rule words it */
  const char *excerpt;     /* the text at fault as the file has it */
  int line, col;           /* 1-based, code points; the user's terms: the
                              page source's for HTML, within page for PDF */
  int end_line, end_col;   /* one past the last character */
  int page;                /* PDF: 1-based page, else 0 */
  int suppressed;          /* waived: not counted */
  const char *suppression; /* the waiver's reason, or NULL */
  const char *fingerprint; /* stable across unrelated edits (16 hex) */
} rl_finding;

/* The number of findings of a checked report, waived ones included. */
size_t rl_report_finding_count(const rl_report *r);
/* Finding i (0 <= i < rl_report_finding_count) in place order. */
void rl_report_finding(const rl_report *r, size_t i, rl_finding *out);
/* Finding i's place as the command line names it: "12:5", "¶12:5" (DOCX
 * paragraphs), "p3:12:5" (PDF). Returns buf. */
const char *rl_report_location(const rl_report *r, size_t i, char *buf,
                               size_t cap);

/* Renders checked reports in an output format ("text", "json", "sarif",
 * "junit", "github", "jsonl", "html", "model": what --format takes, with
 * no colours and with source lines) into a newly allocated,
 * NUL-terminated buffer (the caller frees it with free()), its length in
 * *len. Returns 0, or -1 with diag (an unknown format). */
int rl_render(const rl_ctx *ctx, rl_report *const *reports, size_t n,
              const char *format, char **out, size_t *len, rl_diag *diag);

/* The rule with this id ("set/id" for a given set's) in any loaded rule
 * set, or NULL; *set (if not NULL) gets its rule set. Loads the sets'
 * pending files first. */
const rule *rl_ctx_find_rule(rl_ctx *ctx, const char *id,
                             const rl_ruleset **set);
/* 1 if id names rule r of rule set rs: its id, or "set/id". */
int rl_rule_is(const rl_ruleset *rs, const rule *r, const char *id);
/* A rule explained as `reportlint rules --explain ID` prints it: id,
 * severity, type, message, 说明, 依据, examples and where it is defined.
 * Returns a newly allocated string; the caller frees it with free(). */
char *rl_rule_explain(const rl_ruleset *rs, const rule *r);

/* A key metric explained as `reportlint rules --explain ID` prints it: its
 * label and unit, what it counts, its examples with the figure each must
 * give, and where it is defined. Returns a newly allocated string; the
 * caller frees it with free(). */
char *rl_metric_explain(const rl_ruleset *rs, const key_metric *m);

/* A key figure as one report states it (see rl_report_metric). */
typedef key_figure rl_metric_value; /* value, unit, text (keyfigure.h) */

/* Key metric i (0 <= i < nmetrics of rl_report_ruleset(r)) of a checked
 * report: the first match of its pattern in the body that names a figure.
 * Returns 1 with *out filled, 0 when the report does not state it (never
 * a zero: absent is not 0), or -1 when the pattern failed at run time
 * (match limit) with diag naming the metric. Uses ctx's match data: call
 * it with the context the report was checked with. */
int rl_report_metric(rl_ctx *ctx, const rl_report *r, int i,
                     rl_metric_value *out, rl_diag *diag);

#endif
