/* pool: see pool.h. One mutex guards the counters and the ring; workers
 * wait on `room` when they are a window ahead, the calling thread on
 * `ready` for the next result in order. */
#include "pool.h"

#include "alloc.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

enum { WINDOW_PER_JOB = 4, WINDOW_MIN = 8, PROGRESS_MS = 200 };

typedef struct pool {
  pthread_mutex_t mu;
  pthread_cond_t ready; /* a result was left in its slot */
  pthread_cond_t room;  /* the sink took a result, or the run stops */
  const rl_ctx *ctx;
  const pool_ops *ops;
  void *arg;
  size_t n;
  void **slots;     /* ring: job i is in slots[i % window] */
  size_t window;
  size_t next_take; /* the next job a worker runs */
  size_t next_emit; /* the next job the sink gets */
  size_t done;      /* jobs finished */
  int stop;
} pool;

/* The next job, or n when there is none left (or the run stops). Waits
 * while the window is full. */
static size_t take(pool *pl) {
  pthread_mutex_lock(&pl->mu);
  while (!pl->stop && pl->next_take < pl->n &&
         pl->next_take >= pl->next_emit + pl->window)
    pthread_cond_wait(&pl->room, &pl->mu);
  size_t i = pl->stop ? pl->n : pl->next_take;
  if (i < pl->n)
    pl->next_take++;
  pthread_mutex_unlock(&pl->mu);
  return i;
}

static void *worker(void *arg) {
  pool *pl = arg;
  rl_ctx *ctx = rl_ctx_clone(pl->ctx);
  for (size_t i = take(pl); i < pl->n; i = take(pl)) {
    void *result = pl->ops->work(pl->arg, ctx, i);
    pthread_mutex_lock(&pl->mu);
    pl->slots[i % pl->window] = result;
    pl->done++;
    pthread_cond_signal(&pl->ready);
    pthread_mutex_unlock(&pl->mu);
  }
  pthread_mutex_lock(&pl->mu);
  if (pl->ops->merge)
    pl->ops->merge(pl->arg, ctx);
  pthread_mutex_unlock(&pl->mu);
  rl_ctx_free(ctx);
  return NULL;
}

static struct timespec deadline_in(long ms) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  t.tv_nsec += (ms % 1000) * 1000000L;
  t.tv_sec += ms / 1000 + t.tv_nsec / 1000000000L;
  t.tv_nsec %= 1000000000L;
  return t;
}

/* The result of job next_emit, waiting for it; reports progress
 * meanwhile. Called and returns with the lock held. */
static void *next_result(pool *pl) {
  void **slot = &pl->slots[pl->next_emit % pl->window];
  while (!*slot) {
    struct timespec t = deadline_in(PROGRESS_MS);
    int rc = pthread_cond_timedwait(&pl->ready, &pl->mu, &t);
    if (rc == ETIMEDOUT && pl->ops->progress) {
      size_t done = pl->done;
      pthread_mutex_unlock(&pl->mu);
      pl->ops->progress(pl->arg, done, pl->n);
      pthread_mutex_lock(&pl->mu);
    }
  }
  void *result = *slot;
  *slot = NULL;
  pl->next_emit++;
  pthread_cond_broadcast(&pl->room);
  return result;
}

/* The calling thread's part: results to the sink in job order. */
static int drain(pool *pl) {
  int rc = 0;
  pthread_mutex_lock(&pl->mu);
  while (rc == 0 && pl->next_emit < pl->n) {
    size_t i = pl->next_emit;
    void *result = next_result(pl);
    size_t done = pl->done;
    pthread_mutex_unlock(&pl->mu);
    rc = pl->ops->sink(pl->arg, result, i);
    if (pl->ops->progress)
      pl->ops->progress(pl->arg, done, pl->n);
    pthread_mutex_lock(&pl->mu);
  }
  pl->stop = 1;
  pthread_cond_broadcast(&pl->room);
  pthread_mutex_unlock(&pl->mu);
  return rc;
}

/* One job after the other on the calling thread. */
static int run_here(const rl_ctx *base, size_t n, const pool_ops *ops,
                    void *arg) {
  rl_ctx *ctx = rl_ctx_clone(base);
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    rc = ops->sink(arg, ops->work(arg, ctx, i), i);
    if (ops->progress)
      ops->progress(arg, i + 1, n);
  }
  if (ops->merge)
    ops->merge(arg, ctx);
  rl_ctx_free(ctx);
  return rc;
}

int pool_run(const rl_ctx *ctx, size_t n, int jobs, const pool_ops *ops,
             void *arg) {
  if ((size_t)jobs > n)
    jobs = (int)n;
  if (jobs <= 1)
    return run_here(ctx, n, ops, arg);
  pool pl = {.ctx = ctx, .ops = ops, .arg = arg, .n = n};
  pl.window = (size_t)jobs * WINDOW_PER_JOB;
  if (pl.window < WINDOW_MIN)
    pl.window = WINDOW_MIN;
  pl.slots = xcalloc(pl.window, sizeof *pl.slots);
  pthread_mutex_init(&pl.mu, NULL);
  pthread_cond_init(&pl.ready, NULL);
  pthread_cond_init(&pl.room, NULL);
  pthread_t *tids = xcalloc((size_t)jobs, sizeof *tids);
  int started = 0;
  while (started < jobs &&
         pthread_create(&tids[started], NULL, worker, &pl) == 0)
    started++;
  int rc = started ? drain(&pl) : run_here(ctx, n, ops, arg);
  for (int i = 0; i < started; i++)
    pthread_join(tids[i], NULL);
  for (size_t i = 0; i < pl.window; i++)
    if (pl.slots[i])
      ops->discard(arg, pl.slots[i]);
  free(tids);
  free(pl.slots);
  pthread_cond_destroy(&pl.room);
  pthread_cond_destroy(&pl.ready);
  pthread_mutex_destroy(&pl.mu);
  return rc;
}
