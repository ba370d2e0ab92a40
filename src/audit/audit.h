/* audit: one summary over many reports (reportlint audit).
 *
 * Consumes report paths and a context with the rules loaded; checks the
 * reports on worker threads, each with its own clone of the context, and
 * turns each checked report into a small audit_record (strings copied,
 * the report freed at once). The calling thread receives the records in
 * input order, through a reorder window of a few records per worker, so
 * memory does not grow with the number of reports; it folds each record
 * into the per-rule counts and totals, and a writer (out_audit_*.c) turns
 * it into rows as it comes. Writing bytes anywhere is left to the caller
 * (the CLI's cmd_audit.c). */
#ifndef RL_AUDIT_H
#define RL_AUDIT_H

#include "config.h"
#include "reportlint.h"
#include "run.h"
#include "strbuf.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum { AUDIT_FAIL_NONE = 3 }; /* fail_on: no severity fails a report */

typedef enum {
  AUDIT_TIME_UNKNOWN = 0, /* no signature date, or no report year */
  AUDIT_TIME_ON,          /* dated, and no deadline rule's finding */
  AUDIT_TIME_LATE,        /* a finding of a date rule with check deadline */
} audit_time;

/* A column of parts: a section rule's key, over every loaded rule set. */
typedef struct audit_part {
  const char *key;  /* owned by the rule set */
  const char *name; /* the rule's `name`, else the key */
  int required;     /* counts towards "missing parts": the rule is
                       required and not graded info (其他需要报告的情况 is
                       shown, but often absent by design) */
} audit_part;

/* A column of key figures: a `metrics:` entry, by id over the sets. */
typedef struct audit_metric {
  const char *id, *label, *unit; /* owned by the rule set; unit may be NULL */
} audit_metric;

typedef struct audit_figure {
  int has; /* 0: the report does not state it */
  double value;
  char unit[32];
  char *text; /* the matched text (free()), NULL if !has */
} audit_figure;

/* One report as the summary sees it. Strings are the record's own
 * (free()), except rule ids, which belong to the rule sets. */
typedef struct audit_record {
  char *file;
  char *path;      /* the input as given (to read it again), or NULL */
  int unreadable;  /* error holds why */
  rl_diag error;   /* unreadable: the input error */
  int rule_failed; /* a rule failed at run time: rule_error */
  rl_diag rule_error;
  char *ruleset;        /* name of the rule set applied */
  char *title, *issuer; /* NULL when not found */
  int year;             /* 0: unknown */
  char date[11];        /* signature date YYYY-MM-DD, "" if none */
  audit_time time;
  signed char *parts;    /* per audit part: -1 not in the applied set,
                            else RL_PART_MISSING/HEADING/BODY (NULL if
                            unreadable) */
  audit_figure *figures; /* per audit metric (NULL if unreadable) */
  int nfigures;
  size_t counts[3];      /* unsuppressed findings by severity */
  int failed;            /* a finding at or above fail_on */
  const char **rules;    /* ids of the rules with findings, sorted */
  rl_severity *rule_sev; /* the worst severity of each */
  size_t nrules;
  char *html;            /* with audit_params.section: the report's page
                            section, else NULL */
  int index;             /* the input's 1-based place: anchor #rINDEX */
} audit_record;

void audit_record_free(audit_record *r);

/* Findings-per-rule over the run. */
typedef struct audit_rule {
  const char *id;
  rl_severity severity; /* the worst seen */
  size_t reports;       /* reports with at least one finding */
} audit_rule;

typedef struct audit_totals {
  size_t reports, checked, unreadable, passed, failed;
  size_t on_time, late, unknown_time;
  size_t missing_any;   /* checked reports missing a required part */
  size_t *missing;      /* per audit part: reports missing it */
  size_t rule_failures; /* reports where a rule failed at run time */
} audit_totals;

/* A readable report with an issuer and a year, for the pairing across
 * years (audit_pairs.c): its key in memory, the rest (path, body, key
 * figures) in a temporary file, so that memory stays flat however many
 * reports an audit has. */
