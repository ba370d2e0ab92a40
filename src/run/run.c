/* run: see run.h. */
#include "run.h"

#include "alloc.h"
#include "pool.h"
#include "settings.h"

#include <stdlib.h>
#include <string.h>

run_item *run_check_one(rl_ctx *ctx, const run_input *in,
                        const run_params *p, const run_sink *s) {
  run_item *it = xcalloc(1, sizeof *it);
  it->in = in;
  diag_clear(&it->error);
  diag_clear(&it->rule_error);
  if (in->error)
    it->error = *in->error;
  else
    it->report = rl_report_read(ctx, in->path, &it->error);
  if (!it->report) {
    if (s->summarise)
      s->summarise(s->arg, ctx, it);
    return it;
  }
  settings st;
  int bad = settings_for(p->cfg, in->path, p->toggles, p->ntoggles,
                         p->department, &st, &it->rule_error) < 0;
  st.opts.previous = p->previous;
  if (bad ||
      rl_report_check_opts(ctx, it->report, &st.opts, &it->rule_error) < 0)
    it->rule_failed = 1;
  if (s->summarise)
    s->summarise(s->arg, ctx, it);
  settings_release(&st);
  return it;
}

void run_item_free(run_item *item) {
  if (!item)
    return;
  rl_report_free(item->report);
  free(item);
}

/* The run as the pool and the walk see it. */
typedef struct run_state {
  rl_ctx *ctx;
  const run_params *p;
  const run_sink *s;
  run_input *in; /* listed inputs (the pool), in order */
  size_t n, cap;
  int stopped;   /* take returned nonzero: the walk checks no more */
  int rc;
} run_state;

static int take_item(run_state *st, run_item *it) {
  int rc = st->s->take(st->s->arg, it);
  run_item_free(it);
  return rc;
}

/* --- one job: as the walk finds them ------------------------------------ */

static void check_now(run_state *st, const run_input *in) {
  if (st->stopped)
    return;
  st->rc = take_item(st, run_check_one(st->ctx, in, st->p, st->s));
  st->stopped = st->rc != 0;
}

static void found_now(void *arg, const char *path) {
  run_input in = {path, NULL, 0};
  check_now(arg, &in);
}

static void unopened_now(void *arg, const rl_diag *d) {
  run_input in = {d->file, d, 0};
  check_now(arg, &in);
}

/* --- several jobs: listed, then the pool -------------------------------- */

static void found_listed(void *arg, const char *path) {
  run_state *st = arg;
  int index = (int)st->n + 1;
  *ARRAY_PUSH(st->in, st->n, st->cap) = (run_input){xstrdup(path), NULL,
                                                    index};
}

static void unopened_listed(void *arg, const rl_diag *d) {
  run_state *st = arg;
  rl_diag *copy = xmalloc(sizeof *copy);
  *copy = *d;
  int index = (int)st->n + 1;
  *ARRAY_PUSH(st->in, st->n, st->cap) = (run_input){xstrdup(d->file), copy,
                                                    index};
}

static void *work(void *arg, rl_ctx *ctx, size_t i) {
  run_state *st = arg;
  return run_check_one(ctx, &st->in[i], st->p, st->s);
}

static int sink(void *arg, void *result, size_t i) {
  (void)i;
  return take_item(arg, result);
}

static void discard(void *arg, void *result) {
  run_state *st = arg;
  run_item *it = result;
  if (st->s->drop)
    st->s->drop(st->s->arg, it);
  run_item_free(it);
}

/* A worker's rule hit counts, back into the run's context (--stats). */
static void merge_hits(void *arg, const rl_ctx *clone) {
  run_state *st = arg;
  rl_ctx_add_hits(st->ctx, clone);
}

static void progress(void *arg, size_t done, size_t total) {
  run_state *st = arg;
  st->s->progress(st->s->arg, done, total);
}

static void inputs_release(run_state *st) {
  for (size_t i = 0; i < st->n; i++) {
    free((char *)st->in[i].path);
    free((rl_diag *)st->in[i].error);
  }
  free(st->in);
}

int run_paths(rl_ctx *ctx, const char *const *paths, size_t n,
              const run_params *p, const run_sink *s, walk_skipped *skips) {
  run_state st = {.ctx = ctx, .p = p, .s = s};
  int listed = p->jobs > 1 || s->progress;
  walker w = {p->cfg, listed ? found_listed : found_now,
              listed ? unopened_listed : unopened_now, &st, skips,
              p->force_exclude};
  for (size_t i = 0; i < n; i++)
    walk_path(&w, paths[i]);
  if (!listed)
    return st.rc;
  pool_ops ops = {.work = work, .sink = sink, .discard = discard,
                  .merge = merge_hits,
                  .progress = s->progress ? progress : NULL};
  int rc = pool_run(ctx, st.n, p->jobs < 1 ? 1 : p->jobs, &ops, &st);
  inputs_release(&st);
  return rc;
}
