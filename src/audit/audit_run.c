/* audit_run: the audit over the run of its inputs (run.c).
 *
 * Each input is read, checked and summarised into a small record on a
 * worker (the report freed there); the calling thread folds the records
 * into the totals and hands them to the sink in input order, so at most a
 * window of records and one report per worker are in memory however many
 * reports there are, and the output does not depend on the number of
 * threads. */
#include "audit.h"

typedef struct audit_job {
  audit *a;
  const audit_params *p;
  audit_sink sink;
  audit_progress progress;
  void *arg;
} audit_job;

static void summarise_item(void *arg, rl_ctx *ctx, run_item *it) {
  audit_job *j = arg;
  it->summary = audit_summarise(j->a, ctx, j->p, it);
  rl_report_free(it->report);
  it->report = NULL;
}

static int take_record(void *arg, run_item *it) {
  audit_job *j = arg;
  audit_record *rec = it->summary;
  audit_add(j->a, rec);
  int rc = j->sink(j->arg, j->a, rec);
  audit_record_free(rec);
  return rc;
}

static void drop_record(void *arg, run_item *it) {
  (void)arg;
  audit_record_free(it->summary);
}

static void report_progress(void *arg, size_t done, size_t total) {
  audit_job *j = arg;
  if (j->progress)
    j->progress(j->arg, done, total);
}

audit_record *audit_check(const audit *a, rl_ctx *ctx, const audit_params *p,
                          const run_input *in) {
  audit_job j = {(audit *)a, p, NULL, NULL, NULL};
  run_sink s = {.summarise = summarise_item, .arg = &j};
  run_item *it = run_check_one(ctx, in, &p->run, &s);
  audit_record *rec = it->summary;
  run_item_free(it);
  return rec;
}

int audit_run(audit *a, const char *const *paths, size_t n,
              const audit_params *p, audit_sink sink,
              audit_progress progress, void *arg, walk_skipped *skips) {
  audit_job j = {a, p, sink, progress, arg};
  /* always listed first (a progress step): the count is the summary's */
  run_sink s = {.summarise = summarise_item, .take = take_record,
                .drop = drop_record, .progress = report_progress, .arg = &j};
  return run_paths(a->ctx, paths, n, &p->run, &s, skips);
}
