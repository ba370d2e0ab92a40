/* audit_run: the audit over the ordered worker pool (pool.c).
 *
 * Each job reads, checks and summarises one report into a small record on
 * a worker; the calling thread folds the records into the totals and
 * hands them to the sink in input order, so at most a window of records
 * and one report per worker are in memory however many reports there
 * are, and the output does not depend on the number of threads. */
#include "audit.h"

#include "pool.h"

typedef struct audit_job {
  audit *a;
  const audit_params *p;
  const audit_input *in;
  audit_sink sink;
  audit_progress progress;
  void *arg;
} audit_job;

static void *check_one(void *arg, rl_ctx *ctx, size_t i) {
  audit_job *j = arg;
  return audit_check(j->a, ctx, j->p, &j->in[i]);
}

static int take_record(void *arg, void *result, size_t i) {
  (void)i;
  audit_job *j = arg;
  audit_record *rec = result;
  audit_add(j->a, rec);
  int rc = j->sink(j->arg, j->a, rec);
  audit_record_free(rec);
  return rc;
}

static void drop_record(void *arg, void *result) {
  (void)arg;
  audit_record_free(result);
}

static void report_progress(void *arg, size_t done, size_t total) {
  audit_job *j = arg;
  j->progress(j->arg, done, total);
}

int audit_run(audit *a, const audit_input *in, size_t n, const audit_params *p,
              audit_sink sink, audit_progress progress, void *arg) {
  audit_job j = {a, p, in, sink, progress, arg};
  pool_ops ops = {.work = check_one, .sink = take_record,
                  .discard = drop_record,
                  .progress = progress ? report_progress : NULL};
  return pool_run(a->ctx, n, p->jobs < 1 ? 1 : p->jobs, &ops, &j);
}
