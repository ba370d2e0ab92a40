/* pool: n numbered jobs on worker threads, results handed back in order.
 *
 * Workers take the next job number from a shared counter and run it with
 * their own context (rl_ctx_clone: the compiled rules are shared, the
 * PCRE2 match data and hit counters are not). Each result waits in a ring
 * of `window` slots until the calling thread hands it to the sink, in job
 * order. A worker never runs more than `window` jobs ahead of the sink, so
 * memory holds a few results and one job per worker whatever n is, and
 * what the sink sees does not depend on the number of threads. Used by
 * `audit` and `check -j`. */
#ifndef RL_POOL_H
#define RL_POOL_H

#include "reportlint.h"

#include <stddef.h>

typedef struct pool_ops {
  /* Runs job i on a worker with ctx (the worker's clone). Returns a
   * non-NULL result, which the sink or discard then owns. */
  void *(*work)(void *arg, rl_ctx *ctx, size_t i);
  /* On the calling thread, in job order; takes the result. A nonzero
   * return stops the run. */
  int (*sink)(void *arg, void *result, size_t i);
  /* Frees a result the sink never got (the run stopped). */
  void (*discard)(void *arg, void *result);
  /* On a worker as it ends, under the pool's lock, with its clone (to
   * fold counters back into the caller's context). May be NULL. */
  void (*merge)(void *arg, const rl_ctx *clone);
  /* On the calling thread: done of total, as results come and at least
   * every few tenths of a second while workers are busy. May be NULL. */
  void (*progress)(void *arg, size_t done, size_t total);
} pool_ops;

/* Runs jobs 0..n-1 on `jobs` threads (the calling thread alone when jobs
 * is 1 or no thread can be started), each with a clone of ctx. Returns 0,
 * or the sink's nonzero value when it stopped the run. */
int pool_run(const rl_ctx *ctx, size_t n, int jobs, const pool_ops *ops,
             void *arg);

#endif
