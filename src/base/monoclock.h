/* monoclock: seconds on the monotonic clock, for time budgets (regex
 * matching, PDF extraction), request durations (serve) and progress lines
 * (audit). Only differences between two readings mean anything. */
#ifndef RL_MONOCLOCK_H
#define RL_MONOCLOCK_H

#include <time.h>

static inline double monoclock_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

#endif
