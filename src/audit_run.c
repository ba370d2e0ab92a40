/* audit_run: the audit's thread pool and its reorder window.
 *
 * Workers take the next report index from a shared counter, check that
 * report with their own context (rl_ctx_clone: PCRE2 match data and hit
 * counters are per thread) and leave the small record in a ring of
 * `window` slots. The calling thread hands the records to the sink in
 * input order as soon as the next one is there. A worker may not run more
 * than `window` reports ahead of the sink, so at most window records and
 * one report per worker are in memory however many reports there are, and
 * the output does not depend on the number of threads. */
#include "audit.h"

#include "alloc.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { WINDOW_PER_JOB = 4, WINDOW_MIN = 8, PROGRESS_MS = 200 };

typedef struct pool {
  pthread_mutex_t mu;
  pthread_cond_t ready; /* a record was left in its slot */
  pthread_cond_t room;  /* the sink took a record, or the run stops */
  const audit *a;
  const audit_params *p;
  const audit_input *in;
  size_t n;
  audit_record **slots; /* ring: index i is in slots[i % window] */
  size_t window;
  size_t next_take; /* the next index a worker checks */
  size_t next_emit; /* the next index the sink gets */
  size_t done;      /* records finished */
  int stop;
} pool;

/* The next index to check, or n when there is none left (or the run
 * stops). Waits while the window is full. */
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
  rl_ctx *ctx = rl_ctx_clone(pl->a->ctx);
  for (size_t i = take(pl); i < pl->n; i = take(pl)) {
    audit_record *rec = audit_check(pl->a, ctx, pl->p, &pl->in[i]);
    pthread_mutex_lock(&pl->mu);
    pl->slots[i % pl->window] = rec;
    pl->done++;
    pthread_cond_signal(&pl->ready);
    pthread_mutex_unlock(&pl->mu);
  }
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

/* The record at next_emit, waiting for it; reports progress meanwhile.
 * Called and returns with the lock held. */
static audit_record *next_record(pool *pl, audit_progress progress, void *arg) {
  audit_record **slot = &pl->slots[pl->next_emit % pl->window];
  while (!*slot) {
    struct timespec t = deadline_in(PROGRESS_MS);
    int rc = pthread_cond_timedwait(&pl->ready, &pl->mu, &t);
    if (rc == ETIMEDOUT && progress) {
      size_t done = pl->done;
      pthread_mutex_unlock(&pl->mu);
      progress(arg, done, pl->n);
      pthread_mutex_lock(&pl->mu);
    }
  }
  audit_record *rec = *slot;
  *slot = NULL;
  pl->next_emit++;
  pthread_cond_broadcast(&pl->room);
  return rec;
}

/* The calling thread's part: records to the sink in input order. */
static int drain(pool *pl, audit *a, audit_sink sink, audit_progress progress,
                 void *arg) {
  int rc = 0;
  pthread_mutex_lock(&pl->mu);
  while (rc == 0 && pl->next_emit < pl->n) {
    audit_record *rec = next_record(pl, progress, arg);
    size_t done = pl->done;
    pthread_mutex_unlock(&pl->mu);
    audit_add(a, rec);
    rc = sink(arg, a, rec);
    audit_record_free(rec);
    if (progress)
      progress(arg, done, pl->n);
    pthread_mutex_lock(&pl->mu);
  }
  pl->stop = 1;
  pthread_cond_broadcast(&pl->room);
  pthread_mutex_unlock(&pl->mu);
  return rc;
}

/* No thread could be started: the same, one report after the other. */
static int run_here(audit *a, const audit_input *in, size_t n,
                    const audit_params *p, audit_sink sink,
                    audit_progress progress, void *arg) {
  rl_ctx *ctx = rl_ctx_clone(a->ctx);
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    audit_record *rec = audit_check(a, ctx, p, &in[i]);
    audit_add(a, rec);
    rc = sink(arg, a, rec);
    audit_record_free(rec);
    if (progress)
      progress(arg, i + 1, n);
  }
  rl_ctx_free(ctx);
  return rc;
}

int audit_run(audit *a, const audit_input *in, size_t n, const audit_params *p,
              audit_sink sink, audit_progress progress, void *arg) {
  int jobs = p->jobs < 1 ? 1 : p->jobs;
  if ((size_t)jobs > n)
    jobs = n ? (int)n : 1;
  pool pl = {.a = a, .p = p, .in = in, .n = n};
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
  int rc = started ? drain(&pl, a, sink, progress, arg)
                   : run_here(a, in, n, p, sink, progress, arg);
  for (int i = 0; i < started; i++)
    pthread_join(tids[i], NULL);
  for (size_t i = 0; i < pl.window; i++)
    audit_record_free(pl.slots[i]);
  free(tids);
  free(pl.slots);
  pthread_cond_destroy(&pl.room);
  pthread_cond_destroy(&pl.ready);
  pthread_mutex_destroy(&pl.mu);
  return rc;
}