typedef struct audit_entry {
  uint64_t key;   /* hash of the body (the issuer normalised) */
  long off;       /* its record in audit.spool */
  int year, index;
} audit_entry;

/* Two reports of one body in consecutive years, and the cross-year
 * findings of the later checked against the earlier. */
typedef struct audit_pair {
  char *body, *last, *this; /* as shown */
  int last_year, year;
  char **lines;             /* findings: "规则编号 位置：消息" */
  rl_severity *sev;
  size_t nlines;
  int failed;               /* a report could not be read or checked again */
} audit_pair;

/* A report left unpaired, and why. */
typedef struct audit_single {
  char *file, *body;
  int year, index;
  const char *why;          /* static text */
} audit_single;

/* One body's key figures over its years (bodies with two years or more). */
typedef struct audit_body {
  char *name;
  int nyears;
  int *years;               /* ascending */
  audit_figure *figures;    /* [year][metric] (text NULL) */
} audit_body;

typedef struct audit {
  rl_ctx *ctx;             /* the run's: workers add their hit counts */
  int set_lo, set_hi;      /* the rule sets whose columns it has: the
                              forced one, else all */
  const char *report_type; /* the forced or default set's, for titles */
  int fail_on; /* rl_severity, or AUDIT_FAIL_NONE */
  audit_part *parts;
  int nparts;
  audit_metric *metrics;
  int nmetrics;
  audit_rule *rules; /* in order of first appearance; see
                        audit_rules_sorted */
  size_t nrules, caprules;
  audit_totals totals;
  FILE *spool;             /* the entries' records; NULL until one */
  audit_entry *entries;
  size_t nentries, capentries;
  audit_pair *pairs;       /* after audit_pairs_run */
  size_t npairs, cappairs;
  audit_single *singles;   /* unpaired reports of bodies with several
                              (the first AUDIT_SINGLES_SHOWN, by input) */
  size_t nsingles, capsingles, unpaired;
  size_t lonely;           /* reports whose body has no other report */
  audit_body *bodies;
  size_t nbodies, capbodies;
} audit;

enum { AUDIT_SINGLES_SHOWN = 200 };

/* Columns from the rule sets loaded into ctx (which must outlive a; read
 * them whole first: rl_ctx_load_all): the
 * one set --ruleset names, else every set. */
void audit_init(audit *a, rl_ctx *ctx, int fail_on);
void audit_release(audit *a);
/* Folds one record into the totals and per-rule counts. */
void audit_add(audit *a, const audit_record *r);
/* The rules, worst first: most reports, then severity, then id. Returns
 * a newly allocated array of a->nrules pointers into a->rules (free()). */
const audit_rule **audit_rules_sorted(const audit *a);

/* How the reports of an audit are found and checked (run.h), and the
 * per-report HTML the writer wants in each record (audit_html: its report
 * section; NULL: none). */
typedef struct audit_params {
  run_params run;
  int (*section)(strbuf *out, const rl_report *r, int index);
} audit_params;

/* The summarise step of the run: one checked input (on the worker that
 * checked it, with its context) as a new record; an unreadable input is a
 * record too. Free it with audit_record_free. */
audit_record *audit_summarise(const audit *a, rl_ctx *ctx,
                              const audit_params *p, const run_item *it);
/* One input read, checked and summarised on the calling thread. */
audit_record *audit_check(const audit *a, rl_ctx *ctx, const audit_params *p,
                          const run_input *in);

/* Called on the thread that runs audit_run, in input order, after the
 * record was folded into a. A nonzero return stops the run. */
typedef int (*audit_sink)(void *arg, const audit *a, const audit_record *r);
/* Called on the same thread as records finish (done of total), at least
 * every few tenths of a second while workers are busy. May be NULL. */
typedef void (*audit_progress)(void *arg, size_t done, size_t total);

/* Checks the reports of paths[0..n) (run_paths: walked, files passed over
 * counted in *skips if not NULL) on p->run.jobs threads. Returns 0, or the
 * sink's nonzero value when it stopped the run. */
int audit_run(audit *a, const char *const *paths, size_t n,
              const audit_params *p, audit_sink sink,
              audit_progress progress, void *arg, walk_skipped *skips);

