/* run: input paths → checked reports, in input order, on N workers.
 *
 * Consumes the paths of a run (files, '-', directories: walk.h), a
 * context with its rule sets, and what applies per report (the
 * configuration, --enable/--disable, --department). Each input is read
 * and checked on a worker (read → per-report settings → check); the
 * caller's summarise step may then turn the report into something smaller
 * on that worker, and its take step receives every input in input order
 * on the calling thread. With one job and no progress callback the inputs
 * are checked as the walk finds them, so memory holds one report however
 * many there are; otherwise the walk lists them first and the pool
 * (pool.c) checks them, a window ahead of the take step. The output does
 * not depend on the number of jobs. Nothing is printed: `check`, `audit`
 * and anything else that checks reports share this loop. */
#ifndef RL_RUN_H
#define RL_RUN_H

#include "config.h"
#include "reportlint.h"
#include "walk.h"

#include <stddef.h>

/* One input: a report path, or something the walk already knows it
 * cannot read (a directory that does not open), with its diagnostic. */
typedef struct run_input {
  const char *path;
  const rl_diag *error; /* NULL: read path */
  int index;            /* 1-based place in the run */
} run_input;

/* One input as checked. */
typedef struct run_item {
  const run_input *in;
  rl_report *report;  /* NULL: unreadable, see error */
  rl_diag error;
  int rule_failed;    /* a rule failed at run time: rule_error (the
                         other rules' findings are in report) */
  rl_diag rule_error;
  void *summary;      /* set by the summarise step, or NULL */
} run_item;

/* What each report is checked with, besides the context's switches. */
typedef struct run_params {
  const config *cfg;          /* per-report settings and ignore:, or NULL */
  const char *const *toggles; /* "+id" / "-id", --enable / --disable */
  size_t ntoggles;
  int department;             /* --department */
  int jobs;                   /* worker threads; < 1 counts as 1 */
  int force_exclude;          /* ignore: applies to named files too */
  const rl_report *previous;  /* last year's report, checked: the
                                 cross-year rules compare with it */
} run_params;

/* The caller's steps. Every member but take may be NULL. */
typedef struct run_sink {
  /* On the worker after the check, while the report's settings (its
   * waivers) are alive: may set item->summary, and may free item->report
   * (rl_report_free) and set it to NULL. */
  void (*summarise)(void *arg, rl_ctx *ctx, run_item *item);
  /* On the calling thread, in input order. It owns item->summary; it may
   * keep item->report by setting it to NULL, else the run frees it. A
   * nonzero return stops the run. */
  int (*take)(void *arg, run_item *item);
  /* Frees the summary of an item the take step never got (the run
   * stopped). */
  void (*drop)(void *arg, run_item *item);
  /* On the calling thread: done of total, as reports finish (the walk
   * then lists the inputs first, to know the total). */
  void (*progress)(void *arg, size_t done, size_t total);
  void *arg;
} run_sink;

/* Checks the report files of paths[0..n) (walked as walk.h says, files
 * passed over counted in *skips if not NULL). With more than one job,
 * every rule set of ctx must be loaded (rl_ctx_load_all); the workers'
 * rule hit counts are added back into ctx. Returns 0, or take's nonzero
 * value when it stopped the run. */
int run_paths(rl_ctx *ctx, const char *const *paths, size_t n,
              const run_params *p, const run_sink *s, walk_skipped *skips);

/* One input on the calling thread with ctx: read, check, summarise.
 * Returns a new item for the take step; free it with run_item_free. */
run_item *run_check_one(rl_ctx *ctx, const run_input *in,
                        const run_params *p, const run_sink *s);
/* Frees item and its report (not its summary). */
void run_item_free(run_item *item);

#endif