/* Pairs the audit's reports by body (the issuer normalised) and
 * consecutive years: a body with two reports of one year is not paired in
 * that year (which is which is not guessed). Checks each pair's later
 * report against the earlier with the cross-year rules (p's settings, on
 * the calling thread, one pair in memory at a time) into a->pairs; the
 * rest into a->singles; each body's key figures by year into a->bodies.
 * Call after audit_run, before the writers' last pieces. */
void audit_pairs_run(audit *a, const audit_params *p);
/* "临江区人民政府办公室" → "临江区人民政府": the issuer as a pairing key
 * (full-width letters and digits folded, blanks dropped, an 办公室 after
 * 人民政府 dropped, 管理委员会 read as 管委会). Returns a newly allocated
 * string. */
char *audit_body_key(const char *issuer);
/* Keeps a checked record's body, year, path and key figures for the
 * pairing (audit_add calls it); frees what the pairing made. */
void audit_pairs_add(audit *a, const audit_record *r);
void audit_pairs_release(audit *a);

/* --- writers: one file per format (out_audit_*.c) ----------------------- */

typedef struct audit_out_opts {
  int bom; /* csv: start with a UTF-8 byte order mark */
} audit_out_opts;

/* Each call appends to out, which the caller writes out before the next
 * call. row may also append to spool: text that belongs after the last
 * row (a second per-report table); the caller keeps it (in a temporary
 * file, so memory stays flat) and writes it after spool_head. */
typedef struct audit_writer {
  const char *name;
  /* Each report's own HTML, kept in its record for the writer (the
   * report's page section), or NULL. */
  int (*section)(strbuf *out, const rl_report *r, int index);
  void (*head)(const audit *a, const audit_out_opts *o, strbuf *out);
  void (*row)(const audit *a, const audit_record *r, strbuf *out,
              strbuf *spool);
  void (*spool_head)(const audit *a, strbuf *out); /* NULL: no spool */
  void (*tail)(const audit *a, strbuf *out);
} audit_writer;

extern const audit_writer audit_markdown, audit_csv, audit_json, audit_html;

/* The writer for --format NAME, or NULL. */
const audit_writer *audit_writer_find(const char *name);
/* "markdown, csv, json, html" for messages. */
const char *audit_writer_names(void);

/* --- helpers the writers share (audit.c) ------------------------------- */

/* The totals rows, in order, as (label, count): reports, passed, failed,
 * unreadable, on time, late, unknown, missing a part, rule failures, and
 * one per part (缺“…” missing KEY). */
void audit_each_total(const audit *a,
                      void (*fn)(void *arg, const char *label, size_t n),
                      void *arg);
const char *audit_time_word(audit_time t); /* 按时 逾期 不明 */
const char *audit_part_word(int found);    /* 有 无标题 缺, "" if -1 */
const char *
audit_verdict_word(const audit_record *r); /* 通过 不通过 无法读取 */
/* A figure as a plain number: "100", "98.8", "41000". buf of >= 32. */
const char *audit_number(double v, char *buf, size_t cap);
/* "83.3%" of part over whole ("" if whole is 0). */
const char *audit_share(size_t part, size_t whole, char *buf, size_t cap);
/* For each key metric body b states in some year: fn with out, b, the
 * metric's heading (audit_metric_heading) and its figure in each of b's
 * years (b->nyears of them). */
void audit_each_year_row(const audit *a, const audit_body *b, strbuf *out,
                         void (*fn)(strbuf *out, const audit_body *b,
                                    const char *label,
                                    const audit_figure *per_year));
/* The number of key metrics body b states in some year (the rows
 * audit_each_year_row gives). */
int audit_year_rows(const audit *a, const audit_body *b);
/* "行政复议案件数（件）" or the label alone. */
void audit_metric_heading(const audit_metric *m, strbuf *out);
/* One RFC 4180 field, preceded by a comma unless first: always quoted,
 * '"' doubled, and text a spreadsheet would take for a formula (= + - @
 * tab CR first, and more than that one character) prefixed with an
 * apostrophe (out_audit_csv.c). */
void audit_csv_field(strbuf *out, const char *s, int first);

#endif
